import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./text-diff.js";

describe("unifiedDiff", () => {
  it("writes what diff -u writes for a simple change", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
    expect(unifiedDiff(before, after, "old", "new")).toBe(
      "--- old\n+++ new\n@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n",
    );
    expect(unifiedDiff("x\n", "x\n", "old", "new")).toBe("");
    expect(unifiedDiff("x\n", "x", "old", "new")).toBe(
      "--- old\n+++ new\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n",
    );
    expect(unifiedDiff("", "x\n", "old", "new")).toBe("--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n");
  });

  it.skipIf(!fs.existsSync("/usr/bin/patch"))(
    "produces a patch that takes the old text to the new one (checked with patch(1))",
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-diff-"));
      try {
        const line = fc.constantFrom("a", "b", "c", "key: 1", "  - x", "", "# c");
        const text = fc
          .array(line, { maxLength: 30 })
          .chain((ls) => fc.boolean().map((nl) => (ls.length === 0 ? "" : ls.join("\n") + (nl ? "\n" : ""))));
        fc.assert(
          fc.property(text, text, (before, after) => {
            const diff = unifiedDiff(before, after, "f", "f");
            expect(diff === "").toBe(before === after);
            if (before === after) return;
            fs.writeFileSync(path.join(dir, "f"), before);
            fs.writeFileSync(path.join(dir, "p"), diff);
            execFileSync("patch", ["-s", "f", "p"], { cwd: dir });
            expect(fs.readFileSync(path.join(dir, "f"), "utf8")).toBe(after);
          }),
          { numRuns: 300 },
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("unifiedDiff on files that differ everywhere", () => {
  it("shows them removed and added whole (the search for the shortest edit stops at 2,000 differences)", () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`).join("\n");
    const diff = unifiedDiff(a, b, "old", "new");
    expect(diff.split("\n").filter((l) => l.startsWith("-a")).length).toBe(20_000);
    expect(diff.split("\n").filter((l) => l.startsWith("+b")).length).toBe(20_000);
  });
});
