/**
 * Keys a values.yaml documents only in single-`#` comments (`# adminPassword: strongpassword`, a commented-out
 * block under a key). The charts read such keys (a template passes the map through, or reads the key when it
 * is set), so a catalog that did not know them would call a documented key unknown.
 *
 * Ported from the one-version catalog builder (`commentedKeys`, `exampleType`), which is gone: this is the only
 * copy. Same rule, same results (comment-keys.test.ts carries the original tests).
 */
import { parse } from "yaml";
import { type NodeType, typeOf } from "./version-catalog.js";

/** Keys that single-`#` prose comments use like YAML keys; never taken as documented keys. */
const PROSE_KEYS = new Set([
  "ref",
  "refs",
  "see",
  "note",
  "notes",
  "example",
  "examples",
  "e.g",
  "eg",
  "i.e",
  "ie",
  "default",
  "deprecated",
  "warning",
  "todo",
  "fixme",
  "scope",
  "http",
  "https",
  "more",
  "info",
  "docs",
  "also",
  "usage",
  "important",
  "caution",
  "values",
  "format",
]);

/** A key documented in a comment, e.g. `# adminPassword: strongpassword` → `{ path: ["adminPassword"], value: "strongpassword" }`. */
export interface CommentedKey {
  readonly path: readonly string[];
  /** The example value as written after the colon ("" when none). */
  readonly valueText: string;
  /** Commented list items (`# - x`) follow it. */
  readonly list: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"\-[{][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;

function unquote(k: string): string {
  if (k.startsWith('"')) return JSON.parse(k) as string;
  if (k.startsWith("'")) return k.slice(1, -1);
  return k;
}

/**
 * Finds keys documented in single-`#` comments of a values.yaml, placing each under the real or commented key
 * it is indented under. A comment's indentation is the column of its key minus two (`# key:` written where
 * `key:` would be). Block scalars (`config: |`) are skipped; `##` comments and prose (`# ref: https://…`,
 * unquoted multi-word values) are ignored.
 */
export function commentedKeys(text: string): CommentedKey[] {
  const lines = text.split("\n");
  const real: { indent: number; key: string | null }[] = []; // key null = list item
  // Commented keys of the current comment block; path null = inside a commented list item (skipped).
  let comments: { indent: number; path: string[] | null; index: number }[] = [];
  const found: { path: string[]; valueText: string; list: boolean }[] = [];
  let blockIndent = -1; // skipping a block scalar whose key is at this indent
  // The last real key, when its value is `{}` and only comments follow it:
  // a comment block right below is an example of its content, even when written at the key's own column.
  let placeholder: { indent: number; path: string[] } | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") {
      placeholder = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    const body = line.trimStart();
    if (body.startsWith("#")) {
      if (body.startsWith("##") || body.startsWith("#!")) continue;
      const after = body.slice(1);
      const spaces = after.length - after.trimStart().length;
      const text2 = after.trimStart();
      if (text2.startsWith("--")) continue; // helm-docs description
      const eff = indent + Math.max(0, spaces - 1);
      while (comments.length > 0 && (comments[comments.length - 1]?.indent ?? 0) >= eff) comments.pop();
      const top = comments[comments.length - 1];
      if (text2.startsWith("- ") || text2 === "-") {
        if (top?.path !== null && top !== undefined) {
          const f = found[top.index];
          if (f !== undefined) f.list = true;
        }
        comments.push({ indent: eff, path: null, index: -1 });
        continue;
      }
      const m = KEY_RE.exec(text2);
      if (m === null) continue;
      const key = unquote(m[1] ?? "");
      const valueText = (m[2] ?? "").replace(/\s+#.*$/, "").trim();
      if (!/^[a-z_][A-Za-z0-9_.\-/]*$/.test(key) || PROSE_KEYS.has(key.toLowerCase())) continue;
      if (valueText.startsWith("//")) continue; // a URL
      if (!/^["'[{|>]/.test(valueText) && valueText.split(/\s+/).length >= 4) continue; // prose
      if (top !== undefined && top.path === null) {
        comments.push({ indent: eff, path: null, index: -1 }); // a key of a commented list item
        continue;
      }
      let parent: string[];
      if (top !== undefined && top.path !== null) parent = top.path;
      else if (
        placeholder !== undefined &&
        (eff > placeholder.indent ||
          (eff === placeholder.indent && key !== placeholder.path[placeholder.path.length - 1]))
      )
        parent = placeholder.path;
      else {
        const stack = real.filter((r) => r.indent < eff);
        if (stack.some((r) => r.key === null)) continue; // inside a list item: free-form anyway
        parent = stack.map((r) => r.key as string);
      }
      const p = [...parent, key];
      found.push({ path: p, valueText, list: false });
      comments.push({ indent: eff, path: p, index: found.length - 1 });
      continue;
    }
    // A real line: comment context ends.
    comments = [];
    placeholder = undefined;
    let rest = body;
    let ind = indent;
    while (rest.startsWith("- ") || rest === "-") {
      while (real.length > 0 && (real[real.length - 1]?.indent ?? 0) >= ind) real.pop();
      real.push({ indent: ind, key: null });
      const r2 = rest.slice(1);
      const sp = r2.length - r2.trimStart().length;
      ind += 1 + sp;
      rest = r2.trimStart();
    }
    const m = KEY_RE.exec(rest);
    if (m === null) continue; // continuation of a multi-line scalar or flow collection
    while (real.length > 0 && (real[real.length - 1]?.indent ?? 0) >= ind) real.pop();
    real.push({ indent: ind, key: unquote(m[1] ?? "") });
    const value = (m[2] ?? "").replace(/\s+#.*$/, "").trim();
    if (/^[|>][-+0-9]*$/.test(value)) blockIndent = ind;
    if (value === "{}" && !real.some((r) => r.key === null))
      placeholder = { indent: ind, path: real.map((r) => r.key as string) };
  }
  return found;
}

/** The type of a commented example value (`# port: 8080` → number); `any` when there is none. */
export function exampleType(valueText: string): { type: NodeType; value?: unknown } {
  if (valueText === "") return { type: "any" };
  try {
    const v: unknown = parse(valueText, { version: "1.1" });
    if (typeof v === "string" && /{{/.test(v)) return { type: "string" };
    return { type: typeOf(v) };
  } catch {
    return { type: "any" };
  }
}
