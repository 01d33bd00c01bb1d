import { describe, expect, it } from "vitest";
import { CliError, formatCliError, toCliError } from "./errors.js";

describe("toCliError", () => {
  it("keeps a CliError as it is", () => {
    const e = new CliError("x/y", "what", "fix it", 1);
    expect(toCliError(e)).toBe(e);
  });
  it("normalises an Error to its first line, never a stack", () => {
    const thrown = new Error("boom\n    at foo (file.ts:1:1)\n    at bar");
    const e = toCliError(thrown, { code: "fleet/load-failed", what: "cannot load x.ts", fix: "fix x.ts" });
    const text = formatCliError(e);
    expect(text).toBe("lgtm-gitops: cannot load x.ts: boom (fleet/load-failed)\n  fix: fix x.ts\n");
    expect(text).not.toContain(" at ");
    expect(e.exitCode).toBe(2);
  });
  it("keeps the location line of a transform error and drops stack frames", () => {
    const e = toCliError(
      new Error("Transform failed with 1 error:\n/f/x.ts:2:12: ERROR: Expected identifier\n    at fail (esbuild.js:1)"),
    );
    expect(e.message).toContain("Transform failed with 1 error: /f/x.ts:2:12: ERROR: Expected identifier");
    expect(e.message).not.toContain("esbuild.js");
  });
  it("handles non-Error throws and system error codes", () => {
    expect(toCliError("plain string").message).toContain("plain string");
    expect(toCliError({ weird: 1 }).message).toContain('{"weird":1}');
    const sys = Object.assign(new Error("no such file"), { code: "ENOENT" });
    expect(toCliError(sys).message).toContain("[ENOENT]");
    expect(formatCliError(toCliError(undefined))).toMatch(
      /^lgtm-gitops: unexpected failure: .* \(internal\/unexpected\)\n {2}fix: /,
    );
  });
});
