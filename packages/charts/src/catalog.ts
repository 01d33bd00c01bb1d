import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { formatPath, isRecord } from "@lgtm-gitops/diagnostics";
import { ATTR_KEYS, type Attrs, inRanges, type MergedCatalog, type MNode, type VNode } from "./catalog-format.js";
import { type ChartId, chartDescriptor } from "./chart-id.js";
import { mergeValues } from "./helm-values.js";

type CatalogNode = VNode;

/** Type of a chart value. `null`: the chart default is null (any type may be given); `any`: not known (template or comment only). */
export type ValueType = "string" | "number" | "boolean" | "object" | "array" | "null" | "any";

/** A key a chart reads. */
export interface KeyInfo {
  /**
   * Dot path of the key as asked, in the coordinates of the chart passed to {@link resolveKey}
   * (e.g. `tempo.ingester.replicas` for lgtm-distributed even when tempo-distributed answered).
   */
  path: string;
  /** Dot path of the key inside {@link KeyInfo.chart} (`ingester.replicas`). */
  chartPath: string;
  /** Type of the chart default. */
  type: ValueType;
  /** The chart default (for objects, rebuilt from the keys values.yaml sets); absent when values.yaml does not set it. */
  default?: unknown;
  /** True when the chart passes everything under this key through whole (e.g. `resources`, `tempo.structuredConfig`). */
  freeForm: boolean;
  /** Why the key counts as read: values.yaml sets it, a template references it, or a values.yaml comment documents it. */
  source: "values" | "template" | "comment";
  /** The chart whose catalog knows the key (a subchart for aliased paths). */
  chart: ChartId;
  /**
   * Conditions every template read of the key is under, as paths inside {@link KeyInfo.chart}: `a.b` (rendered only
   * when `a.b` is truthy) or `!a.b` (only when it is not). Absent when some read is unconditional.
   */
  conditions?: readonly string[];
}

/** What a chart does with a key path, see {@link resolveKey}. */
export type KeyResolution =
  /** The chart reads this key. */
  | { kind: "known"; key: KeyInfo }
  /** Inside a node the chart passes through whole; `under` is that node's dot path. */
  | { kind: "free-form"; under: string; chart: ChartId }
  /** Not checkable here (e.g. lgtm-distributed `mimir:`, whose subchart is not catalogued); `reason` says why. */
  | { kind: "unchecked"; under: string; reason: string }
  /**
   * The chart ignores this key (Helm drops it silently). `parent` is the dot path of the level where the
   * unknown key sits, `siblings` the keys the chart does read at that level (for "did you mean").
   */
  | { kind: "unknown"; parent: string; siblings: readonly string[]; chart: ChartId };

type Segment = string | number;

/** The merged catalog of each chart name, read on first use from the package's `catalogs/<name>.gen.json`. */
const stores = new Map<string, MergedCatalog>();
/** One version's tree, built on first use. */
const trees = new Map<string, VNode>();

let catalogsDir: string | undefined;

/**
 * The package's `catalogs/` folder, found through the package itself (so it is the same from `src/`, `dist/` and from
 * a bundle that inlines this module, such as the CLI's).
 */
export function catalogsFolder(): string {
  catalogsDir ??= path.join(
    path.dirname(createRequire(import.meta.url).resolve("@lgtm-gitops/charts/package.json")),
    "catalogs",
  );
  return catalogsDir;
}

/** The merged catalog of every version of chart `name` (internal: version-fit.ts walks it once for all versions). */
export function mergedCatalog(name: string): MergedCatalog {
  return store(name);
}

function store(name: string): MergedCatalog {
  let s = stores.get(name);
  if (s === undefined) {
    s = JSON.parse(readFileSync(path.join(catalogsFolder(), `${name}.gen.json`), "utf8")) as MergedCatalog;
    stores.set(name, s);
  }
  return s;
}

function catalog(chart: ChartId): { root: VNode } {
  let root = trees.get(chart);
  if (root === undefined) {
    const d = chartDescriptor(chart);
    root = lazyCatalogAt(store(d.name), d.version);
    if (root === undefined) throw new Error(`no catalog for ${chart}`); // unreachable: the rows come from the catalogs
    trees.set(chart, root);
  }
  return { root };
}

/**
 * One version's tree of a merged catalog, built level by level as it is walked: the same tree `catalogAt` builds
 * (catalog-format.ts), but a lookup builds only the levels it visits (a CLI run reads a few hundred keys of a store
 * that holds every version).
 */
export function lazyCatalogAt(s: MergedCatalog, version: string): VNode | undefined {
  const i = s.versions.indexOf(version);
  return i < 0 ? undefined : lazyNode(s.root, i);
}

function lazyNode(n: MNode, i: number): VNode | undefined {
  if (n.r !== undefined && !inRanges(n.r, i)) return undefined;
  let attrs: Attrs = n;
  if (n.v !== undefined) {
    const hit = n.v.find(([r]) => inRanges(r, i));
    if (hit === undefined) return undefined;
    attrs = hit[1];
  }
  const out: Record<string, unknown> = {};
  for (const k of ATTR_KEYS) if (attrs[k] !== undefined) out[k] = attrs[k];
  const children = n.c;
  if (children !== undefined) {
    let built: Record<string, VNode> | undefined;
    let done = false;
    Object.defineProperty(out, "c", {
      enumerable: true,
      get() {
        if (!done) {
          const c: Record<string, VNode> = {};
          for (const [k, child] of Object.entries(children)) {
            const b = lazyNode(child, i);
            if (b !== undefined) c[k] = b;
          }
          built = Object.keys(c).length > 0 ? c : undefined;
          done = true;
        }
        return built;
      },
    });
  }
  return out as unknown as VNode;
}

/** The chart passes everything under the node through (`toYaml`, a merge) or iterates it (`range`: any key). */
const isFreeForm = (n: CatalogNode): boolean => n.p === 1 || n.i === 1;

/**
 * Children that stand for keys chosen by the chart, not by the user: `*` is the item shape of an iterated node,
 * `?` the shape read under a key picked at render time (`index .Values $component`).
 */
const isPlaceholder = (n: CatalogNode, key: string): boolean =>
  (key === "*" && n.i === 1) || (key === "?" && n.x === 1);

function subcharts(chart: ChartId): { readonly [alias: string]: string } {
  return chartDescriptor(chart).subcharts;
}

/** A child node; own properties only (a key named `constructor` is not an Object method). */
function childOf(n: CatalogNode | undefined, key: Segment): CatalogNode | undefined {
  if (n?.c === undefined || !Object.hasOwn(n.c, String(key)) || isPlaceholder(n, String(key))) return undefined;
  return n.c[String(key)];
}

function subchartOf(chart: ChartId, key: Segment | undefined): string | undefined {
  const subs = subcharts(chart);
  return typeof key === "string" && Object.hasOwn(subs, key) ? subs[key] : undefined;
}

const SOURCE: Record<string, KeyInfo["source"]> = { t: "template", c: "comment" };

/** Defaults rebuilt from object nodes, per node: frozen, so no caller can change what the next one reads. */
const rebuiltDefaults = new WeakMap<CatalogNode, Readonly<Record<string, unknown>>>();

/**
 * Rebuilds the default of a node from what values.yaml sets, once per node. Rebuilt maps are frozen and shared
 * between calls (values taken from the catalog were always shared): copy before changing them.
 */
function nodeDefault(n: CatalogNode): unknown {
  if ("d" in n) return n.d;
  if (n.s !== undefined) return undefined;
  if (n.t !== "object") return undefined;
  const cached = rebuiltDefaults.get(n);
  if (cached !== undefined) return cached;
  const out: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(n.c ?? {})) {
    if (isPlaceholder(n, k)) continue;
    const d = nodeDefault(c);
    if (d !== undefined || ("d" in c && c.d === undefined)) out[k] = d;
  }
  Object.freeze(out);
  rebuiltDefaults.set(n, out);
  return out;
}

function keyInfo(chart: ChartId, asked: readonly Segment[], local: readonly Segment[], n: CatalogNode): KeyInfo {
  const info: KeyInfo = {
    path: formatPath(asked),
    chartPath: formatPath(local),
    type: n.t,
    freeForm: isFreeForm(n),
    source: SOURCE[n.s ?? ""] ?? "values",
    chart,
  };
  const d = nodeDefault(n);
  if (d !== undefined) info.default = d;
  if (n.if !== undefined && n.if.length > 0) info.conditions = n.if;
  return info;
}

/** Resolution inside one chart's own catalog (no subcharts, no globals); `prefix` is prepended to reported paths. */
function resolveOwn(chart: ChartId, path: readonly Segment[], prefix: readonly Segment[]): KeyResolution {
  let n: CatalogNode = catalog(chart).root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as Segment;
    const here = [...prefix, ...path.slice(0, i)];
    if (isFreeForm(n)) return { kind: "free-form", under: formatPath(here), chart };
    const next = childOf(n, seg);
    if (next === undefined) {
      // A list: indexes step into items, which the charts pass through whole.
      if (n.t === "array" && typeof seg === "number") return { kind: "free-form", under: formatPath(here), chart };
      // No schema below a template-only or null leaf: the template reads it whole.
      if (n.c === undefined && (n.t === "any" || n.t === "null") && i > 0)
        return { kind: "free-form", under: formatPath(here), chart };
      return { kind: "unknown", parent: formatPath(here), siblings: nodeChildKeys(n), chart };
    }
    n = next;
  }
  return { kind: "known", key: keyInfo(chart, [...prefix, ...path], path, n) };
}

const RANK: Record<string, number> = { known: 4, "free-form": 3, unchecked: 2, unknown: 1 };

/** Picks the most permissive answer; `unknown`s are merged (siblings united). */
function best(results: readonly KeyResolution[]): KeyResolution {
  let top: KeyResolution | undefined;
  for (const r of results) if (top === undefined || (RANK[r.kind] ?? 0) > (RANK[top.kind] ?? 0)) top = r;
  if (top === undefined) throw new Error("no resolution"); // unreachable: callers pass at least one
  if (top.kind !== "unknown") return top;
  const unknowns = results.filter((r): r is Extract<KeyResolution, { kind: "unknown" }> => r.kind === "unknown");
  // Deepest level wins; at equal depth the subchart (listed after the parent) names the chart that decides.
  const deepest = unknowns.reduce((a, b) => (b.parent.length >= a.parent.length ? b : a));
  const siblings = new Set<string>();
  for (const u of unknowns) if (u.parent === deepest.parent) for (const s of u.siblings) siblings.add(s);
  return { ...deepest, siblings: [...siblings].sort() };
}

function resolveIn(chart: ChartId, path: readonly Segment[], prefix: readonly Segment[]): KeyResolution {
  const subs = subcharts(chart);
  const own = resolveOwn(chart, path, prefix);
  const head = path[0];
  if (head === undefined) return own;
  if (head === "global") {
    // Helm copies a parent's `global:` into every subchart.
    const results: KeyResolution[] = [own];
    for (const [alias, sub] of Object.entries(subs)) {
      if (sub === "unchecked")
        results.push({
          kind: "unchecked",
          under: formatPath([...prefix, ...path]),
          reason: `the ${alias} subchart of ${chart} is not catalogued here; it may read ${formatPath(path)}`,
        });
      else results.push(resolveIn(sub as ChartId, path, prefix));
    }
    if (path.length === 1) results.push(synthetic(chart, prefix, path));
    return best(results);
  }
  const sub = subchartOf(chart, head);
  if (sub === undefined) return own;
  if (path.length === 1) return own.kind === "known" ? own : synthetic(chart, prefix, path);
  if (sub === "unchecked") {
    if (own.kind === "known" || own.kind === "free-form") return own;
    return {
      kind: "unchecked",
      under: formatPath([...prefix, head]),
      reason: `${formatPath([...prefix, head])} is the ${head} subchart of ${chart}, whose values are not catalogued here; keys under it are not checked`,
    };
  }
  const inSub = resolveIn(sub as ChartId, path.slice(1), [...prefix, head]);
  // The parent only documents or reads the key (no default of its own): the subchart's values.yaml describes it.
  if (own.kind === "known" && own.key.source !== "values" && inSub.kind === "known") return inSub;
  return best([own, inSub]);
}

/** `global` and subchart keys are always valid even when the values file does not set them. */
function synthetic(chart: ChartId, prefix: readonly Segment[], path: readonly Segment[]): KeyResolution {
  return {
    kind: "known",
    key: {
      path: formatPath([...prefix, ...path]),
      chartPath: formatPath(path),
      type: "object",
      freeForm: false,
      source: "template",
      chart,
    },
  };
}

/**
 * What `chart` does with the value at `path` (segments of a values document: keys, and list indexes as numbers).
 *
 * Follows subchart aliases (lgtm-distributed `tempo:` → tempo-distributed 1.61.3, `loki:` → loki-distributed 0.80.6,
 * `grafana:` → grafana 10.5.15; kube-prometheus-stack `grafana:` → grafana 12.11.1) and `global:` (which Helm copies
 * into every subchart). When both the parent and the subchart know a key, the parent's answer wins (its values override
 * the subchart default). Subcharts that are not catalogued (lgtm `mimir:`, `grafana-oncall:`, kube-prometheus-stack
 * `kube-state-metrics:` …) give `unchecked`. List indexes step into items, which are free-form.
 *
 * @example
 * resolveKey("lgtm-distributed@3.0.1", ["tempo", "ingester", "replicas"]).kind        // "known"
 * resolveKey("lgtm-distributed@3.0.1", ["tempo", "query_frontend", "replicas"])       // { kind: "unknown", parent: "tempo", siblings: [..., "queryFrontend", ...] }
 */
export function resolveKey(chart: ChartId, path: readonly Segment[]): KeyResolution {
  return resolveIn(chart, path, []);
}

/** The node of `path` in one chart's own catalog, or undefined. */
function ownNode(chart: ChartId, path: readonly Segment[]): CatalogNode | undefined {
  let n: CatalogNode | undefined = catalog(chart).root;
  for (const seg of path) {
    n = childOf(n, seg);
    if (n === undefined) return undefined;
  }
  return n;
}

function nodeChildKeys(n: CatalogNode | undefined): string[] {
  if (n === undefined) return [];
  if (n.c !== undefined) return Object.keys(n.c).filter((k) => !isPlaceholder(n, k));
  if (isFreeForm(n) && isRecord(n.d)) return Object.keys(n.d);
  return [];
}

/**
 * The keys the chart reads directly under `path` (sorted), including a subchart's keys under its alias and,
 * at the top, `global`. For a free-form node: the keys of its default. Empty when the path is unknown.
 *
 * @example childKeys("tempo-distributed@1.61.3", ["traces", "otlp"]) // ["grpc", "http"]
 */
export function childKeys(chart: ChartId, path: readonly Segment[]): readonly string[] {
  const keys = new Set(nodeChildKeys(ownNode(chart, path)));
  const subs = subcharts(chart);
  const head = path[0];
  if (head === undefined) {
    for (const alias of Object.keys(subs)) keys.add(alias);
    keys.add("global");
  } else if (head === "global") {
    for (const sub of Object.values(subs))
      if (sub !== "unchecked") for (const k of childKeys(sub as ChartId, path)) keys.add(k);
  } else {
    const sub = subchartOf(chart, head);
    if (sub !== undefined && sub !== "unchecked") for (const k of childKeys(sub as ChartId, path.slice(1))) keys.add(k);
  }
  return [...keys].sort();
}

/**
 * The chart default at `path`, as Helm would compute it: a parent chart's values.yaml overrides its subchart's
 * (lgtm-distributed `tempo.ingester.replicas` is 1, not tempo-distributed's 3). `undefined` when no values.yaml sets it.
 *
 * @example defaultValue("tempo-distributed@1.61.3", ["ingester", "config", "replication_factor"]) // 3
 */
export function defaultValue(chart: ChartId, path: readonly Segment[]): unknown {
  const own = defaultIn(chart, path);
  const head = path[0];
  const subs = subcharts(chart);
  if (typeof head !== "string") return own;
  if (head === "global") {
    let out = own;
    for (const sub of Object.values(subs))
      if (sub !== "unchecked") out = mergeValues(defaultValue(sub as ChartId, path), out);
    return out;
  }
  const sub = subchartOf(chart, head);
  if (sub === undefined || sub === "unchecked") return own;
  return mergeValues(defaultValue(sub as ChartId, path.slice(1)), own);
}

function defaultIn(chart: ChartId, path: readonly Segment[]): unknown {
  let n: CatalogNode | undefined = catalog(chart).root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as Segment;
    if (n === undefined) return undefined;
    if (isFreeForm(n) || n.t === "array") {
      let v: unknown = nodeDefault(n);
      for (const s of path.slice(i)) {
        if (Array.isArray(v) && typeof s === "number") v = v[s];
        else if (isRecord(v) && Object.hasOwn(v, String(s))) v = v[String(s)];
        else return undefined;
      }
      return v;
    }
    n = childOf(n, seg);
  }
  return n === undefined ? undefined : nodeDefault(n);
}
