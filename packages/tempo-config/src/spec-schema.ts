import { type ReceiverId, receiver } from "@lgtm-gitops/charts";
import { z } from "zod";
import { isGoDuration, isQuantity, suggestDuration } from "./duration.js";

/** Rule id of a value that is not a Go duration. */
export const INVALID_DURATION = "tempo/invalid-duration";

/** Every duration field's schema (for messages that suggest a duration, not any string). */
const DURATIONS = new WeakSet<object>();

/** True for the schema of a duration field of a TempoSpec. */
export function isDurationSchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && DURATIONS.has(schema);
}

/** A Go duration (`24h`, `90m`, `1h30m`); Tempo has no `d` unit. */
function duration(description: string) {
  const schema = z
    .string()
    .superRefine((input, ctx) => {
      if (isGoDuration(input)) return;
      const suggestion = suggestDuration(input);
      ctx.addIssue({
        code: "custom",
        input,
        message: `"${input}" is not a Go duration; Tempo parses durations with time.ParseDuration and exits at start-up on this value`,
        params: {
          ruleId: INVALID_DURATION,
          fix: suggestion
            ? `write "${suggestion}"`
            : "use a number with a unit ns, us, ms, s, m or h, e.g. 24h, 90m or 1h30m (there is no d unit)",
        },
      });
    })
    .describe(description);
  DURATIONS.add(schema);
  return schema;
}

const quantity = z
  .union([z.string(), z.number().nonnegative()])
  .refine((v) => typeof v === "number" || isQuantity(v), {
    message: "not a Kubernetes resource quantity",
    params: { fix: "write e.g. 500m or 2 for CPU, 512Mi or 4Gi for memory" },
  })
  .describe("A Kubernetes resource quantity (`500m`, `2`, `512Mi`, `4Gi`).");

const resourceList = z
  .strictObject({
    cpu: quantity.optional().describe("CPU (cores or millicores, `500m`)."),
    memory: quantity.optional().describe("Memory (`512Mi`, `4Gi`)."),
  })
  .describe("CPU and memory.");

/** Kubernetes requests and limits of one component's pods. */
export const resourcesSchema = z
  .strictObject({
    requests: resourceList.optional().describe("What the scheduler reserves. @default none"),
    limits: resourceList
      .optional()
      .describe("Hard caps; a memory limit also sets GOMEMLIMIT on Tempo pods (85%). @default none"),
  })
  .describe("Kubernetes resource requests and limits of the component's pods.");

function replicas(defaultValue: number, description: string) {
  return z
    .number()
    .int({ error: "replicas must be a whole number" })
    .min(1, { error: "replicas must be at least 1: a Tempo component with no pods breaks the trace pipeline" })
    .default(defaultValue)
    .describe(`${description} @default ${defaultValue}`);
}

function component(defaultReplicas: number, name: string) {
  return z.strictObject({
    replicas: replicas(defaultReplicas, `Number of ${name} pods.`),
    resources: resourcesSchema.optional().describe(`Resources of each ${name} pod. @default none (chart: {})`),
  });
}

/** One receiver protocol: on/off plus extra OTel receiver settings merged over the chart's `0.0.0.0:<port>` endpoint. */
const protocol = (defaultEnabled: boolean, id: ReceiverId) => {
  const r = receiver(id);
  const what = `${r.label}, ${r.protocol === "UDP" ? "UDP " : ""}port ${r.port}`;
  return z
    .strictObject({
      enabled: z.boolean().default(defaultEnabled).describe(`Open ${what}. @default ${defaultEnabled}`),
      config: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          "Extra OTel receiver settings for this protocol (chart `receiverConfig`), checked against the receiver's keys. @default none",
        ),
    })
    .describe(what);
};

/** Trace receivers the distributors open (chart `traces.*`). Every port binds 0.0.0.0. */
export const receiversSchema = z
  .strictObject({
    otlp: z
      .strictObject({
        grpc: protocol(true, "otlpGrpc").prefault({}),
        http: protocol(true, "otlpHttp").prefault({}),
      })
      .prefault({})
      .describe("OpenTelemetry protocol receivers."),
    jaeger: z
      .strictObject({
        grpc: protocol(false, "jaegerGrpc").prefault({}),
        thriftHttp: protocol(false, "jaegerThriftHttp").prefault({}),
        thriftCompact: protocol(false, "jaegerThriftCompact").prefault({}),
        thriftBinary: protocol(false, "jaegerThriftBinary").prefault({}),
      })
      .prefault({})
      .describe("Jaeger receivers."),
    zipkin: protocol(false, "zipkin").prefault({}),
  })
  .describe("Trace receivers opened on the distributors. @default OTLP gRPC and HTTP only");

const secretName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: "not a valid Kubernetes Secret name" })
  .max(253)
  .describe("Name of an existing Kubernetes Secret in the release namespace.");
const secretKey = (def: string, what: string) =>
  z
    .string()
    .min(1)
    .default(def)
    .describe(`Key in the Secret that holds ${what}. @default ${JSON.stringify(def)}`);

/** S3 credentials taken from a Kubernetes Secret (never a literal key). */
export const s3CredentialsSchema = z
  .strictObject({
    secretName,
    accessKeyKey: secretKey("access_key_id", "the access key id"),
    secretKeyKey: secretKey("access_key_secret", "the secret access key"),
  })
  .describe(
    "S3 credentials from an existing Secret, injected as environment variables and expanded by Tempo (`-config.expand-env=true`). Omit to use the pod's identity (IRSA, instance profile).",
  );

const s3Storage = z
  .strictObject({
    backend: z.literal("s3").describe("Amazon S3 or any S3-compatible store."),
    bucket: z.string().min(1, { error: "the S3 bucket name is empty" }).describe("Bucket name."),
    endpoint: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Host[:port] of the S3 API, without scheme (`s3.eu-west-1.amazonaws.com`, `minio:9000`). @default `s3.<region>.amazonaws.com`, or `s3.amazonaws.com` without a region (Tempo itself has no default and crashes on an empty endpoint)",
      ),
    region: z.string().min(1).optional().describe("Region. @default none"),
    prefix: z.string().optional().describe("Object key prefix inside the bucket. @default none"),
    insecure: z.boolean().default(false).describe("Use plain HTTP. @default false"),
    forcePathStyle: z.boolean().default(false).describe("Path-style addressing (most MinIO setups). @default false"),
    credentials: s3CredentialsSchema.optional(),
  })
  .describe("S3 object storage.");

const gcsStorage = z
  .strictObject({
    backend: z.literal("gcs").describe("Google Cloud Storage."),
    bucketName: z.string().min(1, { error: "the GCS bucket name is empty" }).describe("Bucket name."),
    prefix: z.string().optional().describe("Object name prefix. @default none"),
    credentials: z
      .strictObject({
        secretName,
        key: secretKey("key.json", "the service-account JSON key"),
      })
      .optional()
      .describe(
        "Service-account key from an existing Secret, mounted read-only and named by GOOGLE_APPLICATION_CREDENTIALS. Omit for Workload Identity.",
      ),
  })
  .describe("Google Cloud Storage.");

const azureStorage = z
  .strictObject({
    backend: z.literal("azure").describe("Azure Blob Storage."),
    containerName: z.string().min(1, { error: "the Azure container name is empty" }).describe("Blob container."),
    storageAccountName: z.string().min(1).describe("Storage account name (not a secret)."),
    prefix: z.string().optional().describe("Blob name prefix. @default none"),
    endpointSuffix: z.string().optional().describe("Endpoint suffix. @default blob.core.windows.net"),
    useManagedIdentity: z.boolean().default(false).describe("Authenticate with a managed identity. @default false"),
    useFederatedToken: z.boolean().default(false).describe("Authenticate with workload identity. @default false"),
    credentials: z
      .strictObject({ secretName, accountKeyKey: secretKey("account_key", "the storage account key") })
      .optional()
      .describe("Storage account key from an existing Secret. Omit with managed identity or workload identity."),
  })
  .describe("Azure Blob Storage.");

const minioStorage = z
  .strictObject({
    backend: z.literal("minio").describe("Development only: the chart's MinIO subchart (S3 API, one pod, one disk)."),
    bucket: z
      .string()
      .default("tempo-traces")
      .describe(
        "Bucket the MinIO subchart creates (any other name is added to `minio.buckets`). @default tempo-traces",
      ),
  })
  .describe("The tempo-distributed MinIO subchart, for development clusters.");

const localStorage = z
  .strictObject({
    backend: z
      .literal("local")
      .describe(
        "Local disk of each pod. Does not work in a distributed install: queriers and compactors never see the blocks ingesters flush.",
      ),
  })
  .describe("Per-pod local disk (single-binary Tempo only).");

/** Where Tempo keeps trace blocks. */
export const storageSchema = z
  .discriminatedUnion("backend", [s3Storage, gcsStorage, azureStorage, minioStorage, localStorage])
  .describe("Trace block storage: `s3`, `gcs`, `azure`, `minio` (development) or `local` (single binary only).");

const bytes = (def: number, description: string) =>
  z
    .number()
    .int()
    .positive({ error: "must be greater than 0" })
    .default(def)
    .describe(`${description} @default ${def}`);

/** Ingestion limits of every tenant (`overrides.defaults.ingestion` and `overrides.defaults.global`). */
export const ingestionSchema = z
  .strictObject({
    rateStrategy: z
      .enum(["local", "global"])
      .default("local")
      .describe(
        "`local`: the limits apply per distributor; `global`: the limits are shared by all distributors. @default local",
      ),
    rateLimitBytes: bytes(15_000_000, "Per-tenant ingestion rate in bytes per second."),
    burstSizeBytes: bytes(20_000_000, "Per-tenant burst in bytes."),
    maxTracesPerUser: bytes(10_000, "Live traces per tenant per ingester."),
    maxBytesPerTrace: z
      .number()
      .int()
      .positive({
        error:
          "maxBytesPerTrace must be greater than 0 (0 disables the limit and lets one trace exhaust ingester memory)",
      })
      .default(5_000_000)
      .describe("Largest trace in bytes (`overrides.defaults.global.max_bytes_per_trace`). @default 5000000"),
  })
  .describe("Ingestion limits per tenant.");

const readLimits = {
  maxSearchDuration: duration(
    "Longest time range of a search, per tenant (`read.max_search_duration`). @default 0 (query_frontend.search.max_duration, 168h)",
  ).optional(),
  maxMetricsDuration: duration(
    "Longest time range of a TraceQL metrics query (`read.max_metrics_duration`). @default 0 (3h)",
  ).optional(),
  maxBytesPerTagValuesQuery: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Bytes a tag-values query may return (`read.max_bytes_per_tag_values_query`). @default 1000000"),
};

/** Query limits (query-frontend, querier, per-tenant read limits). */
export const querySchema = z
  .strictObject({
    maxOutstandingPerTenant: z
      .number()
      .int()
      .positive()
      .default(2000)
      .describe(
        "Queued requests per tenant before HTTP 429 (`query_frontend.max_outstanding_per_tenant`). @default 2000",
      ),
    maxConcurrentQueries: z
      .number()
      .int()
      .positive()
      .default(20)
      .describe("Jobs each querier runs at once (`querier.max_concurrent_queries`). @default 20"),
    maxSpansPerSpanSet: z
      .number()
      .int()
      .nonnegative()
      .default(100)
      .describe("Spans returned per span set (`query_frontend.search.max_spans_per_span_set`). @default 100"),
    ...readLimits,
  })
  .describe("Query limits.");

/** Metrics-generator processors Tempo 2.9 knows. */
export const METRICS_GENERATOR_PROCESSORS = ["service-graphs", "span-metrics", "local-blocks"] as const;

/** A Prometheus remote-write target of the metrics-generator. */
export const remoteWriteSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: "remote-write url must be an http(s) URL" })
      .describe("Remote-write URL, e.g. Mimir `http://<release>-mimir-nginx.<ns>.svc.cluster.local/api/v1/push`."),
    tenantId: z.string().min(1).optional().describe("Sent as `X-Scope-OrgID` (Mimir with multitenancy). @default none"),
    sendExemplars: z.boolean().default(true).describe("Send exemplars (trace ids) with the samples. @default true"),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe("Extra HTTP headers (not for credentials). @default none"),
  })
  .describe("Prometheus remote-write target.");

/** The metrics-generator: span metrics and service graphs remote-written to Prometheus/Mimir. */
export const metricsGeneratorSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Run the metrics-generator. @default false"),
    replicas: replicas(1, "Number of metrics-generator pods."),
    resources: resourcesSchema.optional().describe("Resources of each metrics-generator pod. @default none"),
    processors: z
      .array(z.enum(METRICS_GENERATOR_PROCESSORS))
      .default(["service-graphs", "span-metrics"])
      .describe(
        "Processors switched on for every tenant (`overrides.defaults.metrics_generator.processors`). @default [service-graphs, span-metrics]",
      ),
    remoteWrite: z
      .array(remoteWriteSchema)
      .default([])
      .describe("Where the generated metrics go; required when enabled. @default []"),
    externalLabels: z
      .record(z.string(), z.string())
      .optional()
      .describe("Labels added to every generated series (`registry.external_labels`). @default none"),
    config: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Verbatim chart `metricsGenerator.config` keys (Tempo `metrics_generator` settings), merged over ours and checked strictly. @default none",
      ),
  })
  .describe("Tempo metrics-generator (service graphs, span metrics).");

/** Per-tenant overrides: anything left out is copied from the defaults, because Tempo does not merge. */
export const tenantOverrideSchema = z
  .strictObject({
    ingestion: ingestionSchema.partial().optional().describe("Ingestion limits of this tenant. @default the defaults"),
    retention: duration("Trace retention of this tenant. @default the global retention").optional(),
    query: z
      .strictObject(readLimits)
      .partial()
      .optional()
      .describe("Read limits of this tenant. @default the defaults"),
    metricsGeneratorProcessors: z
      .array(z.enum(METRICS_GENERATOR_PROCESSORS))
      .optional()
      .describe("Metrics-generator processors for this tenant. @default metricsGenerator.processors when enabled"),
  })
  .describe("Overrides of one tenant (a complete block is emitted: Tempo does not merge it with the defaults).");

/** Persistence of ingester WAL and blocks. */
export const ingesterPersistenceSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Give each ingester a PersistentVolumeClaim. @default true"),
    size: quantity.default("10Gi").describe("PVC size. @default 10Gi"),
    storageClass: z.string().min(1).optional().describe("StorageClass. @default the cluster default"),
  })
  .describe("Ingester PersistentVolumeClaim (WAL survives restarts).");

/** `host:port` of one Kafka broker (Tempo hands it to its client as the single seed broker). */
const HOST_PORT = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;

/**
 * Tempo 3.0's write path (chart `ingest.kafka`): distributors write every span to one Kafka topic; live-stores (recent
 * data) and block-builders (blocks in object storage) each read one of its partitions. Tempo 3.x only.
 */
export const kafkaSchema = z
  .strictObject({
    address: z
      .string()
      .regex(HOST_PORT, {
        error:
          'kafka.address must be one broker as host:port (e.g. "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092"): Tempo passes it to its Kafka client as a single seed broker, without a scheme and without TLS',
      })
      .optional()
      .describe(
        "One Kafka broker as `host:port`, plaintext (Tempo's client has no TLS; SASL/PLAIN only through structuredConfig). @default the broker the bundle deploys (definition `kafka`); required otherwise",
      ),
    topic: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,249}$/, {
        error: "kafka.topic must be 1-249 characters from letters, digits, '.', '_' and '-' (a Kafka topic name)",
      })
      .default("tempo-traces")
      .describe('Topic the distributors write to (`ingest.kafka.topic`). @default "tempo-traces"'),
    partitions: z
      .number()
      .int({ error: "kafka.partitions must be a whole number" })
      .min(1, { error: "kafka.partitions must be at least 1" })
      .max(1000, { error: "kafka.partitions above 1000 is more than Tempo's own default topic size" })
      .default(3)
      .describe(
        "Partitions of the topic. Tempo needs exactly one live-store per partition and one block-builder per partition (`partitions_per_instance: 1`): both replica counts are this number. About 10 MB/s of spans per partition. @default 3",
      ),
  })
  .describe(
    "Tempo 3.0's Kafka write path: broker, topic and partitions. The topic must exist with exactly `partitions` partitions (the bundle's Strimzi KafkaTopic creates it; Tempo's auto-creation is switched off because it changes the broker-wide default).",
  );

/** Pods of a Tempo 3.0 component whose replica count the Kafka partitions decide. */
const partitionedComponent = (name: string) =>
  z
    .strictObject({
      resources: resourcesSchema.optional().describe(`Resources of each ${name} pod. @default none`),
    })
    .describe(`${name}s: one pod per Kafka partition (kafka.partitions). Tempo 3.x only.`);

/** The typed, documented Tempo deployment spec: what an operator decides, in camelCase. */
export const tempoSpecSchema = z
  .strictObject({
    multitenancy: z
      .boolean()
      .default(false)
      .describe(
        "Require `X-Scope-OrgID` on every write and read (`multitenancy_enabled`). Off: every trace belongs to tenant `single-tenant`. @default false",
      ),
    receivers: receiversSchema.prefault({}),
    storage: storageSchema,
    retention: duration(
      "How long traces are kept (`compactor.compaction.block_retention`; on Tempo 3.0 the backend-scheduler's and backend-workers' `compaction.block_retention`).",
    ).default("48h"),
    compaction: z
      .strictObject({
        window: duration("Time window of blocks compacted together (`compaction_window`); not 0.").default("1h"),
        retentionConcurrency: z
          .number()
          .int()
          .positive()
          .default(10)
          .describe("Blocks deleted in parallel by retention (`retention_concurrency`). @default 10"),
        compactedBlockRetention: duration(
          "How long compacted-away blocks linger for queriers (`compacted_block_retention`).",
        ).default("1h"),
      })
      .prefault({})
      .describe("Compaction settings."),
    ingestion: ingestionSchema.prefault({}),
    query: querySchema.prefault({}),
    tenants: z
      .record(
        z.string().regex(/^(\*|[A-Za-z0-9!_.*'()-]{1,150})$/, {
          error: "a tenant id is 1-150 characters from letters, digits and !-_.*'() (or * for every other tenant)",
        }),
        tenantOverrideSchema,
      )
      .default({})
      .describe(
        "Per-tenant overrides keyed by tenant id (`*` for every tenant without its own block). Each is completed from the defaults. @default {}",
      ),
    distributor: component(1, "distributor").prefault({}).describe("Distributors (receive spans)."),
    ingester: z
      .strictObject({
        replicas: replicas(1, "Number of ingester pods."),
        resources: resourcesSchema.optional().describe("Resources of each ingester pod. @default none"),
        replicationFactor: z
          .number()
          .int()
          .min(1, { error: "replicationFactor must be at least 1" })
          .default(1)
          .describe(
            "Copies of each trace across ingesters; writes need floor(rf/2)+1 live ingesters. Never above `replicas`. @default 1",
          ),
        persistence: ingesterPersistenceSchema.prefault({}),
      })
      .prefault({})
      .describe(
        "Ingesters (hold recent traces, flush blocks). Tempo 2.x only: Tempo 3.0 has live-stores and block-builders.",
      ),
    querier: component(1, "querier").prefault({}).describe("Queriers."),
    queryFrontend: component(1, "query-frontend").prefault({}).describe("Query frontends (the query API, port 3200)."),
    compactor: component(1, "compactor")
      .prefault({})
      .describe("Compactors (also apply retention). Tempo 2.x only: Tempo 3.0 has backendScheduler/backendWorker."),
    kafka: kafkaSchema.optional(),
    liveStore: partitionedComponent("live-store").optional(),
    blockBuilder: partitionedComponent("block-builder").optional(),
    backendScheduler: z
      .strictObject({
        resources: resourcesSchema.optional().describe("Resources of the backend-scheduler pod. @default none"),
      })
      .optional()
      .describe("The backend-scheduler (one pod: plans compaction and retention jobs). Tempo 3.x only."),
    backendWorker: component(1, "backend-worker")
      .optional()
      .describe("Backend-workers (run compaction and retention jobs). Tempo 3.x only. @default 1 pod"),
    metricsGenerator: metricsGeneratorSchema.prefault({}),
    gateway: z
      .strictObject({
        enabled: z.boolean().default(false).describe("Deploy the nginx gateway in front of Tempo. @default false"),
        replicas: replicas(1, "Number of gateway pods."),
        resources: resourcesSchema.optional().describe("Resources of each gateway pod. @default none"),
        basicAuth: z
          .strictObject({
            existingSecret: secretName.describe("Existing Secret with an `.htpasswd` key (bcrypt entries)."),
          })
          .optional()
          .describe("HTTP basic auth on every gateway route, from an existing htpasswd Secret. @default off"),
      })
      .prefault({})
      .describe("Tempo gateway (nginx)."),
    streamOverHttp: z
      .boolean()
      .default(false)
      .describe(
        "Enable gRPC streaming over HTTP (`stream_over_http_enabled`), which Grafana's TraceQL streaming needs. @default false",
      ),
    usageReport: z
      .boolean()
      .default(true)
      .describe("Send anonymous usage statistics to Grafana Labs (`reportingEnabled`). @default true"),
    structuredConfig: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Escape hatch: Tempo configuration merged over everything (chart `tempo.structuredConfig`), checked against the strict schema of the Tempo release the chart runs (from Tempo's Go structs). @default none",
      ),
  })
  .describe(
    "A Grafana Tempo distributed deployment: Tempo 2.x (ingesters, compactors) or Tempo 3.0 (Kafka, live-stores, block-builders, backend-scheduler and backend-workers), by the chart version that runs it.",
  )
  // Only what this schema parsed is a TempoSpec: `toChartValues` takes it as is, without parsing it again.
  .brand<"TempoSpec">();

/** A parsed spec, all defaults applied (branded: only `tempoSpecSchema` makes one). */
export type TempoSpec = z.output<typeof tempoSpecSchema>;
/** What a user writes (defaults optional). */
export type TempoSpecInput = z.input<typeof tempoSpecSchema>;
/** Storage section of a parsed spec. */
export type TempoStorage = TempoSpec["storage"];
/** Resources of one component. */
export type Resources = z.output<typeof resourcesSchema>;
/** A metrics-generator processor name. */
export type MetricsGeneratorProcessor = (typeof METRICS_GENERATOR_PROCESSORS)[number];

/** JSON Schema (draft 2020-12) of what a user writes, for editors: `z.toJSONSchema` of {@link tempoSpecSchema}. */
export function tempoSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(tempoSpecSchema, { io: "input" }) as Record<string, unknown>;
}
