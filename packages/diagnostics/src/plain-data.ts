/** True for a plain object (a YAML mapping, a JSON object), not an array or null. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Sets an own, enumerable property, even one named `__proto__` (plain assignment would change the prototype). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value at `path` of `root` (own properties only; list indexes step into arrays), or `undefined`. */
export function getPath(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isRecord(cur) || !Object.hasOwn(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** Whether `path` exists in `root` (a key present with any value, even `null`). */
export function hasPath(root: unknown, path: readonly (string | number)[]): boolean {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!Array.isArray(cur) || seg >= cur.length) return false;
      cur = cur[seg];
    } else {
      if (!isRecord(cur) || !Object.hasOwn(cur, seg)) return false;
      cur = cur[seg];
    }
  }
  return true;
}

/** Structural equality of plain data (YAML/JSON values): same scalars, same lists in order, same keys with equal values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
