import { explainRule, rules } from "@lgtm-gitops/validators";
import type { Format } from "../args.js";
import type { CliIo } from "../cli.js";
import { CliError, EXIT } from "../errors.js";

function closest(id: string): string | undefined {
  const [area, name = ""] = id.split("/");
  const sameArea = rules.filter((r) => r.id.startsWith(`${area}/`)).map((r) => r.id);
  const byName = rules.filter((r) => name !== "" && r.id.split("/")[1]?.includes(name)).map((r) => r.id);
  return byName[0] ?? sameArea[0];
}

/** `explain RULE-ID`: what the rule checks, why, and how to fix it (from the validators' catalogue). */
export function runExplain(ruleId: string, _format: Format, io: CliIo): number {
  const text = explainRule(ruleId);
  if (text === undefined) {
    const guess = closest(ruleId.trim());
    throw new CliError(
      "explain/unknown-rule",
      `no rule "${ruleId}" in the catalogue`,
      guess
        ? `Did you mean "${guess}"? Rule ids are printed with every diagnostic (docs/rules.md lists them all).`
        : "Rule ids are printed with every diagnostic (docs/rules.md lists them all).",
      EXIT.usage,
    );
  }
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return EXIT.ok;
}
