import { deepEqual, getPath, hasPath, isRecord } from "@lgtm-gitops/diagnostics";
import { defaultValue } from "./catalog.js";
import type { ChartId } from "./chart-id.js";
import { mergeValues } from "./helm-values.js";

type Segment = string | number;

/**
 * The value the chart sees at `path` when installed with `values`: the document's own value laid over the chart
 * default with Helm's merge ({@link mergeValues}: a map set partially keeps the default's other keys, a `null` deletes),
 * or the default when the document does not set it.
 *
 * @example effectiveValue("tempo-distributed@1.61.3", { ingester: { replicas: 1 } }, ["ingester"]) // { replicas: 1, config: { replication_factor: 3 }, … }
 */
export function effectiveValue(chart: ChartId, values: unknown, path: readonly Segment[]): unknown {
  const own = hasPath(values, path) ? getPath(values, path) : undefined;
  if (own === undefined) return defaultValue(chart, path);
  // A null deletes the key (Helm): the templates see nothing there.
  if (own === null) return undefined;
  return isRecord(own) ? mergeValues(defaultValue(chart, path), own) : own;
}

/** A value of a chart's values that overrides change: see {@link overriddenValues}. */
export interface OverriddenValue {
  /** The path of the value in `base` (a scalar, a list or an empty map of it). */
  readonly path: readonly Segment[];
  /** What the chart sees there with `base` alone. */
  readonly before: unknown;
  /** What it sees with the overrides merged over `base` (the chart default where a `null` deleted the value). */
  readonly after: unknown;
}

/**
 * The values of `base` that `overrides` change when Helm merges them over it ({@link mergeValues}): every leaf of
 * `base` (a scalar, a list, an empty map) whose effective value ({@link effectiveValue}) differs, with both values. An
 * override that equals what `base` has, or only adds keys, changes nothing. `[]` when `overrides` is absent.
 *
 * @example overriddenValues("tempo-distributed@1.61.3", { ingester: { replicas: 3 } }, { ingester: { replicas: 5 } })
 * // [{ path: ["ingester", "replicas"], before: 3, after: 5 }]
 */
export function overriddenValues(chart: ChartId, base: unknown, overrides: unknown): OverriddenValue[] {
  if (overrides === undefined) return [];
  const merged = mergeValues(base, overrides);
  const out: OverriddenValue[] = [];
  const walk = (v: unknown, path: Segment[]): void => {
    if (isRecord(v) && Object.keys(v).length > 0) {
      for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
      return;
    }
    const before = effectiveValue(chart, base, path);
    const after = effectiveValue(chart, merged, path);
    if (!deepEqual(before, after)) out.push({ path, before, after });
  };
  walk(base, []);
  return out;
}
