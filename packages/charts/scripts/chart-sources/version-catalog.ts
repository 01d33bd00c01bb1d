/**
 * The key catalog of ONE chart version, derived from its sources: the defaults and types of values.yaml,
 * plus what the templates (and tpl strings in values.yaml) read, how, and under which conditions.
 * Pure: it takes file texts; reading them from git is `sources.ts`' job.
 */
import { parse } from "yaml";
import type { NodeType, VersionCatalog, VNode } from "../../src/catalog-format.js";
import { commentedKeys, exampleType } from "./comment-keys.js";
import { chartReads, type Read, type TemplateSource } from "./template-reads.js";

export type { NodeType, VersionCatalog, VNode };

/** What the builder found besides the tree: counts for the report, and the raw reads. */
export interface VersionStats {
  readonly reads: number;
  readonly readPaths: number;
  readonly conditioned: number;
  readonly templateOnly: number;
  readonly commentOnly: number;
  readonly unread: number;
}

/** The catalog type of a values.yaml value. */
export function typeOf(v: unknown): NodeType {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return "object";
    default:
      return "any";
  }
}

interface BNode {
  t: NodeType;
  d?: unknown;
  fromValues: boolean;
  /** Created for a key a values.yaml comment documents (and nothing else sets or reads). */
  fromComment?: true;
  /** values.yaml sets it to an empty map (`{}`). */
  emptyMap?: true;
  kinds: Set<Read["kind"]>;
  guardSets: (readonly string[])[];
  children: Map<string, BNode>;
}

function fromValue(v: unknown): BNode {
  const t = typeOf(v);
  const n: BNode = { t, fromValues: true, kinds: new Set(), guardSets: [], children: new Map() };
  if (t === "object") {
    for (const [k, c] of Object.entries(v as Record<string, unknown>)) n.children.set(k, fromValue(c));
    if (n.children.size === 0) n.emptyMap = true;
  } else n.d = v ?? null;
  return n;
}

/**
 * Parses a values.yaml close to the way Helm does: YAML 1.1 scalars and merge keys, but no timestamps
 * (Helm's YAML → JSON conversion keeps `from: 2020-09-07` a string).
 */
export function parseValues(text: string): unknown {
  return (
    parse(text, {
      version: "1.1",
      merge: true,
      maxAliasCount: -1,
      uniqueKeys: false,
      customTags: (tags) => tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp"),
    }) ?? {}
  );
}

/** Every string in values.yaml that holds template actions, as a template source named `values.yaml#a.b`. */
export function tplStrings(values: unknown, path: string[] = [], out: TemplateSource[] = []): TemplateSource[] {
  if (typeof values === "string") {
    if (values.includes("{{")) out.push({ file: `values.yaml#${path.join(".")}`, text: values });
  } else if (Array.isArray(values)) {
    values.forEach((v, i) => {
      tplStrings(v, [...path, String(i)], out);
    });
  } else if (values !== null && typeof values === "object") {
    for (const [k, v] of Object.entries(values)) tplStrings(v, [...path, k], out);
  }
  return out;
}

/** All key paths of a values document (objects descended, arrays are leaves), dot-joined. */
export function valuesKeyPaths(values: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (values !== null && typeof values === "object" && !Array.isArray(values)) {
    for (const [k, v] of Object.entries(values)) {
      out.push([...prefix, k]);
      valuesKeyPaths(v, [...prefix, k], out);
    }
  }
  return out;
}

function isUnder(path: string, guard: string): boolean {
  const g = guard.startsWith("!") ? guard.slice(1) : guard;
  return path === g || path.startsWith(`${g}.`);
}

/**
 * Keys that hold a Kubernetes object field (a container's `resources`, a pod's `affinity`, a probe, an update
 * strategy, …): the charts pass them to the manifest whole (`toYaml`). Used only for a version read without any
 * template, where nothing else says so.
 */
const KUBERNETES_FIELDS: ReadonlySet<string> = new Set([
  "affinity",
  "containerSecurityContext",
  "livenessProbe",
  "nodeSelector",
  "podDisruptionBudget",
  "podSecurityContext",
  "readinessProbe",
  "resources",
  "securityContext",
  "startupProbe",
  "statefulStrategy",
  "strategy",
  "tolerations",
  "topologySpreadConstraints",
]);

/** Builds the catalog tree of one chart version. */
export function buildVersionCatalog(input: {
  readonly chart: string;
  readonly version: string;
  readonly valuesYaml: string;
  readonly templates: readonly TemplateSource[];
  /** Values key (alias or name) → chart name of each dependency. */
  readonly subcharts?: Readonly<Record<string, string>>;
}): { catalog: VersionCatalog; reads: Read[]; stats: VersionStats } {
  const values = parseValues(input.valuesYaml);
  const root = fromValue(values);
  // A version read without any template (a files root that holds only Chart.yaml and values.yaml: mimir-distributed
  // 5.7.0) has nothing to say what is read or passed through. Then an empty map in values.yaml (`structuredConfig:
  // {}`, `nodeSelector: {}`) is taken as passed through whole, the way charts read such maps (`toYaml`), rather than
  // refusing every key set below it, and so is a map under a Kubernetes object field's name (`resources: { requests }`
  // takes `limits` too); no key is marked unread.
  const analysed = input.templates.length > 0;
  if (root.t !== "object") root.t = "object";
  const reads = chartReads(input.templates, tplStrings(values));
  for (const alias of Object.keys(input.subcharts ?? {}))
    if (!root.children.has(alias))
      root.children.set(alias, {
        t: "object",
        fromValues: false,
        kinds: new Set(),
        guardSets: [],
        children: new Map(),
      });
  for (const r of reads) {
    let n = root;
    for (const seg of r.path) {
      let c = n.children.get(seg);
      if (c === undefined) {
        c = { t: "any", fromValues: false, kinds: new Set(), guardSets: [], children: new Map() };
        n.children.set(seg, c);
      }
      n = c;
    }
    n.kinds.add(r.kind);
    n.guardSets.push(r.guards);
  }
  // Keys documented only in values.yaml comments, where neither values.yaml nor a template has them.
  for (const ck of commentedKeys(input.valuesYaml)) {
    let n = root;
    ck.path.forEach((seg, i) => {
      let c = n.children.get(seg);
      if (c === undefined) {
        const last = i === ck.path.length - 1;
        const t: NodeType = !last ? "object" : ck.list ? "array" : exampleType(ck.valueText).type;
        c = { t, fromValues: false, fromComment: true, kinds: new Set(), guardSets: [], children: new Map() };
        n.children.set(seg, c);
      }
      n = c;
    });
  }
  let conditioned = 0;
  let templateOnly = 0;
  let commentOnly = 0;
  let unread = 0;
  let readPaths = 0;
  const readBelowMemo = new Map<BNode, boolean>();
  const readBelow = (n: BNode): boolean => {
    let r = readBelowMemo.get(n);
    if (r === undefined) {
      r = n.kinds.size > 0 || [...n.children.values()].some(readBelow);
      readBelowMemo.set(n, r);
    }
    return r;
  };
  const covers = (n: BNode): boolean => n.kinds.has("whole") || n.kinds.has("iterate");
  // `shadows`: nodes under a `?` (render-time key) that stand for this same position.
  const finish = (n: BNode, path: string[], covered: boolean, shadows: BNode[]): VNode => {
    const out: VNode = { t: n.t };
    if (!n.fromValues && n.fromComment === true) {
      out.s = "c";
      commentOnly++;
      if ((n.t === "any" || n.t === "null") && n.children.size > 0) out.t = "object";
    } else if (!n.fromValues) {
      out.s = "t";
      templateOnly++;
      if (n.t === "any" && [...n.children.keys()].some((k) => k !== "*" && k !== "?")) out.t = "object";
    }
    if (n.d !== undefined) out.d = n.d;
    if (
      n.kinds.has("whole") ||
      (!analysed &&
        path.length > 0 &&
        (n.emptyMap === true || (n.t === "object" && KUBERNETES_FIELDS.has(String(path[path.length - 1])))))
    )
      out.p = 1;
    if (n.kinds.has("iterate")) out.i = 1;
    if (n.kinds.has("dynamic")) out.x = 1;
    const selfRead = n.kinds.size > 0;
    if (selfRead) readPaths++;
    const coverBelow = covered || out.p === 1 || out.i === 1 || shadows.some(covers);
    if (n.children.size > 0) {
      const c: Record<string, VNode> = {};
      for (const k of [...n.children.keys()].sort()) {
        const childShadows: BNode[] = [];
        for (const s of [n, ...shadows]) {
          const q = s.children.get("?");
          if (q !== undefined && !(s === n && k === "?")) childShadows.push(q);
          if (s !== n) {
            const same = s.children.get(k);
            if (same !== undefined) childShadows.push(same);
          }
        }
        const subBelow = path.length === 0 && input.subcharts?.[k] !== undefined;
        c[k] = finish(n.children.get(k) as BNode, [...path, k], coverBelow || subBelow, childShadows);
      }
      out.c = c;
    }
    if (selfRead && path.length > 0 && n.guardSets.every((g) => g.length > 0)) {
      const p = path.join(".");
      let common = new Set(n.guardSets[0]);
      for (const g of n.guardSets.slice(1)) common = new Set(g.filter((x) => common.has(x)));
      const guards = [...common].filter((g) => !isUnder(p, g)).sort();
      if (guards.length > 0) {
        out.if = guards;
        conditioned++;
      }
    }
    const sub = path.length === 1 ? input.subcharts?.[path[0] as string] : undefined;
    if (sub !== undefined) out.sub = sub;
    if (
      analysed &&
      n.fromValues &&
      path.length > 0 &&
      !covered &&
      sub === undefined &&
      !readBelow(n) &&
      !shadows.some(readBelow)
    ) {
      out.u = 1;
      unread++;
    }
    return out;
  };
  const tree = finish(root, [], false, []);
  // The root's own flags: only `x` (a dynamically chosen top-level key) is meaningful there.
  delete tree.u;
  return {
    catalog: { chart: input.chart, version: input.version, root: tree },
    reads,
    stats: { reads: reads.length, readPaths, conditioned, templateOnly, commentOnly, unread },
  };
}

/**
 * `isKnown` for a dot-joined path (as in values-references.txt), where keys may themselves hold dots
 * (`grafana.ini`): tries each way of splitting it.
 */
export function isKnownDotted(root: VNode, dotted: string): boolean {
  const parts = dotted.split(".");
  const walk = (n: VNode, i: number): boolean => {
    if (i >= parts.length) return true;
    if (n.p === 1 || n.i === 1 || (n.x === 1 && n !== root)) return true;
    for (let j = i + 1; j <= parts.length; j++) {
      const key = parts.slice(i, j).join(".");
      const c = n.c?.[key] ?? (j === i + 1 ? n.c?.["*"] : undefined);
      if (c !== undefined && walk(c, j)) return true;
    }
    return false;
  };
  return walk(root, 0);
}

/** Looks a path up in a version tree; `*` children match any key. */
export function lookup(root: VNode, path: readonly string[]): VNode | undefined {
  let n: VNode | undefined = root;
  for (const seg of path) {
    if (n === undefined) return undefined;
    n = n.c?.[seg] ?? n.c?.["*"];
  }
  return n;
}

/**
 * Whether a key path is known in a version: it is in the tree, or an ancestor passes its subtree through,
 * iterates it, or picks keys below it at render time. A render-time choice of a top-level key (the root's
 * `x`, e.g. tempo-distributed's component sections) does not make every top-level key known.
 */
export function isKnown(root: VNode, path: readonly string[]): boolean {
  let n: VNode | undefined = root;
  for (const seg of path) {
    if (n === undefined) return false;
    if (n.p === 1 || n.i === 1 || (n.x === 1 && n !== root)) return true;
    n = n.c?.[seg] ?? n.c?.["*"];
  }
  return n !== undefined;
}
