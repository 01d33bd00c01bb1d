import { describe, expect, it } from "vitest";
import { SUPPORTED_CHARTS } from "./chart-id.js";
import { CHART_RESOURCES, renderedKinds } from "./resource-kinds.js";
import { rowFor } from "./version-rows.js";

const names = (ks: readonly { group: string; kind: string }[]) => ks.map((k) => `${k.group}/${k.kind}`);

describe("kinds the charts render", () => {
  it("are recorded for every supported chart, with an API group each", () => {
    // The charts the bundles deploy; the community loki and the single-binary tempo chart are catalogued for lint only.
    for (const chart of SUPPORTED_CHARTS.filter((c) => !/^(loki|tempo)@/.test(c))) {
      const r = rowFor(CHART_RESOURCES, chart);
      if (r === undefined) throw new Error(`no resource kinds for ${chart}`);
      expect(r.namespaced.length, chart).toBeGreaterThan(5);
      for (const k of [...r.cluster, ...r.namespaced]) expect(k.group, `${chart} ${k.kind}`).toBeTypeOf("string");
    }
  });

  it("kube-prometheus-stack by default: CRDs, RBAC and the operator's webhooks, never PodSecurityPolicy", () => {
    expect(names(renderedKinds("kube-prometheus-stack@88.5.3", {}).cluster)).toEqual([
      "admissionregistration.k8s.io/MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
      "apiextensions.k8s.io/CustomResourceDefinition",
      "rbac.authorization.k8s.io/ClusterRole",
      "rbac.authorization.k8s.io/ClusterRoleBinding",
    ]);
  });

  it("follows the values: no ClusterRole when nothing that needs one is enabled", () => {
    const values = {
      prometheusOperator: { enabled: false },
      prometheus: { enabled: false },
      kubeStateMetrics: { enabled: false },
      nodeExporter: { enabled: false },
      grafana: { enabled: false },
      crds: { enabled: false },
    };
    expect(renderedKinds("kube-prometheus-stack@88.5.3", values).cluster).toEqual([]);
  });

  it("Tempo alone needs no cluster-scoped kind unless its self-monitoring agent is on", () => {
    expect(renderedKinds("tempo-distributed@1.61.3", {}).cluster).toEqual([]);
    expect(
      names(renderedKinds("tempo-distributed@1.61.3", { metaMonitoring: { grafanaAgent: { enabled: true } } }).cluster),
    ).toEqual(["rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding"]);
  });
});

describe("mimir-distributed 5.7.0", () => {
  it("renders no cluster-scoped kind unless its self-monitoring Grafana Agent is on", () => {
    expect(renderedKinds("mimir-distributed@5.7.0", {}).cluster).toEqual([]);
    expect(
      renderedKinds("mimir-distributed@5.7.0", { metaMonitoring: { grafanaAgent: { enabled: true } } }).cluster.map(
        (k) => k.kind,
      ),
    ).toEqual(["ClusterRole", "ClusterRoleBinding"]);
    const ns = renderedKinds("mimir-distributed@5.7.0", {}).namespaced.map((k) => k.kind);
    expect(ns).toEqual(expect.arrayContaining(["StatefulSet", "Deployment", "Service", "ConfigMap", "PodLogs"]));
  });
});
