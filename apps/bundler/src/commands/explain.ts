import { closestKey } from "@lgtm-gitops/diagnostics";
import { explainRule, rules } from "@lgtm-gitops/validators";
import type { Format } from "../args.js";
import type { CliIo } from "../cli.js";
import { BUNDLER_CODES, explainBundlerCode } from "../codes.js";
import { CliError, EXIT } from "../errors.js";

function closest(id: string): string | undefined {
  const [area, name = ""] = id.split("/");
  const ids = [...rules.map((r) => r.id), ...BUNDLER_CODES.map((c) => c.id)];
  const typo = closestKey(id, ids);
  if (typo !== undefined) return typo;
  const sameArea = ids.filter((r) => r.startsWith(`${area}/`));
  const byName = ids.filter((r) => name !== "" && r.split("/")[1]?.includes(name));
  return byName[0] ?? sameArea[0];
}

/**
 * `explain RULE-ID`: what the rule or code checks, why, and how to fix it. The validators' rule catalogue is
 * consulted first, then the bundler's own codes (`src/codes.ts`: definition, fleet, output, usage, … errors).
 */
export function runExplain(ruleId: string, _format: Format, io: CliIo): number {
  const text = explainRule(ruleId) ?? explainBundlerCode(ruleId);
  if (text === undefined) {
    const guess = closest(ruleId.trim());
    const where =
      "Rule ids and error codes are printed with every diagnostic and error (docs/rules.md and docs/cli-errors.md list them all).";
    throw new CliError(
      "explain/unknown-rule",
      `no rule or code "${ruleId}" in the catalogue`,
      guess ? `Did you mean "${guess}"? ${where}` : where,
      EXIT.usage,
    );
  }
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return EXIT.ok;
}
