import { isRecord, setOwn } from "@lgtm-gitops/diagnostics";

/**
 * Helm's merge of values, the one deep merge of lgtm-gitops: `over` laid on `base`, as Helm lays a values file over
 * the chart's defaults (and a parent chart's values over a subchart's). Maps merge key by key; anything else in
 * `over` (a list, a scalar) replaces what `base` has; a `null` in `over` deletes the key ("a null value removes the
 * key from the defaults"); `undefined` (no value at all) leaves `base` alone. Neither input is changed, and a key
 * named `__proto__` stays data.
 *
 * @example mergeValues({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] }) // { a: { c: 2, e: 3 }, d: [2] }
 */
export function mergeValues<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (!isRecord(base) || !isRecord(over)) return over as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) setOwn(out, k, v);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else setOwn(out, k, mergeValues(Object.hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out as T;
}
