import type {
  LogsDatasourceType,
  MetricsDatasourceType,
  ProfilesDatasourceType,
  TracingDatasourceType,
} from "./datasource-types.js";
import type {
  DerivedFieldEntry,
  ExemplarDestinationEntry,
  PrometheusJsonData,
  TagMapping,
  TempoJsonData,
  TraceqlFilter,
  TraceToMetricsQuery,
} from "./entry-schema.js";
import { safeUidFromName } from "./safe-uid.js";
import type { SecureValue } from "./secure-value.js";

/**
 * A link target: the datasource object itself, or a function returning it (for links that go both ways,
 * e.g. Tempo → Loki and Loki derived fields → Tempo, where one object must be created first).
 */
export type Target<D> = D | (() => D);

/** What a built datasource is made from. Read by the compiler; treat as opaque. */
export type DatasourceDefinition =
  | { readonly kind: "loki"; readonly options: LokiDatasourceOptions }
  | { readonly kind: "prometheus"; readonly options: PrometheusDatasourceOptions }
  | { readonly kind: "tempo"; readonly options: TempoDatasourceOptions }
  | { readonly kind: "generic"; readonly options: GenericDatasourceOptions<string> }
  | { readonly kind: "chart-provided"; readonly chart: string };

/**
 * A datasource built by one of the builders, typed by its plugin `type`. Links take these objects,
 * so a link to the wrong kind of datasource does not compile and its uid cannot be mistyped.
 */
export interface Datasource<T extends string = string> {
  readonly type: T;
  readonly name: string;
  /** Always set: explicit, or `safeUidFromName(name)` as Grafana would derive it. */
  readonly uid: string;
  readonly orgId: number;
  readonly isDefault: boolean;
  readonly definition: DatasourceDefinition;
}

/** A Loki datasource. */
export type LokiDatasource = Datasource<"loki">;
/** A Prometheus-type datasource (Prometheus, Mimir, Cortex, Thanos). */
export type PrometheusDatasource = Datasource<"prometheus">;
/** A Tempo datasource. */
export type TempoDatasource = Datasource<"tempo">;
/** Any logs datasource a Tempo traces → logs link accepts. */
export type LogsDatasource = Datasource<LogsDatasourceType>;
/** Any metrics datasource a Tempo traces → metrics link accepts. */
export type MetricsDatasource = Datasource<MetricsDatasourceType>;
/** Any tracing datasource Loki derived fields and Prometheus exemplars accept. */
export type TracingDatasource = Datasource<TracingDatasourceType>;
/** A profiles (Pyroscope) datasource. */
export type ProfilesDatasource = Datasource<ProfilesDatasourceType>;
/** An Alertmanager datasource. */
export type AlertmanagerDatasource = Datasource<"alertmanager">;

/** A custom HTTP header; the name goes to `jsonData.httpHeaderNameN`, the value to `secureJsonData.httpHeaderValueN`. */
export interface HttpHeader {
  readonly name: string;
  readonly value: SecureValue;
}

/** A correlation provisioned with the datasource. */
export interface CorrelationOptions {
  readonly target: Target<Datasource>;
  readonly label: string;
  readonly description?: string | undefined;
  /** @default "query" */
  readonly type?: "query" | "external" | undefined;
  readonly config?: Readonly<Record<string, unknown>> | undefined;
}

/** Settings every datasource has. */
export interface CommonDatasourceOptions {
  /** Unique per org; the key Grafana provisions by. At most 190 characters. */
  readonly name: string;
  /** @default safeUidFromName(name) */
  readonly uid?: string | undefined;
  /** @default 1 */
  readonly orgId?: number | undefined;
  readonly url?: string | undefined;
  /** @default "proxy" */
  readonly access?: "proxy" | "direct" | undefined;
  /** @default false */
  readonly isDefault?: boolean | undefined;
  /** @default false (read-only in the UI) */
  readonly editable?: boolean | undefined;
  /** HTTP basic auth; the password always comes from a Secret or the environment. */
  readonly basicAuth?: { readonly user: string | SecureValue; readonly password: SecureValue } | undefined;
  /** Custom headers, numbered from 1 in order. */
  readonly headers?: readonly HttpHeader[] | undefined;
  /** TLS settings; certificates and keys come from a Secret or the environment. */
  readonly tls?: {
    /** @default false */
    readonly skipVerify?: boolean | undefined;
    readonly serverName?: string | undefined;
    readonly caCert?: SecureValue | undefined;
    readonly clientCert?: SecureValue | undefined;
    readonly clientKey?: SecureValue | undefined;
  };
  /** Request timeout in seconds. */
  readonly timeout?: number | undefined;
  readonly keepCookies?: readonly string[] | undefined;
  /** @default false */
  readonly oauthPassThru?: boolean | undefined;
  /** @default false */
  readonly withCredentials?: boolean | undefined;
  readonly user?: string | undefined;
  readonly database?: string | undefined;
  readonly manageAlerts?: boolean | undefined;
  /** Alertmanager datasource for alerting (`jsonData.alertmanagerUid`). */
  readonly alertmanager?: Target<AlertmanagerDatasource> | undefined;
  readonly version?: number | undefined;
  readonly correlations?: readonly CorrelationOptions[] | undefined;
  /** Extra plugin jsonData keys not modelled here; modelled fields win on conflict. */
  readonly jsonData?: Readonly<Record<string, unknown>> | undefined;
}

/** A Loki derived field. */
export interface DerivedField {
  readonly name: string;
  /** Regex with one capture group, or the label name when matcherType is `label`. */
  readonly matcherRegex: string;
  /** @default "regex" */
  readonly matcherType?: DerivedFieldEntry["matcherType"] | undefined;
  /** External URL, or the query for an internal link, e.g. `${__value.raw}` (write it unescaped). */
  readonly url?: string | undefined;
  readonly urlDisplayLabel?: string | undefined;
  /** Internal link to a tracing datasource. */
  readonly datasource?: Target<TracingDatasource> | undefined;
  /** @default false */
  readonly targetBlank?: boolean | undefined;
}

/** Options of {@link lokiDatasource}. */
export interface LokiDatasourceOptions extends CommonDatasourceOptions {
  /** @default 1000 */
  readonly maxLines?: number | undefined;
  readonly derivedFields?: readonly DerivedField[] | undefined;
}

/** A Prometheus exemplar link to a tracing datasource. */
export interface ExemplarDestination {
  /** Exemplar label carrying the trace id (`trace_id`, `traceID`). */
  readonly name: string;
  readonly datasource?: Target<TracingDatasource> | undefined;
  readonly url?: ExemplarDestinationEntry["url"] | undefined;
  readonly urlDisplayLabel?: string | undefined;
}

/** Options of {@link prometheusDatasource}. */
export interface PrometheusDatasourceOptions extends CommonDatasourceOptions {
  /** @default "POST" */
  readonly httpMethod?: PrometheusJsonData["httpMethod"] | undefined;
  readonly timeInterval?: string | undefined;
  readonly queryTimeout?: string | undefined;
  /** `Mimir` for an LGTM stack. */
  readonly prometheusType?: PrometheusJsonData["prometheusType"] | undefined;
  readonly prometheusVersion?: string | undefined;
  readonly cacheLevel?: PrometheusJsonData["cacheLevel"] | undefined;
  /** @default false */
  readonly incrementalQuerying?: boolean | undefined;
  /** @default "10m" */
  readonly incrementalQueryOverlapWindow?: string | undefined;
  /** @default false */
  readonly disableRecordingRules?: boolean | undefined;
  /** @default false */
  readonly allowAsRecordingRulesTarget?: boolean | undefined;
  readonly defaultEditor?: PrometheusJsonData["defaultEditor"] | undefined;
  /** @default false */
  readonly disableMetricsLookup?: boolean | undefined;
  readonly customQueryParameters?: string | undefined;
  /** @default false */
  readonly seriesEndpoint?: boolean | undefined;
  /** @default 40000 */
  readonly seriesLimit?: number | undefined;
  readonly exemplarTraceIdDestinations?: readonly ExemplarDestination[] | undefined;
}

/** Tempo traces → logs. Emitted as `tracesToLogsV2` (never the deprecated v1). */
export interface TracesToLogs {
  /** The logs datasource (Loki or another logs type) the links open. */
  readonly datasource: Target<LogsDatasource>;
  /** Span attributes → log labels. Grafana's defaults when omitted. */
  readonly tags?: readonly TagMapping[] | undefined;
  /** @default "0" */
  readonly spanStartTimeShift?: string | undefined;
  /** @default "0" */
  readonly spanEndTimeShift?: string | undefined;
  /** @default false */
  readonly filterByTraceID?: boolean | undefined;
  /** @default false */
  readonly filterBySpanID?: boolean | undefined;
  /** A custom query (sets `customQuery: true`); write Grafana variables unescaped (`$__tags`). */
  readonly query?: string | undefined;
}

/** Tempo traces → metrics. */
export interface TracesToMetrics {
  /** The metrics datasource (Prometheus/Mimir) the span-metric queries run against. */
  readonly datasource: Target<MetricsDatasource>;
  /**
   * Span attributes → metric labels for `$__tags`. Span metrics label the service `service`, so map
   * `{ key: "service.name", value: "service" }`. Grafana's defaults when omitted.
   */
  readonly tags?: readonly TagMapping[] | undefined;
  /** @default "-2m" */
  readonly spanStartTimeShift?: string | undefined;
  /** @default "2m" */
  readonly spanEndTimeShift?: string | undefined;
  /**
   * One link per query; `$__tags` becomes the mapped labels, or nothing when the span has none of them, so
   * put it last in a selector (`{status_code="STATUS_CODE_ERROR", $__tags}`).
   * @default Grafana's single p50 latency query on `traces_spanmetrics_latency_bucket`
   */
  readonly queries?: readonly TraceToMetricsQuery[] | undefined;
}

/** Tempo traces → profiles. */
export interface TracesToProfiles {
  /** The profiles datasource (`grafana-pyroscope-datasource`). */
  readonly datasource: Target<ProfilesDatasource>;
  /** Span attributes → profile labels. @default Grafana's `service.name`→`service_name`, `service.namespace`→`service_namespace` */
  readonly tags?: readonly TagMapping[] | undefined;
  /** Profile type, e.g. `process_cpu:cpu:nanoseconds:cpu:nanoseconds`. @default undefined (chosen in the UI) */
  readonly profileTypeId?: string | undefined;
  /** A custom query (sets `customQuery: true`). */
  readonly query?: string | undefined;
}

/** Options of {@link tempoDatasource}. */
export interface TempoDatasourceOptions extends CommonDatasourceOptions {
  readonly tracesToLogs?: TracesToLogs | undefined;
  readonly tracesToMetrics?: TracesToMetrics | undefined;
  readonly tracesToProfiles?: TracesToProfiles | undefined;
  /** Service graph: reads the metrics-generator's service-graph metrics from this datasource. */
  readonly serviceMap?: { readonly datasource: Target<PrometheusDatasource> } | undefined;
  /** @default false */
  readonly nodeGraph?: boolean | undefined;
  readonly search?: { readonly hide?: boolean; readonly filters?: readonly TraceqlFilter[] } | undefined;
  readonly traceQuery?: NonNullable<TempoJsonData["traceQuery"]> | undefined;
  /** @default { type: "Duration" } */
  readonly spanBar?:
    | { readonly type: "None" | "Duration" }
    | { readonly type: "Tag"; readonly tag: string }
    | undefined;
  /** Needs `stream_over_http_enabled` in Tempo. @default { search: false, metrics: false } */
  readonly streamingEnabled?: { readonly search?: boolean; readonly metrics?: boolean } | undefined;
  /** @default 5000 */
  readonly tagLimit?: number | undefined;
  /** @default 1800 */
  readonly timeRangeForTags?: 1800 | 10800 | 86400 | 259200 | 604800 | undefined;
}

/** Options of {@link genericDatasource}. */
export interface GenericDatasourceOptions<T extends string> extends CommonDatasourceOptions {
  /** Plugin id, e.g. `grafana-pyroscope-datasource`, `elasticsearch`, `alertmanager`, `jaeger`. */
  readonly type: T;
}

function identity<T extends string>(
  type: T,
  options: CommonDatasourceOptions,
  definition: DatasourceDefinition,
): Datasource<T> {
  return {
    type,
    name: options.name,
    uid: options.uid ?? safeUidFromName(options.name),
    orgId: options.orgId ?? 1,
    isDefault: options.isDefault ?? false,
    definition,
  };
}

/** Builds a Loki datasource. */
export function lokiDatasource(options: LokiDatasourceOptions): LokiDatasource {
  return identity("loki", options, { kind: "loki", options });
}

/** Builds a Prometheus-type datasource; set `prometheusType: "Mimir"` for Mimir. */
export function prometheusDatasource(options: PrometheusDatasourceOptions): PrometheusDatasource {
  return identity("prometheus", options, { kind: "prometheus", options });
}

/** Builds a Tempo datasource with its links to logs, metrics, profiles and the service map. */
export function tempoDatasource(options: TempoDatasourceOptions): TempoDatasource {
  return identity("tempo", options, { kind: "tempo", options });
}

/** Builds a datasource of any other plugin type (its jsonData is passed through). */
export function genericDatasource<const T extends string>(options: GenericDatasourceOptions<T>): Datasource<T> {
  return identity(options.type, options, { kind: "generic", options });
}

/** Resolves a {@link Target}. */
export function resolveTarget<D>(target: Target<D>): D {
  return typeof target === "function" ? (target as () => D)() : target;
}
