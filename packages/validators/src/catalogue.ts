import type { Rule } from "./engine.js";
import { chartConditionalKey, chartUnknownKey } from "./rules/chart-rules.js";
import { secretPlaintextCredential } from "./rules/credential-rules.js";
import { DATASOURCE_RULES } from "./rules/datasource-rules.js";
import { dnsDistributionMismatch, dnsGatewayResolver } from "./rules/dns-rules.js";
import { ENGINE_RULES } from "./rules/engine-rules.js";
import { EXTERNAL_RULES } from "./rules/external-rules.js";
import { resourcesMissingMemoryLimit, resourcesRequestsAboveLimits } from "./rules/resource-rules.js";
import { secretPlaintext } from "./rules/secret-rules.js";
import { TEMPO_CONFIG_RULES } from "./rules/tempo-config-rules.js";
import {
  tempoLocalStorage,
  tempoMaxBytesPerTrace,
  tempoNoReceiver,
  tempoNotATempoSetting,
  tempoReceiverLoopback,
  tempoReplicationBelowRf,
  tempoReplicationFactorTwo,
  tempoReplicationQuorum,
} from "./rules/tempo-rules.js";
import { TEMPO3_RENDER_RULES } from "./rules/tempo3-render-rules.js";
import { TEMPO3_RULES } from "./rules/tempo3-rules.js";
import { WIRING_RULES } from "./rules/wiring-rules.js";

/**
 * The rule catalogue: every rule id any lgtm-gitops package emits, with its documentation, sorted by id.
 * `lintDocuments` and `validateDocuments` run all of them.
 */
export const rules: readonly Rule[] = Object.freeze(
  [
    ...ENGINE_RULES,
    ...EXTERNAL_RULES,
    chartUnknownKey,
    chartConditionalKey,
    tempoNotATempoSetting,
    ...TEMPO_CONFIG_RULES,
    ...TEMPO3_RULES,
    ...TEMPO3_RENDER_RULES,
    tempoReplicationQuorum,
    tempoReplicationBelowRf,
    tempoReplicationFactorTwo,
    tempoNoReceiver,
    tempoReceiverLoopback,
    tempoLocalStorage,
    tempoMaxBytesPerTrace,
    ...WIRING_RULES,
    ...DATASOURCE_RULES,
    dnsGatewayResolver,
    dnsDistributionMismatch,
    secretPlaintext,
    secretPlaintextCredential,
    resourcesRequestsAboveLimits,
    resourcesMissingMemoryLimit,
  ].sort((a, b) => a.id.localeCompare(b.id)),
);

/** The rule with this id, or `undefined`. */
export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}

function section(rule: Rule, level: string): string {
  return [
    `${level} \`${rule.id}\` (${rule.severity})`,
    "",
    rule.title,
    "",
    `**What it checks.** ${rule.docs.checks}`,
    "",
    `**Why it matters.** ${rule.docs.why}`,
    "",
    `**How to fix.** ${rule.docs.fix}`,
    "",
  ].join("\n");
}

/**
 * What `lgtm-gitops explain RULE-ID` prints: the rule's title, what it checks, why it matters and how to
 * fix it, as Markdown. `undefined` for an unknown id.
 */
export function explainRule(id: string): string | undefined {
  const rule = findRule(id.trim());
  return rule ? section(rule, "#") : undefined;
}

/**
 * The content of `docs/rules.md`, generated from the catalogue (`pnpm codegen` writes it; `pnpm codegen --check` and a test fail when the committed file drifts).
 */
export function renderRulesMarkdown(): string {
  const areas = [...new Set(rules.map((r) => r.id.split("/")[0] ?? ""))];
  const lines = [
    "<!-- Generated from the rule catalogue of @lgtm-gitops/validators by `pnpm codegen`. DO NOT EDIT. -->",
    "",
    "# Validation rules",
    "",
    "Every rule `pnpm gitops lint` and `pnpm gitops generate` apply, by id. `pnpm gitops explain RULE-ID` prints one of them.",
    "Rules see all documents at once and read _effective_ values: what the document sets, else the chart's default.",
    "A finding on a document that only restates its chart's defaults is reported as `info`. A finding that only values the files do not set cause (chart defaults, datasources a chart provides: e.g. lgtm-distributed's own Tempo datasource with a service map while its metrics-generator is off by default) is lowered one step (error → warning, warning → info) and its message says it comes from the chart's defaults; the fix says what to set. Values compiled from a cluster definition are not lowered.",
    "",
    ...table(
      ["id", "severity", "what goes wrong"],
      rules.map((r) => [`[\`${r.id}\`](#${anchor(r.id)})`, r.severity, r.title.replace(/\|/g, "\\|")]),
    ),
    "",
  ];
  for (const area of areas) {
    lines.push(`## ${area}`, "");
    for (const r of rules.filter((x) => x.id.startsWith(`${area}/`))) lines.push(section(r, "###"));
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

/** A Markdown table with padded columns, as Biome formats it (so the generated file passes `biome check`). */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (t: string) => [...t].length;
  const widths = head.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c))).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** The anchor of a rule's section in docs/rules.md (`tempo-replication-quorum-error`), as GitHub and Biome write it. */
export function ruleAnchor(id: string): string {
  return anchor(id);
}

function anchor(id: string): string {
  return `${id} (${findRule(id)?.severity ?? ""})`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}
