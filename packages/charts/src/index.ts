export {
  type ChartInfo,
  chartInfo,
  childKeys,
  defaultValue,
  type KeyInfo,
  type KeyResolution,
  resolveKey,
  type ValueType,
} from "./catalog.js";
export {
  type ChartId,
  isChartId,
  isStackChartId,
  parseChartId,
  STACK_CHARTS,
  type StackChartId,
  SUPPORTED_CHARTS,
} from "./chart-id.js";
export { type Diagnostic, fail, formatPath, hasErrors, ok, type Result, type Severity } from "./diagnostic.js";
export {
  DEFAULT_DNS,
  DISTRIBUTIONS,
  type Distribution,
  type DnsResolver,
  distributionForResolver,
  dnsResolver,
  resolverHost,
} from "./dns.js";
export {
  grafanaEndpoint,
  grafanaServiceName,
  helmFullname,
  type LokiEndpoints,
  lokiEndpoints,
  type MimirEndpoints,
  mimirEndpoints,
  RECEIVER_PORTS,
  RECEIVERS,
  type ReceiverId,
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
export { suggestKeys } from "./suggest.js";
