import { describe, expect, it } from "vitest";
import { isChartId, parseChartId, STACK_CHARTS, SUPPORTED_CHARTS } from "./chart-id.js";

describe("parseChartId", () => {
  it("accepts every supported chart, trimming spaces", () => {
    for (const c of SUPPORTED_CHARTS) expect(parseChartId(` ${c} `)).toEqual({ ok: true, value: c, diagnostics: [] });
  });

  it("names the supported versions of the same chart when the version is wrong", () => {
    const r = parseChartId("tempo-distributed@3.3.0");
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0];
    expect(d?.ruleId).toBe("chart/unsupported-chart");
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("tempo-distributed@1.61.3");
    expect(d?.fix).toBe("Use tempo-distributed@1.61.3.");
  });

  it("asks for a version when only the name is given", () => {
    const r = parseChartId("grafana");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain("grafana@10.5.15, grafana@12.11.1");
  });

  it("lists every supported chart for an unknown one", () => {
    const r = parseChartId("mimir-distributed@5.8.0");
    expect(r.ok).toBe(false);
    for (const c of SUPPORTED_CHARTS) expect(r.diagnostics[0]?.message).toContain(c);
    expect(parseChartId("").ok).toBe(false);
  });
});

describe("chart lists", () => {
  it("stack charts are supported charts", () => {
    for (const c of STACK_CHARTS) expect(isChartId(c)).toBe(true);
    expect(SUPPORTED_CHARTS).toHaveLength(6);
    expect(new Set(SUPPORTED_CHARTS).size).toBe(6);
  });
});
