/**
 * Datasource plugin types and which of them each cross-reference may point at, from the Tempo, Loki and
 * Prometheus datasource UIs (`supported*DataSourceTypes`, see notes/datasources.md §2–§3).
 */

/** Logs datasources a Tempo "traces to logs" link may target. */
export const LOGS_DATASOURCE_TYPES = [
  "loki",
  "elasticsearch",
  "grafana-splunk-datasource",
  "grafana-opensearch-datasource",
  "grafana-falconlogscale-datasource",
  "googlecloud-logging-datasource",
  "victoriametrics-logs-datasource",
] as const;
/** A logs datasource type. */
export type LogsDatasourceType = (typeof LOGS_DATASOURCE_TYPES)[number];

/** Metrics datasources a Tempo "traces to metrics" link may target. */
export const METRICS_DATASOURCE_TYPES = ["prometheus", "victoriametrics-metrics-datasource"] as const;
/** A metrics datasource type. */
export type MetricsDatasourceType = (typeof METRICS_DATASOURCE_TYPES)[number];

/** Datasources the Tempo service map may read (the picker only offers `prometheus`). */
export const SERVICE_MAP_DATASOURCE_TYPES = ["prometheus"] as const;

/** Tracing datasources Loki derived fields and Prometheus exemplars may link to. */
export const TRACING_DATASOURCE_TYPES = ["tempo", "jaeger", "zipkin"] as const;
/** A tracing datasource type. */
export type TracingDatasourceType = (typeof TRACING_DATASOURCE_TYPES)[number];

/** Profiles datasources a Tempo "traces to profiles" link may target. */
export const PROFILES_DATASOURCE_TYPES = ["grafana-pyroscope-datasource"] as const;
/** A profiles datasource type. */
export type ProfilesDatasourceType = (typeof PROFILES_DATASOURCE_TYPES)[number];

/** Alertmanager datasources (`jsonData.alertmanagerUid`). */
export const ALERTMANAGER_DATASOURCE_TYPES = ["alertmanager"] as const;

/**
 * A jsonData field that holds the uid of another datasource, with the datasource types it may point at.
 * `path` is relative to the entry; `*` stands for every list index. `allowed: "any"` accepts every type.
 */
export interface ReferenceField {
  /** Datasource type that owns the field; `"*"` for every type. */
  readonly owner: string;
  /** Path of the uid inside the entry, `*` for list indexes. */
  readonly path: readonly string[];
  /** Types the referenced datasource may have. */
  readonly allowed: readonly string[] | "any";
  /** Human name of the link, used in messages. */
  readonly label: string;
}

/** Every cross-reference Grafana resolves by uid, per owning datasource type. */
export const REFERENCE_FIELDS: readonly ReferenceField[] = [
  {
    owner: "tempo",
    path: ["jsonData", "tracesToLogsV2", "datasourceUid"],
    allowed: LOGS_DATASOURCE_TYPES,
    label: "traces to logs",
  },
  {
    owner: "tempo",
    path: ["jsonData", "tracesToLogsV3", "*", "datasourceUid"],
    allowed: LOGS_DATASOURCE_TYPES,
    label: "traces to logs (V3)",
  },
  {
    owner: "tempo",
    path: ["jsonData", "tracesToLogs", "datasourceUid"],
    allowed: LOGS_DATASOURCE_TYPES,
    label: "traces to logs (v1)",
  },
  {
    owner: "tempo",
    path: ["jsonData", "tracesToMetrics", "datasourceUid"],
    allowed: METRICS_DATASOURCE_TYPES,
    label: "traces to metrics",
  },
  {
    owner: "tempo",
    path: ["jsonData", "tracesToProfiles", "datasourceUid"],
    allowed: PROFILES_DATASOURCE_TYPES,
    label: "traces to profiles",
  },
  {
    owner: "tempo",
    path: ["jsonData", "serviceMap", "datasourceUid"],
    allowed: SERVICE_MAP_DATASOURCE_TYPES,
    label: "service map",
  },
  { owner: "tempo", path: ["jsonData", "lokiSearch", "datasourceUid"], allowed: ["loki"], label: "Loki search" },
  {
    owner: "loki",
    path: ["jsonData", "derivedFields", "*", "datasourceUid"],
    allowed: TRACING_DATASOURCE_TYPES,
    label: "derived field",
  },
  {
    owner: "prometheus",
    path: ["jsonData", "exemplarTraceIdDestinations", "*", "datasourceUid"],
    allowed: TRACING_DATASOURCE_TYPES,
    label: "exemplar trace link",
  },
  { owner: "*", path: ["jsonData", "alertmanagerUid"], allowed: ALERTMANAGER_DATASOURCE_TYPES, label: "alertmanager" },
  { owner: "*", path: ["correlations", "*", "targetUID"], allowed: "any", label: "correlation" },
];
