import { describe, expect, it } from "vitest";
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
    expect(p.positions.locateFormatted("list[1].name")).toEqual({ line: 3, column: 5 });
    expect(p.positions.locateFormatted('list[0]["not.there"]')).toEqual({ line: 2, column: 5 });
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
