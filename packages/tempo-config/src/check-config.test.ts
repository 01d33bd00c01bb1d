import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { CHECK_CONFIG_RULES, checkTempoConfig, checkTempoServerConfig } from "./check-config.js";
import { tempoDefaults } from "./fixtures.test-util.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import type { TempoSpec, TempoSpecInput } from "./spec-schema.js";
import { s3EndpointSchemeProblem } from "./storage-values.js";

function spec(input: TempoSpecInput): TempoSpec {
  const r = parseTempoSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

describe("checkTempoConfig", () => {
  it("is clean for the presets", () => {
    expect(checkTempoConfig(spec(presets.dev()))).toEqual([]);
    expect(checkTempoConfig(spec(presets.prod()))).toEqual([]);
  });

  it("reports retention below the blocklist poll with Tempo's (misnamed) message, at the spec field", () => {
    const d = checkTempoConfig(spec(presets.dev({ retention: "2m" })));
    expect(d).toEqual([
      expect.objectContaining({
        ruleId: CHECK_CONFIG_RULES.blockRetention,
        severity: "error",
        path: ["retention"],
        message: expect.stringContaining(
          '"compactor.compaction.compacted_block_timeout < storage.trace.blocklist_poll"',
        ),
      }),
    ]);
  });

  it("reports complete_block_timeout below blocklist_poll set through structuredConfig", () => {
    const d = checkTempoConfig(spec(presets.dev({ structuredConfig: { ingester: { complete_block_timeout: "1m" } } })));
    expect(d.map((x) => [x.ruleId, formatPath(x.path)])).toEqual([
      [CHECK_CONFIG_RULES.completeBlockTimeout, "structuredConfig.ingester.complete_block_timeout"],
    ]);
    expect(d[0]?.message).toContain('"ingester.complete_block_timeout < storage.trace.blocklist_poll"');
  });

  it("reproduces span logging, MCP, legacy overrides and start-up errors from structuredConfig", () => {
    const d = checkTempoConfig(
      spec(
        presets.dev({
          structuredConfig: {
            distributor: { log_received_spans: { enabled: true } },
            query_frontend: {
              mcp_server: { enabled: true },
              search: { query_backend_after: "1h", query_ingesters_until: "30m" },
              trace_by_id: { query_shards: 1 },
            },
            storage: { trace: { block: { version: "vParquet2" } } },
          },
        }),
      ),
    );
    expect(d.map((x) => x.ruleId).sort()).toEqual(
      [
        CHECK_CONFIG_RULES.spanLogging,
        CHECK_CONFIG_RULES.mcpServer,
        CHECK_CONFIG_RULES.startupError,
        CHECK_CONFIG_RULES.startupError,
        CHECK_CONFIG_RULES.startupError,
      ].sort(),
    );
    expect(d.map((x) => x.message)).toContainEqual(
      expect.stringContaining("query backend after should be less than or equal to query ingester until"),
    );
  });
});

describe("checkTempoServerConfig", () => {
  it("flags local storage in a distributed deployment only", () => {
    const cfg = { storage: { trace: { backend: "local" } } };
    expect(checkTempoServerConfig(cfg).map((d) => d.ruleId)).toEqual([CHECK_CONFIG_RULES.localBackend]);
    expect(checkTempoServerConfig(cfg, { target: "all" })).toEqual([]);
  });

  it("flags v2-only settings on parquet blocks, retention concurrency 0 and dedicated columns", () => {
    const d = checkTempoServerConfig({
      compactor: { compaction: { v2_in_buffer_bytes: 1, retention_concurrency: 0 } },
      storage: {
        trace: {
          backend: "s3",
          blocklist_poll_concurrency: 0,
          block: { parquet_dedicated_columns: [{ scope: "span", name: "" }] },
        },
      },
    });
    expect(d.map((x) => [x.ruleId, formatPath(x.path)])).toEqual([
      [CHECK_CONFIG_RULES.retentionConcurrency, "compactor.compaction.retention_concurrency"],
      [CHECK_CONFIG_RULES.blocklistPollConcurrency, "storage.trace.blocklist_poll_concurrency"],
      [CHECK_CONFIG_RULES.dedicatedColumns, "storage.trace.block.parquet_dedicated_columns[0]"],
      [CHECK_CONFIG_RULES.v2Setting, "compactor.compaction.v2_in_buffer_bytes"],
    ]);
  });

  it("finds no warning in Tempo 2.9's default manifest run as target all", () => {
    const manifest = tempoDefaults("2.9.0");
    // The manifest has backend "" (Tempo refuses that too: "unknown backend"), so give it one.
    const cfg = {
      ...manifest,
      storage: { trace: { ...(manifest.storage as { trace: object }).trace, backend: "s3" } },
    };
    expect(checkTempoServerConfig(cfg)).toEqual([]);
  });
});

describe("S3 endpoints written as URLs", () => {
  // grafana/tempo#4216: `endpoint: https://…` stops every component ("failed to create minio client … Endpoint url
  // cannot have fully qualified paths"); the Tempo docs' MinIO example writes `endpoint: minio:9000` with `insecure: true`.
  it("reports the trace store's and the user-configurable overrides' endpoints, with the host and insecure as the fix", () => {
    const d = checkTempoServerConfig({
      storage: { trace: { backend: "s3", s3: { bucket: "tempo", endpoint: "http://minio:9000" } } },
      overrides: {
        user_configurable_overrides: { client: { backend: "s3", s3: { endpoint: "https://s3.example.com/" } } },
      },
    }).filter((x) => x.ruleId === CHECK_CONFIG_RULES.s3EndpointScheme);
    expect(d.map((x) => [formatPath(x.path), x.severity, x.fix])).toEqual([
      [
        "storage.trace.s3.endpoint",
        "error",
        "write endpoint: minio:9000 and set insecure: true (the endpoint is plain HTTP)",
      ],
      [
        "overrides.user_configurable_overrides.client.s3.endpoint",
        "error",
        "write endpoint: s3.example.com (HTTPS is the default)",
      ],
    ]);
    expect(d[0]?.message).toContain("Endpoint url cannot have fully qualified paths");
  });
  it("accepts host[:port] and never repeats a password written in the URL", () => {
    const ok = checkTempoServerConfig({ storage: { trace: { s3: { endpoint: "minio:9000", insecure: true } } } });
    expect(ok.filter((x) => x.ruleId === CHECK_CONFIG_RULES.s3EndpointScheme)).toEqual([]);
    const p = s3EndpointSchemeProblem("https://u:hunter2pass@minio.example.com");
    expect(p?.message).toContain("https://…@minio.example.com");
    expect(JSON.stringify(p)).not.toContain("hunter2pass");
  });
  it("reports a spec's endpoint at the spec field, with the spec's insecure field in the fix", () => {
    const r = parseTempoSpec({
      ...presets.prod(),
      storage: { backend: "s3", bucket: "tempo", endpoint: "http://minio:9000" },
    } as TempoSpecInput);
    const d = r.ok ? [] : r.diagnostics.filter((x) => x.ruleId === CHECK_CONFIG_RULES.s3EndpointScheme);
    expect(d.map((x) => [formatPath(x.path), x.fix])).toEqual([
      ["storage.endpoint", "write endpoint: minio:9000 and set storage.insecure: true (the endpoint is plain HTTP)"],
    ]);
  });
});
