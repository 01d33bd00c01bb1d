import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPath, parsePath } from "./path.js";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["grafana", "additionalDataSources", 0, "uid"])).toBe("grafana.additionalDataSources[0].uid");
    expect(formatPath(["grafana-oncall", "enabled"])).toBe("grafana-oncall.enabled");
    expect(formatPath([])).toBe("");
    expect(formatPath([0, "a"])).toBe("[0].a");
  });
  it("quotes keys that are not identifiers", () => {
    expect(formatPath(["datasources", "datasources.yaml"])).toBe('datasources["datasources.yaml"]');
    expect(formatPath(["metadata", "annotations", "argocd.argoproj.io/sync-wave"])).toBe(
      'metadata.annotations["argocd.argoproj.io/sync-wave"]',
    );
    expect(formatPath(["a", "0"])).toBe('a["0"]');
    expect(formatPath(["a", ""])).toBe('a[""]');
    expect(formatPath(["tenants", "*"])).toBe('tenants["*"]');
  });
});

describe("parsePath", () => {
  it("reads back what formatPath writes, quoted keys included", () => {
    expect(parsePath('a["x.y"].b[2]')).toEqual(["a", "x.y", "b", 2]);
    expect(parsePath('grafana["grafana.ini"].security["admin_password"]')).toEqual([
      "grafana",
      "grafana.ini",
      "security",
      "admin_password",
    ]);
    expect(parsePath("")).toEqual([]);
    expect(parsePath('a["0"]')).toEqual(["a", "0"]);
    expect(parsePath('a["say \\"hi\\""]')).toEqual(["a", 'say "hi"']);
  });
  it("refuses text that formatPath never writes", () => {
    for (const bad of ["a..b", ".a", "a.", "a[x]", 'a["x]', "a b", "a[-1]", "ab[0]c"])
      expect(parsePath(bad)).toBe(undefined);
  });
  it("round-trips any path: parsePath(formatPath(p)) equals p", () => {
    const segment = fc.oneof(fc.string(), fc.nat(), fc.constantFrom("a", "x.y", "__proto__", "0", "-", "a-b", "ü"));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (p) => {
        expect(parsePath(formatPath(p))).toEqual(p);
      }),
    );
  });
});
