import { defaultValue } from "@lgtm-gitops/charts";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempoDefaults, tutorialFile } from "./fixtures.test-util.js";
import { tempoServerConfigSchema } from "./tempo-server-config.js";
import { checkVerbatimTempoConfig } from "./verbatim-check.js";

describe("checkVerbatimTempoConfig on real inputs", () => {
  it("accepts Tempo 2.9's own full manifest", () => {
    const manifest = tempoDefaults("2.9.0");
    expect(checkVerbatimTempoConfig(manifest, "structuredConfig", [])).toEqual([]);
    expect(tempoServerConfigSchema.safeParse(manifest).success).toBe(true);
  });

  it("rejects Tempo 3.0 keys that 2.9 does not know", () => {
    const v3 = tempoDefaults("3.0.3");
    const d = checkVerbatimTempoConfig(v3, "structuredConfig", ["tempo", "structuredConfig"]);
    // Keys new in 3.0 (a top-level block and nested fields), each reported as the crash it is on a 2.9 image.
    const paths = d.map((x) => formatPath(x.path));
    expect(paths).toContain("tempo.structuredConfig.memory");
    expect(paths).toContain("tempo.structuredConfig.query_frontend.max_grpc_streaming_packet_size");
    expect(d.find((x) => formatPath(x.path) === "tempo.structuredConfig.memory")).toMatchObject({
      ruleId: "tempo/unknown-config-key",
      severity: "error",
      message: expect.stringContaining('"field memory not found in type app.Config"'),
    });
    expect(tempoServerConfigSchema.safeParse(v3).success).toBe(false);
  });

  it("accepts the chart's default overrides and metricsGenerator.config", () => {
    const chart = "tempo-distributed@1.61.3";
    expect(checkVerbatimTempoConfig(defaultValue(chart, ["overrides"]), "overrides", ["overrides"])).toEqual([]);
    const mg = defaultValue(chart, ["metricsGenerator", "config"]);
    expect(checkVerbatimTempoConfig(mg, "metricsGenerator.config", ["metricsGenerator", "config"])).toEqual([]);
  });

  it("flags the tutorial's Tempo settings as crashes if pasted into structuredConfig", () => {
    const tutorial = parse(tutorialFile("lgtm-values.yaml")) as { tempo: { tempo: unknown } };
    const d = checkVerbatimTempoConfig(tutorial.tempo.tempo, "structuredConfig", [
      "tempo",
      "tempo",
      "structuredConfig",
    ]);
    const byPath = Object.fromEntries(d.map((x) => [formatPath(x.path), x]));
    for (const key of ["ingestion", "retention_period"]) {
      expect(byPath[`tempo.tempo.structuredConfig.${key}`]?.ruleId).toBe("tempo/unknown-config-key");
    }
    expect(byPath["tempo.tempo.structuredConfig.retention_period"]?.fix).toMatch(
      /compactor\.compaction\.block_retention/,
    );
    expect(byPath["tempo.tempo.structuredConfig.storage.filesystem"]?.message).toContain(
      "field filesystem not found in type storage.Config",
    );
    expect(byPath["tempo.tempo.structuredConfig.compactor.compaction_window"]?.fix).toBe(
      "did you mean compaction.compaction_window?",
    );
    expect(byPath["tempo.tempo.structuredConfig.query_frontend.max_query_length"]?.fix).toMatch(/max_duration/);
  });
});

describe("checkVerbatimTempoConfig: duration types from Tempo's Go structs", () => {
  // compactor.compaction.block_retention is time.Duration (tempodb/compactor.go@v2.9.0 CompactorConfig.BlockRetention);
  // the per-tenant limits are model.Duration (modules/overrides/config.go@v2.9.0 CompactionOverrides.BlockRetention,
  // ReadOverrides.MaxSearchDuration), so `14d`/`30d` are valid there (schemas/tempo-config.gen.json).
  it("rejects 14d for the compactor's time.Duration with the fix 336h", () => {
    const d = checkVerbatimTempoConfig({ compactor: { compaction: { block_retention: "14d" } } }, "structuredConfig", [
      "tempo",
      "structuredConfig",
    ]);
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: "tempo/invalid-config-value",
        severity: "error",
        path: ["tempo", "structuredConfig", "compactor", "compaction", "block_retention"],
        fix: "write 336h",
      }),
    ]);
  });

  it("accepts 14d and 30d for the per-tenant model.Duration limits", () => {
    const block = { compaction: { block_retention: "14d" }, read: { max_search_duration: "30d" } };
    expect(checkVerbatimTempoConfig({ defaults: block }, "overrides", ["tempo", "overrides"])).toEqual([]);
    const perTenant = checkVerbatimTempoConfig({ "tenant-a": block }, "per_tenant_overrides", ["x"]);
    expect(perTenant.filter((x) => x.ruleId === "tempo/invalid-config-value")).toEqual([]);
    expect(
      checkVerbatimTempoConfig({ block_retention: "14d", max_search_duration: "30d" }, "overrides", ["o"]).filter(
        (x) => x.severity === "error",
      ),
    ).toEqual([]);
  });

  it("still rejects a malformed model duration", () => {
    const d = checkVerbatimTempoConfig({ defaults: { compaction: { block_retention: "14 days" } } }, "overrides", [
      "o",
    ]);
    expect(d.map((x) => x.ruleId)).toEqual(["tempo/invalid-config-value"]);
  });
});

describe("checkVerbatimTempoConfig: overrides formats", () => {
  it("reports legacy flat overrides with Tempo's deprecation text and the new paths", () => {
    const d = checkVerbatimTempoConfig(
      { ingestion_rate_limit_bytes: 1, metrics_generator_processors: ["service-graphs"] },
      "overrides",
      ["tempo", "overrides"],
    );
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: "tempo/legacy-overrides",
        severity: "warning",
        path: ["tempo", "overrides"],
        message: expect.stringContaining("Inline, unscoped overrides are deprecated"),
        fix: expect.stringContaining("metrics_generator_processors → defaults.metrics_generator.processors"),
      }),
    ]);
  });

  it("errors on mixed formats, including legacy keys inside defaults (helm-charts#3514)", () => {
    const top = checkVerbatimTempoConfig({ defaults: {}, max_traces_per_user: 5 }, "overrides", ["overrides"]);
    expect(top.map((x) => [x.ruleId, x.severity])).toEqual([["tempo/mixed-override-formats", "error"]]);
    const inside = checkVerbatimTempoConfig(
      { defaults: { metrics_generator_processors: ["span-metrics"] } },
      "overrides",
      ["overrides"],
    );
    expect(inside).toEqual([
      expect.objectContaining({
        ruleId: "tempo/mixed-override-formats",
        path: ["overrides", "defaults", "metrics_generator_processors"],
        fix: "write overrides.defaults.metrics_generator.processors",
      }),
    ]);
  });

  it("reports a typo inside defaults at its real path, not as Tempo's misleading legacyConfig error", () => {
    const d = checkVerbatimTempoConfig({ defaults: { ingestion: { rate_limit_byte: 1 } } }, "overrides", ["overrides"]);
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: "tempo/unknown-config-key",
        path: ["overrides", "defaults", "ingestion", "rate_limit_byte"],
        fix: "did you mean rate_limit_bytes?",
      }),
    ]);
  });

  it("requires ingestion limits in every tenant block (tempo#3462)", () => {
    const complete = {
      ingestion: { rate_limit_bytes: 1, burst_size_bytes: 2, max_traces_per_user: 3 },
      global: { max_bytes_per_trace: 4 },
      metrics_generator: { processors: ["service-graphs"] },
    };
    expect(checkVerbatimTempoConfig({ "team-a": complete }, "per_tenant_overrides", [])).toEqual([]);
    const d = checkVerbatimTempoConfig(
      { "team-a": { metrics_generator: { processors: ["service-graphs"] } } },
      "per_tenant_overrides",
      ["per_tenant_overrides"],
    );
    expect(d.filter((x) => x.severity === "error").map((x) => formatPath(x.path))).toEqual([
      "per_tenant_overrides.team-a.ingestion.rate_limit_bytes",
      "per_tenant_overrides.team-a.ingestion.burst_size_bytes",
    ]);
    expect(d.every((x) => x.ruleId === "tempo/tenant-override-incomplete")).toBe(true);
  });

  it(`rejects literal credentials but accepts \${VAR}`, () => {
    const d = checkVerbatimTempoConfig(
      { storage: { remote_write: [{ url: "http://x", basic_auth: { username: "u", password: "p" } }] } },
      "metricsGenerator.config",
      ["metricsGenerator", "config"],
    );
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: "tempo/literal-secret",
        path: ["metricsGenerator", "config", "storage", "remote_write", 0, "basic_auth", "password"],
      }),
    ]);
    expect(
      checkVerbatimTempoConfig(
        { storage: { remote_write: [{ url: "http://x", basic_auth: { username: "u", password: `\${PW}` } }] } },
        "metricsGenerator.config",
        [],
      ),
    ).toEqual([]);
  });

  it("warns about metricsGenerator.config keys the chart drops", () => {
    const d = checkVerbatimTempoConfig({ query_timeout: "1m" }, "metricsGenerator.config", [
      "metricsGenerator",
      "config",
    ]);
    expect(d).toEqual([
      expect.objectContaining({ ruleId: "tempo/metrics-generator-config-ignored", severity: "warning" }),
    ]);
  });

  it("parses only the metricsGenerator.config keys the chart renders, and leaves other unknown keys to the chart", () => {
    const value = { processors: ["service-graphs"], ring: {}, processor: { service_graphs: { dimensionz: [] } } };
    const d = checkVerbatimTempoConfig(value, "metricsGenerator.config", ["metricsGenerator", "config"]);
    expect(d.map((x) => [x.ruleId, formatPath(x.path)])).toEqual([
      ["tempo/unknown-config-key", "metricsGenerator.config.processor.service_graphs.dimensionz"],
      ["tempo/metrics-generator-config-ignored", "metricsGenerator.config.ring"],
    ]);
    // With the rendered keys of another chart version (tempo-distributed 3.x renders no traces_storage).
    const v3 = checkVerbatimTempoConfig({ traces_storage: { path: "/x" } }, "metricsGenerator.config", [], {
      renderedKeys: ["processor", "storage", "registry"],
    });
    expect(v3.map((x) => x.ruleId)).toEqual(["tempo/metrics-generator-config-ignored"]);
  });

  it("checks receivers the way the OTel collector decodes them", () => {
    const d = checkVerbatimTempoConfig(
      { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317", tls_settings: {} } } }, jaegr: {} },
      "receivers",
      ["distributor", "receivers"],
    );
    expect(d.map((x) => [formatPath(x.path), x.message])).toEqual([
      [
        "distributor.receivers.otlp.protocols.grpc.tls_settings",
        `the distributor fails to start: "error reading receivers configuration for otlp: 'protocols.grpc' has invalid keys: tls_settings" (Tempo 2.9.0 vendors OTel collector 0.132.0).`,
      ],
      [
        "distributor.receivers.jaegr",
        'the distributor fails to start: "jaegr" is not a receiver Tempo 2.9.0 knows (jaeger, kafka, opencensus, otlp, zipkin).',
      ],
    ]);
    expect(d[0]?.fix).toBe("did you mean tls?");
    expect(d[1]?.fix).toBe("did you mean jaeger?");
  });

  it("requires a non-loopback endpoint on every receiver (Tempo ≥ 2.7 binds localhost)", () => {
    const d = checkVerbatimTempoConfig(
      { otlp: { protocols: { grpc: {}, http: { endpoint: "localhost:4318" } } }, zipkin: { endpoint: "0.0.0.0:9411" } },
      "receivers",
      ["tempo", "structuredConfig", "distributor", "receivers"],
    );
    expect(d.map((x) => [x.ruleId, formatPath(x.path), x.fix])).toEqual([
      [
        "tempo/receiver-loopback",
        "tempo.structuredConfig.distributor.receivers.otlp.protocols.grpc",
        "set endpoint: 0.0.0.0:4317",
      ],
      [
        "tempo/receiver-loopback",
        "tempo.structuredConfig.distributor.receivers.otlp.protocols.http.endpoint",
        "set endpoint: 0.0.0.0:4318",
      ],
    ]);
    const nested = checkVerbatimTempoConfig(
      { distributor: { receivers: { jaeger: { protocols: { grpc: null } } } } },
      "structuredConfig",
      [],
    );
    expect(nested.map((x) => formatPath(x.path))).toEqual(["distributor.receivers.jaeger.protocols.grpc"]);
  });

  it("checks value types Tempo's decoder would refuse", () => {
    const d = checkVerbatimTempoConfig(
      {
        compactor: { compaction: { block_retention: "14d", retention_concurrency: "ten" } },
        ingester: { trace_idle_period: 10 },
      },
      "structuredConfig",
      [],
    );
    expect(d.map((x) => [formatPath(x.path), x.severity])).toEqual([
      ["compactor.compaction.block_retention", "error"],
      ["compactor.compaction.retention_concurrency", "error"],
      ["ingester.trace_idle_period", "warning"],
    ]);
  });
});

describe("tempoServerConfigSchema", () => {
  it("is strict, accepts either overrides format but not both", () => {
    expect(tempoServerConfigSchema.safeParse({ reportingEnabled: true }).success).toBe(false);
    expect(
      tempoServerConfigSchema.safeParse({ overrides: { defaults: { ingestion: { rate_limit_bytes: 1 } } } }).success,
    ).toBe(true);
    expect(tempoServerConfigSchema.safeParse({ overrides: { ingestion_rate_limit_bytes: 1 } }).success).toBe(true);
    expect(
      tempoServerConfigSchema.safeParse({ overrides: { defaults: {}, ingestion_rate_limit_bytes: 1 } }).success,
    ).toBe(false);
    expect(tempoServerConfigSchema.safeParse({ compactor: { compaction: { block_retention: "7d" } } }).success).toBe(
      false,
    );
  });
});

describe("checkVerbatimTempoConfig: Loki/Mimir storage names in Tempo's storage blocks", () => {
  it("names Tempo's key as the fix (grafana/tempo#1140: bucket_name, access_key_id in a Tempo s3 block)", () => {
    // The storage block of grafana/tempo#1140's admin_client, written under Tempo's storage.trace.s3.
    const d = checkVerbatimTempoConfig(
      {
        storage: {
          trace: {
            backend: "s3",
            s3: { bucket_name: "tempo", access_key_id: "minio", endpoint: "minio:9000", s3ForcePathStyle: true },
          },
        },
      },
      "structuredConfig",
      ["tempo", "structuredConfig"],
    ).filter((x) => x.ruleId === "tempo/unknown-config-key");
    expect(d.map((x) => [formatPath(x.path), x.severity, x.fix])).toEqual([
      ["tempo.structuredConfig.storage.trace.s3.bucket_name", "error", "rename bucket_name to bucket"],
      ["tempo.structuredConfig.storage.trace.s3.access_key_id", "error", "rename access_key_id to access_key"],
      [
        "tempo.structuredConfig.storage.trace.s3.s3ForcePathStyle",
        "error",
        "rename s3ForcePathStyle to forcepathstyle",
      ],
    ]);
    expect(d[0]?.message).toContain("field bucket_name not found in type s3.Config");
  });
});
