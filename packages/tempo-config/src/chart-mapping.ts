import {
  type ChartId,
  chartDescriptor,
  preferredChart,
  resolveKey,
  STACK_CHART_NAMES,
  STACK_CHARTS,
  type StackChartId,
  tempoChartOf,
  tempoPrefix,
} from "@lgtm-gitops/charts";

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
}

/** The sections `toChartValues` builds in code rather than by copying one spec field (see chart-values.ts). */
export type SectionBuilder =
  | "receivers"
  | "storage"
  | "overrides"
  | "tenantOverrides"
  | "grpcLimits"
  | "component"
  | "metricsGenerator"
  | "gateway"
  | "minio"
  | "structuredConfig";

/**
 * tempo-distributed 1.x (`config:` template of values.yaml), in the order `toChartValues` writes the values.
 * Rows without `specField` are settings only chart values (or structuredConfig) set.
 */
const TEMPO_DISTRIBUTED_1: readonly TempoChartSetting[] = [
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
  { chartPath: "overrides", tempoPath: "overrides", via: "overrides" },
  {
    specField: "ingestion",
    chartPath: "overrides.defaults.ingestion",
    tempoPath: "overrides.defaults.ingestion",
    via: "overrides",
  },
  {
    specField: "ingestion.maxBytesPerTrace",
    chartPath: "overrides.defaults.global.max_bytes_per_trace",
    tempoPath: "overrides.defaults.global.max_bytes_per_trace",
    via: "overrides",
  },
  { specField: "query", chartPath: "overrides.defaults.read", tempoPath: "overrides.defaults.read", via: "overrides" },
  {
    specField: "metricsGenerator.processors",
    chartPath: "overrides.defaults.metrics_generator.processors",
    tempoPath: "overrides.defaults.metrics_generator.processors",
    via: "overrides",
  },
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
  { specField: "compactor.replicas", chartPath: "compactor.replicas" },
  { chartPath: "compactor.config.compaction", tempoPath: "compactor.compaction" },
  {
    specField: "retention",
    chartPath: "compactor.config.compaction.block_retention",
    tempoPath: "compactor.compaction.block_retention",
  },
  {
    specField: "compaction.compactedBlockRetention",
    chartPath: "compactor.config.compaction.compacted_block_retention",
    tempoPath: "compactor.compaction.compacted_block_retention",
  },
  {
    specField: "compaction.window",
    chartPath: "compactor.config.compaction.compaction_window",
    tempoPath: "compactor.compaction.compaction_window",
  },
  {
    specField: "compaction.retentionConcurrency",
    chartPath: "compactor.config.compaction.retention_concurrency",
    tempoPath: "compactor.compaction.retention_concurrency",
  },
  { specField: "compactor.resources", chartPath: "compactor.resources", via: "component" },
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
  { specField: "storage", chartPath: "minio", via: "minio" },
  { specField: "structuredConfig", chartPath: "tempo.structuredConfig", via: "structuredConfig" },
];

/**
 * THE Tempo↔chart mapping: per Tempo chart and the versions it covers, which chart value holds each Tempo setting.
 * `toChartValues`, the effective tempo.yaml of chart values (`renderTempoConfig`), the structuredConfig shadowing
 * check and `locate` all read it. An entry covers the versions of its chart whose key catalog reads every key of
 * `reads` (no version is named here: the catalogs say which versions have those keys); a chart version whose template
 * changed gets an entry of its own, listed before the older one.
 */
export const TEMPO_CHART_MAPPINGS: readonly {
  /** Chart name of the Tempo chart (the subchart for lgtm-distributed). */
  readonly chart: string;
  /** Values keys (dot paths) every covered version reads: here, the per-tenant overrides format. */
  readonly reads: readonly string[];
  readonly settings: readonly TempoChartSetting[];
}[] = [
  // The `overrides.defaults` / `per_tenant_overrides` format. Older charts (`global_overrides` and the legacy flat
  // format, among them the ones lgtm-distributed 1.x-2.x install) have no entry: lint checks them, generate does not
  // write them. A copied setting that a covered version does not read itself goes to Tempo through structuredConfig.
  { chart: "tempo-distributed", reads: ["per_tenant_overrides", "overrides.defaults"], settings: TEMPO_DISTRIBUTED_1 },
];

/** Whether generate can write Tempo values for `chart`: the Tempo↔chart mapping has an entry for its Tempo chart version. */
export function generatesFor(chart: ChartId): boolean {
  return tempoChartSettings(chart).length > 0;
}

/**
 * The settings of the Tempo chart `chart` installs (its Tempo subchart for lgtm-distributed): the first entry of
 * {@link TEMPO_CHART_MAPPINGS} for that chart whose `reads` its version reads. `[]` for a chart that installs no Tempo
 * or has no entry.
 */
export function tempoChartSettings(chart: ChartId): readonly TempoChartSetting[] {
  const tempo = tempoChartOf(chart);
  if (tempo === undefined) return [];
  const { name } = chartDescriptor(tempo);
  const entry = TEMPO_CHART_MAPPINGS.find(
    (m) => m.chart === name && m.reads.every((k) => resolveKey(tempo, k.split(".")).kind !== "unknown"),
  );
  return entry?.settings ?? [];
}

/** The stack chart versions generate writes values for (see {@link generatesFor}), in table order. */
export const GENERATED_STACK_CHARTS: readonly StackChartId[] = Object.freeze(STACK_CHARTS.filter(generatesFor));

/** The chart a TempoSpec is checked against when no target is given: the one whose top-level values are Tempo's. */
export const SPEC_TARGET: StackChartId =
  (STACK_CHART_NAMES.map((n) => preferredChart(n)).find((c) => c !== undefined && tempoPrefix(c)?.length === 0) as
    | StackChartId
    | undefined) ?? (STACK_CHARTS[0] as StackChartId);
