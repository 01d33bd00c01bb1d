import { type ChartId, type Distribution, defaultValue } from "@lgtm-gitops/charts";
import type { Diagnostic, Edit, Severity } from "@lgtm-gitops/diagnostics";
import { formatPath, getPath, hasPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import type { PositionIndex, SourcePosition } from "./yaml-source.js";

/**
 * Where the values of a document were really written, when that is not the document itself: the bundler's values
 * files are compiled from a cluster definition, so their findings belong in the definition. A source map.
 */
export interface DocumentOrigin {
  /** The file the values come from (the one to edit). */
  readonly file: string;
  /** Where a value of the document is set in that file: the path there (`["tempo", "ingester", "replicas"]`). */
  path(valuesPath: PathSegments): PathSegments;
  /** Line and column of a path of that file, when known. */
  position(originPath: PathSegments): SourcePosition | undefined;
}

/** One values document as the rules see it: its chart, its values as written, and where each key sits. */
export interface LintedDocument {
  readonly file: string;
  readonly chart: ChartId;
  /** The values exactly as written in the document (no chart defaults merged in). */
  readonly values: unknown;
  readonly positions: PositionIndex;
  /** Where the values were written, when compiled from another file: findings are reported there. */
  readonly origin?: DocumentOrigin;
  /** How a path of the document reads where the user edits it (the origin's path when it has one): for messages. */
  name(path: PathSegments): string;
  /**
   * True when every value the document sets equals the chart's default (the chart's own `values.yaml`).
   * Findings on such a document describe the chart's stock behaviour and are reported as `info`.
   */
  readonly stock: boolean;
}

/** Where the Kubernetes distribution came from. */
export interface DistributionInfo {
  readonly name: Distribution;
  /** `option` (`--distribution` or the cluster definition) or `inferred` from a resolver already set. */
  readonly source: "option" | "inferred";
  /** For `inferred`: the file and path of the resolver that gave it away, e.g. `lgtm-values.yaml: tempo.gateway.nginxConfig.resolver`. */
  readonly evidence?: string;
  readonly evidenceDoc?: LintedDocument;
  readonly evidencePath?: PathSegments;
}

/** What every rule receives: all documents at once, so cross-file problems are found. */
export interface RuleContext {
  readonly documents: readonly LintedDocument[];
  readonly distribution: DistributionInfo | undefined;
}

/** What a rule's documentation says: shown by `explain` and in docs/rules.md. */
export interface RuleDocs {
  /** What the rule checks. */
  readonly checks: string;
  /** Why it matters (what breaks). */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A rule of the catalogue. `run` returns diagnostics carrying this rule's id. */
export interface Rule {
  /** Stable id, `area/name`. */
  readonly id: string;
  /**
   * Severity of the rule's findings (a finding on a chart's stock defaults is lowered to `info`; one that only chart
   * defaults cause is lowered one step, see `FindingInput.causes`).
   */
  readonly severity: Severity;
  /** One line: what goes wrong. */
  readonly title: string;
  readonly docs: RuleDocs;
  run(ctx: RuleContext): Diagnostic[];
}

/** A catalogue entry written flat: the rule's id, severity, title and the three texts of its {@link RuleDocs}. */
export interface FlatRuleDocs extends RuleDocs {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
}

/** The rule documented by `d` whose findings `run` returns (rules fed by another package's checks). */
export function documentedRule(d: FlatRuleDocs, run: (ctx: RuleContext) => Diagnostic[]): Rule {
  return {
    id: d.id,
    severity: d.severity,
    title: d.title,
    docs: { checks: d.checks, why: d.why, fix: d.fix },
    run,
  };
}

/**
 * A value a finding comes from: a path of a document, read as the chart sees it (the document's value, else the
 * chart's default), or an input outside the documents (`--distribution`, a cluster definition's option).
 */
export type Cause = { readonly doc: LintedDocument; readonly path: PathSegments } | { readonly option: string };

/** The details of one finding, before file/line/column are attached. */
export interface FindingInput {
  readonly message: string;
  readonly fix?: string | undefined;
  /** The fix as edits of the document, when it needs no judgement (`lint --fix` applies them). */
  readonly edits?: readonly Edit[] | undefined;
  /** Overrides the rule's severity for this finding. */
  readonly severity?: Severity;
  /** Position to use when the path is absent from the document (e.g. the evidence of an inference). */
  readonly fallbackPath?: PathSegments | undefined;
  /**
   * The values the finding comes from. When none of them is set by its document (each one is the chart's default,
   * or a datasource the chart provides), the finding is about the chart's defaults: it is lowered one step (error →
   * warning, warning → info) and says so. An option cause is always the user's.
   * @default the finding's own path in `doc`, when the chart has a default value there
   */
  readonly causes?: readonly Cause[] | undefined;
}

/**
 * Whether `doc` itself sets `path` (or replaces a map above it with a scalar, a list or null), as opposed to the value
 * being the chart's default.
 */
export function setByDocument(doc: LintedDocument, path: PathSegments): boolean {
  if (hasPath(doc.values, path)) return true;
  for (let n = path.length - 1; n >= 1; n--) {
    const above = path.slice(0, n);
    if (hasPath(doc.values, above)) return !isRecord(getPath(doc.values, above));
  }
  return false;
}

/** The values a finding comes from: its own causes, else its path when the chart has a default there. */
function causesOf(doc: LintedDocument, path: PathSegments, f: FindingInput): readonly Cause[] {
  if (f.causes !== undefined) return f.causes;
  let fallback: unknown;
  try {
    fallback = defaultValue(doc.chart, path);
  } catch {
    fallback = undefined;
  }
  return fallback === undefined ? [] : [{ doc, path }];
}

const LOWER: Record<Severity, Severity> = { error: "warning", warning: "info", info: "info" };

/**
 * A finding that only the chart's defaults cause (see {@link FindingInput.causes}), lowered one step and saying so;
 * any other finding as it is. Documents compiled from a definition (with an origin) are not lowered: everything in
 * them was written by generate, and an error there must stop the write.
 */
function fromDefaults(doc: LintedDocument, path: PathSegments, f: FindingInput, d: Diagnostic): Diagnostic {
  if (doc.origin || doc.stock || d.severity === "info") return d;
  const causes = causesOf(doc, path, f);
  if (causes.length === 0) return d;
  const paths: string[] = [];
  for (const c of causes) {
    if ("option" in c) return d;
    if (c.doc.origin || setByDocument(c.doc, c.path)) return d;
    paths.push(`\`${c.doc.name(c.path)}\`${c.doc === doc ? "" : ` (${c.doc.file})`}`);
  }
  const shown = [...new Set(paths)];
  return {
    ...d,
    severity: LOWER[d.severity],
    message: `${d.message} This comes from the chart's defaults (${doc.chart}): the file${causes.some((c) => "doc" in c && c.doc !== doc) ? "s set" : " sets"} none of ${shown.join(", ")}.`,
  };
}

/**
 * Builds a diagnostic for `doc` at `path` with file, line and column (1-based, code points) of the
 * path, or of its nearest ancestor present in the file. For a document with an origin, the diagnostic is the
 * origin's: its file, the path there and that path's position.
 */
export function finding(
  rule: Pick<Rule, "id" | "severity">,
  doc: LintedDocument,
  path: PathSegments,
  f: FindingInput,
): Diagnostic {
  const d = fromDefaults(doc, path, f, {
    ruleId: rule.id,
    severity: f.severity ?? rule.severity,
    path,
    message: f.message,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.edits && f.edits.length > 0 ? { edits: f.edits } : {}),
  });
  if (doc.origin) return located(doc.origin, d);
  const pos =
    doc.positions.exact(path) ??
    (f.fallbackPath ? doc.positions.exact(f.fallbackPath) : undefined) ??
    doc.positions.locate(path);
  return { ...d, file: doc.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
}

/**
 * A diagnostic on a document's values, moved to where they were written. Its edits are dropped: they are edits of the
 * values, not of the file the values were compiled from.
 */
function located(origin: DocumentOrigin, d: Diagnostic): Diagnostic {
  const path = origin.path(d.path);
  const pos = origin.position(path);
  const { edits: _edits, ...rest } = d;
  return { ...rest, path, file: origin.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
}

/** A stable order: file, line, column, rule id, path. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? "").localeCompare(b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    formatPath(a.path).localeCompare(formatPath(b.path)) ||
    a.message.localeCompare(b.message)
  );
}

/** Attaches `doc`'s file and the line/column of `d.path` (or its nearest ancestor) to a diagnostic from another package. */
export function positioned(doc: LintedDocument, diag: Diagnostic): Diagnostic {
  if (doc.origin) return located(doc.origin, diag);
  const d = fromDefaults(doc, diag.path, { message: diag.message }, diag);
  const pos = doc.positions.locate(d.path);
  return { ...d, file: doc.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
}
