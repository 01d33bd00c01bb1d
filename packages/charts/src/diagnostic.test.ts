import { describe, expect, it } from "vitest";
import { fail, formatPath, hasErrors, ok } from "./diagnostic.js";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["grafana", "additionalDataSources", 0, "uid"])).toBe("grafana.additionalDataSources[0].uid");
  });
  it("quotes keys that are not identifiers", () => {
    expect(formatPath(["datasources", "datasources.yaml"])).toBe('datasources["datasources.yaml"]');
    expect(formatPath([])).toBe("");
  });
});

describe("results", () => {
  it("separates errors from warnings", () => {
    const warn = { ruleId: "x/y", severity: "warning", path: "a", message: "m" } as const;
    expect(hasErrors([warn])).toBe(false);
    expect(hasErrors([warn, { ...warn, severity: "error" }])).toBe(true);
    expect(ok(1, [warn])).toEqual({ ok: true, value: 1, diagnostics: [warn] });
    expect(fail([warn]).ok).toBe(false);
  });
});
