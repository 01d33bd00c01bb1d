/**
 * The strict parse per Tempo version, on configurations people really wrote. Types and keys come from the schema
 * table derived from Tempo's Go structs at each release tag (src/tempo-schemas.gen.ts); each case names its source.
 */
import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempoDefaults, tutorialFile } from "./fixtures.test-util.js";
import { releaseOf, TEMPO_SCHEMA_VERSIONS, tempoSchemaFor, versionsHaving } from "./tempo-schema.js";
import { tempoServerConfigSchemaFor } from "./tempo-server-config.js";
import { checkVerbatimTempoConfig, DEFAULT_TEMPO_VERSION } from "./verbatim-check.js";

describe("which Tempo version is checked", () => {
  it("holds every release 2.0.0 … 3.0.3 and picks the nearest lower one for others, saying so", () => {
    expect(TEMPO_SCHEMA_VERSIONS[0]).toBe("2.0.0");
    expect(TEMPO_SCHEMA_VERSIONS).toContain("2.9.0");
    expect(TEMPO_SCHEMA_VERSIONS.at(-1)).toBe("3.0.3");
    expect(tempoSchemaFor("v2.9.2")).toMatchObject({ version: "2.9.2", label: "Tempo 2.9.2" });
    expect(tempoSchemaFor("2.11.0")).toMatchObject({
      version: "2.10.8",
      label: "Tempo 2.11.0 (checked as 2.10.8, the nearest release known)",
    });
    expect(tempoSchemaFor("1.5.0").label).toBe("Tempo 1.5.0 (checked as 2.0.0, the oldest release known)");
    expect(releaseOf("2.9.0-distroless")).toBe("2.9.0");
    expect(releaseOf("main-1a2b3c")).toBeUndefined();
    // the spec's chart (tempo-distributed@1.61.3) runs 2.9.0
    expect(DEFAULT_TEMPO_VERSION).toBe("2.9.0");
  });

  it("messages name the version checked", () => {
    const d = checkVerbatimTempoConfig({ server: { log_level: "warning" } }, "structuredConfig", [], {
      tempoVersion: "2.11.0",
    });
    expect(d[0]?.message).toContain("Tempo 2.11.0 (checked as 2.10.8, the nearest release known)");
  });

  it("each release's own manifest passes its own schema (Tempo's docs/sources/tempo/configuration/manifest.md)", () => {
    for (const v of ["2.9.0", "2.10.8", "3.0.3"]) {
      expect(checkVerbatimTempoConfig(tempoDefaults(v), "structuredConfig", [], { tempoVersion: v }), v).toEqual([]);
      expect(tempoServerConfigSchemaFor(v).safeParse(tempoDefaults(v)).success, v).toBe(true);
    }
    // and 2.10's manifest is refused by 2.9 (keys 2.10 added), with the releases that have them
    const d = checkVerbatimTempoConfig(tempoDefaults("2.10.8"), "structuredConfig", [], { tempoVersion: "2.9.0" });
    const unknown = d.filter((x) => x.ruleId === "tempo/unknown-config-key");
    expect(unknown.length).toBeGreaterThan(0);
    for (const x of unknown) expect(x.message).toMatch(/The key exists in Tempo [\d.]+/);
    // memberlist.join_members became flagext.StringSliceCSVMulti in 2.10.6 (a string); 2.9.0 takes only a list
    expect(d.find((x) => formatPath(x.path) === "memberlist.join_members")?.message).toContain("must be a list");
  });
});

describe("Go types per field", () => {
  // grafana/tempo#4336: tempo-distributed values with `compactor.config.compaction.block_retention: 336h` — the
  // 14 days written the only way time.Duration takes them (tempodb/compactor.go CompactorConfig.BlockRetention).
  it("14d on the compactor's time.Duration retention stops Tempo 2.x; the fix is 336h", () => {
    for (const v of ["2.0.1", "2.6.0", "2.9.0", "2.10.8"]) {
      const d = checkVerbatimTempoConfig(
        { compactor: { compaction: { block_retention: "14d" } } },
        "structuredConfig",
        ["tempo", "structuredConfig"],
        { tempoVersion: v },
      );
      expect(d, v).toEqual([
        expect.objectContaining({
          ruleId: "tempo/invalid-config-value",
          severity: "error",
          path: ["tempo", "structuredConfig", "compactor", "compaction", "block_retention"],
          message: expect.stringContaining(`a Go time.Duration, which has no d or w unit in Tempo ${v}`),
          fix: "write 336h",
        }),
      ]);
      expect(
        checkVerbatimTempoConfig({ compactor: { compaction: { block_retention: "336h" } } }, "structuredConfig", [], {
          tempoVersion: v,
        }),
      ).toEqual([]);
    }
    // 2w is a week-based Prometheus duration: same fix in Go units
    const w = checkVerbatimTempoConfig(
      { compactor: { compaction: { block_retention: "2w" } } },
      "structuredConfig",
      [],
    );
    expect(w[0]?.fix).toBe("write 336h");
  });

  // Tempo docs (configuration/#overrides, "per-tenant overrides"): `block_retention` and `max_search_duration` are
  // model.Duration (modules/overrides/config.go CompactionOverrides.BlockRetention, ReadOverrides.MaxSearchDuration).
  it("14d on the per-tenant retention and max_search_duration is clean, in every format the version has", () => {
    const block = { compaction: { block_retention: "14d" }, read: { max_search_duration: "30d" } };
    for (const v of ["2.3.0", "2.9.0", "3.0.3"]) {
      expect(checkVerbatimTempoConfig({ defaults: block }, "overrides", ["overrides"], { tempoVersion: v }), v).toEqual(
        [],
      );
      const tenant = { ...block, ingestion: { rate_limit_bytes: 1, burst_size_bytes: 1, max_traces_per_user: 1 } };
      expect(
        checkVerbatimTempoConfig(
          { "team-a": { ...tenant, global: { max_bytes_per_trace: 1 } } },
          "per_tenant_overrides",
          [],
          {
            tempoVersion: v,
          },
        ),
        v,
      ).toEqual([]);
    }
    // Tempo 2.2 has only the flat format (grafana/tempo#2544's config: `overrides: {max_bytes_per_trace, …}`)
    expect(
      checkVerbatimTempoConfig({ block_retention: "14d", max_bytes_per_trace: 10000000 }, "overrides", ["overrides"], {
        tempoVersion: "2.2.3",
      }),
    ).toEqual([]);
  });

  // dskit log.Level.Set accepts debug, info, warn, error (vendor/github.com/grafana/dskit/log/level.go); the chart's
  // `server.logLevel` comment (tempo-distributed values.yaml) lists the same.
  it("log_level: warning stops Tempo; the fix is warn", () => {
    const d = checkVerbatimTempoConfig(
      { server: { log_level: "warning" }, internal_server: { log_level: "INFO" } },
      "structuredConfig",
      ["tempo", "structuredConfig"],
    );
    expect(d.map((x) => [formatPath(x.path), x.fix])).toEqual([
      ["tempo.structuredConfig.server.log_level", "write warn"],
      ["tempo.structuredConfig.internal_server.log_level", "write info"],
    ]);
    expect(d[0]?.message).toContain("must be one of debug, info, warn, error");
  });

  it("sizes, integers, booleans and comma lists follow the Go decoders", () => {
    const d = checkVerbatimTempoConfig(
      {
        // flagext.Bytes: alecthomas/units ParseBase2Bytes has no unitless numbers
        querier: { frontend_worker: { grpc_client_config: { initial_stream_window_size: 65536 } } },
        // uint: a quoted number is a YAML string, which yaml.v2 refuses for an integer field
        compactor: { compaction: { retention_concurrency: "10" } },
        // bool: yaml.v2 takes YAML 1.1 spellings, not arbitrary strings
        multitenancy_enabled: "enabled",
        stream_over_http_enabled: "yes",
        // flagext.StringSliceCSV: one comma-separated string
        query_frontend: { log_query_request_headers: ["X-Scope-OrgID", "User-Agent"] },
      },
      "structuredConfig",
      [],
    );
    expect(d.map((x) => [formatPath(x.path), x.fix])).toEqual([
      ["querier.frontend_worker.grpc_client_config.initial_stream_window_size", "write 64KiB"],
      ["compactor.compaction.retention_concurrency", "write 10 without quotes"],
      ["multitenancy_enabled", "write true or false"],
      ["query_frontend.log_query_request_headers", 'write "X-Scope-OrgID,User-Agent"'],
    ]);
  });
});

describe("keys per Tempo version", () => {
  // autocomplete_filtering_enabled: a Tempo 2.2 top-level switch (Tempo 2.2 release notes), gone in 2.6.
  it("a 2.2-era key passes on 2.2 and stops 2.9, naming the releases that have it", () => {
    const cfg = { autocomplete_filtering_enabled: true };
    expect(checkVerbatimTempoConfig(cfg, "structuredConfig", [], { tempoVersion: "2.2.3" })).toEqual([]);
    const d = checkVerbatimTempoConfig(cfg, "structuredConfig", ["tempo", "structuredConfig"], {
      tempoVersion: "2.9.0",
    });
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: "tempo/unknown-config-key",
        message: expect.stringContaining("The key exists in Tempo 2.2.0–2.5.0; this install runs Tempo 2.9.0."),
        fix: "remove tempo.structuredConfig.autocomplete_filtering_enabled, or run Tempo 2.2.0–2.5.0 (tempo.image.tag)",
      }),
    ]);
  });

  // The chart default overrides of tempo-distributed 1.61.3 (`overrides.defaults`, the 2.3+ format) on a chart that
  // runs Tempo 2.2 (tempo-distributed 1.5.x): that Tempo has only the flat format.
  it("a 2.9 key (overrides.defaults) passes on 2.9 and stops 2.2", () => {
    const cfg = { overrides: { defaults: { ingestion: { rate_limit_bytes: 15000000 } } } };
    expect(checkVerbatimTempoConfig(cfg, "structuredConfig", [], { tempoVersion: "2.9.0" })).toEqual([]);
    const d = checkVerbatimTempoConfig(cfg, "structuredConfig", [], { tempoVersion: "2.2.3" });
    expect(d.map((x) => [formatPath(x.path), x.message])).toEqual([
      [
        "overrides.defaults",
        'Tempo 2.2.3 refuses to start: "field defaults not found in type overrides.Limits" (overrides.defaults is not a setting of Tempo 2.2.3; Tempo parses its configuration strictly). The key exists in Tempo 2.3.0 and later; this install runs Tempo 2.2.3.',
      ],
    ]);
  });

  it("the compactor section stops Tempo 3.0 (moved to backend_scheduler/backend_worker)", () => {
    const d = checkVerbatimTempoConfig(
      { compactor: { compaction: { block_retention: "336h" } } },
      "structuredConfig",
      [],
      {
        tempoVersion: "3.0.3",
      },
    );
    expect(d[0]?.message).toContain("The key exists in Tempo 2.0.0–2.10.8; this install runs Tempo 3.0.3.");
  });

  it("finds where a key exists", () => {
    expect(versionsHaving("config", ["overrides", "defaults"]).versions[0]).toBe("2.3.0");
    expect(versionsHaving("receivers", ["receivers", "opencensus"]).tempo).not.toContain("2.9.3");
  });
});

describe("receiver configs per OTel collector version", () => {
  // grafana/tempo#1193: Tempo 1.2.1 vendored collector 0.21, whose key was `tls_settings`; every Tempo 2.x vendors a
  // collector (0.57 …) that has only `tls`, so `tls_settings` stops the distributor on all of them.
  it("tls_settings is refused with the fix tls, on every 2.x and 3.x collector", () => {
    for (const v of ["2.0.1", "2.9.0", "3.0.3"]) {
      const d = checkVerbatimTempoConfig(
        { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317", tls_settings: { cert_file: "/tls/tls.crt" } } } } },
        "receivers",
        ["distributor", "receivers"],
        { tempoVersion: v },
      );
      expect(
        d.map((x) => [formatPath(x.path), x.fix]),
        v,
      ).toEqual([["distributor.receivers.otlp.protocols.grpc.tls_settings", "did you mean tls?"]]);
      expect(d[0]?.message).toContain(`Tempo ${v} vendors OTel collector ${tempoSchemaFor(v).collector}`);
    }
  });

  // The grafana/tempo#1193 config itself (`tls` with cert_file/key_file under otlp grpc) is valid on Tempo 2.x.
  it("the documented tls block passes", () => {
    const tls = { cert_file: "/etc/tempo/tls/otel/tls.crt", key_file: "/etc/tempo/tls/otel/tls.key" };
    for (const v of ["2.0.1", "2.9.0", "3.0.3"])
      expect(
        checkVerbatimTempoConfig(
          { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317", tls } } } },
          "receivers",
          [],
          {
            tempoVersion: v,
          },
        ),
      ).toEqual([]);
  });

  // max_recv_msg_size_mib is a gRPC server setting (configgrpc ServerConfig): placed under `protocols` it is refused.
  it("max_recv_msg_size_mib belongs under protocols.grpc", () => {
    const d = checkVerbatimTempoConfig(
      { otlp: { protocols: { max_recv_msg_size_mib: 16, grpc: { endpoint: "0.0.0.0:4317" } } } },
      "receivers",
      [],
    );
    expect(d.map((x) => [formatPath(x.path), x.fix])).toEqual([
      ["otlp.protocols.max_recv_msg_size_mib", "did you mean grpc.max_recv_msg_size_mib?"],
    ]);
  });

  // Collector 0.150 (Tempo 2.9.3+, 2.10.6+, 3.0) gives optional protocols `enabled` and drops OpenCensus.
  it("a key or receiver of one collector version is refused on another", () => {
    const cfg = { otlp: { protocols: { grpc: { endpoint: "0.0.0.0:4317", enabled: true } } } };
    expect(checkVerbatimTempoConfig(cfg, "receivers", [], { tempoVersion: "3.0.3" })).toEqual([]);
    const d = checkVerbatimTempoConfig(cfg, "receivers", [], { tempoVersion: "2.9.0" });
    expect(d[0]?.message).toContain("The key exists in OTel collector 0.150.0 (Tempo 2.9.3–2.9.5, 2.10.6 and later)");
    const oc = { opencensus: { endpoint: "0.0.0.0:55678" } };
    expect(checkVerbatimTempoConfig(oc, "receivers", [], { tempoVersion: "2.9.0" })).toEqual([]);
    expect(checkVerbatimTempoConfig(oc, "receivers", [], { tempoVersion: "2.9.3" })[0]?.message).toContain(
      '"opencensus" is not a receiver Tempo 2.9.3 knows (jaeger, kafka, otlp, zipkin)',
    );
  });

  // The tutorial's receivers (fixtures/tutorial/lgtm-values.yaml, tempo.distributor.config.receivers) are valid
  // OTel receiver configs on the Tempo its chart runs.
  it("the tutorial's receiver block passes", () => {
    const tutorial = parse(tutorialFile("lgtm-values.yaml")) as {
      tempo: { distributor: { config: { receivers: unknown } } };
    };
    expect(checkVerbatimTempoConfig(tutorial.tempo.distributor.config.receivers, "receivers", [])).toEqual([]);
  });
});
