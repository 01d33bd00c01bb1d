import {
  type ChartId,
  chartDescriptor,
  chartVersions,
  KAFKA_OPERATOR_CHART,
  preferredChart,
  versionFit,
} from "@lgtm-gitops/charts";
import { isRecord } from "@lgtm-gitops/diagnostics";

/** Which chart a values file was written for, and why we think so. */
export interface ChartDetection {
  readonly chart: ChartId;
  /**
   * The catalogued versions of that chart that read the most of the file's keys, as ranges (`≥1.33 <1.40`, `any
   * version`); `chart` is the preferred version when it is among them, else the newest that is.
   */
  readonly versions: string;
  /** One sentence naming the keys that decided it, e.g. `top-level tempo: holds subchart sections (distributor, ingester)`. */
  readonly reason: string;
}

const TEMPO_SECTIONS = [
  "distributor",
  "ingester",
  "querier",
  "queryFrontend",
  "query_frontend",
  "compactor",
  "gateway",
  "metricsGenerator",
  "traces",
  "storage",
  "overrides",
  "per_tenant_overrides",
  "multitenancyEnabled",
  "memcached",
  "global_overrides",
];
const TD_ONLY = ["traces", "metricsGenerator", "multitenancyEnabled", "global_overrides", "per_tenant_overrides"];
const KPS_KEYS = [
  "prometheus",
  "alertmanager",
  "prometheusOperator",
  "kube-state-metrics",
  "kubeStateMetrics",
  "prometheus-node-exporter",
  "nodeExporter",
  "defaultRules",
  "additionalPrometheusRulesMap",
  "kubeApiServer",
  "kubelet",
  "kubeControllerManager",
  "coreDns",
  "kubeEtcd",
  "kubeScheduler",
  "kubeProxy",
  "thanosRuler",
  "crds",
];
/** Top-level keys of grafana-community's loki chart (Loki 3) that loki-distributed does not have. */
const LOKI_CHART_KEYS = ["deploymentMode", "singleBinary", "lokiCanary", "chunksCache", "resultsCache"];
const LOKI_KEYS = [
  "tableManager",
  "indexGateway",
  "memcachedChunks",
  "memcachedFrontend",
  "memcachedIndexQueries",
  "ruler",
];
/**
 * Top-level keys only grafana/mimir-distributed has (snake_case Mimir components and its memcached caches); a top-level
 * `alertmanager:` alone is kube-prometheus-stack's too, `querier:`/`compactor:` are Tempo's and Loki's, and
 * `rollout_operator:` the loki and tempo-distributed charts' as well.
 */
const MIMIR_KEYS = [
  "store_gateway",
  "query_scheduler",
  "overrides_exporter",
  "ruler_querier",
  "ruler_query_frontend",
  "ruler_query_scheduler",
  "chunks-cache",
  "index-cache",
  "metadata-cache",
  "results-cache",
  "admin_api",
  "federation_frontend",
  "continuous_test",
];

/** Top-level keys only the Strimzi operator chart has (the Kafka broker of a Tempo 3.0 bundle). */
const STRIMZI_KEYS = ["watchNamespaces", "watchAnyNamespace", "createGlobalResources", "fullReconciliationIntervalMs"];

const GRAFANA_KEYS = [
  "adminUser",
  "adminPassword",
  "admin",
  "datasources",
  "dashboards",
  "dashboardProviders",
  "grafana.ini",
  "plugins",
  "sidecar",
  "persistence",
  "ldap",
  "smtp",
  "notifiers",
  "alerting",
  "imageRenderer",
];

function present(obj: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.filter((k) => Object.hasOwn(obj, k));
}

/** The newest supported version of a chart: what a detected file is linted as (`--chart` picks another). */
function newest(name: string): ChartId {
  return preferredChart(name) as ChartId;
}

/**
 * The chart (at its preferred version) a values document's top-level shape says. A standalone grafana file is taken as
 * the grafana chart, which the reason says.
 */
function detectName(values: unknown): Omit<ChartDetection, "versions"> | undefined {
  if (!isRecord(values)) return undefined;
  const top = Object.keys(values);
  // mimir-distributed's own values: its components at the top, or its config under `mimir:` (lgtm-distributed's
  // `mimir:` block holds the subchart's values, so its config is at `mimir.mimir`).
  const mimirTop = present(values, MIMIR_KEYS);
  const mimirCfg = isRecord(values.mimir) ? present(values.mimir, ["structuredConfig", "config"]) : [];
  if ((mimirTop.length > 0 || mimirCfg.length > 0) && !isRecord(values.tempo)) {
    const why = [...mimirCfg.map((k) => `mimir.${k}`), ...mimirTop].slice(0, 3);
    return { chart: newest("mimir-distributed"), reason: `mimir-distributed keys: ${why.join(", ")}` };
  }
  const kps = present(values, KPS_KEYS);
  const grafana = values.grafana;
  const kpsGrafana = isRecord(grafana) && Object.hasOwn(grafana, "additionalDataSources");
  if (kps.length > 0 || kpsGrafana) {
    const why = [
      ...(kps.length > 0 ? [`top-level ${kps.slice(0, 3).join(", ")}`] : []),
      ...(kpsGrafana ? ["grafana.additionalDataSources"] : []),
    ];
    return { chart: newest("kube-prometheus-stack"), reason: `kube-prometheus-stack keys: ${why.join(" and ")}` };
  }
  const umbrella = ["tempo", "loki", "mimir", "grafana", "grafana-oncall"].filter((k) => top.includes(k));
  const tempo = values.tempo;
  const tempoSub = isRecord(tempo) ? present(tempo, ["enabled", ...TEMPO_SECTIONS]) : [];
  const tdTop = present(values, TEMPO_SECTIONS);
  const lokiTop = present(values, LOKI_KEYS);
  const lokiCfg =
    isRecord(values.loki) && (Object.hasOwn(values.loki, "config") || Object.hasOwn(values.loki, "schemaConfig"));
  const lokiChart = present(values, LOKI_CHART_KEYS);
  if (lokiChart.length > 0 && !isRecord(tempo)) {
    return { chart: newest("loki"), reason: `top-level loki chart keys: ${lokiChart.slice(0, 3).join(", ")}` };
  }
  if (
    tdTop.length > 0 ||
    (isRecord(tempo) && present(tempo, ["image", "structuredConfig", "memberlist"]).length > 0 && tempoSub.length === 0)
  ) {
    if ((lokiTop.length > 0 || lokiCfg) && present(values, TD_ONLY).length === 0 && !isRecord(tempo)) {
      return {
        chart: newest("loki-distributed"),
        reason: `top-level loki-distributed sections: ${[...(lokiCfg ? ["loki.config"] : []), ...lokiTop].slice(0, 4).join(", ")}`,
      };
    }
    if (tdTop.length > 0 || isRecord(tempo)) {
      return {
        chart: newest("tempo-distributed"),
        reason: `top-level tempo-distributed sections: ${(tdTop.length > 0 ? tdTop : ["tempo"]).slice(0, 4).join(", ")}`,
      };
    }
  }
  if (lokiTop.length > 0 || lokiCfg) {
    return {
      chart: newest("loki-distributed"),
      reason: `top-level loki-distributed sections: ${[...(lokiCfg ? ["loki.config"] : []), ...lokiTop].join(", ")}`,
    };
  }
  if (umbrella.length > 0) {
    const detail = tempoSub.length > 0 ? ` (tempo: holds ${tempoSub.slice(0, 3).join(", ")})` : "";
    return { chart: newest("lgtm-distributed"), reason: `top-level subchart blocks ${umbrella.join(", ")}${detail}` };
  }
  const strimzi = present(values, STRIMZI_KEYS);
  if (strimzi.length > 0) {
    const chart = KAFKA_OPERATOR_CHART ?? newest("strimzi-kafka-operator");
    return { chart, reason: `Strimzi operator keys: ${strimzi.join(", ")}` };
  }
  const g = present(values, GRAFANA_KEYS);
  if (g.length > 0) {
    const chart = newest("grafana");
    const others = chartVersions("grafana")
      .filter((v) => `grafana@${v}` !== chart)
      .map((v) => `--chart grafana@${v}`);
    return {
      chart,
      reason: `top-level Grafana chart keys ${g.slice(0, 3).join(", ")} (${chart} assumed${others.length > 0 ? `; pass ${others.join(" or ")} for another version` : ""})`,
    };
  }
  return undefined;
}

/**
 * Guesses the chart of a values document from its top-level shape, then the versions of that chart whose catalogs read
 * the most of its keys. Returns `undefined` when nothing is recognisable (an empty file, a list, a scalar).
 */
export function detectChart(values: unknown): ChartDetection | undefined {
  const d = detectName(values);
  if (d === undefined) return undefined;
  const { name } = chartDescriptor(d.chart);
  const fit = versionFit(name, values);
  if (fit === undefined) return { ...d, versions: "any version" };
  return { ...d, chart: fit.chart, versions: fit.range };
}
