/**
 * Rule ids of the checks only a TempoSpec can tell (`parseTempoSpec`, `toChartValues`). They are ids of the
 * @lgtm-gitops/validators catalogue. What the compiled values show is checked by the validators' value rules, once. Strict-parse and CheckConfig ids are in `VERBATIM_RULES` and
 * `CHECK_CONFIG_RULES`.
 */
export const SPEC_RULES = {
  /** A value the spec schema rejects. */
  invalidSpec: "tempo/invalid-spec",
  /** A key the spec does not have (with a did-you-mean). */
  unknownSpecKey: "tempo/unknown-spec-key",
  /** A duration that is not a Go duration. */
  invalidDuration: "tempo/invalid-duration",
  /** A replica count below 1. */
  invalidReplicas: "tempo/invalid-replicas",
  /** An invalid Helm release name. */
  invalidRelease: "tempo/invalid-release",
  /** A credential written literally (spec field, verbatim config, remote-write header). */
  literalSecret: "tempo/literal-secret",
  /** The MinIO subchart as storage. */
  minioDevOnly: "tempo/minio-dev-only",
  /** An S3 endpoint with a URL scheme. */
  s3EndpointScheme: "tempo/s3-endpoint-scheme",
  /** Object storage with no way to authenticate. */
  storageCredentialsMissing: "tempo/storage-credentials-missing",
  /** An ingestion burst below the rate limit. */
  ingestionBurstBelowRate: "tempo/ingestion-burst-below-rate",
  /** Metrics-generator on without remote write or processors, or generator settings while it is off. */
  metricsGeneratorWiring: "tempo/metrics-generator-wiring",
  /** Which tenant the metrics-generator writes as (info). */
  remoteWriteTenant: "tempo/remote-write-tenant",
  /** A tenant block that never matches because multitenancy is off. */
  tenantWithoutMultitenancy: "tempo/tenant-without-multitenancy",
  /** Gateway settings while the gateway is disabled. */
  gatewayDisabled: "tempo/gateway-disabled",
  /** A receiver endpoint on a port the chart does not open. */
  receiverPortMismatch: "tempo/receiver-port-mismatch",
  /** Ingesters without persistence at replication factor 1. */
  ingesterNoPersistence: "tempo/ingester-no-persistence",
  /** `structuredConfig` replaces a setting the spec renders. */
  structuredConfigShadowsSpec: "tempo/structured-config-shadows-spec",
  /** A spec section the Tempo generation the chart runs does not have (ingester on Tempo 3.0, kafka on Tempo 2.x). */
  otherTempoGeneration: "tempo/other-tempo-generation",
  /** Tempo 3.0 without a Kafka broker address. */
  kafkaAddressMissing: "tempo/kafka-address-missing",
  /** A `$` reference that `-config.expand-env` would replace. */
  expandEnvReference: "tempo/expand-env-reference",
} as const;

/** A rule id of {@link SPEC_RULES}. */
export type SpecRuleId = (typeof SPEC_RULES)[keyof typeof SPEC_RULES];
