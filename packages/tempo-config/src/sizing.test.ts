import { describe, expect, it } from "vitest";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { sizeFor } from "./sizing.js";

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
