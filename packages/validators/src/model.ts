import {
  type ChartId,
  defaultValue as chartDefault,
  chartDescriptor,
  componentPrefix,
  effectiveValue,
  tempoPrefix,
  tempoVersionOf,
} from "@lgtm-gitops/charts";
import { KUBE_PROMETHEUS_STACK, kubePrometheusStackDatasourcesFromValues } from "@lgtm-gitops/datasources";
import { getPath, hasPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import type { LintedDocument, RuleContext } from "./engine.js";
import { asBoolean } from "./values.js";

/**
 * One Tempo installation found in the documents: a tempo-distributed values file, or the `tempo:` block
 * of an lgtm-distributed file. Values are read as the chart will see them: the document's value when it
 * sets one, the chart's default otherwise ("effective" values).
 */
export interface TempoInstall {
  readonly doc: LintedDocument;
  /** Where the tempo-distributed values start in the document: `["tempo"]` for lgtm-distributed, `[]` otherwise. */
  readonly prefix: PathSegments;
  /** The effective value at a tempo-distributed values path. */
  get(path: PathSegments): unknown;
  /** Whether the document itself sets the path (not a chart default). */
  has(path: PathSegments): boolean;
  /** The document path of a tempo-distributed values path. */
  at(path: PathSegments): PathSegments;
}

/** Where a tempo-distributed values file pins the Tempo image (all components). */
export const TEMPO_IMAGE_TAG: PathSegments = ["tempo", "image", "tag"];

/**
 * The Tempo version an install runs: `tempo.image.tag` when the values set one that names a release (`2.9.2`,
 * `v2.10.1`), else the appVersion of the chart (`tempoVersionOf`); `undefined` when neither says.
 */
export function installTempoVersion(i: TempoInstall): string | undefined {
  const tag = i.get(TEMPO_IMAGE_TAG);
  if ((typeof tag === "string" || typeof tag === "number") && /^v?\d+\.\d+/.test(String(tag).trim()))
    return String(tag).trim();
  return tempoVersionOf(i.doc.chart);
}

/** The effective value at `path` of a document: its own value laid over the chart default (Helm's merge). */
export function effective(doc: LintedDocument, path: PathSegments): unknown {
  return effectiveValue(doc.chart, doc.values, path);
}

const memo = new WeakMap<RuleContext, { tempo?: TempoInstall[]; grafana?: GrafanaInstance[] }>();
function cache(ctx: RuleContext) {
  let m = memo.get(ctx);
  if (!m) {
    m = {};
    memo.set(ctx, m);
  }
  return m;
}

/** Every enabled Tempo installation across the documents. */
export function tempoInstalls(ctx: RuleContext): TempoInstall[] {
  const m = cache(ctx);
  if (m.tempo) return m.tempo;
  const out: TempoInstall[] = [];
  for (const doc of ctx.documents) {
    const p = tempoPrefix(doc.chart);
    if (!p) continue;
    // Tempo as a subchart can be switched off (`tempo.enabled: false`).
    if (p.length > 0 && asBoolean(effective(doc, [...p, "enabled"])) === false) continue;
    out.push({
      doc,
      prefix: p,
      get: (path) => effective(doc, [...p, ...path]),
      has: (path) => hasPath(doc.values, [...p, ...path]),
      at: (path) => [...p, ...path],
    });
  }
  m.tempo = out;
  return out;
}

/** One Grafana datasource entry, where it was found, and whether the chart provides it. */
export interface DatasourceEntry {
  readonly doc: LintedDocument;
  /** Document path of the entry (for chart-provided entries: the path they would have). */
  readonly path: PathSegments;
  readonly value: Record<string, unknown>;
  /** Set when the chart provides this entry and the document does not write it (e.g. lgtm's default datasources). */
  readonly providedBy?: string;
}

/** One Grafana that the documents configure (per chart: every file of the same chart is one release). */
export interface GrafanaInstance {
  readonly chart: ChartId;
  /** e.g. `kube-prometheus-stack Grafana`. */
  readonly label: string;
  readonly docs: readonly LintedDocument[];
  /** Where the Grafana chart's values start in each document (`["grafana"]` or `[]`). */
  readonly prefix: PathSegments;
  readonly datasources: readonly DatasourceEntry[];
}

function listAt(doc: LintedDocument, path: PathSegments): DatasourceEntry[] {
  const v = getPath(doc.values, path);
  if (!Array.isArray(v)) return [];
  const out: DatasourceEntry[] = [];
  v.forEach((item, i) => {
    if (isRecord(item)) out.push({ doc, path: [...path, i], value: item });
  });
  return out;
}

/** Every Grafana configured by the documents, with all datasources it provisions. */
export function grafanaInstances(ctx: RuleContext): GrafanaInstance[] {
  const m = cache(ctx);
  if (m.grafana) return m.grafana;
  const byChart = new Map<ChartId, LintedDocument[]>();
  for (const doc of ctx.documents) {
    const list = byChart.get(doc.chart) ?? [];
    list.push(doc);
    byChart.set(doc.chart, list);
  }
  const out: GrafanaInstance[] = [];
  for (const [chart, docs] of byChart) {
    const prefix = componentPrefix(chart, "grafana");
    if (prefix === undefined) continue;
    const extra = chartDescriptor(chart).additionalDatasources;
    const first = docs[0];
    if (!first) continue;
    if (asBoolean(effective(first, [...prefix, "enabled"])) === false && prefix.length > 0) continue;
    const provisioning: PathSegments = [...prefix, "datasources", "datasources.yaml", "datasources"];
    const datasources: DatasourceEntry[] = [];
    for (const doc of docs) {
      const paths = extra !== undefined ? [provisioning, extra] : [provisioning];
      for (const p of paths) datasources.push(...listAt(doc, p));
    }
    // Chart-provided datasources, unless a document replaces them.
    if (!docs.some((d) => hasPath(d.values, provisioning))) {
      const defaults = chartDefault(chart, provisioning);
      if (Array.isArray(defaults)) {
        defaults.forEach((item, i) => {
          if (isRecord(item))
            datasources.push({ doc: first, path: [...provisioning, i], value: item, providedBy: `${chart} defaults` });
        });
      }
    }
    if (chartDescriptor(chart).name === KUBE_PROMETHEUS_STACK) datasources.push(...kpsBuiltIns(first));
    out.push({ chart, label: `${chartDescriptor(chart).name} Grafana`, docs, prefix, datasources });
  }
  m.grafana = out;
  return out;
}

/**
 * The datasources kube-prometheus-stack provisions itself (`Prometheus`, `Alertmanager`), as
 * `@lgtm-gitops/datasources` reads them from the document's values.
 */
function kpsBuiltIns(doc: LintedDocument): DatasourceEntry[] {
  const sidecar = ["grafana", "sidecar", "datasources"];
  return kubePrometheusStackDatasourcesFromValues(doc.values).map((ds) => ({
    doc,
    path: [...sidecar, ds.type === "alertmanager" ? "alertmanager" : "uid"],
    value: { name: ds.name, type: ds.type, uid: ds.uid, isDefault: ds.isDefault, orgId: ds.orgId },
    providedBy: `${ds.chart} (its own ${ds.name} datasource)`,
  }));
}
