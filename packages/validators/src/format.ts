import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { ruleAnchor, rules } from "./catalogue.js";
import type { Rule } from "./engine.js";

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

/** Options of {@link formatSarif}. */
export interface FormatSarifOptions {
  /** `tool.driver.version`. @default none */
  readonly toolVersion?: string;
  /**
   * Where docs/rules.md is, for each rule's `helpUri` (`<rulesUri>#<anchor>`): a URL of the published docs, or the path
   * in the repository. @default "docs/rules.md"
   */
  readonly rulesUri?: string;
  /**
   * Rules of codes outside the catalogue that the results may carry (the CLI's own checks), listed after it; each links
   * to its own `helpUri`. @default none
   */
  readonly extraRules?: readonly (Pick<Rule, "id" | "severity" | "title" | "docs"> & { readonly helpUri: string })[];
}

/** The SARIF schema the log follows; its version is the log's `version`. */
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SARIF_VERSION = /sarif-([\d.]+)\.json$/.exec(SARIF_SCHEMA)?.[1] ?? "";

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** A file name as a relative URI reference (forward slashes, each segment percent-encoded), or a `file:` URI. */
function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, "/");
  const encoded = slashed
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${slashed.slice(0, 2)}${encoded.slice(encoded.indexOf("/"))}`;
  return slashed.startsWith("/") ? `file://${encoded}` : encoded.replace(/^\.\//, "");
}

/**
 * Formats diagnostics as a SARIF 2.1 log (one run), for CI systems that show findings inline (GitHub code
 * scanning, GitLab, Azure DevOps). `tool.driver.rules` is the whole rule catalogue (id, title as short description,
 * what it checks as full description, `helpUri` to its section of docs/rules.md); each result has its `ruleId` (and
 * `ruleIndex` when catalogued), a `level` from the severity (`info` → `note`), the message with the fix, and a
 * `physicalLocation` whose `artifactLocation.uri` is the file as given (relative stays relative) with `startLine` and
 * `startColumn` (columns count code points: `columnKind: "unicodeCodePoints"`). Pretty-printed, with a trailing newline.
 */
export function formatSarif(diags: readonly Diagnostic[], options: FormatSarifOptions = {}): string {
  const base = options.rulesUri ?? "docs/rules.md";
  const extra = (options.extraRules ?? []).filter((r) => !rules.some((c) => c.id === r.id));
  const all = [
    ...rules.map((r) => ({
      rule: r as Pick<Rule, "id" | "severity" | "title" | "docs">,
      helpUri: `${base}#${ruleAnchor(r.id)}`,
    })),
    ...extra.map((r) => ({ rule: r, helpUri: r.helpUri })),
  ];
  const index = new Map(all.map(({ rule }, i) => [rule.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: "lgtm-gitops",
            ...(options.toolVersion !== undefined ? { version: options.toolVersion } : {}),
            ...(options.rulesUri !== undefined ? { informationUri: options.rulesUri } : {}),
            rules: all.map(({ rule: r, helpUri }) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs.checks },
              help: { text: `${r.docs.why}\n\nHow to fix: ${r.docs.fix}` },
              helpUri,
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        columnKind: "unicodeCodePoints",
        results: diags.map((d) => {
          const i = index.get(d.ruleId);
          const path = formatPath(d.path);
          return {
            ruleId: d.ruleId,
            ...(i !== undefined ? { ruleIndex: i } : {}),
            level: SARIF_LEVEL[d.severity],
            message: { text: `${d.message}${path ? ` (${path})` : ""}${d.fix ? `\nFix: ${d.fix}` : ""}` },
            ...(d.file !== undefined
              ? {
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: artifactUri(d.file) },
                        ...(d.line !== undefined ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}),
                      },
                    },
                  ],
                }
              : {}),
            ...(path ? { properties: { path } } : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
