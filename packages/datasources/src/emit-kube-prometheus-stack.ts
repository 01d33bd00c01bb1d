import { KUBE_PROMETHEUS_STACK } from "./chart-provided.js";
import type { DatasourceSet } from "./datasource-set.js";
import {
  type AdminSecret,
  adminValues,
  chartEnvironment,
  type ProvisioningOptions,
  provisioningExtras,
  renderEntries,
} from "./emit-shared.js";

/** Options of {@link toKubePrometheusStackValues}. */
export interface KubePrometheusStackValuesOptions extends ProvisioningOptions {
  /** Grafana admin credentials Secret; the values never carry `adminPassword`. */
  readonly adminSecret: AdminSecret;
}

/**
 * kube-prometheus-stack values: `grafana.additionalDataSources` (the chart runs them through `tpl` into a
 * provisioning file, so `$` is written `$$` and a literal `{{` as ``{{`{{`}}``), `grafana.admin.existingSecret`
 * instead of a password, `grafana.envValueFrom`/`grafana.env` for the `${ENV}` references, and the
 * `grafana.sidecar.datasources` switches that match the set's chart-provided datasources. When the set does
 * not declare kube-prometheus-stack's own datasources but has a default, the chart's Prometheus is made
 * non-default so Grafana does not refuse to start.
 */
export function toKubePrometheusStackValues(
  set: DatasourceSet,
  options: KubePrometheusStackValuesOptions,
): Record<string, unknown> {
  const grafana: Record<string, unknown> = {
    admin: adminValues(options.adminSecret),
    additionalDataSources: renderEntries(set, "helm"),
    ...provisioningExtras(options, "helm"),
    ...chartEnvironment(set.environment()),
  };
  const sidecar = sidecarDatasources(set);
  if (sidecar) grafana.sidecar = { datasources: sidecar };
  return { grafana };
}

function sidecarDatasources(set: DatasourceSet): Record<string, unknown> | undefined {
  const kps = set.chartProvided.filter((d) => d.chart.startsWith(KUBE_PROMETHEUS_STACK));
  if (kps.length === 0) {
    return set.datasources.some((d) => d.isDefault) ? { isDefaultDatasource: false } : undefined;
  }
  const prom = kps.find((d) => d.type === "prometheus");
  const am = kps.find((d) => d.type === "alertmanager");
  const out: Record<string, unknown> = { defaultDatasourceEnabled: prom !== undefined };
  if (prom) {
    out.isDefaultDatasource = prom.isDefault;
    if (prom.name !== "Prometheus") out.name = prom.name;
    if (prom.uid !== "prometheus") out.uid = prom.uid;
  }
  const alertmanager: Record<string, unknown> = { enabled: am !== undefined };
  if (am && am.name !== "Alertmanager") alertmanager.name = am.name;
  if (am && am.uid !== "alertmanager") alertmanager.uid = am.uid;
  out.alertmanager = alertmanager;
  return out;
}
