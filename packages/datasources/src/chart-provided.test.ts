import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kubePrometheusStackDatasources, kubePrometheusStackDatasourcesFromValues } from "./chart-provided.js";

const shared = path.resolve(import.meta.dirname, "../../../../shared");
const kpsValues = path.join(shared, "reference/charts/kube-prometheus-stack/values.yaml");

const summary = (list: ReturnType<typeof kubePrometheusStackDatasources>) =>
  list.map((d) => `${d.type} ${d.name} ${d.uid} default=${d.isDefault}`);

describe("kube-prometheus-stack's own datasources", () => {
  it("defaults to Prometheus (uid prometheus, default) and Alertmanager", () => {
    expect(summary(kubePrometheusStackDatasources())).toEqual([
      "prometheus Prometheus prometheus default=true",
      "alertmanager Alertmanager alertmanager default=false",
    ]);
  });

  it.skipIf(!existsSync(kpsValues))("agrees with the chart's own values.yaml (88.5.3)", () => {
    const values = parse(readFileSync(kpsValues, "utf8"));
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
