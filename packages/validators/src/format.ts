import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";

/** Options of {@link formatText}. */
export interface FormatTextOptions {
  /**
   * Colour the severity with ANSI escapes.
   * @default false
   */
  readonly color?: boolean;
}

const COLORS = { error: "\u001b[31m", warning: "\u001b[33m", info: "\u001b[36m" } as const;
const RESET = "\u001b[0m";
const DIM = "\u001b[2m";

/**
 * Formats diagnostics like a compiler, one per line: `file:line:col  severity  rule-id  message`,
 * followed by an indented `fix:` line when there is a fix. Without a file or position, the missing
 * parts are left out (`<values>` stands for a document without a file). Ends with a summary line
 * (`2 errors, 1 warning`) when there is any diagnostic; returns `""` for none.
 */
export function formatText(diags: readonly Diagnostic[], options: FormatTextOptions = {}): string {
  if (diags.length === 0) return "";
  const color = options.color === true;
  const lines: string[] = [];
  for (const d of diags) {
    const where = `${d.file ?? "<values>"}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ""}`;
    const sev = color ? `${COLORS[d.severity]}${d.severity}${RESET}` : d.severity;
    const path = d.path.length > 0 ? ` (${formatPath(d.path)})` : "";
    lines.push(`${where}  ${sev}  ${d.ruleId}  ${d.message}${path}`);
    if (d.fix) lines.push(`    ${color ? DIM : ""}fix: ${d.fix}${color ? RESET : ""}`);
  }
  const count = (s: Diagnostic["severity"]) => diags.filter((d) => d.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const parts = [plural(count("error"), "error"), plural(count("warning"), "warning")];
  const infos = count("info");
  if (infos > 0) parts.push(plural(infos, "info"));
  lines.push(parts.join(", "));
  return `${lines.join("\n")}\n`;
}

/** One diagnostic in the JSON output of `lint --format json` (see DESIGN.md). */
export interface JsonDiagnostic {
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string;
  readonly ruleId: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly fix?: string;
}

/** The JSON object for one diagnostic, keys in the documented order; unknown file/line/column are `null`. */
export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    file: d.file ?? null,
    line: d.line ?? null,
    column: d.column ?? null,
    path: formatPath(d.path),
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    ...(d.fix ? { fix: d.fix } : {}),
  };
}

/**
 * Formats diagnostics as one JSON array (DESIGN.md shape:
 * `{"file","line","column","path","ruleId","severity","message","fix"?}`), pretty-printed, with a
 * trailing newline.
 */
export function formatJson(diags: readonly Diagnostic[]): string {
  return `${JSON.stringify(diags.map(toJsonDiagnostic), null, 2)}\n`;
}
