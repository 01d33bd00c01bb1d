import { describe, expect, it } from "vitest";
import { type Diagnostic, fail, hasErrors, ok } from "./diagnostic.js";

describe("results", () => {
  const warn: Diagnostic = { ruleId: "x/y", severity: "warning", path: ["a"], message: "m" };
  it("tells errors from warnings and infos", () => {
    expect(hasErrors([warn, { ...warn, severity: "info" }])).toBe(false);
    expect(hasErrors([warn, { ...warn, severity: "error" }])).toBe(true);
  });
  it("carries warnings on success and every diagnostic on failure", () => {
    expect(ok(1, [warn])).toEqual({ ok: true, value: 1, diagnostics: [warn] });
    expect(ok("v")).toEqual({ ok: true, value: "v", diagnostics: [] });
    expect(fail([warn])).toEqual({ ok: false, diagnostics: [warn] });
  });
});
