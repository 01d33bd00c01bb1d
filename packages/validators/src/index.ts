export { explainRule, findRule, renderRulesMarkdown, rules } from "./catalogue.js";
export { type ChartDetection, detectChart } from "./detect-chart.js";
export {
  compareDiagnostics,
  type DistributionInfo,
  type FindingInput,
  finding,
  type LintedDocument,
  type Rule,
  type RuleContext,
  type RuleDocs,
} from "./engine.js";
export { type FormatTextOptions, formatJson, formatText, type JsonDiagnostic, toJsonDiagnostic } from "./format.js";
export {
  type DetectedDocument,
  type LintInput,
  type LintOptions,
  type LintResult,
  lintDocuments,
  type ValidateOptions,
  type ValuesDocument,
  validateDocuments,
} from "./lint.js";
export {
  type DatasourceEntry,
  type GrafanaInstance,
  grafanaInstances,
  type TempoInstall,
  tempoInstalls,
} from "./model.js";
export {
  checkEntries,
  checkExpansion,
  DEFINITION_LIMITS,
  LINT_LIMITS,
  LINT_RUN_LIMITS,
  lintRunBudget,
  type YamlBudget,
  type YamlLimits,
  type YamlProblem,
} from "./yaml-budget.js";
export {
  emptyPositions,
  MAX_ALIAS_COUNT,
  MAX_SOURCE_LENGTH,
  type ParsedSource,
  type ParseSourceOptions,
  type PositionIndex,
  parseSource,
  positionsFrom,
  type SourcePosition,
} from "./yaml-source.js";
