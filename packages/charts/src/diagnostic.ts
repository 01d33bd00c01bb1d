/** How bad a finding is. `error` stops `generate` and makes `lint` exit 1. */
export type Severity = "error" | "warning" | "info";

/**
 * One finding, from any package. The shape every library in lgtm-gitops returns and the CLI prints.
 *
 * `path` is the dot path of the value inside its document (`tempo.ingester.replicas`); list items are
 * written as `[n]` (`grafana.additionalDataSources[0].uid`). `file`, `line` and `column` (1-based) are
 * set when the value came from a YAML or JSON file.
 */
export interface Diagnostic {
  /** Stable id, `area/name`, e.g. `chart/unknown-key`. `lgtm-gitops explain <ruleId>` documents it. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Dot path of the offending value in its document; `""` for the document itself. */
  readonly path: string;
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

/**
 * Formats a path given as segments into the dot path used by every diagnostic:
 * `["a", "b", 0, "c"]` → `a.b[0].c`; keys that are not plain identifiers are quoted: `a["x.y"]`.
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
