import type { Datasource } from "./builders.js";

/**
 * A datasource a Helm chart provisions by itself (kube-prometheus-stack's `Prometheus`, `Alertmanager`).
 * It is not emitted, but it counts for uniqueness and the one-default rule, and links may target it.
 */
export interface ChartProvidedDatasource<T extends string = string> extends Datasource<T> {
  /** The chart that provisions it, e.g. `kube-prometheus-stack`. */
  readonly chart: string;
}

/** Builds a {@link ChartProvidedDatasource}. */
export function chartProvidedDatasource<const T extends string>(options: {
  readonly chart: string;
  readonly type: T;
  readonly name: string;
  readonly uid: string;
  /** @default 1 */
  readonly orgId?: number | undefined;
  /** @default false */
  readonly isDefault?: boolean | undefined;
}): ChartProvidedDatasource<T> {
  return {
    chart: options.chart,
    type: options.type,
    name: options.name,
    uid: options.uid,
    orgId: options.orgId ?? 1,
    isDefault: options.isDefault ?? false,
    definition: { kind: "chart-provided", chart: options.chart },
  };
}

/** The kube-prometheus-stack chart id prefix used in {@link ChartProvidedDatasource.chart}. */
export const KUBE_PROMETHEUS_STACK = "kube-prometheus-stack";

/** Options of {@link kubePrometheusStackDatasources}; each mirrors a `grafana.sidecar.datasources.*` value. */
export interface KubePrometheusStackDatasourceOptions {
  /** `grafana.sidecar.datasources.defaultDatasourceEnabled`. @default true */
  readonly defaultDatasourceEnabled?: boolean | undefined;
  /** `grafana.sidecar.datasources.isDefaultDatasource`. @default true */
  readonly isDefaultDatasource?: boolean | undefined;
  /** `grafana.sidecar.datasources.name`. @default "Prometheus" */
  readonly name?: string | undefined;
  /** `grafana.sidecar.datasources.uid`. @default "prometheus" */
  readonly uid?: string | undefined;
  /** `grafana.sidecar.datasources.alertmanager.enabled` (and top-level `alertmanager.enabled`). @default true */
  readonly alertmanager?: boolean | undefined;
  /** `grafana.sidecar.datasources.alertmanager.name`. @default "Alertmanager" */
  readonly alertmanagerName?: string | undefined;
  /** `grafana.sidecar.datasources.alertmanager.uid`. @default "alertmanager" */
  readonly alertmanagerUid?: string | undefined;
}

/**
 * The datasources kube-prometheus-stack 88.x writes into its datasource ConfigMap next to
 * `additionalDataSources`: `Prometheus` (uid `prometheus`, default unless `isDefaultDatasource: false`)
 * and `Alertmanager` (uid `alertmanager`). Chart defaults unless overridden.
 */
export function kubePrometheusStackDatasources(
  options: KubePrometheusStackDatasourceOptions = {},
): ChartProvidedDatasource[] {
  const out: ChartProvidedDatasource[] = [];
  if (options.defaultDatasourceEnabled ?? true) {
    out.push(
      chartProvidedDatasource({
        chart: KUBE_PROMETHEUS_STACK,
        type: "prometheus",
        name: options.name ?? "Prometheus",
        uid: options.uid ?? "prometheus",
        isDefault: options.isDefaultDatasource ?? true,
      }),
    );
  }
  if (options.alertmanager ?? true) {
    out.push(
      chartProvidedDatasource({
        chart: KUBE_PROMETHEUS_STACK,
        type: "alertmanager",
        name: options.alertmanagerName ?? "Alertmanager",
        uid: options.alertmanagerUid ?? "alertmanager",
      }),
    );
  }
  return out;
}

function get(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === "boolean" ? v : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The datasources kube-prometheus-stack adds itself, read from a kube-prometheus-stack values document
 * (untyped, e.g. parsed YAML). None when `grafana.enabled` or `grafana.sidecar.datasources.enabled` is false
 * (and `grafana.forceDeployDatasources` is not set).
 */
export function kubePrometheusStackDatasourcesFromValues(values: unknown): ChartProvidedDatasource[] {
  const grafanaEnabled = bool(get(values, ["grafana", "enabled"])) ?? true;
  const force = bool(get(values, ["grafana", "forceDeployDatasources"])) ?? false;
  const sidecar = ["grafana", "sidecar", "datasources"];
  const sidecarEnabled = bool(get(values, [...sidecar, "enabled"])) ?? true;
  if ((!grafanaEnabled && !force) || !sidecarEnabled) return [];
  const alertmanagerTop = bool(get(values, ["alertmanager", "enabled"])) ?? true;
  const alertmanagerDs = bool(get(values, [...sidecar, "alertmanager", "enabled"])) ?? true;
  const opts: KubePrometheusStackDatasourceOptions = {
    defaultDatasourceEnabled: bool(get(values, [...sidecar, "defaultDatasourceEnabled"])) ?? true,
    isDefaultDatasource: bool(get(values, [...sidecar, "isDefaultDatasource"])) ?? true,
    name: str(get(values, [...sidecar, "name"])) ?? "Prometheus",
    uid: str(get(values, [...sidecar, "uid"])) ?? "prometheus",
    alertmanager: alertmanagerTop && alertmanagerDs,
    alertmanagerName: str(get(values, [...sidecar, "alertmanager", "name"])) ?? "Alertmanager",
    alertmanagerUid: str(get(values, [...sidecar, "alertmanager", "uid"])) ?? "alertmanager",
  };
  return kubePrometheusStackDatasources(opts);
}
