/**
 * Metric names Tempo's metrics-generator remote-writes (Tempo 2.x defaults), which the Tempo datasource's
 * service map and our traces → metrics queries read. Sources: Tempo docs `metrics-from-traces/`
 * (span-metrics, service_graphs) and grafana-tempo-datasource `src/graphTransform.ts`.
 */

/** Span metrics (processor `span-metrics`). Labels: `service`, `span_name`, `span_kind`, `status_code`. */
export const SPAN_METRICS = {
  /** Counter of spans. */
  callsTotal: "traces_spanmetrics_calls_total",
  /** Latency histogram (classic buckets), read by the service graph table. */
  latencyBucket: "traces_spanmetrics_latency_bucket",
  /** Number of observations of the latency histogram. */
  latencyCount: "traces_spanmetrics_latency_count",
  /** Sum of span durations in seconds. */
  latencySum: "traces_spanmetrics_latency_sum",
  /** Bytes of spans. */
  sizeTotal: "traces_spanmetrics_size_total",
} as const;

/** Default labels of span metrics. Note `service`, not `service_name`. */
export const SPAN_METRICS_LABELS = {
  service: "service",
  spanName: "span_name",
  spanKind: "span_kind",
  statusCode: "status_code",
} as const;

/** Service graph metrics (processor `service-graphs`). Labels: `client`, `server`, `connection_type`. */
export const SERVICE_GRAPH = {
  /** Requests between two services (edges of the service map). */
  requestTotal: "traces_service_graph_request_total",
  /** Failed requests between two services. */
  requestFailedTotal: "traces_service_graph_request_failed_total",
  /** Server-side request duration, sum (seconds). */
  requestServerSecondsSum: "traces_service_graph_request_server_seconds_sum",
  /** Server-side request duration histogram (classic buckets). */
  requestServerSecondsBucket: "traces_service_graph_request_server_seconds_bucket",
  /** Server-side request duration, count. */
  requestServerSecondsCount: "traces_service_graph_request_server_seconds_count",
  /** Client-side request duration histogram (classic buckets). */
  requestClientSecondsBucket: "traces_service_graph_request_client_seconds_bucket",
} as const;

/**
 * The traces → metrics queries `lgtm()` installs. Grafana replaces `$__tags` with `service="<span service.name>"`,
 * or with nothing when the span lacks the attribute, so `$__tags` always comes last in a selector: PromQL accepts
 * `{status_code="…", }` but rejects `{, status_code="…"}`.
 */
export const SPAN_METRICS_QUERIES = [
  {
    name: "Request rate",
    query: `sum by (${SPAN_METRICS_LABELS.spanName}) (rate(${SPAN_METRICS.callsTotal}{$__tags}[5m]))`,
  },
  {
    name: "Error rate",
    query: `sum by (${SPAN_METRICS_LABELS.spanName}) (rate(${SPAN_METRICS.callsTotal}{${SPAN_METRICS_LABELS.statusCode}="STATUS_CODE_ERROR", $__tags}[5m]))`,
  },
  {
    name: "Latency p95",
    query: `histogram_quantile(0.95, sum by (le) (rate(${SPAN_METRICS.latencyBucket}{$__tags}[5m])))`,
  },
] as const;
