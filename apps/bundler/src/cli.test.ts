import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      cwd: process.cwd(),
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    },
  };
}

describe("runCli", () => {
  it("prints help and exits 0", async () => {
    const t = io();
    expect(await runCli(["--help"], t.io)).toBe(0);
    expect(t.out.join("")).toContain("generate");
  });
  it("rejects an unknown command with exit 2", async () => {
    const t = io();
    expect(await runCli(["frobnicate"], t.io)).toBe(2);
    expect(t.err.join("")).toContain('unknown command "frobnicate"');
  });
});
