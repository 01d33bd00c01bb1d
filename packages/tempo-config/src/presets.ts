import { mergeValues } from "@lgtm-gitops/charts";
import { sizeFor } from "./sizing.js";
import type { TempoSpecInput } from "./spec-schema.js";

type Obj = Record<string, unknown>;

/**
 * Deep-merges spec fragments with Helm's semantics (`mergeValues`: objects merge, lists and scalars replace). Except
 * `storage`, a union keyed by backend: it is replaced whole so s3 keys never leak into gcs.
 */
export function mergeSpec(base: TempoSpecInput, ...overrides: (Partial<TempoSpecInput> | undefined)[]): TempoSpecInput {
  let out: Obj = { ...(base as Obj) };
  for (const o of overrides) {
    if (!o) continue;
    out = mergeValues(out, o as Obj);
    if (o.storage !== undefined) out.storage = o.storage;
  }
  return out as TempoSpecInput;
}

/** Object storage of the Tempo 3 presets: the 3.x chart has no MinIO subchart. */
const TEMPO3_STORAGE: TempoSpecInput["storage"] = {
  backend: "s3",
  bucket: "tempo-traces",
  credentials: { secretName: "tempo-s3-credentials" },
};

/**
 * Starting points for a TempoSpec. Each returns input (defaults still to apply): pass it to `parseTempoSpec`.
 * `dev`/`prod` are Tempo 2 (ingesters, compactors: grafana tempo-distributed 1.x/2.x, lgtm-distributed); `tempo3.dev`/
 * `tempo3.prod` are Tempo 3.0 (grafana-community tempo-distributed 3.x).
 */
export const presets = {
  /**
   * Tempo 2. Small single-replica install for development: MinIO subchart storage, replication factor 1, OTLP gRPC/HTTP,
   * 24h retention, 5Gi ingester volume, streaming on for Grafana.
   */
  dev(overrides?: Partial<TempoSpecInput>): TempoSpecInput {
    return mergeSpec(
      {
        storage: { backend: "minio" },
        retention: "24h",
        distributor: { replicas: 1 },
        ingester: { replicas: 1, replicationFactor: 1, persistence: { enabled: true, size: "5Gi" } },
        querier: { replicas: 1 },
        queryFrontend: { replicas: 1 },
        compactor: { replicas: 1 },
        streamOverHttp: true,
      },
      overrides,
    );
  },
  /**
   * Tempo 2. Highly available install sized for 10 MB/s with {@link sizeFor}: 3 distributors, 3 ingesters with replication
   * factor 3 and 20Gi volumes, 7 queriers, 2 query-frontends, 3 compactors; 14 days retention; S3 with credentials
   * from Secret `tempo-s3-credentials` and bucket `tempo-traces` (override `storage` for your bucket).
   */
  prod(overrides?: Partial<TempoSpecInput>): TempoSpecInput {
    return mergeSpec(
      {
        storage: {
          backend: "s3",
          bucket: "tempo-traces",
          credentials: { secretName: "tempo-s3-credentials" },
        },
        retention: "336h",
        ingester: { persistence: { enabled: true, size: "20Gi" } },
        streamOverHttp: true,
      },
      sizeFor({ ingestMBps: 10, ha: true }).spec,
      overrides,
    );
  },
  /**
   * Tempo 3.0 starting points, for the grafana-community tempo-distributed 3.x chart (Kafka, live-stores and
   * block-builders, backend-scheduler and -workers; no ingesters, compactors or MinIO subchart). Both keep traces in
   * S3 bucket `tempo-traces` with credentials from Secret `tempo-s3-credentials` (override `storage`: a MinIO you run
   * is `endpoint`, `insecure`, `forcePathStyle`), and leave `kafka.address` to you: set it, or let the cluster
   * definition deploy the broker (`kafka: { deploy: strimzi }`).
   */
  tempo3: {
    /** Small install for development, sized with {@link sizeFor} for 1 MB/s without HA: one Kafka partition (one live-store, one block-builder) and one pod of everything else; 24h retention. */
    dev(overrides?: Partial<TempoSpecInput>): TempoSpecInput {
      return mergeSpec(
        { storage: TEMPO3_STORAGE, retention: "24h", streamOverHttp: true },
        sizeFor({ ingestMBps: 1, ha: false, generation: 3 }).spec,
        overrides,
      );
    },
    /** Highly available install sized with {@link sizeFor} for 10 MB/s: 3 partitions (3 live-stores, 3 block-builders), 3 distributors, 7 queriers, 2 query-frontends, 3 backend-workers; 14 days retention. */
    prod(overrides?: Partial<TempoSpecInput>): TempoSpecInput {
      return mergeSpec(
        { storage: TEMPO3_STORAGE, retention: "336h", streamOverHttp: true },
        sizeFor({ ingestMBps: 10, ha: true, generation: 3 }).spec,
        overrides,
      );
    },
  },
};
