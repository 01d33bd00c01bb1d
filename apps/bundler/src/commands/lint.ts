import path from "node:path";
import { type ChartId, DISTRIBUTIONS, type Distribution, EXAMPLE_CHART, parseChartId } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath, hasErrors } from "@lgtm-gitops/diagnostics";
import {
  compareDiagnostics,
  formatJson,
  formatText,
  LINT_RUN_LIMITS,
  type LintInput,
  lintDocuments,
  lintRunBudget,
} from "@lgtm-gitops/validators";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { isGeneratedText } from "../output/generated.js";
import { decodeText, MAX_LINT_BYTES, readBounded } from "../safety/input-guards.js";
import { scanForSecrets } from "../safety/secret-scan.js";
import { escapeControl, sanitizeDiagnostic } from "../safety/terminal.js";

/**
 * Which deployment a linted file belongs to. Rules see every document of one deployment at once (so the Tempo
 * values and the Grafana values are checked against each other), but the values files of different generated
 * bundles (`clusters/<a>/values/…`, `clusters/<b>/values/…`) describe different clusters and must not be mixed.
 * A generated values file belongs to its bundle; every other file belongs to the one group of hand-written files.
 */
function deploymentOf(abs: string, text: string): string {
  const dir = path.dirname(abs);
  if (path.basename(dir) === "values" && isGeneratedText(text)) return path.dirname(dir);
  return "";
}

/**
 * `lint FILE…`: lints existing values files with the validators (file:line:column, rule id, fix). Diagnostics go
 * to stdout (text, or one JSON array with `--format json`). Exit 1 when any diagnostic is an error.
 */
export function runLint(args: ParsedArgs, io: CliIo): number {
  let chart: ChartId | undefined;
  if (args.chart !== undefined) {
    const parsed = parseChartId(args.chart);
    if (!parsed.ok)
      throw new CliError(
        "usage/unsupported-chart",
        parsed.diagnostics[0]?.message ?? `unsupported chart "${args.chart}"`,
        parsed.diagnostics[0]?.fix ?? `Use NAME@VERSION, e.g. ${EXAMPLE_CHART}.`,
      );
    chart = parsed.value;
    // An uncatalogued patch checked as the next catalogued one says so (stderr: stdout stays the findings).
    for (const d of parsed.diagnostics) io.stderr.write(`lgtm-gitops: ${d.message}\n`);
  }
  let distribution: Distribution | undefined;
  if (args.distribution !== undefined) {
    if (!(DISTRIBUTIONS as readonly string[]).includes(args.distribution))
      throw new CliError(
        "usage/unknown-distribution",
        `unknown distribution "${args.distribution}"`,
        `Use one of ${DISTRIBUTIONS.join(", ")}.`,
      );
    distribution = args.distribution as Distribution;
  }
  let totalBytes = 0;
  const inputs: (LintInput & { deployment: string })[] = args.positionals.map((file) => {
    const abs = path.resolve(io.cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = readBounded(abs, MAX_LINT_BYTES);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new CliError(
        "usage/unreadable-file",
        code === "ENOENT"
          ? `${file} does not exist`
          : code === "EISDIR"
            ? `${file} is a directory`
            : code === "ENOTREG"
              ? `${file} is ${(e as { kind?: string }).kind ?? "not a regular file"}, not a file; it was not read (reading it could wait forever)`
              : `cannot read ${file} [${code ?? "error"}]`,
        "Give the path of a Helm values file (YAML or JSON), relative to the current directory.",
      );
    }
    totalBytes += bytes.length;
    if (totalBytes > LINT_RUN_LIMITS.bytes)
      throw new CliError(
        "lint/too-large",
        `the files given to one lint run are larger than ${LINT_RUN_LIMITS.bytes} bytes together (at ${file}); nothing was linted`,
        "Lint the files in smaller groups (one lint run per deployment).",
      );
    const decoded = decodeText(file, bytes, "lint", MAX_LINT_BYTES);
    if (!decoded.ok) {
      const d = decoded.diagnostic;
      const at = d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : "";
      throw new CliError(d.ruleId, `${file}${at}: ${d.message}`, d.fix ?? "Save the file as UTF-8 text.");
    }
    return { file, text: decoded.text, deployment: deploymentOf(abs, decoded.text) };
  });
  const groups = new Map<string, LintInput[]>();
  for (const { deployment, ...input } of inputs) groups.set(deployment, [...(groups.get(deployment) ?? []), input]);
  const options = {
    ...(chart !== undefined ? { chart } : {}),
    ...(distribution !== undefined ? { distribution } : {}),
  };
  // One expanded-size budget for every file of the run (yaml-budget.ts).
  const budget = lintRunBudget();
  const results = [...groups.values()].map((group) => lintDocuments(group, { ...options, budget }));
  const linted = results.flatMap((r) => r.diagnostics);
  // The same output scan generate runs on what it writes (names and shapes of credentials, comments too), on the
  // files that could be read: lint finds what generate refuses. One finding per value.
  const readable = new Set(results.flatMap((r) => r.documents.map((d) => d.file)));
  const reported = new Set(
    linted
      .filter((d) => d.ruleId.startsWith("secret/") || d.ruleId.endsWith("literal-secret"))
      .map((d) => `${d.file}\u0000${d.line}`),
  );
  const scanned = scanForSecrets(
    new Map(inputs.filter((i) => readable.has(i.file)).map((i) => [i.file, i.text])),
  ).filter(
    (d) =>
      !reported.has(`${d.file}\u0000${d.line}`) &&
      !linted.some((l) => l.file === d.file && l.ruleId === d.ruleId && formatPath(l.path) === formatPath(d.path)),
  );
  const all: Diagnostic[] = [...linted, ...scanned].sort(compareDiagnostics);
  // Keys and values of the files reach messages: control characters are escaped before anything is printed.
  const result = {
    diagnostics: all.map(sanitizeDiagnostic),
    documents: results.flatMap((r) => r.documents),
  };
  if (args.format === "json") io.stdout.write(formatJson(result.diagnostics));
  else {
    io.stdout.write(formatText(result.diagnostics));
    const charts = result.documents.map(
      (d) =>
        `${escapeControl(d.file)}: ${d.chart}${d.detectedBy === "content" ? ` (detected ${d.chart.slice(0, d.chart.lastIndexOf("@"))} ${d.versions ?? "any version"})` : ""}`,
    );
    io.stdout.write(
      `${result.diagnostics.length === 0 ? "no problems found; " : ""}linted ${inputs.length} file${inputs.length === 1 ? "" : "s"}${groups.size > 1 ? ` as ${groups.size} separate deployments` : ""}${charts.length > 0 ? ` (${charts.join(", ")})` : ""}\n`,
    );
  }
  return hasErrors(result.diagnostics) ? EXIT.diagnostics : EXIT.ok;
}
