import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBounded } from "./input-guards.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-bounded-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  return f;
}

describe("readBounded", () => {
  it("reads a file up to the limit, and one byte past it when it is larger", () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    expect(Buffer.from(readBounded(file("small", bytes), 10_000))).toEqual(Buffer.from(bytes));
    expect(Buffer.from(readBounded(file("exact", bytes), 5000))).toEqual(Buffer.from(bytes));
    expect(Buffer.from(readBounded(file("large", bytes), 4096))).toEqual(Buffer.from(bytes.subarray(0, 4097)));
    expect(readBounded(file("empty", new Uint8Array()), 10)).toHaveLength(0);
  });

  it.skipIf(!fs.existsSync("/proc/self/status"))(
    "reads what a file holds when its size is not known in advance (a /proc file reports 0)",
    () => {
      // /proc files report a size of 0 but have content: the buffer grows as it is read.
      const text = readBounded("/proc/self/status", 1 << 20);
      expect(text.length).toBeGreaterThan(100);
      expect(Buffer.from(text).toString("utf8")).toMatch(/^Name:/);
    },
  );
});
