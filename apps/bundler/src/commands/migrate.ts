import fs from "node:fs";
import path from "node:path";
import { type MigrationNote, migrateToTempo3, TEMPO3_SIDE_BY_SIDE } from "@lgtm-gitops/validators";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";
import { writeFileAtomic } from "../output/files.js";
import { escapeControl } from "../safety/terminal.js";
import { decodeValuesFile, readValuesFile } from "./values-file.js";

/** `<name>.tempo3.yaml` beside the input (`values.yaml` → `values.tempo3.yaml`). */
function defaultOut(abs: string): string {
  const ext = path.extname(abs);
  const base = /^\.(ya?ml|json)$/i.test(ext) ? path.basename(abs, ext) : path.basename(abs);
  return path.join(path.dirname(abs), `${base}.tempo3.yaml`);
}

const line = (n: MigrationNote) => {
  const where = n.from !== undefined ? n.from : (n.to ?? []).join(", ");
  return `  - ${escapeControl(where === "" ? n.message : `${where}: ${n.message}`)}\n`;
};

/**
 * `migrate FILE --to tempo-distributed@3.x`: writes the Tempo 3 values beside the input (or `--out FILE`; the input
 * only with `--in-place`), atomically, then prints what has no equivalent, what needs a human and the side-by-side
 * upgrade path (text), or one JSON object (`--format json`). Exit 0 written, 2 bad input or usage.
 */
export function runMigrate(args: ParsedArgs, io: CliIo): number {
  const file = args.positionals[0] as string;
  const { abs, bytes } = readValuesFile(
    io.cwd,
    file,
    "Give the path of the Tempo release's Helm values file, relative to the current directory.",
  );
  const input = decodeValuesFile(file, bytes);

  const result = migrateToTempo3(input, {
    to: args.to ?? "",
    ...(args.kafkaAddress !== undefined ? { kafkaAddress: args.kafkaAddress } : {}),
    ...(args.partitions !== undefined ? { partitions: args.partitions } : {}),
  });
  if (!result.ok) {
    const d = result.diagnostics[0];
    throw new CliError(
      d?.ruleId ?? "migrate/invalid-input",
      `${escapeControl(file)}: ${escapeControl(d?.message ?? "cannot be migrated")}`,
      d?.fix ?? "Give a tempo-distributed or lgtm-distributed values file.",
    );
  }
  const m = result.value;
  const out = args.inPlace ? abs : path.resolve(io.cwd, args.out ?? defaultOut(abs));
  if (out === abs && !args.inPlace)
    throw new CliError(
      "usage/invalid-arguments",
      `--out ${args.out} is the input file; migrate does not overwrite its input`,
      "Write elsewhere with --out, or pass --in-place to replace the input.",
    );
  if (fs.existsSync(out) && fs.statSync(out).isDirectory())
    throw new CliError(
      "usage/invalid-arguments",
      `--out ${args.out} is a directory`,
      "Give --out the path of the new values file.",
    );
  writeFileAtomic(out, m.text);
  const shown = path.relative(io.cwd, out) || out;
  if (args.format === "json") {
    io.stdout.write(
      `${JSON.stringify({ file, out: shown, from: m.from, to: m.to, moved: m.moved, noEquivalent: m.noEquivalent, needsHuman: m.needsHuman, sideBySide: TEMPO3_SIDE_BY_SIDE }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  let text = `wrote ${escapeControl(shown)}: ${m.to} values from ${m.from} (${m.moved.length} values moved or added)\n`;
  if (m.from.startsWith("lgtm-distributed@"))
    text += "Paths below are those of the Tempo values (the input's `tempo:` block).\n";
  text += `\nNo equivalent in Tempo 3.0 (dropped, ${m.noEquivalent.length}):\n`;
  text += m.noEquivalent.length > 0 ? m.noEquivalent.map(line).join("") : "  (none)\n";
  text += `\nNeeds a human (${m.needsHuman.length}):\n`;
  text += m.needsHuman.length > 0 ? m.needsHuman.map(line).join("") : "  (none)\n";
  text += "\nUpgrade side by side (2.x and 3.0 running together, see docs/migrate-to-tempo-3.md):\n";
  text += TEMPO3_SIDE_BY_SIDE.map((s, i) => `  ${i + 1}. ${s}\n`).join("");
  text += `\nThen check it: pnpm gitops lint ${escapeControl(shown)} --chart ${m.to}\n`;
  io.stdout.write(text);
  return EXIT.ok;
}
