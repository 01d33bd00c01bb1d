import type { PathSegments } from "./path.js";

/** How bad a finding is. `error` stops `generate` and makes `lint` exit 1. */
export type Severity = "error" | "warning" | "info";

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
