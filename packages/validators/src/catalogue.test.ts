import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DATASOURCE_RULE_IDS } from "@lgtm-gitops/datasources";
import { CHECK_CONFIG_RULES, LITERAL_SECRET, VERBATIM_RULES } from "@lgtm-gitops/tempo-config";
import { describe, expect, it } from "vitest";
import { explainRule, renderRulesMarkdown, rules } from "./catalogue.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("the rule catalogue", () => {
  it("has unique area/name ids, sorted, each with a title and all three docs", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a.localeCompare(b))).toEqual(ids);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
      expect(r.title.length).toBeGreaterThan(5);
      for (const text of [r.docs.checks, r.docs.why, r.docs.fix]) expect(text.length).toBeGreaterThan(5);
    }
  });

  it("documents every id the dependencies report", () => {
    const ids = new Set(rules.map((r) => r.id));
    const emitted = [
      ...DATASOURCE_RULE_IDS,
      ...Object.values(VERBATIM_RULES),
      ...Object.values(CHECK_CONFIG_RULES),
      LITERAL_SECRET,
    ];
    expect(emitted.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("includes the ids the issue names", () => {
    for (const id of ["chart/unknown-key", "tempo/replication-quorum", "datasource/dangling-uid"])
      expect(explainRule(id)).toBeDefined();
  });
});

describe("explainRule", () => {
  it("prints what the rule checks, why and how to fix", () => {
    const text = explainRule("tempo/replication-quorum") ?? "";
    expect(text).toMatch(/^# `tempo\/replication-quorum` \(error\)/);
    expect(text).toContain("**What it checks.**");
    expect(text).toContain("**Why it matters.**");
    expect(text).toContain("**How to fix.**");
    expect(explainRule(" tempo/replication-quorum ")).toBe(text);
  });
  it("returns undefined for an unknown id", () => {
    expect(explainRule("tempo/nope")).toBeUndefined();
  });
});

describe("docs/rules.md", () => {
  it("is the generated catalogue (run `pnpm --filter @lgtm-gitops/validators generate-docs` after changing a rule)", () => {
    const committed = readFileSync(path.join(repoRoot, "docs/rules.md"), "utf8");
    expect(committed).toBe(renderRulesMarkdown());
  });
  it("lists every rule in its table", () => {
    const md = renderRulesMarkdown();
    for (const r of rules) expect(md).toContain(`| [\`${r.id}\`]`);
  });
});
