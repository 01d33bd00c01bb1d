import type { ChartId } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateDocuments } from "../lint.js";
import { TEMPO3_REMOVED_SETTINGS, TEMPO3_RULES } from "./tempo3-rules.js";

// grafana-community tempo-distributed 3.3.0 runs Tempo 3.0.3; 1.61.3 (grafana repository) runs Tempo 2.8.
const T3: ChartId = "tempo-distributed@3.3.0";
const T2: ChartId = "tempo-distributed@1.61.3";

function run(chart: ChartId, yaml: string): Diagnostic[] {
  return validateDocuments([{ file: "values.yaml", chart, values: parse(yaml) as unknown, text: yaml }]);
}
// The rules of this file only (tempo3-render-rules.test.ts covers the render failures, e.g. no Kafka address).
const OWN = new Set(TEMPO3_RULES.map((r) => r.id));
const ids = (ds: Diagnostic[]) => ds.map((d) => d.ruleId).filter((id) => OWN.has(id));

describe("Tempo 3.0 rules", () => {
  it("are in the tempo3/ namespace", () => {
    for (const r of TEMPO3_RULES) expect(r.id).toMatch(/^tempo3\//);
  });

  // grafana/tempo v3.0.3 cmd/tempo/app/config.go:43-73 (no ingester, ingester_client, compactor in app.Config).
  it("tempo3/removed-setting: a 2.x ingester/compactor section under structuredConfig", () => {
    const yaml = `tempo:
  structuredConfig:
    ingester:
      max_block_duration: 5m
    compactor:
      compaction:
        block_retention: 48h
`;
    const found = run(T3, yaml).filter((d) => d.ruleId === "tempo3/removed-setting");
    expect(found.map((d) => d.path.join("."))).toEqual([
      "tempo.structuredConfig.ingester",
      "tempo.structuredConfig.compactor",
    ]);
    expect(found[0]?.line).toBe(3);
    expect(found[1]?.fix).toContain("backend_worker.compaction");
    // the same values on a chart running Tempo 2.x: not a Tempo 3 finding
    expect(ids(run(T2, yaml))).toEqual([]);
  });

  it("tempo3/removed-setting: every table row is a dotted Tempo path", () => {
    for (const row of TEMPO3_REMOVED_SETTINGS) expect(row.path).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
  });

  // grafana/tempo v3.0.3 modules/overrides/overrides.go:28-43; docs/sources/tempo/setup/upgrade.md (legacy overrides removed).
  it("tempo3/legacy-overrides: flat keys in overrides and per-tenant blocks, not with enable_legacy_overrides", () => {
    const yaml = `overrides:
  max_bytes_per_trace: 5000000
per_tenant_overrides:
  team-a:
    ingestion_rate_limit_bytes: 1000
`;
    const found = run(T3, yaml).filter((d) => d.ruleId === "tempo3/legacy-overrides");
    expect(found.map((d) => d.fix)).toEqual([
      "Write it as `overrides.defaults.global.max_bytes_per_trace`.",
      "Write it as `per_tenant_overrides.team-a.ingestion.rate_limit_bytes`.",
    ]);
    expect(found.every((d) => d.severity === "error")).toBe(true);
    const optIn = `overrides:
  enable_legacy_overrides: true
  max_bytes_per_trace: 5000000
`;
    expect(ids(run(T3, optIn))).not.toContain("tempo3/legacy-overrides");
    expect(ids(run(T3, "overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 5000000\n"))).toEqual([]);
  });

  // grafana/tempo v3.0.3 cmd/tempo/app/modules.go:250,266-268 (distributor.KafkaConfig = cfg.Ingest.Kafka).
  it("tempo3/kafka-config-shadowed", () => {
    const yaml = `tempo:
  structuredConfig:
    distributor:
      kafka_config:
        topic: traces
`;
    expect(ids(run(T3, yaml))).toEqual(["tempo3/kafka-config-shadowed"]);
  });

  // grafana/tempo v3.0.3 modules/frontend/frontend.go:118-120; config.go:103,146 (defaults 30s / 15m).
  it("tempo3/query-end-cutoff", () => {
    const bad = `tempo:
  structuredConfig:
    query_frontend:
      query_end_cutoff: 20m
`;
    expect(ids(run(T3, bad))).toEqual(["tempo3/query-end-cutoff"]);
    const good = `tempo:
  structuredConfig:
    query_frontend:
      query_end_cutoff: 1m
      search:
        query_backend_after: 30m
`;
    expect(ids(run(T3, good))).toEqual([]);
    // equal values start (the code checks cutoff > query_backend_after; the docs ask for "less than")
    expect(ids(run(T3, "tempo:\n  structuredConfig:\n    query_frontend:\n      query_end_cutoff: 15m\n"))).toEqual([]);
  });

  // grafana/tempo v3.0.3 modules/blockbuilder/config.go:46-61; docs/sources/tempo/setup/migrate-to-3.md:149-156;
  // chart defaults liveStore.replicas 3, blockBuilder.replicas 3, partitions_per_instance 1 (tempo-distributed 3.3.0 values.yaml).
  it("tempo3/partitions-vs-replicas", () => {
    expect(ids(run(T3, "liveStore:\n  replicas: 6\n"))).toEqual(["tempo3/partitions-vs-replicas"]);
    const found = run(T3, "liveStore:\n  replicas: 6\n").find((d) => d.ruleId === "tempo3/partitions-vs-replicas");
    expect(found?.fix).toContain("`blockBuilder.replicas: 6`");
    expect(
      ids(
        run(T3, "liveStore:\n  replicas: 6\nblockBuilder:\n  replicas: 3\n  config:\n    partitions_per_instance: 2\n"),
      ),
    ).toEqual([]);
    expect(ids(run(T3, "{}\n"))).toEqual([]);
  });

  // grafana-community tempo-distributed 3.3.0 values.yaml has no ingester/compactor; TEMPO3_CHART_MOVES says where they went.
  it("chart/unknown-key on a 3.x chart names the 3.x key of a Tempo 2 section (TEMPO3_CHART_MOVES)", () => {
    const yaml = "ingester:\n  resources:\n    limits:\n      memory: 2Gi\n  persistence:\n    enabled: true\n";
    const found = run(T3, yaml).filter((d) => d.ruleId === "chart/unknown-key");
    expect(found.map((d) => d.path.join("."))).toEqual(["ingester.resources", "ingester.persistence"]);
    expect(found[0]?.message).toContain("`liveStore.resources`");
    expect(found[1]?.message).toContain("no equivalent");
    const leaves = validateDocuments([
      { file: "v.yaml", chart: T3, values: { compactor: { config: { compaction: { block_retention: "1h" } } } } },
    ]).filter((d) => d.ruleId === "chart/unknown-key");
    expect(leaves[0]?.message).toContain("backendScheduler.config.provider.compaction.compaction.block_retention");
    expect(leaves[0]?.message).toContain("backendWorker.config.compaction.block_retention");
    expect(leaves[0]?.fix).toContain("pnpm gitops migrate");
  });
});
