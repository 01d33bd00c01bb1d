import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkEntries, checkExpansion, LINT_LIMITS, lintRunBudget } from "./yaml-budget.js";
import { parseSource } from "./yaml-source.js";

/** An anchor of `width` keys referenced `copies` times: linear growth within yaml's per-anchor alias cap. */
function wideAliases(width: number, copies: number): string {
  let text = "base: &a\n";
  for (let i = 0; i < width; i++) text += `  k${i}: value-${i}\n`;
  text += "copies:\n";
  for (let i = 0; i < copies; i++) text += `  c${i}: *a\n`;
  return text;
}

describe("YAML budgets", () => {
  it("counts entries without parsing and stops at the line that passes the limit", () => {
    expect(checkEntries("a: 1\n# comment\n\nb: [1, 2, 3]\n", { entries: 10 })).toBeUndefined();
    const text = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n";
    const p = checkEntries(text, { entries: 3 });
    expect(p?.code).toBe("too-many-entries");
    // On the fourth line: the one that makes the count pass 3.
    expect(text.slice(0, p!.offset).split("\n").length).toBe(4);
  });

  it("measures a document with its aliases followed, linearly, and says where it goes over", () => {
    const text = wideAliases(1000, 99);
    const doc = parseDocument(text);
    expect(checkExpansion(doc, { nodes: 10_000_000, bytes: 1e9 })).toBeUndefined();
    const p = checkExpansion(doc, { nodes: 50_000, bytes: 1e9 });
    expect(p?.code).toBe("expands-too-much");
    expect(p?.message).toMatch(/more than 50,000 nodes \(\d{3},\d{3}\)/);
    // The offset is that of an alias (`*a`) after the first copies.
    expect(text.slice(p!.offset, p!.offset + 2)).toBe("*a");
  });

  it("reports an undefined alias as such, at the alias", () => {
    const text = "a: 1\nb: *nope\n";
    const p = checkExpansion(parseDocument(text), LINT_LIMITS);
    expect(p?.code).toBe("undefined-alias");
    expect(p?.message).toContain("*nope refers to no anchor");
    expect(p?.offset).toBe(text.indexOf("*nope"));
    const parsed = parseSource("v.yaml", text);
    expect(parsed.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([["yaml/syntax", 2, 4]]);
  });

  it("an exponential alias bomb is refused before it is expanded", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
    ].join("\n");
    const p = checkExpansion(parseDocument(bomb), LINT_LIMITS);
    expect(p?.code).toBe("expands-too-much");
  });

  it("a run budget is shared by every file of the run", () => {
    const budget = lintRunBudget();
    budget.nodes = 5000;
    const text = wideAliases(100, 10);
    const first = parseSource("a.yaml", text, { budget });
    expect(first.diagnostics).toEqual([]);
    const left = budget.nodes;
    expect(left).toBeLessThan(5000);
    const second = parseSource("b.yaml", wideAliases(1000, 10), { budget });
    expect(second.values).toBeUndefined();
    expect(second.diagnostics[0]?.message).toMatch(/files of one lint run/);
  });
});
