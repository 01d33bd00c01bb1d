import { defaultValue } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { kubePrometheusStackDatasources, kubePrometheusStackDatasourcesFromValues } from "./chart-provided.js";

const summary = (list: ReturnType<typeof kubePrometheusStackDatasources>) =>
  list.map((d) => `${d.type} ${d.name} ${d.uid} default=${d.isDefault}`);

describe("kube-prometheus-stack's own datasources", () => {
  it("defaults to Prometheus (uid prometheus, default) and Alertmanager", () => {
    expect(summary(kubePrometheusStackDatasources())).toEqual([
      "prometheus Prometheus prometheus default=true",
      "alertmanager Alertmanager alertmanager default=false",
    ]);
  });

  it("agrees with the chart's own defaults (88.5.3)", () => {
    const values = defaultValue("kube-prometheus-stack@88.5.3", []);
    expect(summary(kubePrometheusStackDatasourcesFromValues(values))).toEqual(
      summary(kubePrometheusStackDatasources()),
    );
  });

  it("reads the switches from a values document", () => {
    const sidecar = (datasources: Record<string, unknown>) => ({ grafana: { sidecar: { datasources } } });
    expect(summary(kubePrometheusStackDatasourcesFromValues(sidecar({ isDefaultDatasource: false })))).toEqual([
      "prometheus Prometheus prometheus default=false",
      "alertmanager Alertmanager alertmanager default=false",
    ]);
    expect(
      summary(kubePrometheusStackDatasourcesFromValues(sidecar({ defaultDatasourceEnabled: false, uid: "x" }))),
    ).toEqual(["alertmanager Alertmanager alertmanager default=false"]);
    expect(kubePrometheusStackDatasourcesFromValues({ alertmanager: { enabled: false }, grafana: {} })).toHaveLength(1);
    expect(kubePrometheusStackDatasourcesFromValues({ grafana: { enabled: false } })).toEqual([]);
    expect(
      kubePrometheusStackDatasourcesFromValues({ grafana: { enabled: false, forceDeployDatasources: true } }),
    ).toHaveLength(2);
    expect(kubePrometheusStackDatasourcesFromValues(sidecar({ enabled: false }))).toEqual([]);
    expect(kubePrometheusStackDatasourcesFromValues("garbage")).toHaveLength(2);
  });
});
