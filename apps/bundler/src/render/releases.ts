import { type ChartId, chartDescriptor, type StackChartId } from "@lgtm-gitops/charts";
import { type ClusterDefinition, grafanaChartId, stackChartId } from "../definition/schema.js";
import { WAVES } from "./argo.js";

/** One Helm release of a cluster's bundle. */
export interface ReleaseSpec {
  /** Helm release name; also the file name under applications/ and values/. */
  readonly release: string;
  readonly namespace: string;
  /** Chart name, version and Helm repository (from the chart's descriptor row). */
  readonly chart: string;
  readonly version: string;
  readonly repoURL: string;
  /** Argo CD sync wave of its Application. */
  readonly wave: number;
  /** Needs `ServerSideApply=true` (large CRDs). */
  readonly serverSideApply: boolean;
  /** Chart id for the key catalog and validators, `<chart>@<version>`. */
  readonly chartId: ChartId;
}

/**
 * The chart id of a parsed definition's stack. The definition schema only accepts rows of the descriptor table, so
 * a miss is a bug (a definition built by hand, not by `definitionSchema`).
 */
export function stackChartOf(def: ClusterDefinition): StackChartId {
  const id = stackChartId(def.stack);
  if (id === undefined) throw new Error(`internal: ${def.stack.chart}@${def.stack.version} is not a supported stack`);
  return id;
}

/** The chart id of a parsed definition's Grafana host (see {@link stackChartOf}). */
export function grafanaChartOf(def: ClusterDefinition): ChartId {
  const id = grafanaChartId(def.grafana);
  if (id === undefined) throw new Error(`internal: Grafana host version ${def.grafana.version} is not supported`);
  return id;
}

/** The release of one catalogued chart version at `where`, in sync wave `wave` (name, version and repository from its descriptor row). */
export function releaseOf(
  chartId: ChartId,
  where: { readonly release: string; readonly namespace: string },
  wave: number,
  serverSideApply: boolean,
): ReleaseSpec {
  const d = chartDescriptor(chartId);
  return {
    release: where.release,
    namespace: where.namespace,
    chart: d.name,
    version: d.version,
    repoURL: d.repoURL,
    wave,
    serverSideApply,
    chartId,
  };
}

/**
 * The releases of a cluster: the Grafana host (kube-prometheus-stack) and the stack chart, in sync-wave order. With a
 * Kafka broker for Tempo 3.0 (`kafka:`), the stack follows the broker ({@link WAVES}).
 */
export function releasesOf(def: ClusterDefinition): [ReleaseSpec, ReleaseSpec] {
  // kube-prometheus-stack's CRDs are too large for client-side apply.
  return [
    releaseOf(grafanaChartOf(def), def.grafana, WAVES.grafana, true),
    releaseOf(stackChartOf(def), def.stack, def.kafka === undefined ? WAVES.stack : WAVES.stackAfterKafka, false),
  ];
}
