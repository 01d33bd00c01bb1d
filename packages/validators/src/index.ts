export { explainRule, findRule, renderRulesMarkdown, ruleAnchor, rules } from "./catalogue.js";
export { type ChartDetection, detectChart } from "./detect-chart.js";
export {
  type AppliedEdits,
  applyEdits,
  describeEdit,
  type EditGroup,
  type SkippedEdits,
} from "./edits.js";
export {
  type Cause,
  compareDiagnostics,
  type DistributionInfo,
  type DocumentOrigin,
  type FindingInput,
  finding,
  type LintedDocument,
  type Rule,
  type RuleContext,
  type RuleDocs,
} from "./engine.js";
export { type FixedFile, type FixedFinding, type FixOptions, type FixResult, fixDocuments } from "./fix.js";
export {
  type FormatSarifOptions,
  type FormatTextOptions,
  formatJson,
  formatSarif,
  formatText,
  type JsonDiagnostic,
  toJsonDiagnostic,
} from "./format.js";
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
  type MigrationNote,
  migrateTempo3Config,
  migrateToTempo3,
  resolveTempo3Target,
  TEMPO3_SIDE_BY_SIDE,
  type Tempo3Migration,
  type Tempo3MigrationOptions,
} from "./migrate-tempo3.js";
export {
  type GrafanaInstance,
  grafanaInstances,
  type TempoInstall,
  tempoInstalls,
} from "./model.js";
export {
  MIGRATE_PLACEHOLDER,
  runsTempo3,
  TEMPO3_CHART_MOVES,
  TEMPO3_REMOVED_SETTINGS,
  type Tempo3ChartMove,
  type Tempo3RemovedSetting,
  tempo3ChartMove,
} from "./rules/tempo3-rules.js";
export { type LineOp, unifiedDiff } from "./text-diff.js";
export { checkEntries, checkExpansion, DEFINITION_LIMITS, LINT_RUN_LIMITS, lintRunBudget } from "./yaml-budget.js";
export { type ParsedSource, type PositionIndex, parseSource, type SourcePosition } from "./yaml-source.js";
