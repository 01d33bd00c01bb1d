/**
 * The source facts of a chart version: what the catalog is built from, extracted once from the chart's own files
 * (Chart.yaml, values.yaml, values-references.txt — a chart-source checkout or `../shared/reference/charts`) and
 * committed as `sources/<id>.json`, so the catalog is regenerated (`pnpm codegen`) without the chart files. Extracting
 * them again is the explicit step `pnpm codegen --from-sources [dir]`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { NodeType } from "../src/catalog-format.js";
import { CHART_DESCRIPTORS } from "../src/descriptors.js";
import { typeOf } from "./catalog-builder.js";

/** `sources/<id>.json`: our own format, not a copy of the chart's files (comments and layout are gone). */
export interface ChartFacts {
  /** The descriptor id (`tempo-distributed@1.61.3`). */
  readonly id: string;
  /** What the chart's Chart.yaml says of itself (checked against the descriptor row). */
  readonly chart: {
    readonly name: string;
    readonly version: string;
    readonly appVersion?: string;
    readonly kubeVersion?: string;
  };
  /** The chart's defaults: values.yaml as data (YAML 1.1 with merge keys, as Helm reads it). */
  readonly values: unknown;
  /** The `.Values` paths its templates read (values-references.txt and tpl strings of values.yaml), sorted. */
  readonly references: readonly string[];
  /** Keys values.yaml documents only in single-`#` comments, with the type of their example value. */
  readonly commented: readonly { readonly path: readonly string[]; readonly type: NodeType }[];
}

/** Where the reference files of a chart version are: `<referenceDir>/<folder>/{Chart.yaml,values.yaml,values-references.txt}`. */
export interface ChartSource {
  readonly id: string;
  readonly folder: string;
}

/**
 * The reference folder of every descriptor row: `<id>/` (one folder per version) when present, else
 * `<name>@grafana-community/` for that repository's charts, else `<name>/`.
 */
export function chartSources(referenceDir: string): ChartSource[] {
  return CHART_DESCRIPTORS.map((d) => {
    const candidates = [
      d.id,
      ...(d.repoURL.includes("grafana-community") ? [`${d.name}@grafana-community`] : []),
      d.name,
    ];
    const folder = candidates.find((c) => existsSync(path.join(referenceDir, c, "Chart.yaml"))) ?? d.id;
    return { id: d.id, folder };
  });
}

/**
 * Extracts the facts of one chart version from its files' text. A Chart.yaml field that is absent is left out.
 */
export function extractChartFacts(
  id: string,
  files: { readonly chartYaml: string; readonly valuesYaml: string; readonly references: string },
): ChartFacts {
  const chart = parse(files.chartYaml) as Record<string, unknown>;
  const text = (key: string) => (chart[key] === undefined ? {} : { [key]: String(chart[key]) });
  const values: unknown = parse(files.valuesYaml, { version: "1.1", merge: true, maxAliasCount: -1 }) ?? {};
  return {
    id,
    chart: { name: String(chart.name), version: String(chart.version), ...text("appVersion"), ...text("kubeVersion") },
    values,
    references: [...new Set([...parseReferences(files.references), ...tplReferences(values)])].sort(),
    commented: commentedKeys(files.valuesYaml).map((ck) => ({
      path: ck.path,
      type: ck.list ? "array" : exampleType(ck.valueText),
    })),
  };
}

/** The facts of every descriptor row, read from `<referenceDir>/<folder>/`; a row without a folder is reported. */
export function extractAllChartFacts(referenceDir: string): { facts: ChartFacts[]; missing: string[] } {
  const facts: ChartFacts[] = [];
  const missing: string[] = [];
  for (const s of chartSources(referenceDir)) {
    const dir = path.join(referenceDir, s.folder);
    if (!existsSync(path.join(dir, "Chart.yaml"))) {
      missing.push(`${s.id}: no chart files (looked for ${path.join(dir, "Chart.yaml")})`);
      continue;
    }
    facts.push(
      extractChartFacts(s.id, {
        chartYaml: readFileSync(path.join(dir, "Chart.yaml"), "utf8"),
        valuesYaml: readFileSync(path.join(dir, "values.yaml"), "utf8"),
        references: readFileSync(path.join(dir, "values-references.txt"), "utf8"),
      }),
    );
  }
  return { facts, missing };
}

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

/** Every `.Values.a.b` path inside string values of values.yaml (tpl strings such as Tempo's `config:`). */
export function tplReferences(values: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof values === "string") {
    for (const m of values.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) out.add((m[1] ?? "").slice(1));
  } else if (Array.isArray(values)) {
    for (const v of values) tplReferences(v, out);
  } else if (values !== null && typeof values === "object") {
    for (const v of Object.values(values)) tplReferences(v, out);
  }
  return out;
}

/** The `.Values` paths listed in a values-references.txt (comment lines skipped). */
export function parseReferences(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

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

/** The type of a commented key's example value (`any` when there is none or it does not parse). */
function exampleType(valueText: string): NodeType {
  if (valueText === "") return "any";
  try {
    const v: unknown = parse(valueText, { version: "1.1" });
    if (typeof v === "string" && /{{/.test(v)) return "string";
    return typeOf(v);
  } catch {
    return "any";
  }
}
