import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainRule, renderRulesMarkdown, rules } from "./catalogue.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

// That every id the packages emit is documented is tested in rule-ids.test.ts.
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
  it("is the generated catalogue (run `pnpm codegen` after changing a rule)", () => {
    const committed = readFileSync(path.join(repoRoot, "docs/rules.md"), "utf8");
    expect(committed).toBe(renderRulesMarkdown());
  });
  it("lists every rule in its table", () => {
    const md = renderRulesMarkdown();
    for (const r of rules) expect(md).toContain(`| [\`${r.id}\`]`);
  });
});
