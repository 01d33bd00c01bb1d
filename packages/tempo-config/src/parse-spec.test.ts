import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { tempoSpecJsonSchema } from "./spec-schema.js";

const minimal = { storage: { backend: "s3", bucket: "traces" } };

function diagnosticsOf(input: unknown) {
  const r = parseTempoSpec(input);
  return r.diagnostics
    .filter((d) => d.severity !== "info")
    .map((d) => ({ ruleId: d.ruleId, path: d.path, severity: d.severity, fix: d.fix }));
}

describe("parseTempoSpec", () => {
  it("applies documented defaults", () => {
    const r = parseTempoSpec(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.retention).toBe("48h");
    expect(r.value.compaction.window).toBe("1h");
    expect(r.value.receivers.otlp.grpc.enabled).toBe(true);
    expect(r.value.receivers.jaeger.grpc.enabled).toBe(false);
    expect(r.value.ingestion).toEqual({
      rateStrategy: "local",
      rateLimitBytes: 15_000_000,
      burstSizeBytes: 20_000_000,
      maxTracesPerUser: 10_000,
      maxBytesPerTrace: 5_000_000,
    });
    expect(r.value.ingester).toMatchObject({ replicas: 1, replicationFactor: 1, persistence: { enabled: true } });
    expect(r.value.metricsGenerator.enabled).toBe(false);
  });

  it("reports bad durations with a Go-duration fix", () => {
    expect(diagnosticsOf({ ...minimal, retention: "7d" })).toEqual([
      { ruleId: "tempo/invalid-duration", path: ["retention"], severity: "error", fix: 'write "168h"' },
    ]);
    // A number where a duration is wanted: the fix writes it with a unit, never a placeholder.
    expect(diagnosticsOf({ ...minimal, retention: 48 })).toEqual([
      {
        ruleId: "tempo/invalid-duration",
        path: ["retention"],
        severity: "error",
        fix: 'write retention: "48h" (or another unit: s, m, h; Tempo has no d)',
      },
    ]);
    expect(diagnosticsOf({ ...minimal, tenants: { a: { retention: 72 } } })[0]).toMatchObject({
      path: ["tenants", "a", "retention"],
      fix: 'write tenants.a.retention: "72h" (or another unit: s, m, h; Tempo has no d)',
    });
    expect(diagnosticsOf({ ...minimal, compaction: { window: "2 h" } })[0]).toMatchObject({
      ruleId: "tempo/invalid-duration",
      path: ["compaction", "window"],
      fix: 'write "2h"',
    });
  });

  it("rejects zero or negative replicas", () => {
    expect(diagnosticsOf({ ...minimal, querier: { replicas: 0 } })).toContainEqual(
      expect.objectContaining({ ruleId: "tempo/invalid-replicas", path: ["querier", "replicas"] }),
    );
    expect(diagnosticsOf({ ...minimal, ingester: { replicas: -1 } })).toContainEqual(
      expect.objectContaining({ ruleId: "tempo/invalid-replicas", path: ["ingester", "replicas"] }),
    );
  });

  it("rejects S3 without a bucket and an unknown backend", () => {
    expect(parseTempoSpec({ storage: { backend: "s3" } }).diagnostics).toContainEqual(
      expect.objectContaining({
        path: ["storage", "bucket"],
        ruleId: "tempo/invalid-spec",
        message: "storage.bucket is required",
        fix: "name the existing bucket Tempo writes trace blocks to",
      }),
    );
    expect(diagnosticsOf({ storage: { backend: "filesystem" } })).toContainEqual(
      expect.objectContaining({
        path: ["storage", "backend"],
        fix: "backend must be one of s3, gcs, azure, minio or local",
      }),
    );
    expect(diagnosticsOf({})).toContainEqual(
      expect.objectContaining({ path: ["storage"], fix: expect.stringContaining("add storage: { backend: s3") }),
    );
  });

  it("says what was given and what is expected when a value is present but wrong", () => {
    const one = (input: unknown, path: string) =>
      parseTempoSpec(input).diagnostics.filter((d) => formatPath(d.path) === path);
    expect(one({ ...minimal, distributor: { replicas: "two" } }, "distributor.replicas")).toEqual([
      {
        ruleId: "tempo/invalid-spec",
        severity: "error",
        path: ["distributor", "replicas"],
        message: 'distributor.replicas must be a whole number ≥ 1, got the string "two"',
        fix: "set distributor.replicas to a whole number ≥ 1, e.g. distributor.replicas: 1",
      },
    ]);
    expect(one({ ...minimal, distributor: { replicas: Number.NaN } }, "distributor.replicas")[0]?.message).toBe(
      "distributor.replicas must be a whole number ≥ 1, got NaN (not a number)",
    );
    expect(one({ ...minimal, querier: { replicas: "2" } }, "querier.replicas")[0]?.fix).toBe(
      "write the number without quotes: querier.replicas: 2",
    );
    expect(one({ ...minimal, querier: { replicas: 1.5 } }, "querier.replicas")[0]?.message).toBe(
      "querier.replicas must be a whole number ≥ 1, got the number 1.5",
    );
    expect(one({ ...minimal, querier: { replicas: 0 } }, "querier.replicas")[0]).toMatchObject({
      ruleId: "tempo/invalid-replicas",
      message: expect.stringMatching(/^querier\.replicas must be a whole number ≥ 1, got the number 0: /),
      fix: "set querier.replicas to 1 or more",
    });
    expect(one({ ...minimal, multitenancy: "yes" }, "multitenancy")[0]).toMatchObject({
      message: 'multitenancy must be true or false, got the string "yes"',
      fix: "set multitenancy to true or false, e.g. multitenancy: true",
    });
    // A present value of the wrong type is never called missing.
    expect(one({ storage: "s3" }, "storage")[0]).toMatchObject({
      message: 'storage must be a map of settings, got the string "s3"',
      fix: expect.stringContaining("add storage: { backend: s3"),
    });
  });

  it("lists the allowed values of an enum and states the bound of a size limit", () => {
    const d = parseTempoSpec({ ...minimal, metricsGenerator: { processors: ["service-graph"] } }).diagnostics;
    expect(d).toContainEqual(
      expect.objectContaining({
        path: ["metricsGenerator", "processors", 0],
        message:
          'metricsGenerator.processors[0] must be one of "service-graphs", "span-metrics", "local-blocks", got the string "service-graph"',
        fix: 'did you mean "service-graphs"?',
      }),
    );
    const empty = parseTempoSpec({ storage: { backend: "s3", bucket: "", endpoint: "s3:443" } }).diagnostics;
    expect(empty).toContainEqual(
      expect.objectContaining({
        path: ["storage", "bucket"],
        message: 'storage.bucket must not be empty, got the string "" (the S3 bucket name is empty)',
      }),
    );
    for (const diag of [...d, ...empty]) expect(diag.message).not.toMatch(/^(Invalid|Too small|Too big)/);
  });

  it("explains an invalid tenant id instead of zod's 'Invalid key in record'", () => {
    expect(parseTempoSpec({ ...minimal, tenants: { "team a": {} } }).diagnostics).toEqual([
      {
        ruleId: "tempo/invalid-spec",
        severity: "error",
        path: ["tenants", "team a"],
        message:
          '"team a" is not a valid key here: a tenant id is 1-150 characters from letters, digits and !-_.*\'() (or * for every other tenant)',
        fix: 'rename "team a"',
      },
    ]);
  });

  it("rejects literal secrets anywhere in the spec", () => {
    expect(diagnosticsOf({ storage: { backend: "s3", bucket: "b", secret_key: "abc" } })).toContainEqual(
      expect.objectContaining({ ruleId: "tempo/literal-secret", path: ["storage", "secret_key"] }),
    );
    // A secret in verbatim Tempo configuration (structuredConfig, remote-write headers) is found on the compiled
    // values, once, by the validators' tempo/literal-secret rule.
  });

  it("maps the tutorial's names to spec fields", () => {
    const d = diagnosticsOf({ ...minimal, retention_period: "24h", max_query_length: "24h", query_frontend: {} });
    expect(d.map((x) => [formatPath(x.path), x.fix])).toEqual([
      ["retention_period", "did you mean retention?"],
      ["max_query_length", "did you mean query.maxSearchDuration?"],
      ["query_frontend", "did you mean queryFrontend?"],
    ]);
    expect(diagnosticsOf({ ...minimal, ingester: { replicationFactr: 1 } })[0]?.fix).toBe(
      "did you mean replicationFactor?",
    );
  });

  it("requires remote-write targets when the metrics-generator is on", () => {
    expect(diagnosticsOf({ ...minimal, metricsGenerator: { enabled: true } })).toContainEqual(
      expect.objectContaining({
        ruleId: "tempo/metrics-generator-wiring",
        severity: "error",
        path: ["metricsGenerator", "remoteWrite"],
      }),
    );
  });

  it("checks receiver configs strictly (structuredConfig is checked on the compiled values)", () => {
    expect(diagnosticsOf({ ...minimal, structuredConfig: { retention_period: "24h" } })).toEqual([]);
    const rcv = diagnosticsOf({ ...minimal, receivers: { otlp: { grpc: { config: { tls_settings: {} } } } } });
    expect(rcv).toEqual([
      expect.objectContaining({
        ruleId: "tempo/unknown-config-key",
        path: ["receivers", "otlp", "grpc", "config", "tls_settings"],
      }),
    ]);
    const loopback = diagnosticsOf({
      ...minimal,
      receivers: { zipkin: { enabled: true, config: { endpoint: "127.0.0.1:9411" } } },
    });
    expect(loopback).toEqual([
      expect.objectContaining({
        ruleId: "tempo/receiver-loopback",
        path: ["receivers", "zipkin", "config", "endpoint"],
      }),
    ]);
  });

  it("rejects a receiver endpoint on a port the chart does not open", () => {
    const r = parseTempoSpec({
      ...minimal,
      receivers: { otlp: { grpc: { enabled: true, config: { endpoint: "0.0.0.0:5555" } } } },
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "tempo/receiver-port-mismatch",
        path: ["receivers", "otlp", "grpc", "config", "endpoint"],
        fix: "remove endpoint from this config (the chart binds 0.0.0.0:4317)",
      }),
    );
    const samePort = { otlp: { grpc: { enabled: true, config: { endpoint: "[::]:4317" } } } };
    expect(parseTempoSpec({ ...minimal, receivers: samePort }).ok).toBe(true);
  });

  it("warns when structuredConfig silently replaces a spec setting", () => {
    const r = parseTempoSpec({
      ...minimal,
      structuredConfig: { compactor: { compaction: { block_retention: "1h" } } },
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([
      expect.objectContaining({
        ruleId: "tempo/structured-config-shadows-spec",
        path: ["structuredConfig", "compactor", "compaction", "block_retention"],
        fix: "set retention in the spec and remove structuredConfig.compactor.compaction.block_retention",
      }),
    ]);
  });

  it("does not mistake paths and references for credentials", () => {
    const r = parseTempoSpec({
      ...minimal,
      structuredConfig: {
        ingester: { lifecycler: { tokens_file_path: "/var/tempo/tokens.json" } },
        storage: { trace: { s3: { kms_key_id: "alias/tempo" } } },
      },
    });
    expect(r.diagnostics.filter((d) => d.ruleId === "tempo/literal-secret")).toEqual([]);
  });

  it("reports a spec that loses traces on restart, and leaves what the values show to their rules", () => {
    const ephemeral = diagnosticsOf({ ...minimal, ingester: { persistence: { enabled: false } } });
    expect(ephemeral).toEqual([
      expect.objectContaining({ ruleId: "tempo/ingester-no-persistence", severity: "warning" }),
    ]);
    expect(diagnosticsOf({ ...minimal, tenants: { "bad tenant": {} } })).toContainEqual(
      expect.objectContaining({ path: ["tenants", "bad tenant"] }),
    );
    // No receiver, no memory limit, replicas below the replication factor: the compiled values' rules report them.
    const valuesRules = diagnosticsOf({
      ...minimal,
      receivers: { otlp: { grpc: { enabled: false }, http: { enabled: false } } },
      ingester: { replicas: 2, replicationFactor: 3 },
    });
    expect(valuesRules).toEqual([]);
    expect(parseTempoSpec(minimal).diagnostics).toEqual([]);
  });

  it("warns about tenants that can never match", () => {
    const r = parseTempoSpec({ ...minimal, tenants: { acme: { retention: "1h" } } });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: "tempo/tenant-without-multitenancy", severity: "warning" }),
    );
  });

  it("never throws, whatever the input", () => {
    for (const input of [undefined, null, 42, "x", [], { storage: null }, { storage: { backend: "s3", bucket: 1 } }]) {
      const r = parseTempoSpec(input);
      expect(r.ok).toBe(false);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it("presets parse without errors", () => {
    expect(parseTempoSpec(presets.dev()).ok).toBe(true);
    const prod = parseTempoSpec(presets.prod());
    expect(prod.ok).toBe(true);
    if (prod.ok) {
      expect(prod.value.ingester).toMatchObject({ replicas: 3, replicationFactor: 3 });
      expect(prod.value.distributor.replicas).toBe(3);
      expect(prod.value.queryFrontend.replicas).toBe(2);
    }
    const overridden = presets.dev({ ingester: { persistence: { size: "1Gi" } } });
    expect(overridden.ingester).toMatchObject({
      replicas: 1,
      replicationFactor: 1,
      persistence: { enabled: true, size: "1Gi" },
    });
    expect(presets.prod({ storage: { backend: "gcs", bucketName: "x" } }).storage).toEqual({
      backend: "gcs",
      bucketName: "x",
    });
  });
});

describe("tempoSpecSchema", () => {
  it("documents every field and converts to JSON Schema", () => {
    const json = tempoSpecJsonSchema() as {
      properties: Record<string, { description?: string }>;
    };
    for (const [key, prop] of Object.entries(json.properties))
      expect({ key, d: typeof prop.description }).toEqual({ key, d: "string" });
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      for (const [k, child] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
        const c = child as Record<string, unknown>;
        const described =
          typeof c.description === "string" ||
          (Array.isArray(c.anyOf) && c.anyOf.some((x) => (x as { description?: string }).description));
        if (!described) undocumented.push(`${path}${k}`);
        walk(child, `${path}${k}.`);
        for (const alt of (c.anyOf as unknown[]) ?? (c.oneOf as unknown[]) ?? []) walk(alt, `${path}${k}.`);
      }
    };
    walk(json, "");
    expect(undocumented).toEqual([]);
  });
});

describe("keys named like Object.prototype members", () => {
  it("are reported as unknown keys everywhere, never looked up on Object.prototype", () => {
    const protoKeys = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "prototype"];
    const tree = JSON.parse(`{${protoKeys.map((k) => `"${k}": {"constructor": 1, "toString": "x"}`).join(",")}}`);
    const spec = JSON.parse(JSON.stringify({ ...minimal, structuredConfig: {}, tenants: {} }));
    spec.structuredConfig = tree;
    spec.tenants = { "team-a": JSON.parse(JSON.stringify(tree)) };
    const top = { ...JSON.parse(JSON.stringify(minimal)), ...tree };
    for (const input of [spec, top]) {
      let r: ReturnType<typeof parseTempoSpec> | undefined;
      expect(() => {
        r = parseTempoSpec(input);
      }).not.toThrow();
      expect(r?.ok).toBe(false);
      for (const d of r?.diagnostics ?? []) expect(d.message).not.toMatch(/is not a function|undefined/);
    }
    expect(parseTempoSpec(top).diagnostics.map((d) => formatPath(d.path))).toEqual(
      expect.arrayContaining(["constructor", "toString", "__proto__"]),
    );
  });
});
