import { chartVersions, compareVersions, findChart, type StackChartId } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { toChartValues } from "./chart-values.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { SIZING, sizeFor } from "./sizing.js";
import { checkTempoGeneration, tempoMajorOf } from "./tempo-generation.js";

/** The newest catalogued tempo-distributed that runs Tempo 3 (the charts package's descriptors decide). */
function newestTempo3(): StackChartId {
  const versions = [...chartVersions("tempo-distributed")].sort(compareVersions);
  const ids = versions
    .map((v) => findChart("tempo-distributed", v) as StackChartId)
    .filter((id) => tempoMajorOf(id) >= 3);
  return ids.at(-1) as StackChartId;
}

describe("sizeFor (Tempo sizing guidance)", () => {
  it("scales replicas with ingest", () => {
    expect(sizeFor({ ingestMBps: 40 }).replicas).toEqual({
      distributor: 4, // 1 per 10 MB/s
      ingester: 10, // 1 per 3–5 MB/s (4)
      querier: 27, // 1 per 1–2 MB/s (1.5)
      queryFrontend: 2,
      compactor: 10,
    });
  });
  it("keeps HA minimums and quorum-safe replication", () => {
    const s = sizeFor({ ingestMBps: 1 });
    expect(s.replicas).toMatchObject({ distributor: 3, ingester: 3, querier: 2, queryFrontend: 2, compactor: 1 });
    expect(s.replicationFactor).toBe(3);
    const small = sizeFor({ ingestMBps: 1, ha: false });
    expect(small.replicas).toEqual({ distributor: 1, ingester: 1, querier: 1, queryFrontend: 1, compactor: 1 });
    expect(small.replicationFactor).toBe(1);
  });
  it("derives limits with headroom and storage from retention", () => {
    const s = sizeFor({ ingestMBps: 20, retentionDays: 14 });
    expect(s.ingestion).toEqual({ rateStrategy: "global", rateLimitBytes: 25_000_000, burstSizeBytes: 37_500_000 });
    expect(s.objectStorageGB).toBe(24_192);
    expect(s.resources.ingester).toEqual({ requests: { cpu: "2500m", memory: "4Gi" }, limits: { memory: "8Gi" } });
  });
  it("produces a spec fragment that parses", () => {
    for (const mbps of [0.5, 5, 15, 100]) {
      for (const ha of [true, false]) {
        const r = parseTempoSpec(presets.prod(sizeFor({ ingestMBps: mbps, ha }).spec));
        expect(r.ok).toBe(true);
      }
    }
  });
});

describe("sizeFor({ generation: 3 }): Tempo 3.0 (Kafka partitions, live-stores, block-builders, backend jobs)", () => {
  it("scales partitions, live-stores and block-builders with ingest, one each per partition", () => {
    const s = sizeFor({ ingestMBps: 40, generation: 3 });
    expect(s.partitions).toBe(5); // 1 live-store per 6–10 MB/s (8)
    expect(s.replicas).toEqual({
      distributor: 4, // 1 per 10 MB/s
      liveStore: 5,
      blockBuilder: 5,
      querier: 27, // 1 per 1–2 MB/s (1.5)
      queryFrontend: 2,
      backendScheduler: 1, // only one runs at a time
      backendWorker: 10, // the compactor's rate: no published one
    });
    expect(s.resources.blockBuilder).toEqual({ requests: { cpu: "500m", memory: "5Gi" }, limits: { memory: "10Gi" } });
    expect(s.spec).toMatchObject({ kafka: { partitions: 5 }, backendWorker: { replicas: 10 } });
    expect(s.spec).not.toHaveProperty("ingester");
    expect(s.spec).not.toHaveProperty("compactor");
  });
  it("keeps HA minimums (3 partitions) and one of each without HA", () => {
    expect(sizeFor({ ingestMBps: 1, generation: 3 }).partitions).toBe(3);
    expect(sizeFor({ ingestMBps: 1, ha: false, generation: 3 }).replicas).toEqual({
      distributor: 1,
      liveStore: 1,
      blockBuilder: 1,
      querier: 1,
      queryFrontend: 1,
      backendScheduler: 1,
      backendWorker: 1,
    });
  });
  it("states every figure once, with its source: one SIZING row per component", () => {
    const components = SIZING.map((r) => r.component);
    expect(new Set(components).size).toBe(components.length);
    for (const r of SIZING) expect(r.source, r.component).toMatch(/plan\/size\.md/);
    // what both generations share is one row (distributor, querier, query-frontend)
    expect(SIZING.filter((r) => r.generations.length === 2).map((r) => r.component)).toEqual([
      "distributor",
      "querier",
      "queryFrontend",
    ]);
  });
  it("gives Tempo 3 presets that parse and that a 3.x chart accepts; Tempo 2 specs it refuses", () => {
    const target = newestTempo3();
    for (const [name, spec] of [
      ["dev", presets.tempo3.dev()],
      ["prod", presets.tempo3.prod()],
      ["sized", presets.tempo3.prod(sizeFor({ ingestMBps: 100, generation: 3 }).spec)],
    ] as const) {
      const r = parseTempoSpec(spec);
      expect(r.ok, name).toBe(true);
      if (!r.ok) continue;
      expect(checkTempoGeneration(r.value, target, "kafka:9092"), name).toEqual([]);
      expect(
        toChartValues(r.value, target, { release: "tempo", namespace: "tempo", kafkaAddress: "kafka:9092" }).ok,
        name,
      ).toBe(true);
    }
    const two = parseTempoSpec(presets.prod());
    expect(two.ok && checkTempoGeneration(two.value, target, "kafka:9092").map((d) => d.path[0])).toEqual([
      "ingester",
      "compactor",
    ]);
  });
});
