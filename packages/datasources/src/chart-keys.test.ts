import { type ChartId, resolveKey } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { toGrafanaChartValues } from "./emit-grafana-chart.js";
import { toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";
import { lgtm } from "./lgtm-preset.js";

const install = { chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" } as const;

/**
 * Every key path of `values` down to a leaf, an array (a list value is one key) or a free-form map, with
 * what the chart's key catalogue (`@lgtm-gitops/charts`, derived from the chart's values.yaml and templates)
 * says about it. A key the chart does not read would be dropped silently by Helm.
 */
function unreadKeys(chart: ChartId, values: unknown, prefix: string[] = []): string[] {
  if (prefix.length > 0) {
    const r = resolveKey(chart, prefix);
    if (r.kind === "unknown") return [`${prefix.join(".")} (siblings: ${r.siblings.slice(0, 5).join(", ")}…)`];
    if (r.kind === "free-form" || r.kind === "unchecked") return [];
  }
  if (values === null || typeof values !== "object" || Array.isArray(values)) return [];
  return Object.entries(values).flatMap(([k, v]) => unreadKeys(chart, v, [...prefix, k]));
}

describe("every key the emitters write is one the chart reads", () => {
  const variants = {
    "single tenant, kps datasources declared": lgtm({ install, chartProvided: kubePrometheusStackDatasources() }),
    "multi-tenant, tenant from a Secret, gateway auth": lgtm({
      install,
      tenant: { fromSecret: { name: "grafana-tenant", key: "tenant" } },
      gateway: { enabled: true, basicAuthSecret: { name: "tempo-gateway-auth" } },
      chartProvided: kubePrometheusStackDatasources({
        isDefaultDatasource: false,
        name: "Prom",
        uid: "prom",
        alertmanagerName: "AM",
        alertmanagerUid: "am",
      }),
      default: "mimir",
    }),
    "multi-tenant, plain tenant, no kps datasources declared, Mimir default": lgtm({
      install,
      tenant: "team-a",
      default: "mimir",
    }),
  };

  for (const [name, set] of Object.entries(variants)) {
    it(`kube-prometheus-stack@88.5.3 (grafana subchart 12.11.1): ${name}`, () => {
      const values = toKubePrometheusStackValues(set, {
        adminSecret: { name: "grafana-admin" },
        deleteDatasources: [{ name: "Old Tempo" }],
        prune: true,
      });
      expect(unreadKeys("kube-prometheus-stack@88.5.3", values)).toEqual([]);
      // The catalogue really rejects keys (this guards the test itself).
      expect(unreadKeys("kube-prometheus-stack@88.5.3", { grafana: { envValueFrm: {} } })).toHaveLength(1);
    });

    it(`grafana@12.11.1: ${name}`, () => {
      const values = toGrafanaChartValues(set, { adminSecret: { name: "grafana-admin" }, prune: true });
      expect(unreadKeys("grafana@12.11.1", values)).toEqual([]);
    });
  }
});
