import type { DatasourceSet } from "./datasource-set.js";
import {
  type AdminSecret,
  adminValues,
  chartEnvironment,
  type ProvisioningOptions,
  provisioningExtras,
  renderEntries,
} from "./emit-shared.js";

/** Options of {@link toGrafanaChartValues}. */
export interface GrafanaChartValuesOptions extends ProvisioningOptions {
  /** Key under `datasources:`, i.e. the file name in the provisioning directory. @default "datasources.yaml" */
  readonly fileName?: string | undefined;
  /** Grafana admin credentials Secret (`admin.existingSecret`). @default undefined (admin block omitted) */
  readonly adminSecret?: AdminSecret | undefined;
}

/**
 * grafana chart values (grafana-community 12.x, grafana 10.x): `datasources."datasources.yaml"` with
 * `apiVersion: 1`. The chart renders it with `tpl (toYaml …)`, so strings are escaped for Helm (`{{` kept
 * literal) and for Grafana (`$` → `$$`). Adds `envValueFrom`/`env` for the `${ENV}` references.
 */
export function toGrafanaChartValues(
  set: DatasourceSet,
  options: GrafanaChartValuesOptions = {},
): Record<string, unknown> {
  const file = {
    apiVersion: 1,
    ...provisioningExtras(options, "helm"),
    datasources: renderEntries(set, "helm"),
  };
  return {
    ...(options.adminSecret ? { admin: adminValues(options.adminSecret) } : {}),
    datasources: { [options.fileName ?? "datasources.yaml"]: file },
    ...chartEnvironment(set.environment()),
  };
}
