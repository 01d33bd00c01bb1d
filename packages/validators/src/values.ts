import { isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";

/** Every leaf (non-empty-container-free value) under `root`, with its path; empty maps and lists count as leaves. */
export function leaves(root: unknown, base: PathSegments = [], depth = 0): { path: PathSegments; value: unknown }[] {
  if (depth > 100) return [{ path: base, value: root }];
  if (isRecord(root)) {
    const keys = Object.keys(root);
    if (keys.length === 0) return [{ path: base, value: root }];
    return keys.flatMap((k) => leaves(root[k], [...base, k], depth + 1));
  }
  if (Array.isArray(root)) {
    if (root.length === 0) return [{ path: base, value: root }];
    return root.flatMap((v, i) => leaves(v, [...base, i], depth + 1));
  }
  return [{ path: base, value: root }];
}

/** A string value, or `undefined`. */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A number (or numeric string), or `undefined`. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A boolean (YAML `true`/`false`, or the strings `"true"`/`"false"`), or `undefined`. */
export function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** True for strings holding a Helm/Go template (`{{ … }}`), whose value is only known at render time. */
export function isTemplated(v: unknown): boolean {
  return typeof v === "string" && v.includes("{{");
}
