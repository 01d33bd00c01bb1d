import { describe, expect, it } from "vitest";
import { isChartId, nearestVersions, parseChartId, patchStandIn, STACK_CHARTS, SUPPORTED_CHARTS } from "./chart-id.js";

describe("parseChartId", () => {
  it("accepts every supported chart, trimming spaces", () => {
    for (const c of SUPPORTED_CHARTS) expect(parseChartId(` ${c} `)).toEqual({ ok: true, value: c, diagnostics: [] });
  });

  it("names the nearest catalogued versions when the version is not catalogued", () => {
    const r = parseChartId("kube-prometheus-stack@60.0.0");
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0];
    expect(d?.ruleId).toBe("chart/unsupported-chart");
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("the nearest catalogued versions are 59.1.0, 60.5.0");
    expect(d?.fix).toBe(
      "Use the version you really run; the closest: kube-prometheus-stack@59.1.0, kube-prometheus-stack@60.5.0.",
    );
    expect(nearestVersions("tempo-distributed", "1.48.7")).toEqual(["1.48.1", "1.49.0"]);
    expect(nearestVersions("tempo-distributed", "1.32.0")).toEqual(["1.31.0", "1.32.3", "1.32.4"]);
    expect(nearestVersions("tempo-distributed", "9.0.0")).toEqual(["3.3.0"]);
    expect(nearestVersions("grafana", "7.3.10")).toEqual(["7.3.3", "7.3.7", "7.3.11", "7.3.12"]);
  });

  it("checks an uncatalogued patch as the next catalogued patch of its line (same keys by the catalogs' policy)", () => {
    const r = parseChartId("tempo-distributed@1.48.0");
    expect(r).toMatchObject({ ok: true, value: "tempo-distributed@1.48.1" });
    expect(r.diagnostics[0]).toMatchObject({ severity: "info", ruleId: "chart/unsupported-chart" });
    expect(r.diagnostics[0]?.message).toContain("checked as tempo-distributed@1.48.1");
    expect(patchStandIn("tempo-distributed", "1.48.2")).toBeUndefined(); // no newer patch of 1.48 is catalogued
    expect(patchStandIn("kube-prometheus-stack", "88.5.2")).toBeUndefined(); // kps keeps one release per major
  });

  it("asks for a version when only the name is given", () => {
    const r = parseChartId("grafana");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain("versions of grafana are catalogued, 6.56.5 … 12.11.1");
  });

  it("lists every catalogued chart with its versions for an unknown one", () => {
    const r = parseChartId("grafana-oncall@1.3.0");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain("tempo-distributed (133 versions, 1.6.8 … 3.3.0)");
    expect(parseChartId("").ok).toBe(false);
  });
});

describe("chart lists", () => {
  it("stack charts are supported charts", () => {
    for (const c of STACK_CHARTS) expect(isChartId(c)).toBe(true);
    expect(new Set(SUPPORTED_CHARTS).size).toBe(SUPPORTED_CHARTS.length);
  });
});
