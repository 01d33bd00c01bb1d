import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { hasErrors } from "@lgtm-gitops/diagnostics";
import { unifiedDiff } from "@lgtm-gitops/validators";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { MANIFEST, planOutput } from "../output/files.js";
import { JOURNAL, LEGACY_PRUNE_JOURNAL, STAGING } from "../output/journal.js";
import { packageDir } from "../package-dir.js";
import { prepare } from "../pipeline.js";
import { buildFingerprint, loadVerdicts } from "../render/verdicts.js";
import { displayPath, type Locations } from "../repo.js";
import { printDiagnostics } from "./report.js";

/**
 * `check`: regenerate in memory and compare with the output directory. Exit 1 on drift; with `--diff` (the default
 * on a terminal) a unified diff of each drifted file on stdout.
 */
export async function runCheck(args: ParsedArgs, loc: Locations, io: CliIo): Promise<number> {
  // Reads the verdicts generate left (never writes them): every file is still rendered and compared.
  const prepared = await prepare({
    fleetDir: loc.fleetDir,
    clusters: args.clusters,
    verdicts: loadVerdicts(loc.outDir, buildFingerprint(packageDir())),
  });
  const out = displayPath(loc.root, loc.outDir);
  if (hasErrors(prepared.diagnostics)) {
    printDiagnostics(prepared.diagnostics, args.format, io, loc.root);
    throw new CliError(
      "check/invalid-fleet",
      `the fleet has errors, so ${out}/ cannot be current`,
      'Fix the errors listed above, then run "pnpm gitops generate".',
      EXIT.diagnostics,
    );
  }
  const plan = planOutput(loc.outDir, prepared.rendered.files, prepared.scope);
  const expected = prepared.rendered.files;
  // Paths as the text output shows them (relative to the repository root when inside it), in text and in JSON.
  const shown = (rel: string) => `${out}/${rel}`;
  const drifted: string[] = [];
  const missing: string[] = [];
  for (const [rel] of plan.write) {
    if (displayExists(loc.outDir, rel)) drifted.push(rel);
    else missing.push(rel);
  }
  const extra = [...plan.remove, ...plan.unlisted].filter((rel) => !expected.has(rel)).sort();
  // What an interrupted run left: the tree may be between two generations, or hold stray files.
  const leftovers = [
    ...(plan.leftovers.journal
      ? [
          `${JOURNAL}: a generate run was interrupted after it committed; the tree is between the old and the new generation`,
        ]
      : []),
    ...(plan.leftovers.staging ? [`${STAGING}/: files staged by a generate run killed before it committed`] : []),
    ...(plan.leftovers.legacyPrune ? [`${LEGACY_PRUNE_JOURNAL}: directories an interrupted run did not prune`] : []),
    ...plan.leftovers.stray.map(
      (abs) => `${path.relative(loc.outDir, abs).split(path.sep).join("/")}: a temp file of an interrupted run`,
    ),
  ];
  const withDiff = args.diff ?? io.stdout.isTTY === true;
  const diffs = withDiff
    ? drifted.map((rel) => [rel, driftDiff(loc.outDir, rel, expected.get(rel)!, shown(rel))] as const)
    : [];
  if (args.format === "json") {
    const report: Record<string, unknown> = {
      drifted: drifted.map(shown),
      missing: missing.map(shown),
      extra: extra.map(shown),
      leftovers: leftovers.map(shown),
    };
    if (withDiff) report.diffs = Object.fromEntries(diffs.map(([rel, d]) => [shown(rel), d]));
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  const total = drifted.length + missing.length + extra.length + leftovers.length;
  if (total === 0) {
    if (args.format === "text" && !args.quiet)
      io.stdout.write(`${out}/ is current: ${expected.size} generated files match the fleet\n`);
    return EXIT.ok;
  }
  if (args.format === "text") {
    for (const [, d] of diffs)
      io.stdout.write(colour(d, io.stdout.isTTY === true && process.env.NO_COLOR === undefined));
    for (const f of drifted) io.stderr.write(`drifted  ${shown(f)}\n`);
    for (const f of missing) io.stderr.write(`missing  ${shown(f)}\n`);
    for (const f of extra) io.stderr.write(`extra    ${shown(f)}\n`);
    for (const l of leftovers) io.stderr.write(`leftover ${shown(l)}\n`);
    if (plan.orphans.length > 0)
      io.stderr.write(
        `lgtm-gitops: ${plan.orphans.join(", ")} ${plan.orphans.length === 1 ? "is" : "are"} no longer in the fleet; "generate --prune" deletes ${plan.orphans.length === 1 ? "its bundle" : "their bundles"} (and Argo CD the stacks)\n`,
      );
    if (plan.unlisted.length > 0)
      io.stderr.write(
        `lgtm-gitops: ${plan.unlisted.length} extra file${plan.unlisted.length === 1 ? " is" : "s are"} not in ${out}/${MANIFEST}, so generate never deletes ${plan.unlisted.length === 1 ? "it" : "them"}: delete by hand if ${plan.unlisted.length === 1 ? "it is" : "they are"} not wanted\n`,
      );
  }
  throw new CliError(
    "check/drift",
    `${total} generated file${total === 1 ? " is" : "s are"} not current in ${out}/ (${drifted.length} drifted, ${missing.length} missing, ${extra.length} extra${leftovers.length > 0 ? `, ${leftovers.length} left by an interrupted run` : ""})`,
    leftovers.length > 0
      ? 'Run "pnpm gitops generate": it first finishes (or rolls back) the interrupted run and removes what it left, then writes what is not current; commit the result.'
      : `Run "pnpm gitops generate" and commit the result; never edit generated files by hand (change the definition in apps/bundler/fleet/ instead).${withDiff || args.format === "json" ? "" : ' "lgtm-gitops check --diff" shows what changed.'}`,
    EXIT.diagnostics,
  );
}

function displayExists(outDir: string, rel: string): boolean {
  try {
    return statSync(`${outDir}/${rel}`).isFile();
  } catch {
    return false;
  }
}

/** The unified diff from the file on disk to what generate would write (`-` on disk, `+` generated). */
function driftDiff(outDir: string, rel: string, generated: string, shown: string): string {
  let onDisk = "";
  try {
    onDisk = readFileSync(`${outDir}/${rel}`, "utf8");
  } catch {
    // gone since the comparison: all of it is added
  }
  return unifiedDiff(onDisk, generated, `${shown} (on disk)`, `${shown} (generated)`);
}

/** Bold file names, cyan hunk headers, red removals, green additions, for a terminal. */
function colour(diff: string, on: boolean): string {
  if (!on) return diff;
  const paint = (code: number, line: string) => `\u001b[${code}m${line}\u001b[0m`;
  return diff
    .split("\n")
    .map((line, i) =>
      i < 2
        ? paint(1, line)
        : line.startsWith("@@")
          ? paint(36, line)
          : line.startsWith("-")
            ? paint(31, line)
            : line.startsWith("+")
              ? paint(32, line)
              : line,
    )
    .join("\n");
}
