import { defaultValue } from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { tempoChartSettings } from "./chart-mapping.js";
import {
  chartPathOfTempoPath,
  renderTempoConfig,
  shadowedSettings,
  specFieldOfChartPath,
  structuredConfigPath,
} from "./rendered-config.js";

const settings = tempoChartSettings("tempo-distributed@1.61.3");
const reader = (values: unknown) => (p: readonly (string | number)[]) =>
  getPath(values, p) ?? defaultValue("tempo-distributed@1.61.3", p);

describe("renderTempoConfig", () => {
  it("renders chart values where the chart's template puts them, structuredConfig merged over", () => {
    const values = {
      ingester: { config: { replication_factor: 1, complete_block_timeout: 0 } },
      traces: { otlp: { grpc: { enabled: true } } },
      tempo: { structuredConfig: { storage: { trace: { blocklist_poll: "1m" } } } },
      storage: { trace: { backend: "s3" } },
    };
    const cfg = renderTempoConfig(reader(values), settings);
    expect(cfg).toMatchObject({
      ingester: { lifecycler: { ring: { replication_factor: 1 } } },
      storage: { trace: { backend: "s3", blocklist_poll: "1m" } },
      multitenancy_enabled: false,
    });
    // complete_block_timeout 0 is not rendered ({{- if }}); receivers are templated from the switches, not copied.
    expect(getPath(cfg, ["ingester", "complete_block_timeout"])).toBeUndefined();
    expect(getPath(cfg, ["distributor", "receivers"])).toBeUndefined();
  });
});

describe("locating a Tempo setting", () => {
  it("finds the chart value a tempo.yaml path is rendered from, or structuredConfig", () => {
    expect(chartPathOfTempoPath("compactor.compaction.block_retention", settings, undefined)).toEqual([
      "compactor",
      "config",
      "compaction",
      "block_retention",
    ]);
    expect(chartPathOfTempoPath("query_frontend.trace_by_id.query_shards", settings, {})).toEqual([
      "queryFrontend",
      "config",
      "trace_by_id",
      "query_shards",
    ]);
    expect(chartPathOfTempoPath("storage.trace.block.parquet_dedicated_columns[0]", settings, {})).toEqual([
      "storage",
      "trace",
      "block",
      "dedicated_columns",
      0,
    ]);
    const structured = { ingester: { lifecycler: { ring: { replication_factor: 2 } } } };
    expect(chartPathOfTempoPath("ingester.lifecycler.ring.replication_factor", settings, structured)).toEqual([
      ...structuredConfigPath(settings),
      "ingester",
      "lifecycler",
      "ring",
      "replication_factor",
    ]);
    expect(chartPathOfTempoPath("backend_scheduler.work.prune_age", settings, {})).toEqual([
      "tempo",
      "structuredConfig",
      "backend_scheduler",
      "work",
      "prune_age",
    ]);
  });

  it("names the spec field that sets a chart value", () => {
    expect(specFieldOfChartPath(["compactor", "config", "compaction", "block_retention"], settings)).toEqual([
      "retention",
    ]);
    expect(specFieldOfChartPath(["metricsGenerator", "config", "storage", "remote_write", 0, "url"], settings)).toEqual(
      ["metricsGenerator", "remoteWrite", 0, "url"],
    );
    expect(specFieldOfChartPath(["ingester", "config", "complete_block_timeout"], settings)).toBeUndefined();
  });
});

describe("shadowedSettings", () => {
  it("lists each spec setting structuredConfig replaces once, at its most specific row", () => {
    const hits = shadowedSettings(
      {
        compactor: { compaction: { block_retention: "1h" } },
        storage: { trace: { s3: { bucket: "x" } } },
        distributor: { receivers: { otlp: {} } },
        overrides: { defaults: { compaction: { block_retention: "2h" } } },
      },
      settings,
    );
    expect(hits.map((s) => s.specField)).toEqual(["receivers", "storage", "retention"]);
    expect(shadowedSettings(undefined, settings)).toEqual([]);
  });
});

describe("specFieldOfChartPath for values a section builder writes", () => {
  it("answers with what the spec fields under the nearest mapped ancestor share", () => {
    expect(specFieldOfChartPath(["ingester", "extraEnv", 0, "name"], settings)).toEqual(["ingester"]);
    expect(specFieldOfChartPath(["distributor", "extraArgs"], settings)).toEqual(["distributor"]);
    expect(specFieldOfChartPath(["metricsGenerator", "extraArgs"], settings)).toEqual([
      "metricsGenerator",
      "extraArgs",
    ]);
    expect(specFieldOfChartPath(["queryFrontend", "config", "trace_by_id"], settings)).toBeUndefined();
    expect(specFieldOfChartPath(["nothing", "here"], settings)).toBeUndefined();
  });
});
