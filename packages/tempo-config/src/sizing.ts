import type { Resources, TempoSpecInput } from "./spec-schema.js";

/** What to size for. */
export interface SizingInput {
  /** Expected ingest across all tenants, in MB/s (1 MB = 1,000,000 bytes) of received span data. */
  ingestMBps: number;
  /**
   * Highly available: at least 3 distributors, 2 query-frontends, and 3 ingesters with replication factor 3 (Tempo 2)
   * or 3 Kafka partitions (Tempo 3). @default true
   */
  ha?: boolean;
  /** Retention in days, to estimate object storage. @default none */
  retentionDays?: number;
  /**
   * The Tempo generation to size: 2 (ingesters, compactors; grafana tempo-distributed 1.x/2.x, lgtm-distributed) or 3
   * (Kafka partitions, live-stores, block-builders, backend-scheduler and -workers; grafana-community
   * tempo-distributed 3.x). @default 2
   */
  generation?: 2 | 3;
}

/** Replica counts per component (Tempo 2). */
export interface SizedReplicas {
  distributor: number;
  ingester: number;
  querier: number;
  queryFrontend: number;
  compactor: number;
}

/** Replica counts per component (Tempo 3): `liveStore` and `blockBuilder` are the Kafka partition count. */
export interface Tempo3SizedReplicas {
  distributor: number;
  liveStore: number;
  blockBuilder: number;
  querier: number;
  queryFrontend: number;
  backendScheduler: number;
  backendWorker: number;
}

/** Per-tenant ingestion limits with 25% headroom (rate) and 50% (burst), strategy `global`. */
export interface SizedIngestion {
  rateStrategy: "global";
  rateLimitBytes: number;
  burstSizeBytes: number;
}

/** Result of {@link sizeFor} for Tempo 2. */
export interface Sizing {
  replicas: SizedReplicas;
  resources: Record<keyof SizedReplicas, Resources>;
  /** Ingester replication factor (3 when HA, else 1). */
  replicationFactor: number;
  ingestion: SizedIngestion;
  /** Object storage estimate in GB (ingest × 86400 s × retention days), when `retentionDays` is given. */
  objectStorageGB?: number;
  /** The sizing as a spec fragment to pass to a preset: `presets.prod(sizeFor({ ingestMBps: 40 }).spec)`. */
  spec: Partial<TempoSpecInput>;
}

/** Result of {@link sizeFor} with `generation: 3`. */
export interface Tempo3Sizing {
  /** Kafka partitions: one live-store and one block-builder each (`kafka.partitions`). */
  partitions: number;
  replicas: Tempo3SizedReplicas;
  resources: Record<keyof Tempo3SizedReplicas, Resources>;
  ingestion: SizedIngestion;
  /** Object storage estimate in GB (ingest × 86400 s × retention days), when `retentionDays` is given. */
  objectStorageGB?: number;
  /**
   * The sizing as a spec fragment to pass to a preset: `presets.tempo3.prod(sizeFor({ ingestMBps: 40, generation: 3 }).spec)`.
   */
  spec: Partial<TempoSpecInput>;
}

type Component = keyof SizedReplicas | keyof Tempo3SizedReplicas;

/** One row of {@link SIZING}: how many pods of a component, and each one's CPU and memory request. */
export interface SizingRow {
  readonly component: Component;
  /** The Tempo generations that have the component. */
  readonly generations: readonly (2 | 3)[];
  /**
   * Replicas: one per `perMBps` of ingest (at least `haMin` when HA, else 1); `fixed` pods (`haFixed` when HA); or
   * one per Kafka partition.
   */
  readonly replicas:
    | { readonly perMBps: number; readonly haMin: number }
    | { readonly fixed: number; readonly haFixed: number }
    | "partition";
  /** CPU request. */
  readonly cpu: string;
  /** Memory request in GiB: the low end of the published range (the limit is twice that, at most 20). */
  readonly memGi: number;
  /** Where the figures come from. */
  readonly source: string;
}

const SIZE_2 = "Tempo 2.9 docs, plan/size.md (notes/tempo.md §6)";
const SIZE_3 = "grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/plan/size.md:29-72";

/**
 * THE sizing table: Tempo's published "Size the cluster" guidance for both generations, the middle of each published
 * range. Kafka partitions are the live-store count (one per 6–10 MB/s; the topic guidance of about 10 MB/s per
 * partition, grafana/tempo v3.0.3 migrate-to-3.md:112, is the upper end of that range); each partition has one
 * block-builder. The backend-worker has no published rate ("to be determined based on compaction workload"): it runs
 * the compactor's jobs, so it takes the compactor's.
 */
export const SIZING: readonly SizingRow[] = [
  {
    component: "distributor",
    generations: [2, 3],
    replicas: { perMBps: 10, haMin: 3 },
    cpu: "2",
    memGi: 2,
    source: `1 per 10 MB/s, 2 cores, 2 GB (${SIZE_2}; ${SIZE_3})`,
  },
  {
    component: "ingester",
    generations: [2],
    replicas: { perMBps: 4, haMin: 3 },
    cpu: "2500m",
    memGi: 4,
    source: `1 per 3–5 MB/s, 2.5 cores, 4–20 GB (${SIZE_2})`,
  },
  {
    component: "liveStore",
    generations: [3],
    replicas: { perMBps: 8, haMin: 3 },
    cpu: "1",
    memGi: 4,
    source: `1 per 6–10 MB/s, 1 core, 4–20 GB (${SIZE_3})`,
  },
  {
    component: "blockBuilder",
    generations: [3],
    replicas: "partition",
    cpu: "500m",
    memGi: 5,
    source: `1 per partition, 0.5 cores, 5–10 GB (${SIZE_3})`,
  },
  {
    component: "querier",
    generations: [2, 3],
    replicas: { perMBps: 1.5, haMin: 2 },
    cpu: "1",
    memGi: 4,
    source: `1 per 1–2 MB/s, 4–20 GB (${SIZE_2}; ${SIZE_3})`,
  },
  {
    component: "queryFrontend",
    generations: [2, 3],
    replicas: { fixed: 1, haFixed: 2 },
    cpu: "1",
    memGi: 4,
    source: `2 for HA, 4–20 GB (${SIZE_2}; ${SIZE_3})`,
  },
  {
    component: "compactor",
    generations: [2],
    replicas: { perMBps: 4, haMin: 1 },
    cpu: "1",
    memGi: 4,
    source: `1 per 3–5 MB/s, 1 core, 4–20 GB (${SIZE_2})`,
  },
  {
    component: "backendScheduler",
    generations: [3],
    replicas: { fixed: 1, haFixed: 1 },
    cpu: "500m",
    memGi: 1,
    source: `1 (only one runs at a time), 0.5 cores, 1–2 GB (${SIZE_3})`,
  },
  {
    component: "backendWorker",
    generations: [3],
    replicas: { perMBps: 4, haMin: 1 },
    cpu: "500m",
    memGi: 1,
    source: `0.5 cores, 1–2 GB; no published rate: the compactor's 1 per 3–5 MB/s (${SIZE_3})`,
  },
];

/**
 * Sizes a Tempo install from its ingest with {@link SIZING}: Tempo 2 (the default) or, with `generation: 3`, Tempo 3.0
 * (partitions → live-stores and block-builders, backend-scheduler and -workers). Memory requests take the low end of
 * each published range and limits twice that (capped at 20 GB).
 */
export function sizeFor(input: SizingInput & { generation: 3 }): Tempo3Sizing;
export function sizeFor(input: SizingInput & { generation?: 2 }): Sizing;
export function sizeFor(input: SizingInput): Sizing | Tempo3Sizing;
export function sizeFor(input: SizingInput): Sizing | Tempo3Sizing {
  const mbps = Number.isFinite(input.ingestMBps) && input.ingestMBps > 0 ? input.ingestMBps : 0;
  const ha = input.ha ?? true;
  const generation = input.generation ?? 2;
  const rows = SIZING.filter((r) => r.generations.includes(generation));
  const partitionRow = rows.find((r) => r.component === "liveStore");
  const count = (r: SizingRow, partitions: number): number =>
    r.replicas === "partition"
      ? partitions
      : "fixed" in r.replicas
        ? ha
          ? r.replicas.haFixed
          : r.replicas.fixed
        : Math.max(ha ? r.replicas.haMin : 1, Math.ceil(mbps / r.replicas.perMBps));
  const partitions = partitionRow === undefined ? 0 : count(partitionRow, 0);
  const replicas: Record<string, number> = {};
  const resources: Record<string, Resources> = {};
  for (const r of rows) {
    replicas[r.component] = count(r, partitions);
    resources[r.component] = {
      requests: { cpu: r.cpu, memory: `${r.memGi}Gi` },
      limits: { memory: `${Math.min(20, r.memGi * 2)}Gi` },
    };
  }
  const rateLimitBytes = Math.max(15_000_000, Math.ceil(mbps * 1.25 * 1e6));
  const burstSizeBytes = Math.max(20_000_000, Math.ceil(rateLimitBytes * 1.5));
  const ingestion: SizedIngestion = { rateStrategy: "global", rateLimitBytes, burstSizeBytes };
  const objectStorageGB =
    input.retentionDays !== undefined && input.retentionDays > 0
      ? { objectStorageGB: Math.ceil((mbps * 86_400 * input.retentionDays) / 1000) }
      : {};
  const sized = (c: Component) => ({ replicas: replicas[c] as number, resources: resources[c] as Resources });
  if (generation === 3) {
    return {
      partitions,
      replicas: replicas as unknown as Tempo3SizedReplicas,
      resources: resources as Record<keyof Tempo3SizedReplicas, Resources>,
      ingestion,
      ...objectStorageGB,
      spec: {
        ingestion,
        kafka: { partitions },
        distributor: sized("distributor"),
        liveStore: { resources: resources.liveStore as Resources },
        blockBuilder: { resources: resources.blockBuilder as Resources },
        querier: sized("querier"),
        queryFrontend: sized("queryFrontend"),
        backendScheduler: { resources: resources.backendScheduler as Resources },
        backendWorker: sized("backendWorker"),
      },
    };
  }
  const replicationFactor = ha ? 3 : 1;
  return {
    replicas: replicas as unknown as SizedReplicas,
    resources: resources as Record<keyof SizedReplicas, Resources>,
    replicationFactor,
    ingestion,
    ...objectStorageGB,
    spec: {
      ingestion,
      distributor: sized("distributor"),
      ingester: { ...sized("ingester"), replicationFactor },
      querier: sized("querier"),
      queryFrontend: sized("queryFrontend"),
      compactor: sized("compactor"),
    },
  };
}
