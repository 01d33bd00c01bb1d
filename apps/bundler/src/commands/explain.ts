import { closestKey } from "@lgtm-gitops/diagnostics";
import { explainRule, rules } from "@lgtm-gitops/validators";
import type { Format } from "../args.js";
import type { CliIo } from "../cli.js";
import { BUNDLER_CODES, explainBundlerCode } from "../codes.js";
import { CliError, EXIT } from "../errors.js";

/** Every id `explain` knows: the validators' rules, then the bundler's own codes. */
function catalogue(): { id: string; severity: string; title: string }[] {
  return [
    ...rules.map((r) => ({ id: r.id, severity: r.severity, title: r.title })),
    ...BUNDLER_CODES.map((c) => ({ id: c.id, severity: c.severity, title: c.title })),
  ];
}

/**
 * What an unknown id most likely meant: a typo of one id, else the ids that contain it (`quorum`,
 * `replication-quorum`), else an id of the same area. At most five.
 */
export function suggestIds(id: string): string[] {
  const ids = catalogue().map((e) => e.id);
  const typo = closestKey(id, ids);
  if (typo !== undefined) return [typo];
  const needle = id.toLowerCase();
  const containing = ids.filter((r) => r.includes(needle));
  if (containing.length > 0) return containing.slice(0, 5);
  const [area, name = ""] = needle.split("/");
  const byName = ids.filter((r) => name !== "" && r.split("/")[1]?.includes(name));
  if (byName.length > 0) return byName.slice(0, 5);
  const sameArea = ids.filter((r) => r.startsWith(`${area}/`));
  return sameArea.slice(0, 1);
}

/** `explain --list`: every rule id and error code, its severity and title, one line each (or a JSON array). */
export function runExplainList(format: Format, io: CliIo): number {
  const all = catalogue().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === "json") {
    io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...all.map((e) => e.id.length));
  for (const e of all) io.stdout.write(`${e.id.padEnd(width)}  ${e.severity.padEnd(7)}  ${e.title}\n`);
  return EXIT.ok;
}

/**
 * `explain RULE-ID`: what the rule or code checks, why, and how to fix it. The validators' rule catalogue is
 * consulted first, then the bundler's own codes (`src/codes.ts`: definition, fleet, output, usage, … errors).
 */
export function runExplain(ruleId: string, _format: Format, io: CliIo): number {
  const text = explainRule(ruleId) ?? explainBundlerCode(ruleId);
  if (text === undefined) {
    const guesses = suggestIds(ruleId.trim());
    const where =
      "Rule ids and error codes are printed with every diagnostic and error (docs/rules.md and docs/cli-errors.md list them all).";
    throw new CliError(
      "explain/unknown-rule",
      `no rule or code "${ruleId}" in the catalogue`,
      guesses.length > 0 ? `Did you mean ${guesses.map((g) => `"${g}"`).join(" or ")}? ${where}` : where,
      EXIT.usage,
    );
  }
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return EXIT.ok;
}
