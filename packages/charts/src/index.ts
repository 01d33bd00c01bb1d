export {
  childKeys,
  defaultValue,
  type KeyInfo,
  type KeyResolution,
  resolveKey,
  type ValueType,
} from "./catalog.js";
export {
  type ChartId,
  type ChartName,
  chartDescriptor,
  chartVersions,
  compareVersions,
  componentPrefix,
  EXAMPLE_CHART,
  findChart,
  GRAFANA_HOST_CHART_NAMES,
  type GrafanaHostChartId,
  type GrafanaHostChartName,
  isChartId,
  isStackChartId,
  KAFKA_OPERATOR_CHART,
  nearestVersions,
  parseChartId,
  patchStandIn,
  preferredChart,
  STACK_CHART_NAMES,
  STACK_CHARTS,
  type StackChartId,
  type StackChartName,
  SUPPORTED_CHARTS,
  tempoChartOf,
  tempoPrefix,
  tempoVersionOf,
  type VersionOf,
} from "./chart-id.js";
export {
  CREDENTIAL_FIELDS,
  credentialKindOfName,
  credentialName,
  credentialShapes,
  findCredentials,
  isCredentialReference,
  type ShapeHit,
} from "./credentials.js";
export {
  CHART_DESCRIPTORS,
  type ChartDescriptor,
  type ChartRole,
  type NginxGateway,
  type StackComponent,
} from "./descriptors.js";
export {
  DEFAULT_DNS,
  DISTRIBUTIONS,
  type Distribution,
  type DnsResolver,
  distributionForResolver,
  dnsResolver,
  resolverHost,
} from "./dns.js";
export { effectiveValue, type OverriddenValue, overriddenValues } from "./effective-values.js";
export { gatewaysOf } from "./gateways.js";
export { mergeValues } from "./helm-values.js";
export {
  grafanaEndpoint,
  grafanaServiceName,
  helmFullname,
  type LokiEndpoints,
  lokiEndpoints,
  type MimirEndpoints,
  type MimirGatewayEndpoints,
  mimirEndpoints,
  mimirGatewayEndpoints,
  type ReceiverPort,
  type ReleaseRef,
  type ServiceEndpoint,
  type StackInstall,
  TEMPO_GRPC_PORT,
  TEMPO_HTTP_PORT,
  TEMPO_MEMBERLIST_PORT,
  type TempoEndpoints,
  tempoEndpoints,
} from "./naming.js";
export { RECEIVERS, type Receiver, type ReceiverId, receiver } from "./receivers.js";
export { type ChartRename, chartRenames, type RenameHint, renameHint } from "./renames.js";
export { type ResourceKind, renderedKinds } from "./resource-kinds.js";
export { type VersionFit, versionFit } from "./version-fit.js";
