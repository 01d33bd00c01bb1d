import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { MAX_ALIAS_COUNT, OffsetMapper, parseSource } from "./yaml-source.js";

describe("parseSource", () => {
  it("gives 1-based line and code-point column of keys after CJK text", () => {
    const text = "# 儲存配置 comment\nroot:\n  說明: 資料\n  key: 1\n";
    const p = parseSource("f.yaml", text);
    expect(p.diagnostics).toEqual([]);
    expect(p.positions.exact(["root"])).toEqual({ line: 2, column: 1 });
    expect(p.positions.exact(["root", "說明"])).toEqual({ line: 3, column: 3 });
    expect(p.positions.exact(["root", "key"])).toEqual({ line: 4, column: 3 });
  });

  it("counts an astral character (emoji, two UTF-16 units) as one column", () => {
    const text = "a: {x: 1, 😀: 2, y: 3}\n";
    const p = parseSource("f.yaml", text);
    // "a: {x: 1, 😀: 2, " is 16 code points (17 UTF-16 units) before `y`.
    expect(p.positions.exact(["a", "y"])).toEqual({ line: 1, column: 17 });
    expect(new OffsetMapper("😀x").position(2)).toEqual({ line: 1, column: 2 });
  });

  it("locates list items and falls back to the nearest ancestor", () => {
    const p = parseSource("f.yaml", "list:\n  - name: a\n  - name: b\n");
    expect(p.positions.exact(["list", 1])).toEqual({ line: 3, column: 5 });
    expect(p.positions.locate(["list", 1, "missing", "deeper"])).toEqual({ line: 3, column: 5 });
    expect(p.positions.locate(["list", 1, "name"])).toEqual({ line: 3, column: 5 });
    expect(p.positions.locate(["list", 0, "not.there"])).toEqual({ line: 2, column: 5 });
  });

  it("reports syntax errors with their position", () => {
    const p = parseSource("bad.yaml", "a:\n  b: [1, 2\nc: 3\n");
    expect(p.values).toBeUndefined();
    expect(p.diagnostics[0]).toMatchObject({ ruleId: "yaml/syntax", severity: "error", file: "bad.yaml" });
    expect(p.diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it("reports duplicate keys at the second key", () => {
    const p = parseSource("dup.yaml", "a: 1\nb: 2\na: 3\n");
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({ ruleId: "yaml/syntax", line: 3, column: 1 });
    expect(p.diagnostics[0]?.message).toMatch(/duplicate key/);
  });

  it("reports tab indentation", () => {
    const p = parseSource("tab.yaml", "a:\n\tb: 1\n");
    expect(p.diagnostics[0]).toMatchObject({ ruleId: "yaml/syntax", line: 2 });
    expect(p.diagnostics[0]?.fix).toMatch(/spaces/);
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++)
      lines.push(
        `${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(10)
          .fill(i === 0 ? "*a" : `*${"b".repeat(i)}`)
          .join(", ")}]`,
      );
    const p = parseSource("bomb.yaml", `${lines.join("\n")}\n`);
    expect(p.values).toBeUndefined();
    expect(p.diagnostics[0]?.ruleId).toBe("yaml/syntax");
    expect(MAX_ALIAS_COUNT).toBeLessThan(1000);
  });

  it("treats binary input as a finding, not a crash", () => {
    const p = parseSource("bin.yaml", "\u0000\u0001\u0002PNG");
    expect(p.values).toBeUndefined();
    expect(p.diagnostics[0]?.message).toMatch(/binary/);
  });

  it("warns when a file holds several documents", () => {
    const p = parseSource("multi.yaml", "a: 1\n---\nb: 2\n");
    expect(p.values).toEqual({ a: 1 });
    expect(p.diagnostics).toEqual([expect.objectContaining({ severity: "warning", line: 2 })]);
  });

  it("parses JSON too", () => {
    const p = parseSource("v.json", '{"tempo": {"ingester": {"replicas": 1}}}');
    expect(p.values).toEqual({ tempo: { ingester: { replicas: 1 } } });
    expect(p.positions.exact(["tempo", "ingester", "replicas"])).toEqual({ line: 1, column: 25 });
  });
});

describe("duplicate keys without yaml's quadratic check", () => {
  /** Where yaml's own `uniqueKeys` check reports duplicates (the reference), as line:column (ASCII input). */
  function reference(text: string): string[] {
    const doc = parseAllDocuments(text, { uniqueKeys: true, merge: true, prettyErrors: false, strict: true });
    const first = Array.isArray(doc) ? doc[0] : undefined;
    return (first?.errors ?? [])
      .filter((e) => e.code === "DUPLICATE_KEY")
      .map((e) => {
        const before = text.slice(0, e.pos[0]);
        const line = before.split("\n").length;
        return `${line}:${e.pos[0] - before.lastIndexOf("\n")}`;
      });
  }
  const found = (text: string) =>
    parseSource("f.yaml", text)
      .diagnostics.filter((d) => d.message.startsWith("duplicate key"))
      .map((d) => `${d.line}:${d.column}`);

  it("reports the same keys at the same places as yaml's check, in block and flow maps", () => {
    // Explicit `? key` entries are left out: there yaml reports a duplicate inside a complex key at the
    // offset after the previous entry, we at the key itself (same rule, line may differ; Helm values never use them).
    const key = fc.constantFrom("a", "b", "'a'", '"b"', "1", "01", "true", "null", "~", "<<", "&x a", "!!str a");
    const scalar = fc.constantFrom("1", "x", "*x", "[1, 2]", "{a: 1, a: 2}", "{a: 1, b: 2}", "null");
    const block = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        scalar.map((s) => (_indent: string) => ` ${s}\n`),
        fc
          .array(fc.tuple(key, tie("node")), { minLength: 1, maxLength: 4 })
          .map(
            (pairs) => (indent: string) =>
              `\n${pairs.map(([k, v]) => `${indent}  ${k}:${(v as (i: string) => string)(`${indent}  `)}`).join("")}`,
          ),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, block), { minLength: 1, maxLength: 5 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}:${(v as (i: string) => string)("")}`).join("");
        expect(found(text)).toEqual(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("reports a duplicate in a flow map and in a list item's map", () => {
    expect(found("x: {a: 1, b: 2, a: 3}\n")).toEqual(["1:17"]);
    expect(found("l:\n  - a: 1\n    a: 2\n")).toEqual(["3:5"]);
    expect(found("a: 1\nb: {a: 1}\n")).toEqual([]);
  });
});
