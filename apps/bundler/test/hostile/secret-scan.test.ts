// The output scan covers the whole of every file, whatever its size, in time linear in its length: a credential
// after 4 MiB of padding is found (the scan used to stop there), and text built to make backtracking searches
// quadratic is scanned in well under a second per megabyte.
import { describe, expect, it } from "vitest";
import { scanForSecrets } from "../../src/safety/secret-scan.js";

describe("the output scan", () => {
  it("finds a password in a URL after 5 MiB of other text, and never repeats it", () => {
    const padding = `# ${"x".repeat(120)}\n`.repeat(Math.ceil((5 * 1024 * 1024) / 123));
    const file = `${padding}url: postgres://grafana:hunter2pw@db.example.com:5432/grafana\n`;
    const found = scanForSecrets({ "clusters/c/values/kube-prometheus-stack.yaml": file });
    expect(found.map((d) => d.ruleId)).toEqual(["secret/plaintext-credential"]);
    expect(found[0]!.line).toBe(padding.split("\n").length);
    expect(JSON.stringify(found)).not.toContain("hunter2pw");
  });

  it("is linear on hostile text (long runs without a separator, many half URLs, many keys)", () => {
    const started = Date.now();
    scanForSecrets({
      "a.md": "a".repeat(1_000_000),
      "b.md": "x://a:".repeat(150_000),
      "c.yaml": `k: ${"a.".repeat(400_000)}\n`,
      "d.yaml": "name: x\n".repeat(100_000),
      "e.yaml": `${"a".repeat(500_000)}\n`.repeat(2),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
