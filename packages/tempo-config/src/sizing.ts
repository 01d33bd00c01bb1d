import type { Resources, TempoSpecInput } from "./spec-schema.js";

/** What to size for. */
export interface SizingInput {
  /** Expected ingest across all tenants, in MB/s (1 MB = 1,000,000 bytes) of received span data. */
  ingestMBps: number;
  /** Highly available: at least 3 distributors and ingesters with replication factor 3, 2 query-frontends. @default true */
  ha?: boolean;
  /** Retention in days, to estimate object storage. @default none */
  retentionDays?: number;
}

/** Replica counts per component. */
export interface SizedReplicas {
  distributor: number;
  ingester: number;
  querier: number;
  queryFrontend: number;
  compactor: number;
}

/** Result of {@link sizeFor}. */
export interface Sizing {
  replicas: SizedReplicas;
  resources: Record<keyof SizedReplicas, Resources>;
  /** Ingester replication factor (3 when HA, else 1). */
  replicationFactor: number;
  /** Per-tenant ingestion limits with 25% headroom (rate) and 50% (burst), strategy `global`. */
  ingestion: { rateStrategy: "global"; rateLimitBytes: number; burstSizeBytes: number };
  /** Object storage estimate in GB (ingest × 86400 s × retention days), when `retentionDays` is given. */
  objectStorageGB?: number;
  /** The sizing as a spec fragment to pass to a preset: `presets.prod(sizeFor({ ingestMBps: 40 }).spec)`. */
  spec: Partial<TempoSpecInput>;
}

/**
 * Tempo's published sizing guidance ("Size the cluster", Tempo 2.9 docs; notes/tempo.md §6), using the middle of each
 * published range: distributor 1 per 10 MB/s (2 CPU, 2 GB); ingester 1 per 3–5 MB/s (4; 2.5 CPU, 4–20 GB);
 * querier 1 per 1–2 MB/s (1.5); query-frontend 2 for HA; compactor 1 per 3–5 MB/s (4; 1 CPU, 4–20 GB).
 * Memory requests take the low end of the range and limits twice that (capped at 20 GB).
 */
export function sizeFor(input: SizingInput): Sizing {
  const mbps = Number.isFinite(input.ingestMBps) && input.ingestMBps > 0 ? input.ingestMBps : 0;
  const ha = input.ha ?? true;
  const per = (unit: number, haMin: number) => Math.max(ha ? haMin : 1, Math.ceil(mbps / unit));
  const replicas: SizedReplicas = {
    distributor: per(10, 3),
    ingester: per(4, 3),
    querier: per(1.5, 2),
    queryFrontend: ha ? 2 : 1,
    compactor: per(4, 1),
  };
  const res = (cpu: string, memGi: number): Resources => ({
    requests: { cpu, memory: `${memGi}Gi` },
    limits: { memory: `${Math.min(20, memGi * 2)}Gi` },
  });
  const resources = {
    distributor: res("2", 2),
    ingester: res("2500m", 4),
    querier: res("1", 4),
    queryFrontend: res("1", 4),
    compactor: res("1", 4),
  };
  const replicationFactor = ha ? 3 : 1;
  const rateLimitBytes = Math.max(15_000_000, Math.ceil(mbps * 1.25 * 1e6));
  const burstSizeBytes = Math.max(20_000_000, Math.ceil(rateLimitBytes * 1.5));
  const ingestion = { rateStrategy: "global" as const, rateLimitBytes, burstSizeBytes };
  const sizing: Sizing = {
    replicas,
    resources,
    replicationFactor,
    ingestion,
    spec: {
      ingestion,
      distributor: { replicas: replicas.distributor, resources: resources.distributor },
      ingester: { replicas: replicas.ingester, resources: resources.ingester, replicationFactor },
      querier: { replicas: replicas.querier, resources: resources.querier },
      queryFrontend: { replicas: replicas.queryFrontend, resources: resources.queryFrontend },
      compactor: { replicas: replicas.compactor, resources: resources.compactor },
    },
  };
  if (input.retentionDays !== undefined && input.retentionDays > 0) {
    sizing.objectStorageGB = Math.ceil((mbps * 86_400 * input.retentionDays) / 1000);
  }
  return sizing;
}
