import { describe, expect, it } from "vitest";
import { detectChart } from "./detect-chart.js";

describe("detectChart", () => {
  it("recognises an lgtm-distributed file holding only a tempo: block with subchart sections", () => {
    expect(detectChart({ tempo: { enabled: true, ingester: { replicas: 1 } } })).toMatchObject({
      chart: "lgtm-distributed@3.0.1",
    });
  });
  it("recognises kube-prometheus-stack from grafana.additionalDataSources alone", () => {
    expect(detectChart({ grafana: { additionalDataSources: [] } })?.chart).toBe("kube-prometheus-stack@88.5.3");
    expect(detectChart({ prometheus: { enabled: true } })?.reason).toContain("prometheus");
  });
  it("recognises tempo-distributed from its top-level sections", () => {
    expect(detectChart({ ingester: { replicas: 3 }, traces: {} })).toMatchObject({ chart: "tempo-distributed@1.61.3" });
    expect(detectChart({ tempo: { structuredConfig: {} } })?.chart).toBe("tempo-distributed@1.61.3");
  });
  it("recognises loki-distributed and the grafana chart", () => {
    expect(detectChart({ loki: { config: "" }, ingester: {} })?.chart).toBe("loki-distributed@0.80.6");
    expect(detectChart({ adminUser: "admin", datasources: {} })?.chart).toBe("grafana@12.11.1");
  });
  it("recognises grafana/mimir-distributed, also with kube-prometheus-stack's alertmanager: key", () => {
    const mimir = detectChart({ alertmanager: { enabled: false }, store_gateway: { replicas: 1 } });
    expect(mimir?.chart).toBe("mimir-distributed@5.7.0");
    expect(mimir?.reason).toContain("store_gateway");
    expect(detectChart({ mimir: { structuredConfig: {} } })?.chart).toBe("mimir-distributed@5.7.0");
    // lgtm-distributed's mimir: block holds the subchart's values
    expect(detectChart({ mimir: { enabled: true, mimir: { structuredConfig: {} } } })?.chart).toBe(
      "lgtm-distributed@3.0.1",
    );
    expect(detectChart({ alertmanager: { enabled: false } })?.chart).toBe("kube-prometheus-stack@88.5.3");
  });
  it("gives up on shapes it cannot place", () => {
    expect(detectChart({ foo: 1 })).toBeUndefined();
    expect(detectChart([1, 2])).toBeUndefined();
    expect(detectChart("text")).toBeUndefined();
  });
});
