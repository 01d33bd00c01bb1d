import { statSync } from "node:fs";
import { hasErrors } from "@lgtm-gitops/diagnostics";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { planOutput } from "../output/files.js";
import { packageDir } from "../package-dir.js";
import { prepare } from "../pipeline.js";
import { buildFingerprint, loadVerdicts } from "../render/verdicts.js";
import { displayPath, type Locations } from "../repo.js";
import { printDiagnostics } from "./report.js";

/** `check`: regenerate in memory and compare with the output directory. Exit 1 on drift. */
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
  const drifted: string[] = [];
  const missing: string[] = [];
  for (const [rel] of plan.write) {
    if (displayExists(loc.outDir, rel)) drifted.push(rel);
    else missing.push(rel);
  }
  const extra = plan.remove.filter((rel) => !expected.has(rel));
  if (args.format === "json") {
    io.stdout.write(`${JSON.stringify({ drifted, missing, extra }, null, 2)}\n`);
  }
  const total = drifted.length + missing.length + extra.length;
  if (total === 0) {
    if (args.format === "text" && !args.quiet)
      io.stdout.write(`${out}/ is current: ${expected.size} generated files match the fleet\n`);
    return EXIT.ok;
  }
  if (args.format === "text") {
    for (const f of drifted) io.stderr.write(`drifted  ${out}/${f}\n`);
    for (const f of missing) io.stderr.write(`missing  ${out}/${f}\n`);
    for (const f of extra) io.stderr.write(`extra    ${out}/${f}\n`);
  }
  throw new CliError(
    "check/drift",
    `${total} generated file${total === 1 ? " is" : "s are"} not current in ${out}/ (${drifted.length} drifted, ${missing.length} missing, ${extra.length} extra)`,
    'Run "pnpm gitops generate" and commit the result; never edit generated files by hand (change the definition in apps/bundler/fleet/ instead).',
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
