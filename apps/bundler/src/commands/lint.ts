import fs, { readFileSync } from "node:fs";
import path from "node:path";
import { type ChartId, DISTRIBUTIONS, type Distribution, EXAMPLE_CHART, parseChartId } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath, hasErrors } from "@lgtm-gitops/diagnostics";
import {
  compareDiagnostics,
  type DetectedDocument,
  describeEdit,
  fixDocuments,
  formatJson,
  formatSarif,
  formatText,
  LINT_RUN_LIMITS,
  type LintInput,
  lintDocuments,
  lintRunBudget,
  unifiedDiff,
} from "@lgtm-gitops/validators";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { BUNDLER_CODES } from "../codes.js";
import { CliError, EXIT } from "../errors.js";
import { isGeneratedText } from "../output/generated.js";
import { packageDir } from "../package-dir.js";
import { decodeText, MAX_LINT_BYTES, readBounded } from "../safety/input-guards.js";
import { scanForSecrets } from "../safety/secret-scan.js";
import { escapeControl, sanitizeDiagnostic } from "../safety/terminal.js";
import { decodeValuesFile, readValuesFile } from "./values-file.js";

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
 * to stdout (text, one JSON array with `--format json`, a SARIF 2.1 log with `--format sarif`). Exit 1 when any
 * diagnostic is an error. `--fix` and `--dry-run`: see {@link runFix}.
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
    const { abs, bytes } = readValuesFile(
      io.cwd,
      file,
      "Give the path of a Helm values file (YAML or JSON), relative to the current directory.",
    );
    totalBytes += bytes.length;
    if (totalBytes > LINT_RUN_LIMITS.bytes)
      throw new CliError(
        "lint/too-large",
        `the files given to one lint run are larger than ${LINT_RUN_LIMITS.bytes} bytes together (at ${file}); nothing was linted`,
        "Lint the files in smaller groups (one lint run per deployment).",
      );
    const text = decodeValuesFile(file, bytes);
    return { file, text, deployment: deploymentOf(abs, text) };
  });
  const groups = new Map<string, LintInput[]>();
  for (const { deployment, ...input } of inputs) groups.set(deployment, [...(groups.get(deployment) ?? []), input]);
  const options = {
    ...(chart !== undefined ? { chart } : {}),
    ...(distribution !== undefined ? { distribution } : {}),
  };
  if (args.fix) return runFix(args, io, inputs, groups, options);
  return report(args, io, lintGroups(groups, options), inputs.length, groups.size);
}

type Options = { chart?: ChartId; distribution?: Distribution };
type Linted = { diagnostics: Diagnostic[]; documents: DetectedDocument[] };

/** Lints each deployment, adds the output scan generate runs on what it writes, and escapes control characters. */
function lintGroups(groups: ReadonlyMap<string, readonly LintInput[]>, options: Options): Linted {
  // One expanded-size budget for every file of the run (yaml-budget.ts).
  const budget = lintRunBudget();
  const results = [...groups.values()].map((group) => lintDocuments(group, { ...options, budget }));
  const linted = results.flatMap((r) => r.diagnostics);
  const inputs = [...groups.values()].flat();
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
  return { diagnostics: all.map(sanitizeDiagnostic), documents: results.flatMap((r) => r.documents) };
}

/** The bundler's own diagnostic codes (the secret scan), as SARIF rules beside the validators' catalogue. */
const SARIF_EXTRA_RULES = BUNDLER_CODES.filter((c) => c.kind === "diagnostic").map((c) => ({
  id: c.id,
  severity: c.severity,
  title: c.title,
  docs: c.docs,
  helpUri: "docs/cli-errors.md",
}));

/** Prints the findings in the chosen format (and, as text, which chart each file was linted as); returns the exit code. */
function report(args: ParsedArgs, io: CliIo, result: Linted, files: number, deployments: number): number {
  if (args.format === "json") io.stdout.write(formatJson(result.diagnostics));
  else if (args.format === "sarif")
    io.stdout.write(formatSarif(result.diagnostics, { toolVersion: toolVersion(), extraRules: SARIF_EXTRA_RULES }));
  else {
    io.stdout.write(formatText(result.diagnostics));
    const charts = result.documents.map(
      (d) =>
        `${escapeControl(d.file)}: ${d.chart}${d.detectedBy === "content" ? ` (detected ${d.chart.slice(0, d.chart.lastIndexOf("@"))} ${d.versions ?? "any version"})` : ""}`,
    );
    io.stdout.write(
      `${result.diagnostics.length === 0 ? "no problems found; " : ""}linted ${files} file${files === 1 ? "" : "s"}${deployments > 1 ? ` as ${deployments} separate deployments` : ""}${charts.length > 0 ? ` (${charts.join(", ")})` : ""}\n`,
    );
  }
  return hasErrors(result.diagnostics) ? EXIT.diagnostics : EXIT.ok;
}

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageDir(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : w.endsWith("x") ? "es" : "s"}`;

/**
 * `lint --fix [--dry-run]`: applies the findings' edits with `fixDocuments` (per deployment, as lint groups files),
 * then either prints the unified diff of each file it would change (`--dry-run`: exit 1 when there is one) or replaces
 * each changed file atomically and reports what it applied, what it left and why, and a lint of the new texts.
 * Generated files (bundles under clusters/) are never changed: they are rewritten by generate.
 */
function runFix(
  args: ParsedArgs,
  io: CliIo,
  inputs: readonly (LintInput & { deployment: string })[],
  groups: ReadonlyMap<string, readonly LintInput[]>,
  options: Options,
): number {
  const refuse = (file: string) =>
    isGeneratedText(inputs.find((i) => i.file === file)?.text ?? "")
      ? "the file is generated: change its cluster definition and run generate"
      : undefined;
  const files = [...groups.values()].flatMap((group) => fixDocuments(group, { ...options, refuse }).files);
  const changed = files.filter((f) => f.after !== f.before);
  const out = args.format === "text" ? io.stdout : io.stderr;
  if (args.dryRun) {
    for (const f of changed) io.stdout.write(unifiedDiff(f.before, f.after, `a/${f.file}`, `b/${f.file}`));
    const count = changed.reduce((n, f) => n + f.applied.length, 0);
    io.stderr.write(
      changed.length === 0
        ? "lint --fix would change nothing\n"
        : `lint --fix would apply ${plural(count, "fix")} to ${plural(changed.length, "file")} (nothing was written)\n`,
    );
    return changed.length > 0 ? EXIT.diagnostics : EXIT.ok;
  }
  for (const f of changed) {
    const input = inputs.find((i) => i.file === f.file);
    writeFixed(path.resolve(io.cwd, f.file), f.file, input?.text ?? f.before, f.after);
  }
  for (const f of files) {
    if (f.applied.length > 0) {
      out.write(`fixed ${escapeControl(f.file)}: ${plural(f.applied.length, "change")}\n`);
      for (const a of f.applied) out.write(`    ${a.ruleId}  ${escapeControl(a.edits.map(describeEdit).join("; "))}\n`);
    }
    for (const s of f.skipped)
      out.write(
        `not fixed ${escapeControl(f.file)}: ${s.ruleId} at ${escapeControl(formatPath(s.path))}: ${escapeControl(s.reason)}\n`,
      );
  }
  if (changed.length === 0) out.write("lint --fix changed nothing\n");
  const after = new Map(files.map((f) => [f.file, f.after]));
  const relinted = new Map(
    [...groups.entries()].map(([k, group]) => [
      k,
      group.map((i) => ({ file: i.file, text: after.get(i.file) ?? i.text })),
    ]),
  );
  const result = lintGroups(relinted, options);
  if (args.format === "text" && result.diagnostics.length > 0) io.stdout.write("left for a person:\n");
  return report(args, io, result, inputs.length, groups.size);
}

/**
 * Replaces `abs` with `text` atomically: a temp file beside it (same mode), then a rename, so the file is either the
 * old text or the new one, never a partial write. Refuses when the file changed since it was read.
 */
function writeFixed(abs: string, file: string, read: string, text: string): void {
  let target = abs;
  try {
    target = fs.realpathSync(abs);
    const now = decodeText(file, readBounded(target, MAX_LINT_BYTES), "lint", MAX_LINT_BYTES);
    if (!now.ok || now.text !== read)
      throw new CliError(
        "lint/fix-not-written",
        `${file} changed while lint --fix ran; it was not written`,
        "Run lint --fix again.",
      );
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    const mode = fs.statSync(target).mode & 0o7777;
    try {
      fs.writeFileSync(tmp, text, { mode, flag: "wx" });
      fs.chmodSync(tmp, mode);
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      "lint/fix-not-written",
      `cannot write ${file} [${(e as { code?: string }).code ?? "error"}]; it is unchanged`,
      "Check that the file and its directory are writable, then run lint --fix again.",
    );
  }
}
