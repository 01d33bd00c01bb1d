import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATASOURCE_RULE_IDS } from "./check-entries.js";

describe("rule ids", () => {
  it("lists every rule id the sources emit, and only those", () => {
    const dir = import.meta.dirname;
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
      const text = readFileSync(`${dir}/${f}`, "utf8");
      for (const m of text.matchAll(/ruleId: (?:[^"]*\? )?"(datasource\/[a-z-]+)"(?: : "(datasource\/[a-z-]+)")?/g)) {
        if (m[1]) used.add(m[1]);
        if (m[2]) used.add(m[2]);
      }
    }
    expect([...used].sort()).toEqual([...DATASOURCE_RULE_IDS].sort());
  });
});
