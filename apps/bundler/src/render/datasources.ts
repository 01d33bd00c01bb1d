import { kubePrometheusStackDatasources, lgtm, toKubePrometheusStackValues } from "@lgtm-gitops/datasources";
import { type Diagnostic, fail, hasErrors, ok, type Result } from "@lgtm-gitops/diagnostics";
import type { ClusterDefinition } from "../definition/schema.js";
import { stackChartOf } from "./releases.js";
import type { DatasourceSummary, StackContext } from "./values.js";

function uidsIn(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) uidsIn(x, out);
  else if (typeof v === "object" && v !== null)
    for (const [k, x] of Object.entries(v)) {
      if (k === "datasourceUid" && typeof x === "string") out.add(x);
      else uidsIn(x, out);
    }
}

/**
 * The LGTM datasource set (datasources' `lgtm` preset: uids linked by reference, tenant header on every datasource
 * when a tenant is given), validated as Grafana would provision it next to kube-prometheus-stack's own Prometheus
 * and Alertmanager, emitted as kube-prometheus-stack values (admin credentials from the Secret).
 */
export function buildDatasources(
  def: ClusterDefinition,
  ctx: StackContext,
  validate = true,
): Result<{ values: Record<string, unknown>; summary: DatasourceSummary[] }> {
  const chart = stackChartOf(def);
  const set = lgtm({
    install: { chart, release: def.stack.release, namespace: def.stack.namespace },
    lokiUrl: ctx.lokiUrl,
    mimirUrl: ctx.mimirUrl,
    ...(def.datasources.tenant !== undefined ? { tenant: def.datasources.tenant } : {}),
    gateway: { enabled: def.tempo.gateway.enabled },
    streaming: def.tempo.streamOverHttp,
    // The service map and traces-to-metrics links read what the metrics-generator writes; without it they would
    // only show "No service graph data", so they are left out.
    serviceMap: def.tempo.metricsGenerator.enabled,
    tracesToMetrics: def.tempo.metricsGenerator.enabled,
    default: def.datasources.default ?? "none",
    chartProvided: kubePrometheusStackDatasources(),
  });
  const diagnostics: Diagnostic[] = validate
    ? set.validate({ target: "kube-prometheus-stack" }).map((d) => ({
        ...d,
        path: d.path[0] === "datasources" ? d.path : ["datasources", ...d.path],
      }))
    : [];
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const values = toKubePrometheusStackValues(set, {
    adminSecret: {
      name: def.grafana.adminSecret.name,
      userKey: def.grafana.adminSecret.userKey,
      passwordKey: def.grafana.adminSecret.passwordKey,
    },
  });
  const summary = set.entries().map((e): DatasourceSummary => {
    const entry = e as { name?: string; uid?: string; type?: string; url?: string; jsonData?: unknown };
    const links = new Set<string>();
    uidsIn(entry.jsonData, links);
    return {
      name: entry.name ?? "",
      uid: entry.uid ?? "",
      type: entry.type ?? "",
      url: entry.url ?? "",
      links: [...links].sort(),
    };
  });
  return ok({ values, summary }, diagnostics);
}
