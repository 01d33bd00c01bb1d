import type { PathSegments } from "./path.js";

/** How bad a finding is. `error` stops `generate` and makes `lint` exit 1. */
export type Severity = "error" | "warning" | "info";

/**
 * A machine-applicable change to a values document, at document paths (the same paths as {@link Diagnostic.path}):
 * - `move`: the key at `from` (its value and comments) goes to `to`; parents of `to` are created as maps. When `to`
 *   already exists, two maps are merged if no leaf conflicts, and an equal value is simply dropped; anything else is
 *   left for a person.
 * - `delete`: the key at `path` goes, with its value.
 * - `set`: `path` gets `value` (plain data), replacing a value already there; parents are created as maps.
 *
 * Only a change that needs no judgement carries an edit (a rename, a relocation, a switch): a fix that needs a
 * decision (a secret, a size, a choice between two settings) has only its `fix` text.
 */
export type Edit =
  | { readonly op: "move"; readonly from: PathSegments; readonly to: PathSegments }
  | { readonly op: "delete"; readonly path: PathSegments }
  | { readonly op: "set"; readonly path: PathSegments; readonly value: unknown };

/**
 * One finding, from any package: the shape every library in lgtm-gitops returns and the CLI prints.
 *
 * `path` is where the offending value sits in its document, as segments (`["tempo", "ingester", "replicas"]`;
 * `[]` for the document itself). It is formatted only where it is shown (`formatPath` → `tempo.ingester.replicas`).
 * `file`, `line` and `column` (1-based) are set when the value came from a file.
 */
export interface Diagnostic {
  /** Stable id, `area/name`, e.g. `chart/unknown-key`. `lgtm-gitops explain <ruleId>` documents it. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Segments of the offending value's path in its document; `[]` for the document itself. */
  readonly path: PathSegments;
  /** What is wrong, in words an operator understands at 3 a.m. */
  readonly message: string;
  /** How to fix it, when there is a known fix. */
  readonly fix?: string;
  /**
   * The fix as edits to the document `file` names, applied all together or not at all (`lint --fix`), when the fix
   * needs no judgement. Absent on findings reported in another file than the values (a cluster definition).
   */
  readonly edits?: readonly Edit[];
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Result of any operation that can fail with diagnostics. Libraries return it and never throw. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Builds a successful result, carrying any warnings. */
export function ok<T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics };
}

/** Builds a failed result. */
export function fail<T = never>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
