import type { ClusterDefinition } from "../definition/schema.js";

/** Helm repositories of the supported charts. */
export const CHART_REPOS = {
  grafana: "https://grafana.github.io/helm-charts",
  prometheusCommunity: "https://prometheus-community.github.io/helm-charts",
} as const;

/** One Helm release of a cluster's bundle. */
export interface ReleaseSpec {
  /** Helm release name; also the file name under applications/ and values/. */
  readonly release: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version: string;
  readonly repoURL: string;
  /** Argo CD sync wave of its Application. */
  readonly wave: number;
  /** Needs `ServerSideApply=true` (large CRDs). */
  readonly serverSideApply: boolean;
  /** Chart id for the key catalog and validators, `<chart>@<version>`. */
  readonly chartId: "lgtm-distributed@3.0.1" | "tempo-distributed@1.61.3" | "kube-prometheus-stack@88.5.3";
}

/** The releases of a cluster: the stack chart and kube-prometheus-stack (Grafana), in sync-wave order. */
export function releasesOf(def: ClusterDefinition): [ReleaseSpec, ReleaseSpec] {
  const grafana: ReleaseSpec = {
    release: def.grafana.release,
    namespace: def.grafana.namespace,
    chart: "kube-prometheus-stack",
    version: def.grafana.version,
    repoURL: CHART_REPOS.prometheusCommunity,
    wave: 0,
    serverSideApply: true,
    chartId: "kube-prometheus-stack@88.5.3",
  };
  const stack: ReleaseSpec = {
    release: def.stack.release,
    namespace: def.stack.namespace,
    chart: def.stack.chart,
    version: def.stack.version,
    repoURL: CHART_REPOS.grafana,
    wave: 1,
    serverSideApply: false,
    chartId: def.stack.chart === "lgtm-distributed" ? "lgtm-distributed@3.0.1" : "tempo-distributed@1.61.3",
  };
  return [grafana, stack];
}
