/** A plain object (not null, not an array). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Sets an own, enumerable property, even one named `__proto__` (plain assignment would change the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep merge as Helm merges values and the chart merges `structuredConfig`: maps merge key by key, everything
 * else (lists, scalars) in `over` replaces `base`. `undefined` in `over` leaves `base` alone. Neither input is changed.
 * `replaceWhole` names keys whose maps replace instead of merging (at any depth).
 */
export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  replaceWhole: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = Object.hasOwn(out, k) ? out[k] : undefined;
    setOwn(out, k, !replaceWhole.has(k) && isPlainObject(v) && isPlainObject(b) ? deepMerge(b, v, replaceWhole) : v);
  }
  return out;
}
