import { collectMarkers, renderTree } from "./compile.js";
import type { DatasourceSet } from "./datasource-set.js";
import { kubernetesName } from "./kubernetes-name.js";

/** Options of {@link toGrafanaOperatorResources}. */
export interface GrafanaOperatorOptions {
  /** Namespace of the resources (and of the Secrets they read). */
  readonly namespace: string;
  /** `spec.instanceSelector.matchLabels`: which Grafana instances get the datasources (immutable). */
  readonly instanceSelector: Readonly<Record<string, string>>;
  /** @default false */
  readonly allowCrossNamespaceImport?: boolean | undefined;
  /** e.g. `10m`. @default the operator's 10m0s (omitted) */
  readonly resyncPeriod?: string | undefined;
  /** ConfigMap holding `{ fromValue }` values (e.g. the tenant). @default "lgtm-datasource-values" */
  readonly valuesConfigMapName?: string | undefined;
}

/** Fields of `spec.datasource` the GrafanaDatasource CRD (v1beta1) has. */
const DATASOURCE_FIELDS = [
  "name",
  "type",
  "url",
  "access",
  "database",
  "user",
  "isDefault",
  "basicAuth",
  "basicAuthUser",
  "editable",
  "jsonData",
  "secureJsonData",
] as const;

/**
 * grafana-operator `GrafanaDatasource` resources (`grafana.integreatly.org/v1beta1`), one per datasource,
 * plus a ConfigMap when `{ fromValue }` values exist. The operator writes through Grafana's HTTP API, so
 * nothing is escaped (`${__value.raw}` stays as is). Secure values become `${KEY}` placeholders filled by
 * `spec.valuesFrom` (`secretKeyRef`, or `configMapKeyRef` for plain values). Correlations, `orgId`,
 * `withCredentials` and `version` have no field in the CRD and are left out (see `validate({ target })`).
 */
export function toGrafanaOperatorResources(
  set: DatasourceSet,
  options: GrafanaOperatorOptions,
): Record<string, unknown>[] {
  const cmName = options.valuesConfigMapName ?? "lgtm-datasource-values";
  const cmData: Record<string, string> = {};
  const resources: Record<string, unknown>[] = [];
  for (const c of set.compiled()) {
    const datasource: Record<string, unknown> = {};
    for (const f of DATASOURCE_FIELDS) if (c.tree[f] !== undefined) datasource[f] = c.tree[f];
    const valuesFrom: Record<string, unknown>[] = [];
    for (const { marker, path } of collectMarkers(datasource)) {
      const src = marker.source;
      const targetPath = path.join(".");
      if (src.kind === "secret") {
        valuesFrom.push({ targetPath, valueFrom: { secretKeyRef: { name: src.secret.name, key: src.secret.key } } });
      } else if (src.kind === "value") {
        cmData[src.env] = src.value;
        valuesFrom.push({ targetPath, valueFrom: { configMapKeyRef: { name: cmName, key: src.env } } });
      }
    }
    const rendered = renderTree(
      datasource,
      (s) => s,
      (m) => `\${${m.source.kind === "secret" ? m.source.secret.key : m.source.env}}`,
    );
    const spec: Record<string, unknown> = {
      instanceSelector: { matchLabels: { ...options.instanceSelector } },
      ...(options.allowCrossNamespaceImport !== undefined
        ? { allowCrossNamespaceImport: options.allowCrossNamespaceImport }
        : {}),
      ...(options.resyncPeriod !== undefined ? { resyncPeriod: options.resyncPeriod } : {}),
      uid: c.datasource.uid,
      datasource: rendered,
      ...(valuesFrom.length ? { valuesFrom } : {}),
    };
    resources.push({
      apiVersion: "grafana.integreatly.org/v1beta1",
      kind: "GrafanaDatasource",
      metadata: { name: kubernetesName(c.datasource.name, c.datasource.uid), namespace: options.namespace },
      spec,
    });
  }
  if (Object.keys(cmData).length) {
    resources.unshift({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: cmName, namespace: options.namespace },
      data: Object.fromEntries(Object.entries(cmData).sort(([a], [b]) => a.localeCompare(b))),
    });
  }
  return resources;
}
