export {
  type ChartRead,
  GENERATED_STACK_CHARTS,
  generatesFor,
  type OverridesPlaces,
  overridesPlaces,
  refusedBecause,
  type SectionBuilder,
  TEMPO_CHART_MAPPINGS,
  type TempoChartSetting,
  tempoChartSettings,
} from "./chart-mapping.js";
export {
  type ChartValueSource,
  type ChartValuesOptions,
  chartValueSource,
  kafkaOf,
  toChartValues,
} from "./chart-values.js";
export {
  CHECK_CONFIG_RULES,
  type CheckTempoServerConfigOptions,
  checkTempoConfig,
  checkTempoServerConfig,
} from "./check-config.js";
export { durationToMs, isGoDuration, isQuantity, quantityValue } from "./duration.js";
export { isLegacyOverrideKey, LEGACY_OVERRIDE_KEYS, newOverridePath } from "./legacy-overrides.js";
export { checkTempoSpec, INVALID_SPEC, parseTempoSpec, tempoSpecIssues } from "./parse-spec.js";
export { mergeSpec, presets } from "./presets.js";
export {
  chartPathOfTempoPath,
  renderTempoConfig,
  shadowedSettings,
  specFieldOfChartPath,
  structuredConfigPath,
} from "./rendered-config.js";
export { LITERAL_SECRET } from "./secrets.js";
export { writeQuorum } from "./semantic-checks.js";
export {
  FOREIGN_SETTING_NAMES,
  type ForeignSettingName,
  type SettingPlace,
  settingHint,
} from "./setting-names.js";
export {
  SIZING,
  type SizedIngestion,
  type SizedReplicas,
  type Sizing,
  type SizingInput,
  type SizingRow,
  sizeFor,
  type Tempo3SizedReplicas,
  type Tempo3Sizing,
} from "./sizing.js";
export { SPEC_RULES, type SpecRuleId } from "./spec-rules.js";
export {
  INVALID_DURATION,
  kafkaSchema,
  type Resources,
  type TempoSpec,
  type TempoSpecInput,
  type TempoStorage,
  tempoSpecSchema,
} from "./spec-schema.js";
export { CREDENTIAL_ENV, s3EndpointSchemeProblem } from "./storage-values.js";
export { type StructuredConfigOverride, structuredConfigOverrides } from "./structured-overrides.js";
export { checkTempoGeneration, tempoMajorOf } from "./tempo-generation.js";
export {
  type KeyVersions,
  type LegacyOverrides,
  releaseOf,
  type SchemaNode,
  schemaNodeAt,
  TEMPO_SCHEMA_VERSIONS,
  type TempoSchema,
  tempoSchemaFor,
  versionsHaving,
} from "./tempo-schema.js";
export {
  type TempoServerConfig,
  tempoServerConfigSchema,
  tempoServerConfigSchemaFor,
} from "./tempo-server-config.js";
export {
  checkVerbatimTempoConfig,
  DEFAULT_TEMPO_VERSION,
  VERBATIM_RULES,
  type VerbatimOptions,
  type VerbatimWhere,
} from "./verbatim-check.js";
