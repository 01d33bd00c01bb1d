import { componentPrefix, lokiEndpoints, mimirEndpoints, type StackInstall, tempoEndpoints } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import {
  type HttpHeader,
  lokiDatasource,
  type ProfilesDatasource,
  prometheusDatasource,
  type Target,
  type TempoDatasource,
  tempoDatasource,
} from "./builders.js";
import type { ChartProvidedDatasource } from "./chart-provided.js";
import { DatasourceSet } from "./datasource-set.js";
import type { TagMapping } from "./entry-schema.js";
import { SPAN_METRICS_LABELS, SPAN_METRICS_QUERIES } from "./metric-names.js";
import type { SecureValue } from "./secure-value.js";

/** The header multi-tenant Loki, Mimir and Tempo read the tenant from. */
export const TENANT_HEADER = "X-Scope-OrgID";

/** Environment variable `lgtm()` passes a plain tenant id through. */
export const TENANT_ENV = "LGTM_DS_TENANT";

/** Grafana's variable for the matched value of a derived field. */
const VALUE_RAW = "${__value.raw}";

/** Options of {@link lgtm}. */
export interface LgtmOptions {
  /** The LGTM install the URLs are derived from (`@lgtm-gitops/charts` naming). */
  readonly install: StackInstall;
  /**
   * Tenant of a multi-tenant install: every datasource sends `X-Scope-OrgID`, its value taken from the
   * environment (a plain string goes through env `LGTM_DS_TENANT`), never written literally.
   * @default undefined (single tenant, no header)
   */
  readonly tenant?: string | SecureValue | undefined;
  /** Overrides the Tempo URL. @default query-frontend :3200, or the gateway when enabled */
  readonly tempoUrl?: string | undefined;
  /** Overrides the Loki URL (needed for tempo-distributed installs). @default lgtm-distributed's Loki gateway */
  readonly lokiUrl?: string | undefined;
  /** Overrides the Mimir URL (needed for tempo-distributed installs). @default lgtm-distributed's Mimir nginx `/prometheus` */
  readonly mimirUrl?: string | undefined;
  /** Tempo gateway (`tempo.gateway.enabled`). With `basicAuthSecret`, Grafana logs in with credentials from that Secret. */
  readonly gateway?: {
    readonly enabled: boolean;
    readonly basicAuthSecret?: {
      /** Secret in Grafana's namespace holding the gateway user and password. */
      readonly name: string;
      /** @default "username" */
      readonly usernameKey?: string | undefined;
      /** @default "password" */
      readonly passwordKey?: string | undefined;
      /** A literal user name instead of `usernameKey`. */
      readonly username?: string | undefined;
    };
  };
  /** Stream search and metrics results (needs Tempo `stream_over_http_enabled: true`). @default false */
  readonly streaming?: boolean | undefined;
  /** Datasource names. @default { loki: "Loki", mimir: "Mimir", tempo: "Tempo" } */
  readonly names?: { readonly loki?: string; readonly mimir?: string; readonly tempo?: string } | undefined;
  /** Datasource uids. @default { loki: "loki", mimir: "mimir", tempo: "tempo" } */
  readonly uids?: { readonly loki?: string; readonly mimir?: string; readonly tempo?: string } | undefined;
  /** Which one is the org default. @default "none" (kube-prometheus-stack already adds a default Prometheus) */
  readonly default?: "mimir" | "loki" | "tempo" | "none" | undefined;
  /** Datasources the hosting chart adds itself, e.g. `kubePrometheusStackDatasources()`. @default [] */
  readonly chartProvided?: readonly ChartProvidedDatasource[] | undefined;
  /** A Pyroscope datasource for traces → profiles. @default undefined (no profiles link) */
  readonly profiles?: Target<ProfilesDatasource> | undefined;
  /** @default false */
  readonly editable?: boolean | undefined;
  /**
   * Span attributes → Loki stream labels for traces → logs (all attributes present on the span must match).
   * The default fits logs whose streams carry `service_name`/`service_namespace` (Loki 3 OTLP ingestion, or a
   * pipeline that adds them). lgtm-distributed ships Loki 2.9, whose streams usually carry the
   * collector's labels instead, e.g. `[{ key: "k8s.namespace.name", value: "namespace" }, { key: "k8s.pod.name", value: "pod" }]`.
   * @default [{ key: "service.name", value: "service_name" }, { key: "service.namespace", value: "service_namespace" }]
   */
  readonly logsTags?: readonly TagMapping[] | undefined;
  /**
   * Add Tempo's service map (Mimir `traces_service_graph_*` series, written by the metrics-generator's
   * `service-graphs` processor). Set `false` for a Tempo without the metrics-generator, whose service map would
   * stay empty and fail validation (`tempo/metrics-generator-wiring`).
   * @default true
   */
  readonly serviceMap?: boolean | undefined;
  /**
   * Add traces → metrics links (request rate, error rate, p95 from the `span-metrics` processor's
   * `traces_spanmetrics_*` series). Set `false` for a Tempo without the metrics-generator.
   * @default true
   */
  readonly tracesToMetrics?: boolean | undefined;
}

/**
 * Loki, Mimir and Tempo datasources for one LGTM install, fully correlated: Tempo → Loki (trace id and
 * `service.name`), Tempo → Mimir span metrics (request rate, error rate, p95) and service map, Loki derived
 * fields → Tempo, Mimir exemplars → Tempo. The span-metric and service-graph names are those Tempo's
 * metrics-generator writes ({@link SPAN_METRICS_QUERIES}); it must remote-write to the same Mimir tenant.
 * Without the metrics-generator, pass `serviceMap: false` and `tracesToMetrics: false` to leave those links out.
 */
export function lgtm(options: LgtmOptions): DatasourceSet {
  const diagnostics: Diagnostic[] = [];
  const { install } = options;
  // Loki and Mimir have addresses to derive only when the stack chart installs them (lgtm-distributed).
  const installs = (component: "loki" | "mimir") => componentPrefix(install.chart, component) !== undefined;
  const names = {
    loki: options.names?.loki ?? "Loki",
    mimir: options.names?.mimir ?? "Mimir",
    tempo: options.names?.tempo ?? "Tempo",
  };
  const uids = {
    loki: options.uids?.loki ?? "loki",
    mimir: options.uids?.mimir ?? "mimir",
    tempo: options.uids?.tempo ?? "tempo",
  };
  const def = options.default ?? "none";
  const editable = options.editable ?? false;

  const missing = (what: "lokiUrl" | "mimirUrl") =>
    diagnostics.push({
      ruleId: "datasource/missing-url",
      severity: "error",
      path: [what],
      message: `${install.chart} installs only Tempo, so the ${what === "lokiUrl" ? "Loki" : "Mimir"} URL cannot be derived from it.`,
      fix: `Pass ${what} (e.g. ${what === "lokiUrl" ? "http://loki-gateway.loki.svc.cluster.local" : "http://mimir-nginx.mimir.svc.cluster.local/prometheus"}).`,
    });
  const lokiUrl = options.lokiUrl ?? (installs("loki") ? lokiEndpoints(install).gateway.url : undefined);
  const mimirUrl = options.mimirUrl ?? (installs("mimir") ? mimirEndpoints(install).prometheusUrl : undefined);
  if (lokiUrl === undefined) missing("lokiUrl");
  if (mimirUrl === undefined) missing("mimirUrl");
  const tempo = tempoEndpoints(install);
  const gatewayOn = options.gateway?.enabled === true;
  const tempoUrl = options.tempoUrl ?? (gatewayOn ? tempo.gateway.url : tempo.queryFrontend.url);

  const tenantValue: SecureValue | undefined =
    options.tenant === undefined
      ? undefined
      : typeof options.tenant === "string" && !/^\$\{.*\}$/.test(options.tenant)
        ? { fromValue: options.tenant, env: TENANT_ENV }
        : (options.tenant as SecureValue);
  const headers: HttpHeader[] = tenantValue ? [{ name: TENANT_HEADER, value: tenantValue }] : [];
  const common = (kind: "loki" | "mimir" | "tempo") => ({
    name: names[kind],
    uid: uids[kind],
    isDefault: def === kind,
    editable,
    ...(headers.length ? { headers } : {}),
  });

  const traceLink = { datasource: (): TempoDatasource => tempoDs, urlDisplayLabel: "View trace" };
  const loki = lokiDatasource({
    ...common("loki"),
    ...(lokiUrl !== undefined ? { url: lokiUrl } : {}),
    maxLines: 1000,
    derivedFields: [
      { name: "trace_id", matcherType: "label", matcherRegex: "trace_id", url: VALUE_RAW, ...traceLink },
      {
        name: "TraceID",
        matcherType: "regex",
        matcherRegex: '(?:trace_?[iI][dD])[=:"\\s]+(\\w+)',
        url: VALUE_RAW,
        ...traceLink,
      },
    ],
  });
  const mimir = prometheusDatasource({
    ...common("mimir"),
    ...(mimirUrl !== undefined ? { url: mimirUrl } : {}),
    prometheusType: "Mimir",
    httpMethod: "POST",
    exemplarTraceIdDestinations: [{ name: "trace_id", ...traceLink }],
  });
  const gatewayAuth = options.gateway?.basicAuthSecret;
  const tempoDs: TempoDatasource = tempoDatasource({
    ...common("tempo"),
    url: tempoUrl,
    ...(gatewayOn && gatewayAuth
      ? {
          basicAuth: {
            user: gatewayAuth.username ?? {
              fromSecret: { name: gatewayAuth.name, key: gatewayAuth.usernameKey ?? "username" },
            },
            password: { fromSecret: { name: gatewayAuth.name, key: gatewayAuth.passwordKey ?? "password" } },
          },
        }
      : {}),
    tracesToLogs: {
      datasource: loki,
      tags: options.logsTags?.map((t) => ({ ...t })) ?? [
        { key: "service.name", value: "service_name" },
        { key: "service.namespace", value: "service_namespace" },
      ],
      spanStartTimeShift: "-5m",
      spanEndTimeShift: "5m",
      filterByTraceID: true,
      filterBySpanID: false,
    },
    ...(options.tracesToMetrics !== false
      ? {
          tracesToMetrics: {
            datasource: mimir,
            tags: [{ key: "service.name", value: SPAN_METRICS_LABELS.service }],
            spanStartTimeShift: "-2m",
            spanEndTimeShift: "2m",
            queries: SPAN_METRICS_QUERIES.map((q) => ({ ...q })),
          },
        }
      : {}),
    ...(options.profiles
      ? {
          tracesToProfiles: {
            datasource: options.profiles,
            tags: [{ key: "service.name", value: "service_name" }],
            profileTypeId: "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
          },
        }
      : {}),
    ...(options.serviceMap !== false ? { serviceMap: { datasource: mimir } } : {}),
    nodeGraph: true,
    search: { hide: false },
    traceQuery: { timeShiftEnabled: true, spanStartTimeShift: "30m", spanEndTimeShift: "30m" },
    streamingEnabled: { search: options.streaming ?? false, metrics: options.streaming ?? false },
  });
  return new DatasourceSet([loki, mimir, tempoDs], {
    ...(options.chartProvided ? { chartProvided: options.chartProvided } : {}),
    diagnostics,
  });
}
