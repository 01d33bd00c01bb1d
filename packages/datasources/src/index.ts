export type { StackInstall } from "@lgtm-gitops/charts";
export {
  type AlertmanagerDatasource,
  type CommonDatasourceOptions,
  type CorrelationOptions,
  type Datasource,
  type DatasourceDefinition,
  type DerivedField,
  type ExemplarDestination,
  type GenericDatasourceOptions,
  genericDatasource,
  type HttpHeader,
  type LogsDatasource,
  type LokiDatasource,
  type LokiDatasourceOptions,
  lokiDatasource,
  type MetricsDatasource,
  type ProfilesDatasource,
  type PrometheusDatasource,
  type PrometheusDatasourceOptions,
  prometheusDatasource,
  resolveTarget,
  type Target,
  type TempoDatasource,
  type TempoDatasourceOptions,
  type TracesToLogs,
  type TracesToMetrics,
  type TracesToProfiles,
  type TracingDatasource,
  tempoDatasource,
} from "./builders.js";
export {
  type ChartProvidedDatasource,
  chartProvidedDatasource,
  KUBE_PROMETHEUS_STACK,
  type KubePrometheusStackDatasourceOptions,
  kubePrometheusStackDatasources,
  kubePrometheusStackDatasourcesFromValues,
} from "./chart-provided.js";
export {
  type CheckDocumentOptions,
  checkGrafanaChartDatasources,
  checkKubePrometheusStackDatasources,
  checkProvisioningDocument,
  knownDatasources,
} from "./check-documents.js";
export {
  type CheckDatasourceEntriesOptions,
  checkDatasourceEntries,
  DATASOURCE_RULE_IDS,
  DATASOURCE_RULES,
  type DatasourceRuleId,
  type KnownDatasource,
} from "./check-entries.js";
export {
  DatasourceSet,
  type DatasourceSetOptions,
  type EmitTarget,
  type EnvironmentVariable,
} from "./datasource-set.js";
export {
  ALERTMANAGER_DATASOURCE_TYPES,
  LOGS_DATASOURCE_TYPES,
  type LogsDatasourceType,
  METRICS_DATASOURCE_TYPES,
  type MetricsDatasourceType,
  PROFILES_DATASOURCE_TYPES,
  type ProfilesDatasourceType,
  REFERENCE_FIELDS,
  type ReferenceField,
  SERVICE_MAP_DATASOURCE_TYPES,
  TRACING_DATASOURCE_TYPES,
  type TracingDatasourceType,
} from "./datasource-types.js";
export { type GrafanaChartValuesOptions, toGrafanaChartValues } from "./emit-grafana-chart.js";
export { type GrafanaOperatorOptions, toGrafanaOperatorResources } from "./emit-grafana-operator.js";
export { type KubePrometheusStackValuesOptions, toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";
export { type ProvisioningFileOutput, toProvisioningFile, toProvisioningYaml } from "./emit-provisioning-file.js";
export type { AdminSecret, ProvisioningOptions } from "./emit-shared.js";
export {
  correlationSchema,
  type DatasourceEntry,
  type DeleteDatasource,
  type DerivedFieldEntry,
  datasourceEntrySchema,
  deleteDatasourceSchema,
  derivedFieldSchema,
  durationSchema,
  type ExemplarDestinationEntry,
  entrySchemaFor,
  exemplarDestinationSchema,
  genericEntrySchema,
  type LokiEntry,
  type LokiJsonData,
  lokiEntrySchema,
  lokiJsonDataSchema,
  type PrometheusEntry,
  type PrometheusJsonData,
  type ProvisioningFile,
  prometheusEntrySchema,
  prometheusJsonDataSchema,
  provisioningFileSchema,
  type TagMapping,
  type TempoEntry,
  type TempoJsonData,
  TIME_RANGE_FOR_TAGS,
  type TraceqlFilter,
  type TraceToMetricsQuery,
  tagMappingSchema,
  tempoEntrySchema,
  tempoJsonDataSchema,
  traceqlFilterSchema,
  uidSchema,
} from "./entry-schema.js";
export {
  type Escaping,
  escapeBareDollars,
  escapeFor,
  escapeForFile,
  escapeForHelm,
  expandLikeGrafana,
  findUnescapedDollars,
  HELM_LITERAL_OPEN,
  type UnescapedDollar,
  unescapeHelm,
} from "./escaping.js";
export { provisioningFileJsonSchema } from "./json-schema.js";
export { kubernetesName } from "./kubernetes-name.js";
export { type LgtmOptions, lgtm, TENANT_ENV, TENANT_HEADER } from "./lgtm-preset.js";
export {
  METRICS_GENERATOR_PROCESSORS,
  SERVICE_GRAPH,
  SPAN_METRICS,
  SPAN_METRICS_LABELS,
  SPAN_METRICS_QUERIES,
} from "./metric-names.js";
export { isValidUid, MAX_UID_LENGTH, safeUidFromName, UID_PATTERN } from "./safe-uid.js";
export type {
  EnvReferenceString,
  FromEnv,
  FromSecret,
  FromValue,
  SecretKeyRef,
  SecureValue,
} from "./secure-value.js";
