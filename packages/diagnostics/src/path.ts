/** One step into a document: a map key, or a list index. */
export type PathSegment = string | number;

/** Where a value sits in its document, as segments: `["grafana", "additionalDataSources", 0, "uid"]`. */
export type PathSegments = readonly PathSegment[];

/** A key written bare in a dot path; anything else is quoted. */
const BARE_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats path segments as the dot path diagnostics show: `["a", "b", 0, "c"]` → `a.b[0].c`. Keys that are not plain
 * identifiers are quoted (`a["x.y"]`, `metadata.annotations["argocd.argoproj.io/sync-wave"]`), so
 * {@link parsePath} gives the segments back exactly. `[]` is `""` (the document itself).
 */
export function formatPath(segments: PathSegments): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (BARE_KEY.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** One token of a formatted path: `.key` / `key`, `[0]`, `["quoted key"]`. */
const TOKEN = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The segments of a dot path written by {@link formatPath}: `a.b[0]["x.y"]` → `["a", "b", 0, "x.y"]`.
 * `undefined` when the text is not such a path (it never throws).
 */
export function parsePath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let at = 0;
  while (at < path.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(path);
    if (m === null) return undefined;
    // A bare key needs its dot, except at the start.
    if (m[1] !== undefined && at > 0 && path[at] !== ".") return undefined;
    if (m[1] !== undefined && at === 0 && path[0] === ".") return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else {
      try {
        out.push(JSON.parse(m[3] as string) as string);
      } catch {
        return undefined;
      }
    }
    at = TOKEN.lastIndex;
  }
  return out;
}
