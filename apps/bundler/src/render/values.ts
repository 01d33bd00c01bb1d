import {
  type ChartId,
  componentPrefix,
  lokiEndpoints,
  mergeValues,
  mimirEndpoints,
  resolveKey,
  tempoEndpoints,
} from "@lgtm-gitops/charts";
import {
  closestKey,
  type Diagnostic,
  fail,
  formatPath,
  hasErrors,
  isRecord,
  ok,
  type Result,
} from "@lgtm-gitops/diagnostics";
import { toChartValues } from "@lgtm-gitops/tempo-config";
import type { ClusterDefinition } from "../definition/schema.js";
import { buildDatasources } from "./datasources.js";
import { grafanaChartOf, stackChartOf } from "./releases.js";

type Values = Record<string, unknown>;

/** Addresses of the stack, shared by the values, the datasources and the README. */
export interface StackContext {
  /** Loki base URL Grafana queries. */
  readonly lokiUrl: string;
  /** Mimir Prometheus API URL Grafana queries. */
  readonly mimirUrl: string;
  /** Tempo query API (query-frontend :3200) Grafana queries. */
  readonly tempoUrl: string;
}

/** One Grafana datasource as the README lists it. */
export interface DatasourceSummary {
  readonly name: string;
  readonly uid: string;
  readonly type: string;
  readonly url: string;
  /** uids this datasource links to (traces → logs, service map, ...). */
  readonly links: readonly string[];
}

function leafPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (isRecord(v) && Object.keys(v).length > 0)
    return Object.entries(v).flatMap(([k, c]) => leafPaths(c, [...path, k]));
  return [path];
}

/**
 * Checks pass-through values (`values.stack` / `values.grafana` of a definition) against the chart's key catalog:
 * a key the chart does not read is an error (Helm would drop it silently).
 */
export function checkPassThrough(
  chart: ChartId,
  values: Values,
  base: "values.stack" | "values.grafana",
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const leaf of leafPaths(values)) {
    // Report the first segment the chart does not know, not every leaf below it.
    for (let n = 1; n <= leaf.length; n++) {
      const path = leaf.slice(0, n);
      const r = resolveKey(chart, path);
      if (r.kind === "free-form" || r.kind === "unchecked") break;
      if (r.kind !== "unknown") continue;
      const p = `${base}.${formatPath(path)}`;
      if (!reported.has(p)) {
        reported.add(p);
        const siblings = r.siblings ?? [];
        const key = String(path[path.length - 1]);
        const guess = closestKey(key, siblings);
        out.push({
          ruleId: "chart/unknown-key",
          severity: "error",
          path: [...base.split("."), ...path],
          message: `${chart} does not read ${formatPath(path)}; Helm would drop it without a word`,
          fix: guess
            ? `Did you mean ${base}.${formatPath([...path.slice(0, -1), guess])}?`
            : siblings.length > 0
              ? `Keys the chart reads there: ${siblings.slice(0, 12).join(", ")}${siblings.length > 12 ? ", …" : ""}.`
              : "Remove it, or check the key in the chart's values.yaml.",
        });
      }
      break;
    }
  }
  return out;
}

/** Where Loki, Mimir and Tempo are for this cluster (from the definition, else lgtm-distributed's Services). */
export function stackContext(def: ClusterDefinition): StackContext {
  const target = stackChartOf(def);
  const ref = { release: def.stack.release, namespace: def.stack.namespace };
  const tempo = tempoEndpoints({ chart: target, ...ref });
  return {
    lokiUrl: def.datasources.lokiUrl ?? lokiEndpoints(ref).gateway.url,
    mimirUrl: def.datasources.mimirUrl ?? mimirEndpoints(ref).prometheusUrl,
    tempoUrl: def.tempo.gateway.enabled ? tempo.gateway.url : tempo.queryFrontend.url,
  };
}

/** The stack chart's values: Tempo compiled by tempo-config, plus what the bundler decides, plus pass-through. */
export function buildStackValues(def: ClusterDefinition): Result<Values> {
  const target = stackChartOf(def);
  const compiled = toChartValues(def.tempo, target, {
    distribution: def.distribution,
    release: def.stack.release,
    namespace: def.stack.namespace,
  });
  const diagnostics: Diagnostic[] = compiled.diagnostics.map((d) => ({
    ...d,
    path: ["tempo", ...d.path],
  }));
  const extra = def.values?.stack;
  if (extra) diagnostics.push(...checkPassThrough(target, extra, "values.stack"));
  if (!compiled.ok || hasErrors(diagnostics)) return fail(diagnostics);
  let values: Values = { ...compiled.value };
  const ownGrafana = componentPrefix(target, "grafana");
  if (ownGrafana !== undefined && ownGrafana.length > 0) {
    // Grafana runs in kube-prometheus-stack; the stack chart's own Grafana (lgtm-distributed's) would be a second one.
    let off: Values = { enabled: false };
    for (const key of [...ownGrafana].reverse()) off = { [String(key)]: off };
    values = mergeValues(values, off);
  }
  if (extra) values = mergeValues(values, extra);
  return ok(values, diagnostics);
}

/** kube-prometheus-stack values: Grafana's admin from a Secret and the LGTM datasources. */
export function buildGrafanaValues(
  def: ClusterDefinition,
  context: StackContext,
): Result<{ values: Values; datasources: DatasourceSummary[] }> {
  const ds = buildDatasources(def, context);
  const diagnostics: Diagnostic[] = [...ds.diagnostics];
  const extra = def.values?.grafana;
  if (extra) diagnostics.push(...checkPassThrough(grafanaChartOf(def), extra, "values.grafana"));
  if (!ds.ok || hasErrors(diagnostics)) return fail(diagnostics);
  let values: Values = ds.value.values;
  if (extra) values = mergeValues(values, extra);
  return hasErrors(diagnostics) ? fail(diagnostics) : ok({ values, datasources: ds.value.summary }, diagnostics);
}
