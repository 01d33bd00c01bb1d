import { hasErrors } from "@lgtm-gitops/diagnostics";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { applyPlan, planOutput } from "../output/files.js";
import { acquireLock } from "../output/lock.js";
import { packageDir } from "../package-dir.js";
import { prepare } from "../pipeline.js";
import { buildFingerprint, loadVerdicts, saveVerdicts } from "../render/verdicts.js";
import { displayPath, type Locations } from "../repo.js";
import { printDiagnostics } from "./report.js";

/** Fleets larger than this print progress while rendering. */
export const LARGE_FLEET = 50;

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `generate`: validate everything, then write (or write nothing and exit 1). */
export async function runGenerate(args: ParsedArgs, loc: Locations, io: CliIo): Promise<number> {
  // prepare() also runs the secret scan on every file about to be written (render/fleet.ts).
  const verdicts = loadVerdicts(loc.outDir, buildFingerprint(packageDir()));
  const prepared = await prepare({
    fleetDir: loc.fleetDir,
    clusters: args.clusters,
    verdicts,
    onProgress: (done, total) => {
      if (total > LARGE_FLEET && !args.quiet) io.stderr.write(`rendered ${done}/${total} clusters\n`);
    },
  });
  const out = displayPath(loc.root, loc.outDir);
  if (hasErrors(prepared.diagnostics)) {
    printDiagnostics(prepared.diagnostics, args.format, io, loc.root);
    const errors = prepared.diagnostics.filter((d) => d.severity === "error").length;
    throw new CliError(
      "generate/invalid-fleet",
      `${count(errors, "error")} in the fleet; nothing was written to ${out}`,
      "Fix the errors listed above (lgtm-gitops explain RULE-ID tells more about each) and run generate again.",
      EXIT.diagnostics,
    );
  }
  if (prepared.definitions.length === 0)
    throw new CliError(
      "fleet/empty",
      `no cluster definitions in ${displayPath(loc.root, loc.fleetDir)}`,
      "Add one (see docs/getting-started.md) or pass --fleet DIR.",
    );
  printDiagnostics(prepared.diagnostics, args.format, io, loc.root);
  const release = await acquireLock(loc.outDir, io.lockWaitMs);
  try {
    const plan = planOutput(loc.outDir, prepared.rendered.files, prepared.scope);
    applyPlan(loc.outDir, plan);
    // Next to the bundles, not one of them: what passed validation, so an unchanged cluster is not checked again.
    saveVerdicts(verdicts, new Set(prepared.rendered.units.map((u) => u.name)));
    if (!args.quiet && args.format === "text") {
      const written = new Set(plan.write.map(([rel]) => rel));
      const removed = plan.remove;
      for (const c of prepared.rendered.units) {
        const w = c.files.filter((f) => written.has(f)).length;
        const d = removed.filter((f) => f.startsWith(`${c.name}/`)).length;
        io.stdout.write(
          `${c.name}: ${count(c.files.length, "file")} (${w} written, ${c.files.length - w} unchanged, ${d} deleted)\n`,
        );
      }
      const gone = new Set(
        removed.map((f) => f.split("/")[0]!).filter((top) => !prepared.rendered.units.some((u) => u.name === top)),
      );
      for (const top of [...gone].sort())
        io.stdout.write(
          `${top}: removed (${count(removed.filter((f) => f.startsWith(`${top}/`)).length, "file")} deleted)\n`,
        );
    }
    if (plan.foreign.length > 0)
      io.stderr.write(
        `lgtm-gitops: overwrote ${count(plan.foreign.length, "file")} that had lost the generated header: ${plan.foreign.join(", ")}\n`,
      );
    if (args.format === "text")
      io.stdout.write(
        `generated ${count(prepared.definitions.filter((d) => !prepared.scope || prepared.scope.has(d.definition.name)).length, "cluster")} into ${out}/: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} deleted\n`,
      );
    return EXIT.ok;
  } finally {
    release();
  }
}
