export {
  type Datasource,
  genericDatasource,
  type LokiDatasource,
  lokiDatasource,
  type PrometheusDatasource,
  prometheusDatasource,
  type TempoDatasource,
  tempoDatasource,
} from "./builders.js";
export {
  KUBE_PROMETHEUS_STACK,
  kubePrometheusStackDatasources,
  kubePrometheusStackDatasourcesFromValues,
} from "./chart-provided.js";
export { checkProvisioningDocument, knownDatasources } from "./check-documents.js";
export { checkDatasourceEntries, DATASOURCE_RULE_IDS, type KnownDatasource } from "./check-entries.js";
export { DatasourceSet } from "./datasource-set.js";
export { toGrafanaChartValues } from "./emit-grafana-chart.js";
export { toGrafanaOperatorResources } from "./emit-grafana-operator.js";
export { toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";
export { toProvisioningFile, toProvisioningYaml } from "./emit-provisioning-file.js";
export { type DatasourceEntry, datasourceEntrySchema, provisioningFileSchema } from "./entry-schema.js";
export { type LgtmOptions, lgtm, TENANT_ENV, TENANT_HEADER } from "./lgtm-preset.js";
export type { SecureValue } from "./secure-value.js";
