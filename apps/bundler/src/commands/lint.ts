import path from "node:path";
import { type ChartId, DISTRIBUTIONS, type Distribution, EXAMPLE_CHART, parseChartId } from "@lgtm-gitops/charts";
import { hasErrors } from "@lgtm-gitops/diagnostics";
import { formatJson, formatText, type LintInput, lintDocuments } from "@lgtm-gitops/validators";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { isGeneratedText } from "../output/generated.js";
import { decodeText, MAX_LINT_BYTES, readBounded } from "../safety/input-guards.js";

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
            : `cannot read ${file} [${code ?? "error"}]`,
        "Give the path of a Helm values file (YAML or JSON), relative to the current directory.",
      );
    }
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
  const results = [...groups.values()].map((group) => lintDocuments(group, options));
  const result = {
    diagnostics: results.flatMap((r) => r.diagnostics),
    documents: results.flatMap((r) => r.documents),
  };
  if (args.format === "json") io.stdout.write(formatJson(result.diagnostics));
  else {
    io.stdout.write(formatText(result.diagnostics));
    const charts = result.documents.map(
      (d) =>
        `${d.file}: ${d.chart}${d.detectedBy === "content" ? ` (detected ${d.chart.slice(0, d.chart.lastIndexOf("@"))} ${d.versions ?? "any version"})` : ""}`,
    );
    io.stdout.write(
      `${result.diagnostics.length === 0 ? "no problems found; " : ""}linted ${inputs.length} file${inputs.length === 1 ? "" : "s"}${groups.size > 1 ? ` as ${groups.size} separate deployments` : ""}${charts.length > 0 ? ` (${charts.join(", ")})` : ""}\n`,
    );
  }
  return hasErrors(result.diagnostics) ? EXIT.diagnostics : EXIT.ok;
}
