import { isRecord } from "@lgtm-gitops/diagnostics";
import { mergedCatalog, resolveKey } from "./catalog.js";
import { type Attrs, inRanges, type MNode } from "./catalog-format.js";
import { type ChartId, chartDescriptor, findChart, preferredChart } from "./chart-id.js";

/** How well the versions of one chart fit a values document, see {@link versionFit}. */
export interface VersionFit {
  /** The version to check the document against: the preferred one when it fits best, else the newest that does. */
  readonly chart: ChartId;
  /** The versions that fit best (fewest keys the chart would drop), oldest first. */
  readonly versions: readonly string[];
  /** Those versions as ranges of the catalogued ones: `≥1.33 <1.40`, `≥3.0`; `any version` when all fit equally. */
  readonly range: string;
  /** How many keys of the document the best versions do not read. */
  readonly unknownKeys: number;
}

function attrsAt(n: MNode, i: number): Attrs | undefined {
  if (n.r !== undefined && !inRanges(n.r, i)) return undefined;
  if (n.v !== undefined) return n.v.find(([r]) => inRanges(r, i))?.[1];
  return n;
}

/** Number of keys in a value (itself included): what dropping it drops. */
function size(v: unknown): number {
  return 1 + (isRecord(v) ? Object.values(v).reduce((n: number, c) => n + size(c), 0) : 0);
}

/**
 * Per catalogued version of chart `name`, how many keys of `values` it does not read, from the merged catalog in one
 * walk (subchart blocks and `global` are left out: the chart's own keys decide).
 */
function unknownPerVersion(
  name: string,
  values: Record<string, unknown>,
): { versions: readonly string[]; unknown: number[] } {
  const store = mergedCatalog(name);
  const unknown = store.versions.map(() => 0);
  const walk = (node: MNode, value: Record<string, unknown>, alive: readonly number[], top: boolean) => {
    for (const [k, v] of Object.entries(value)) {
      if (top && k === "global") continue;
      const child = node.c !== undefined && Object.hasOwn(node.c, k) && k !== "*" && k !== "?" ? node.c[k] : undefined;
      const deeper: number[] = [];
      for (const i of alive) {
        const a = child === undefined ? undefined : attrsAt(child, i);
        if (a === undefined) {
          unknown[i] = (unknown[i] ?? 0) + size(v);
          continue;
        }
        if ((top && a.sub !== undefined) || a.p === 1 || a.i === 1 || a.t === "array") continue;
        if (child?.c === undefined && (a.t === "any" || a.t === "null")) continue; // read whole by a template
        deeper.push(i);
      }
      if (child !== undefined && isRecord(v) && deeper.length > 0) walk(child, v, deeper, false);
    }
  };
  walk(
    store.root,
    values,
    store.versions.map((_, i) => i),
    true,
  );
  return { versions: store.versions, unknown };
}

/** Per version (few of them: an umbrella chart), with its subcharts: every key of `values` through resolveKey. */
function unknownPerVersionResolved(name: string, values: Record<string, unknown>) {
  const versions = mergedCatalog(name).versions;
  const unknown = versions.map((v) => {
    const chart = findChart(name, v) as ChartId;
    let n = 0;
    const walk = (value: Record<string, unknown>, path: string[]) => {
      for (const [k, c] of Object.entries(value)) {
        const r = resolveKey(chart, [...path, k]);
        if (r.kind === "unknown") n += size(c);
        else if (r.kind === "known" && isRecord(c)) walk(c, [...path, k]);
      }
    };
    walk(values, []);
    return n;
  });
  return { versions, unknown };
}

const minor = (v: string) => v.split(".").slice(0, 2).join(".");

/** `≥1.33 <1.40` for the catalogued versions from index `a` to `b` (minors where a bound starts a minor line). */
function rangeText(versions: readonly string[], a: number, b: number): string {
  const lo = versions[a] as string;
  const prev = versions[a - 1];
  const low = a === 0 ? undefined : prev !== undefined && minor(prev) !== minor(lo) ? minor(lo) : lo;
  const next = versions[b + 1];
  const hi = versions[b] as string;
  const high = next === undefined ? undefined : minor(next) !== minor(hi) ? minor(next) : next;
  if (low === undefined && high === undefined) return "any version";
  return [low !== undefined ? `≥${low}` : undefined, high !== undefined ? `<${high}` : undefined]
    .filter(Boolean)
    .join(" ");
}

/**
 * Which catalogued versions of chart `name` fit the values document best: those that read the most of its keys.
 * Returns `undefined` for a chart with no catalog or a document that is not a map.
 *
 * @example versionFit("tempo-distributed", { per_tenant_overrides: {} }).range // "≥1.33"
 */
export function versionFit(name: string, values: unknown): VersionFit | undefined {
  const preferred = preferredChart(name);
  if (preferred === undefined || !isRecord(values)) return undefined;
  // Few versions (an umbrella chart): judged with their subcharts; many: one walk of the merged catalog.
  const { versions, unknown } =
    mergedCatalog(name).versions.length <= 10
      ? unknownPerVersionResolved(name, values)
      : unknownPerVersion(name, values);
  const best = Math.min(...unknown);
  const idx = unknown.flatMap((n, i) => (n === best ? [i] : []));
  const runs: [number, number][] = [];
  for (const i of idx) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const fitting = idx.map((i) => versions[i] as string);
  const preferredVersion = chartDescriptor(preferred).version;
  const chosen = fitting.includes(preferredVersion) ? preferredVersion : (fitting[fitting.length - 1] as string);
  return {
    chart: findChart(name, chosen) as ChartId,
    versions: fitting,
    range: runs.map(([a, b]) => rangeText(versions, a, b)).join(" or "),
    unknownKeys: best,
  };
}
