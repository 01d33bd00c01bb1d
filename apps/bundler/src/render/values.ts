import { componentPrefix, lokiEndpoints, mergeValues, mimirEndpoints, tempoEndpoints } from "@lgtm-gitops/charts";
import { type Diagnostic, fail, hasErrors, ok, type Result } from "@lgtm-gitops/diagnostics";
import { toChartValues } from "@lgtm-gitops/tempo-config";
import type { ClusterDefinition } from "../definition/schema.js";
import { buildDatasources } from "./datasources.js";
import { kafkaAddressOption } from "./kafka.js";
import { deployedLokiUrl } from "./loki.js";
import { deployedMimir } from "./mimir.js";
import { stackChartOf } from "./releases.js";

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

/** Where Loki, Mimir and Tempo are for this cluster (from the definition, else lgtm-distributed's Services). */
export function stackContext(def: ClusterDefinition): StackContext {
  const target = stackChartOf(def);
  const ref = { release: def.stack.release, namespace: def.stack.namespace };
  const tempo = tempoEndpoints({ chart: target, ...ref });
  return {
    lokiUrl: def.datasources.lokiUrl ?? deployedLokiUrl(def) ?? lokiEndpoints(ref).gateway.url,
    mimirUrl: def.datasources.mimirUrl ?? deployedMimir(def)?.prometheusUrl ?? mimirEndpoints(ref).prometheusUrl,
    tempoUrl: def.tempo.gateway.enabled ? tempo.gateway.url : tempo.queryFrontend.url,
  };
}

/** The stack chart's values: Tempo compiled by tempo-config, plus what the bundler decides, plus pass-through. */
/** A chart's values, and the part of them the bundler generated (before the definition's `values:` overrides). */
export interface BuiltValues {
  readonly values: Values;
  readonly generated: Values;
}

export function buildStackValues(def: ClusterDefinition): Result<BuiltValues> {
  const target = stackChartOf(def);
  const compiled = toChartValues(def.tempo, target, {
    distribution: def.distribution,
    release: def.stack.release,
    namespace: def.stack.namespace,
    ...kafkaAddressOption(def),
  });
  const diagnostics: Diagnostic[] = compiled.diagnostics.map((d) => ({
    ...d,
    path: ["tempo", ...d.path],
  }));
  // What `values.stack` sets is merged over the generated values; the value rules check the result (a key the
  // chart does not read is `chart/unknown-key`, at the `values.stack` field that wrote it).
  const extra = def.values?.stack;
  if (!compiled.ok || hasErrors(diagnostics)) return fail(diagnostics);
  let values: Values = { ...compiled.value };
  const ownGrafana = componentPrefix(target, "grafana");
  if (ownGrafana !== undefined && ownGrafana.length > 0) {
    // Grafana runs in kube-prometheus-stack; the stack chart's own Grafana (lgtm-distributed's) would be a second one.
    let off: Values = { enabled: false };
    for (const key of [...ownGrafana].reverse()) off = { [String(key)]: off };
    values = mergeValues(values, off);
  }
  const generated = values;
  if (extra) values = mergeValues(values, extra);
  return ok({ values, generated }, diagnostics);
}

/** kube-prometheus-stack values: Grafana's admin from a Secret and the LGTM datasources. */
export function buildGrafanaValues(
  def: ClusterDefinition,
  context: StackContext,
  validate = true,
): Result<BuiltValues & { datasources: DatasourceSummary[] }> {
  const ds = buildDatasources(def, context, validate);
  const diagnostics: Diagnostic[] = [...ds.diagnostics];
  const extra = def.values?.grafana;
  if (!ds.ok || hasErrors(diagnostics)) return fail(diagnostics);
  const generated = ds.value.values;
  const values = extra ? mergeValues(generated, extra) : generated;
  return ok({ values, generated, datasources: ds.value.summary }, diagnostics);
}
