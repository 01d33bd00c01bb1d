import {
  type ChartId,
  chartDescriptor,
  childKeys,
  preferredChart,
  resolveKey,
  STACK_CHART_NAMES,
  STACK_CHARTS,
  type StackChartId,
  tempoChartOf,
  tempoPrefix,
  type ValueType,
} from "@lgtm-gitops/charts";
import type { PathSegments } from "@lgtm-gitops/diagnostics";
import { firstTempoHaving } from "./tempo-schema.js";

/**
 * One Tempo setting as a chart exposes it: the TempoSpec field that sets it, the chart value it is written to, and
 * where the chart renders that value in tempo.yaml. A row of {@link TEMPO_CHART_MAPPINGS}.
 *
 * Paths are dot paths; `chartPath` is relative to where the Tempo values start (`tempo.` in lgtm-distributed).
 */
export interface TempoChartSetting {
  /** The TempoSpec field that sets it (`retention`); absent when the spec does not model it (set it in structuredConfig). */
  readonly specField?: string;
  /** The chart value (`compactor.config.compaction.block_retention`). */
  readonly chartPath: string;
  /** Where the chart's `config:` template puts the value in tempo.yaml (`compactor.compaction.block_retention`). */
  readonly tempoPath?: string;
  /** The template renders it only when truthy (`{{- if … }}`): 0, "" or false leave Tempo's default. */
  readonly onlyIfSet?: boolean;
  /** The template builds the tempo.yaml value from the chart value (receivers from `traces.*` switches): not a copy. */
  readonly templated?: boolean;
  /**
   * How `toChartValues` writes it: absent = the spec field's value is copied to `chartPath`; a name = the named section
   * builder writes it (the first row naming a builder runs it, once per top-level chart key).
   */
  readonly via?: SectionBuilder;
  /**
   * The chart value is YAML text the chart renders with `tpl` (tempo-distributed < 1.18 `overrides: |`): the section
   * builder writes its map as text.
   */
  readonly text?: true;
}

/** The sections `toChartValues` builds in code rather than by copying one spec field (see chart-values.ts). */
export type SectionBuilder =
  | "receivers"
  | "storage"
  | "overrides"
  | "tenantOverrides"
  | "legacyOverrides"
  | "legacyTenantOverrides"
  | "grpcLimits"
  | "component"
  | "metricsGenerator"
  | "gateway"
  | "minio"
  | "kafka"
  | "partitioned"
  | "backendWorker"
  | "structuredConfig";

/**
 * tempo.yaml `overrides` in its `defaults:` format (Tempo 2.3 on): the chart value `chartRoot` the config template
 * renders as `overrides` (`overrides` from tempo-distributed 1.33, `global_overrides` before) and the spec fields set
 * in it, at the same keys below both.
 */
const defaultsOverrides = (chartRoot: string): readonly TempoChartSetting[] => [
  { chartPath: chartRoot, tempoPath: "overrides", via: "overrides" },
  ...(
    [
      ["ingestion", "defaults.ingestion"],
      ["ingestion.maxBytesPerTrace", "defaults.global.max_bytes_per_trace"],
      ["query", "defaults.read"],
      ["metricsGenerator.processors", "defaults.metrics_generator.processors"],
    ] as const
  ).map(([specField, key]) => ({
    specField,
    chartPath: `${chartRoot}.${key}`,
    tempoPath: `overrides.${key}`,
    via: "overrides" as const,
  })),
];

/**
 * Retention and compaction: Tempo's compaction block (`tempoPath`: the compactors' `compactor.compaction` in Tempo 2,
 * the backend-workers' `backend_worker.compaction` in Tempo 3; the same keys) at the chart value `chartPath`.
 */
const compaction = (chartPath: string, tempoPath: string): readonly TempoChartSetting[] => [
  { chartPath, tempoPath },
  ...(
    [
      ["retention", "block_retention"],
      ["compaction.compactedBlockRetention", "compacted_block_retention"],
      ["compaction.window", "compaction_window"],
      ["compaction.retentionConcurrency", "retention_concurrency"],
    ] as const
  ).map(([specField, key]) => ({ specField, chartPath: `${chartPath}.${key}`, tempoPath: `${tempoPath}.${key}` })),
];

/**
 * The rows tempo-distributed 1.x, 2.x and 3.x share (`config:` template of values.yaml), in the order `toChartValues`
 * writes the values; the per-generation tables below put them together. Rows without `specField` are settings only
 * chart values (or structuredConfig) set.
 */
const WRITE_PATH: readonly TempoChartSetting[] = [
  { specField: "multitenancy", chartPath: "multitenancyEnabled", tempoPath: "multitenancy_enabled" },
  { specField: "streamOverHttp", chartPath: "streamOverHTTPEnabled", tempoPath: "stream_over_http_enabled" },
  { specField: "usageReport", chartPath: "reportingEnabled", tempoPath: "usage_report.reporting_enabled" },
  {
    specField: "receivers",
    chartPath: "traces",
    tempoPath: "distributor.receivers",
    templated: true,
    via: "receivers",
  },
  { specField: "storage", chartPath: "storage.trace", via: "storage" },
  {
    specField: "storage.backend",
    chartPath: "storage.trace.backend",
    tempoPath: "storage.trace.backend",
    via: "storage",
  },
  { specField: "storage", chartPath: "storage.trace.s3", tempoPath: "storage.trace.s3", via: "storage" },
  { specField: "storage", chartPath: "storage.trace.gcs", tempoPath: "storage.trace.gcs", via: "storage" },
  { specField: "storage", chartPath: "storage.trace.azure", tempoPath: "storage.trace.azure", via: "storage" },
  { chartPath: "storage.trace.blocklist_poll", tempoPath: "storage.trace.blocklist_poll", onlyIfSet: true },
  {
    chartPath: "storage.trace.blocklist_poll_concurrency",
    tempoPath: "storage.trace.blocklist_poll_concurrency",
    onlyIfSet: true,
  },
  { chartPath: "storage.trace.block.version", tempoPath: "storage.trace.block.version" },
  {
    chartPath: "storage.trace.block.dedicated_columns",
    tempoPath: "storage.trace.block.parquet_dedicated_columns",
    onlyIfSet: true,
  },
  { chartPath: "cache", tempoPath: "cache" },
  ...defaultsOverrides("overrides"),
  // Per-tenant overrides go to the runtime overrides file, not tempo.yaml.
  { specField: "tenants", chartPath: "per_tenant_overrides", via: "tenantOverrides" },
  // `server:` of the config template: log_level/log_format are copied verbatim (dskit log.Level / log.Format: an
  // unknown value stops Tempo at start).
  { chartPath: "server.logLevel", tempoPath: "server.log_level" },
  { chartPath: "server.logFormat", tempoPath: "server.log_format" },
  { specField: "ingestion.maxBytesPerTrace", chartPath: "server", via: "grpcLimits" },
  {
    specField: "ingestion.maxBytesPerTrace",
    chartPath: "server.grpc_server_max_recv_msg_size",
    tempoPath: "server.grpc_server_max_recv_msg_size",
    via: "grpcLimits",
  },
  {
    specField: "ingestion.maxBytesPerTrace",
    chartPath: "server.grpc_server_max_send_msg_size",
    tempoPath: "server.grpc_server_max_send_msg_size",
    via: "grpcLimits",
  },
  { specField: "distributor.replicas", chartPath: "distributor.replicas" },
  { specField: "distributor.resources", chartPath: "distributor.resources", via: "component" },
  { chartPath: "distributor.config.log_received_spans", tempoPath: "distributor.log_received_spans" },
  { chartPath: "distributor.config.log_discarded_spans", tempoPath: "distributor.log_discarded_spans" },
];

/** Tempo 2.x ingesters (tempo-distributed 1.x and 2.x). */
const INGESTERS: readonly TempoChartSetting[] = [
  { specField: "ingester.replicas", chartPath: "ingester.replicas" },
  {
    specField: "ingester.replicationFactor",
    chartPath: "ingester.config.replication_factor",
    tempoPath: "ingester.lifecycler.ring.replication_factor",
  },
  { specField: "ingester.persistence.enabled", chartPath: "ingester.persistence.enabled" },
  { specField: "ingester.persistence.size", chartPath: "ingester.persistence.size" },
  { specField: "ingester.persistence.storageClass", chartPath: "ingester.persistence.storageClass" },
  { specField: "ingester.resources", chartPath: "ingester.resources", via: "component" },
  {
    chartPath: "ingester.config.complete_block_timeout",
    tempoPath: "ingester.complete_block_timeout",
    onlyIfSet: true,
  },
  { chartPath: "ingester.config.trace_idle_period", tempoPath: "ingester.trace_idle_period", onlyIfSet: true },
  { chartPath: "ingester.config.max_block_bytes", tempoPath: "ingester.max_block_bytes", onlyIfSet: true },
  { chartPath: "ingester.config.max_block_duration", tempoPath: "ingester.max_block_duration", onlyIfSet: true },
  { chartPath: "ingester.config.flush_check_period", tempoPath: "ingester.flush_check_period", onlyIfSet: true },
];

/** The read path: queriers and query-frontends. */
const READ_PATH: readonly TempoChartSetting[] = [
  { specField: "querier.replicas", chartPath: "querier.replicas" },
  {
    specField: "query.maxConcurrentQueries",
    chartPath: "querier.config.max_concurrent_queries",
    tempoPath: "querier.max_concurrent_queries",
  },
  { specField: "querier.resources", chartPath: "querier.resources", via: "component" },
  { specField: "queryFrontend.replicas", chartPath: "queryFrontend.replicas" },
  { chartPath: "queryFrontend.config", tempoPath: "query_frontend" },
  {
    specField: "query.maxOutstandingPerTenant",
    chartPath: "queryFrontend.config.max_outstanding_per_tenant",
    tempoPath: "query_frontend.max_outstanding_per_tenant",
  },
  {
    specField: "query.maxSpansPerSpanSet",
    chartPath: "queryFrontend.config.search.max_spans_per_span_set",
    tempoPath: "query_frontend.search.max_spans_per_span_set",
  },
  { specField: "queryFrontend.resources", chartPath: "queryFrontend.resources", via: "component" },
  { chartPath: "queryFrontend.mcp_server", tempoPath: "query_frontend.mcp_server" },
];

/** Tempo 2.x compactors (compaction and retention). */
const COMPACTORS: readonly TempoChartSetting[] = [
  { specField: "compactor.replicas", chartPath: "compactor.replicas" },
  ...compaction("compactor.config.compaction", "compactor.compaction"),
  { specField: "compactor.resources", chartPath: "compactor.resources", via: "component" },
];

/** The metrics-generator and the gateway. */
const GENERATOR_AND_GATEWAY: readonly TempoChartSetting[] = [
  { specField: "metricsGenerator", chartPath: "metricsGenerator", via: "metricsGenerator" },
  { specField: "metricsGenerator.enabled", chartPath: "metricsGenerator.enabled", via: "metricsGenerator" },
  { specField: "metricsGenerator.replicas", chartPath: "metricsGenerator.replicas", via: "metricsGenerator" },
  {
    specField: "metricsGenerator.remoteWrite",
    chartPath: "metricsGenerator.config.storage.remote_write",
    tempoPath: "metrics_generator.storage.remote_write",
    via: "metricsGenerator",
  },
  {
    specField: "metricsGenerator.externalLabels",
    chartPath: "metricsGenerator.config.registry.external_labels",
    tempoPath: "metrics_generator.registry.external_labels",
    via: "metricsGenerator",
  },
  { specField: "metricsGenerator.config", chartPath: "metricsGenerator.config", via: "metricsGenerator" },
  { specField: "metricsGenerator.resources", chartPath: "metricsGenerator.resources", via: "metricsGenerator" },
  { specField: "gateway", chartPath: "gateway", via: "gateway" },
  { specField: "gateway.enabled", chartPath: "gateway.enabled", via: "gateway" },
  { specField: "gateway.replicas", chartPath: "gateway.replicas", via: "gateway" },
  { specField: "gateway.basicAuth", chartPath: "gateway.basicAuth", via: "gateway" },
];

const MINIO: TempoChartSetting = { specField: "storage", chartPath: "minio", via: "minio" };
const STRUCTURED_CONFIG: TempoChartSetting = {
  specField: "structuredConfig",
  chartPath: "tempo.structuredConfig",
  via: "structuredConfig",
};

/** tempo-distributed 1.x and 2.x: Tempo 2.x with ingesters and compactors. */
const TEMPO_DISTRIBUTED_1: readonly TempoChartSetting[] = [
  ...WRITE_PATH,
  ...INGESTERS,
  ...READ_PATH,
  ...COMPACTORS,
  ...GENERATOR_AND_GATEWAY,
  MINIO,
  STRUCTURED_CONFIG,
];

/** The backend-scheduler's compaction block (the chart copies it into the backend-workers' `compaction`). */
const SCHEDULER_COMPACTION = "backendScheduler.config.provider.compaction.compaction";

/**
 * Tempo 3.0's Kafka write path (grafana-community tempo-distributed 3.x): distributors → Kafka → one live-store and
 * one block-builder per partition. Tempo's own topic auto-creation stays off (it changes the broker-wide
 * `num.partitions`): the topic is created with exactly `kafka.partitions` partitions.
 */
const KAFKA_PATH: readonly TempoChartSetting[] = [
  { specField: "kafka", chartPath: "ingest.kafka", tempoPath: "ingest.kafka", via: "kafka" },
  { specField: "kafka.address", chartPath: "ingest.kafka.address", tempoPath: "ingest.kafka.address", via: "kafka" },
  { specField: "kafka.topic", chartPath: "ingest.kafka.topic", tempoPath: "ingest.kafka.topic", via: "kafka" },
  {
    specField: "kafka.partitions",
    chartPath: "ingest.kafka.auto_create_topic_default_partitions",
    tempoPath: "ingest.kafka.auto_create_topic_default_partitions",
    via: "kafka",
  },
  {
    chartPath: "ingest.kafka.auto_create_topic_enabled",
    tempoPath: "ingest.kafka.auto_create_topic_enabled",
    via: "kafka",
  },
  { specField: "kafka.partitions", chartPath: "liveStore.replicas", via: "partitioned" },
  { specField: "liveStore.resources", chartPath: "liveStore.resources", via: "component" },
  { specField: "kafka.partitions", chartPath: "blockBuilder.replicas", via: "partitioned" },
  {
    chartPath: "blockBuilder.config.partitions_per_instance",
    tempoPath: "block_builder.partitions_per_instance",
    via: "partitioned",
  },
  { specField: "blockBuilder.resources", chartPath: "blockBuilder.resources", via: "component" },
];

/** Tempo 3.0's backend-scheduler and backend-workers (compaction and retention). */
const BACKEND_JOBS: readonly TempoChartSetting[] = [
  ...compaction(SCHEDULER_COMPACTION, "backend_worker.compaction"),
  { specField: "backendScheduler.resources", chartPath: "backendScheduler.resources", via: "component" },
  { specField: "backendWorker", chartPath: "backendWorker", via: "backendWorker" },
  { specField: "backendWorker.replicas", chartPath: "backendWorker.replicas", via: "backendWorker" },
  { specField: "backendWorker.resources", chartPath: "backendWorker.resources", via: "component" },
];

/** grafana-community tempo-distributed 3.x: Tempo 3.0 (no ingesters, no compactors, no MinIO subchart). */
const TEMPO_DISTRIBUTED_3: readonly TempoChartSetting[] = [
  ...WRITE_PATH,
  ...KAFKA_PATH,
  ...READ_PATH,
  ...BACKEND_JOBS,
  ...GENERATOR_AND_GATEWAY,
  STRUCTURED_CONFIG,
];

/** The rows of the overrides sections, which is where the tempo-distributed layouts before 1.33 differ. */
const isOverridesRow = (s: TempoChartSetting) =>
  s.via === "overrides" ||
  s.via === "tenantOverrides" ||
  s.via === "legacyOverrides" ||
  s.via === "legacyTenantOverrides";

/** tempo-distributed 1.x with other overrides rows, in the place of the 1.33+ ones (the order of the emitted file). */
function withOverrides(rows: readonly TempoChartSetting[]): readonly TempoChartSetting[] {
  const at = TEMPO_DISTRIBUTED_1.findIndex(isOverridesRow);
  return [
    ...TEMPO_DISTRIBUTED_1.slice(0, at),
    ...rows,
    ...TEMPO_DISTRIBUTED_1.slice(at).filter((s) => !isOverridesRow(s)),
  ];
}

/**
 * tempo-distributed 1.10–1.32 (lgtm-distributed 2.x): tempo.yaml `overrides` is the chart's `global_overrides`
 * (Tempo 2.5–2.7 read its `defaults:` format), per-tenant overrides are `overrides` (YAML text before 1.18).
 */
const globalOverrides = (tenantsAsText: boolean): readonly TempoChartSetting[] =>
  withOverrides([
    ...defaultsOverrides("global_overrides"),
    tenantsAsText
      ? { specField: "tenants", chartPath: "overrides", via: "tenantOverrides", text: true }
      : { specField: "tenants", chartPath: "overrides", via: "tenantOverrides" },
  ]);

/** A row of the legacy flat overrides format under `global_overrides` (tempo.yaml `overrides.<key>`). */
const legacy = (specField: string, key: string): TempoChartSetting => ({
  specField,
  chartPath: `global_overrides.${key}`,
  tempoPath: `overrides.${key}`,
  via: "legacyOverrides",
});

/**
 * tempo-distributed 1.6–1.7 (lgtm-distributed 1.0.x, Tempo 2.2–2.3): the template appends the legacy
 * `metrics_generator_processors` to tempo.yaml `overrides` itself, so the whole block is in the legacy flat format
 * (the only one Tempo 2.2 reads; Tempo 2.3 warns that it is deprecated), and per-tenant overrides are YAML text.
 */
const LEGACY_OVERRIDES: readonly TempoChartSetting[] = withOverrides([
  { chartPath: "global_overrides", tempoPath: "overrides", via: "legacyOverrides" },
  legacy("ingestion.rateStrategy", "ingestion_rate_strategy"),
  legacy("ingestion.rateLimitBytes", "ingestion_rate_limit_bytes"),
  legacy("ingestion.burstSizeBytes", "ingestion_burst_size_bytes"),
  legacy("ingestion.maxTracesPerUser", "max_traces_per_user"),
  legacy("ingestion.maxBytesPerTrace", "max_bytes_per_trace"),
  legacy("query.maxSearchDuration", "max_search_duration"),
  legacy("query.maxMetricsDuration", "max_metrics_duration"),
  legacy("query.maxBytesPerTagValuesQuery", "max_bytes_per_tag_values_query"),
  legacy("metricsGenerator.processors", "metrics_generator_processors"),
  { specField: "tenants", chartPath: "overrides", via: "legacyTenantOverrides", text: true },
]);

/** A values key an entry of {@link TEMPO_CHART_MAPPINGS} needs: the chart reads it (with a default of `type`). */
export type ChartRead = string | { readonly path: string; readonly type: ValueType };

/**
 * THE Tempo↔chart mapping: per Tempo chart and the versions it covers, which chart value holds each Tempo setting.
 * `toChartValues`, the effective tempo.yaml of chart values (`renderTempoConfig`), the structuredConfig shadowing
 * check and `locate` all read it. An entry covers the versions of its chart whose key catalog has every key of
 * `reads` (values.yaml sets it or a template reads it), with the default type given; no version is named
 * here: the catalogs say which versions have those keys. A chart version whose template changed gets an entry of its
 * own, listed before the older one.
 */
export const TEMPO_CHART_MAPPINGS: readonly {
  /** Chart name of the Tempo chart (the subchart for lgtm-distributed). */
  readonly chart: string;
  /** Values keys (dot paths) every covered version reads: here, the Tempo 3 write path or the layout of the overrides. */
  readonly reads: readonly ChartRead[];
  /** Values keys no covered version has (Tempo 3.0's chart has no `ingester`; community 2.x charts have both). */
  readonly lacks?: readonly string[];
  /**
   * Values keys no covered version may have: versions whose template still renders something their Tempo refuses
   * (the first tempo-distributed 3.x releases render `metrics_generator.traces_storage`, which Tempo 3.0 exits on).
   */
  readonly refuses?: readonly { readonly key: string; readonly why: string }[];
  readonly settings: readonly TempoChartSetting[];
}[] = [
  // Tempo 3.0: the Kafka write path.
  {
    chart: "tempo-distributed",
    reads: ["ingest.kafka.address", "liveStore.replicas", "blockBuilder.replicas", SCHEDULER_COMPACTION],
    lacks: ["ingester.replicas", "compactor.replicas"],
    refuses: [
      {
        key: "metricsGenerator.config.traces_storage",
        why: "its config template renders metrics_generator.traces_storage, which Tempo 3.0 refuses at start-up (the chart stopped rendering it in its next release)",
      },
    ],
    settings: TEMPO_DISTRIBUTED_3,
  },
  // The `overrides.defaults` / `per_tenant_overrides` format (1.33 on). A copied setting that a covered version does
  // not read itself goes to Tempo through structuredConfig.
  { chart: "tempo-distributed", reads: ["per_tenant_overrides", "overrides.defaults"], settings: TEMPO_DISTRIBUTED_1 },
  // The template itself renders `global_overrides.metrics_generator_processors` (1.6–1.7): legacy flat overrides.
  {
    chart: "tempo-distributed",
    reads: ["global_overrides.metrics_generator_processors", { path: "overrides", type: "string" }],
    settings: LEGACY_OVERRIDES,
  },
  // `global_overrides` with per-tenant overrides as YAML text (1.10–1.13), then as a map (1.18–1.32).
  {
    chart: "tempo-distributed",
    reads: ["global_overrides", { path: "overrides", type: "string" }],
    settings: globalOverrides(true),
  },
  {
    chart: "tempo-distributed",
    reads: ["global_overrides", { path: "overrides", type: "object" }],
    settings: globalOverrides(false),
  },
];

/**
 * Whether `chart` has the key `read`: its values.yaml sets it or a template reads it (a key of its own, not any path
 * inside a pass-through map), with a default of the type given.
 */
function readsKey(chart: ChartId, read: ChartRead): boolean {
  const path = (typeof read === "string" ? read : read.path).split(".");
  const r = resolveKey(chart, path);
  if (typeof read !== "string") return r.kind === "known" && r.key.type === read.type;
  return (
    r.kind === "known" || (r.kind === "free-form" && childKeys(chart, path.slice(0, -1)).includes(path.at(-1) ?? ""))
  );
}

/** Whether generate can write Tempo values for `chart`: the Tempo↔chart mapping has an entry for its Tempo chart version. */
export function generatesFor(chart: ChartId): boolean {
  return tempoChartSettings(chart).length > 0;
}

type MappingEntry = (typeof TEMPO_CHART_MAPPINGS)[number];

/** The entry of {@link TEMPO_CHART_MAPPINGS} whose `reads` the Tempo chart of `chart` reads, and what it refuses there. */
function mappingEntry(chart: ChartId): { entry: MappingEntry; refused?: string } | undefined {
  const tempo = tempoChartOf(chart);
  if (tempo === undefined) return undefined;
  const { name } = chartDescriptor(tempo);
  const known = (key: string) => resolveKey(tempo, key.split(".")).kind !== "unknown";
  const entry = TEMPO_CHART_MAPPINGS.find(
    (m) => m.chart === name && m.reads.every((k) => readsKey(tempo, k)) && !(m.lacks ?? []).some(known),
  );
  if (entry === undefined) return undefined;
  const refused = entry.refuses?.find((r) => known(r.key))?.why;
  return refused === undefined ? { entry } : { entry, refused };
}

/**
 * The settings of the Tempo chart `chart` installs (its Tempo subchart for lgtm-distributed): the first entry of
 * {@link TEMPO_CHART_MAPPINGS} for that chart whose `reads` its version reads. `[]` for a chart that installs no Tempo,
 * has no entry, or has a key its entry refuses.
 */
export function tempoChartSettings(chart: ChartId): readonly TempoChartSetting[] {
  const m = mappingEntry(chart);
  return m === undefined || m.refused !== undefined ? [] : m.entry.settings;
}

/** Why generate writes no Tempo values for `chart` although an entry's `reads` match it (`refuses`), else `undefined`. */
export function refusedBecause(chart: ChartId): string | undefined {
  return mappingEntry(chart)?.refused;
}

/** {@link sinceTempo} per row, worked out on first use (nothing at start-up). */
const firstTempo = new WeakMap<TempoChartSetting, string | undefined>();

/**
 * The first Tempo release that has the setting of `row` (its `tempoPath`; for the legacy flat overrides rows, the key
 * in that format), read from the per-release config schemas (`tempo-schemas.gen.ts`); `undefined` for a row with no
 * `tempoPath`. An older Tempo refuses the key at start-up, it does not ignore it: on a chart running an older Tempo the
 * setting is not written, and a value other than the spec's default is a `tempo/unsupported-setting` error naming the
 * chart versions that can set it. Throws for a `tempoPath` no release has: a mistake in the table (a test checks every
 * row), never something a user's input causes.
 */
export function sinceTempo(row: TempoChartSetting): string | undefined {
  if (row.tempoPath === undefined) return undefined;
  if (firstTempo.has(row)) return firstTempo.get(row);
  const [top, ...rest] = row.tempoPath.split(".");
  const first =
    row.via === "legacyOverrides" && top === "overrides"
      ? firstTempoHaving("overrides_legacy", rest)
      : firstTempoHaving("config", row.tempoPath.split("."));
  if (first === undefined)
    throw new Error(`Tempo↔chart mapping: no Tempo release the config schemas hold has \`${row.tempoPath}\``);
  firstTempo.set(row, first);
  return first;
}

/** Where a chart version takes Tempo's overrides, see {@link overridesPlaces}. */
export interface OverridesPlaces {
  /** The chart value rendered as tempo.yaml `overrides` (`overrides`; `global_overrides` before 1.33). */
  readonly defaults: PathSegments;
  /** The chart value holding the per-tenant runtime overrides (`per_tenant_overrides`; `overrides` before 1.33). */
  readonly tenants: PathSegments;
  /**
   * The per-tenant value is the runtime file as YAML text (tempo-distributed < 1.18): its `overrides:` map is the
   * tenants; otherwise the value is that map itself.
   */
  readonly tenantsAsText: boolean;
  /** The chart's template writes `defaults` in the legacy flat format (tempo-distributed 1.6–1.7). */
  readonly legacy: boolean;
}

/**
 * Where the Tempo chart of `chart` takes Tempo's overrides (relative to the Tempo values), by its rows of the
 * Tempo↔chart mapping: for a chart the table does not cover, the 1.33+ places.
 */
export function overridesPlaces(chart: ChartId): OverridesPlaces {
  const settings = tempoChartSettings(chart);
  const rows = settings.length > 0 ? settings : TEMPO_DISTRIBUTED_1;
  const defaults = rows.find((s) => s.tempoPath === "overrides");
  const tenants = rows.find((s) => s.specField === "tenants");
  return {
    defaults: (defaults?.chartPath ?? "overrides").split("."),
    tenants: (tenants?.chartPath ?? "per_tenant_overrides").split("."),
    tenantsAsText: tenants?.text === true,
    legacy: defaults?.via === "legacyOverrides",
  };
}

/** The stack chart versions generate writes values for (see {@link generatesFor}), in table order. */
export const GENERATED_STACK_CHARTS: readonly StackChartId[] = Object.freeze(STACK_CHARTS.filter(generatesFor));

/** The chart a TempoSpec is checked against when no target is given: the one whose top-level values are Tempo's. */
export const SPEC_TARGET: StackChartId =
  (STACK_CHART_NAMES.map((n) => preferredChart(n)).find((c) => c !== undefined && tempoPrefix(c)?.length === 0) as
    | StackChartId
    | undefined) ?? (STACK_CHARTS[0] as StackChartId);
