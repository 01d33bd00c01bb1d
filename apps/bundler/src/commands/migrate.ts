import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { type MigrationNote, migrateToTempo3, TEMPO3_SIDE_BY_SIDE } from "@lgtm-gitops/validators";
import { parseDocument } from "yaml";
import type { ParsedArgs } from "../args.js";
import type { CliIo } from "../cli.js";
import {
  type DefinitionMigration,
  isDefinitionShaped,
  migrateDefinitionToTempo3,
} from "../definition/migrate-tempo3.js";
import { CliError, EXIT } from "../errors.js";
import { writeFileAtomic } from "../output/files.js";
import { displayPath, resolveLocations } from "../repo.js";
import { escapeControl } from "../safety/terminal.js";
import { decodeValuesFile, readValuesFile } from "./values-file.js";

/** The data of a YAML text, or `undefined` when it does not read (the migration reports why). */
function readData(text: string): unknown {
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

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
/** The migration options `--to`, `--kafka-address` and `--partitions` give. */
function migrationOptions(args: ParsedArgs): { to: string; kafkaAddress?: string; partitions?: number } {
  return {
    to: args.to ?? "",
    ...(args.kafkaAddress !== undefined ? { kafkaAddress: args.kafkaAddress } : {}),
    ...(args.partitions !== undefined ? { partitions: args.partitions } : {}),
  };
}

/** A migration's result, or the CLI error of its first diagnostic (`fix` when the diagnostic has none). */
function migrated<T>(
  result: { ok: true; value: T } | { ok: false; diagnostics: readonly Diagnostic[] },
  file: string,
  fix: string,
): T {
  if (result.ok) return result.value;
  const d = result.diagnostics[0];
  throw new CliError(
    d?.ruleId ?? "migrate/invalid-input",
    `${escapeControl(file)}: ${escapeControl(d?.message ?? "cannot be migrated")}`,
    d?.fix ?? fix,
  );
}

/**
 * Writes the migrated text, atomically, to the input (`--in-place`) or to `out` (relative to the working directory),
 * never over the input without `--in-place` and never onto a directory; returns the absolute path written.
 */
function writeMigrated(args: ParsedArgs, io: CliIo, abs: string, out: string, what: string, text: string): string {
  const target = args.inPlace ? abs : path.resolve(io.cwd, out);
  if (target === abs && !args.inPlace)
    throw new CliError(
      "usage/invalid-arguments",
      `--out ${args.out} is the input file; migrate does not overwrite its input`,
      "Write elsewhere with --out, or pass --in-place to replace the input.",
    );
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new CliError(
      "usage/invalid-arguments",
      `--out ${args.out} is a directory`,
      `Give --out the path of the new ${what}.`,
    );
  writeFileAtomic(target, text);
  return target;
}

export function runMigrate(args: ParsedArgs, io: CliIo): number {
  const file = args.positionals[0] as string;
  const { abs, bytes } = readValuesFile(
    io.cwd,
    file,
    "Give the path of the Tempo release's Helm values file, relative to the current directory.",
  );
  const input = decodeValuesFile(file, bytes);
  if (/\.m?ts$/i.test(file))
    throw new CliError(
      "migrate/invalid-input",
      `${escapeControl(file)} is a TypeScript definition: migrate rewrites YAML values files and YAML cluster definitions only`,
      "Change the definition by hand (docs/migrate-to-tempo-3.md lists each field), or write it in YAML and migrate that.",
    );
  if (isDefinitionShaped(readData(input))) return runMigrateDefinition(args, io, file, abs, input);

  const m = migrated(
    migrateToTempo3(input, migrationOptions(args)),
    file,
    "Give a tempo-distributed or lgtm-distributed values file.",
  );
  const out = writeMigrated(args, io, abs, args.out ?? defaultOut(abs), "values file", m.text);
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
  text += notesText(m);
  text += sideBySideText();
  text += `\nThen check it: pnpm gitops lint ${escapeControl(shown)} --chart ${m.to}\n`;
  io.stdout.write(text);
  return EXIT.ok;
}

/** The notes of a migration, as `migrate` prints them (values file and definition alike). */
function notesText(m: Pick<DefinitionMigration, "noEquivalent" | "needsHuman">): string {
  let text = `\nNo equivalent in Tempo 3.0 (dropped, ${m.noEquivalent.length}):\n`;
  text += m.noEquivalent.length > 0 ? m.noEquivalent.map(line).join("") : "  (none)\n";
  text += `\nNeeds a human (${m.needsHuman.length}):\n`;
  text += m.needsHuman.length > 0 ? m.needsHuman.map(line).join("") : "  (none)\n";
  return text;
}

/** The side-by-side steps (validators' TEMPO3_SIDE_BY_SIDE, the one text of them). */
const sideBySideText = () =>
  "\nUpgrade side by side (2.x and 3.0 running together, see docs/migrate-to-tempo-3.md):\n" +
  TEMPO3_SIDE_BY_SIDE.map((s, i) => `  ${i + 1}. ${s}\n`).join("");

/**
 * `migrate DEFINITION --to tempo-distributed@3.x (--in-place | --out FILE)`: a cluster definition on Tempo 2 rewritten
 * for the community 3.x chart. Never beside the input by default: a second file in the fleet directory would be a
 * second definition of the cluster.
 */
function runMigrateDefinition(args: ParsedArgs, io: CliIo, file: string, abs: string, input: string): number {
  if (!args.inPlace && args.out === undefined)
    throw new CliError(
      "usage/invalid-arguments",
      `${escapeControl(file)} is a cluster definition: say where the migrated one goes`,
      "Pass --in-place to rewrite it (review it with git diff), or --out FILE outside the fleet directory: generate reads every file there, and a copy beside it would define the cluster twice.",
    );
  const m = migrated(
    migrateDefinitionToTempo3(input, { ...migrationOptions(args), file }),
    file,
    "Give a cluster definition on lgtm-distributed or tempo-distributed 1.x/2.x.",
  );
  const out = writeMigrated(args, io, abs, args.out as string, "definition file", m.text);
  const shown = path.relative(io.cwd, out) || out;
  const stem = path.basename(out).replace(/\.(ya?ml|json)$/i, "");
  const loc = resolveLocations(io.cwd, io.root !== undefined ? { root: io.root } : {});
  const fleet = path.dirname(out) === loc.fleetDir ? "" : ` --fleet ${displayPath(io.cwd, path.dirname(out))}`;
  const blocking = m.blocking.map((d) => ({
    ...d,
    file: shown,
  }));
  if (args.format === "json") {
    io.stdout.write(
      `${JSON.stringify({ file, out: shown, cluster: m.cluster, from: m.from, to: m.to, release: m.release, moved: m.moved, noEquivalent: m.noEquivalent, needsHuman: m.needsHuman, blocking, sideBySide: TEMPO3_SIDE_BY_SIDE }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  let text = `wrote ${escapeControl(shown)}: cluster ${escapeControl(m.cluster)} on ${m.to} (release ${m.release.to}) from ${m.from} (release ${m.release.from}), ${m.moved.length} changes\n`;
  if (stem !== m.cluster)
    text += `Note: generate reads a definition only from a file named after it: rename ${escapeControl(shown)} to ${escapeControl(m.cluster)}.yaml.\n`;
  text += notesText(m);
  text += `\nGenerate refuses it until these are fixed (${blocking.length}):\n`;
  text +=
    blocking.length > 0
      ? blocking
          .map(
            (d) =>
              `  - ${escapeControl(`${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ""} ${d.ruleId} ${d.message}`)}\n${d.fix ? `    fix: ${escapeControl(d.fix)}\n` : ""}`,
          )
          .join("")
      : "  (none)\n";
  text += sideBySideText();
  text += `\nThen generate and check it: pnpm gitops generate${fleet} --cluster ${escapeControl(m.cluster)} && pnpm gitops check${fleet}\n`;
  io.stdout.write(text);
  return EXIT.ok;
}
