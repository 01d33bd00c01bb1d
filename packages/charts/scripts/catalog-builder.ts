/**
 * Builds the key catalogs in `data/` and `src/catalog.gen.ts` from the upstream chart files in
 * `../shared/reference/charts/` (values.yaml, values-references.txt, Chart.yaml). Used by
 * `scripts/generate-catalog.ts` (writes the files) and by `src/catalog.test.ts` (drift check, in memory).
 *
 * A key counts as read by a chart when values.yaml sets it, when a template references it
 * (values-references.txt, plus `.Values.*` inside tpl strings of values.yaml such as tempo-distributed's `config:`),
 * or when values.yaml documents it in a single-`#` comment (`# adminPassword: strongpassword`).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { CatalogFile, CatalogNode, NodeType } from "../src/catalog-format.js";
import { CHART_DESCRIPTORS, type ChartDescriptor } from "../src/descriptors.js";

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
 * Names of maps the charts pass through whole (Kubernetes objects, label/annotation maps, raw Tempo config).
 * A node with one of these names is free-form: anything under it is the chart's business no more.
 */
export const FREE_FORM_NAMES: ReadonlySet<string> = new Set([
  "resources",
  "nodeSelector",
  "affinity",
  "tolerations",
  "topologySpreadConstraints",
  "podAnnotations",
  "podLabels",
  "annotations",
  "labels",
  "commonLabels",
  "extraLabels",
  "extraEnv",
  "extraEnvFrom",
  "env",
  "envFrom",
  "extraArgs",
  "extraVolumes",
  "extraVolumeMounts",
  "extraContainers",
  "initContainers",
  "securityContext",
  "podSecurityContext",
  "containerSecurityContext",
  "livenessProbe",
  "readinessProbe",
  "startupProbe",
  "structuredConfig",
  "overrides",
  "per_tenant_overrides",
  "receiverConfig",
  "strategy",
  "updateStrategy",
  "deploymentStrategy",
  "hostAliases",
  "dnsConfig",
  "lifecycle",
  "selector",
  "matchLabels",
  "nodeAffinity",
  "podAffinity",
  "podAntiAffinity",
  "serviceAnnotations",
  "ingressAnnotations",
  "grafana.ini",
]);

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

/** Mutable node used while building. */
interface BuildNode {
  type: NodeType;
  source: "values" | "template" | "comment";
  value?: unknown;
  children?: Map<string, BuildNode>;
  /** A template references exactly this path. */
  exactRef?: boolean;
  /** A template references a path below this one. */
  deepRef?: boolean;
}

function typeOf(v: unknown): NodeType {
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

function fromValue(v: unknown): BuildNode {
  const type = typeOf(v);
  const n: BuildNode = { type, source: "values", value: v };
  if (type === "object") {
    n.children = new Map();
    for (const [k, c] of Object.entries(v as Record<string, unknown>)) n.children.set(k, fromValue(c));
  }
  return n;
}

function child(n: BuildNode, key: string, source: BuildNode["source"]): BuildNode {
  n.children ??= new Map();
  let c = n.children.get(key);
  if (c === undefined) {
    c = { type: "any", source };
    n.children.set(key, c);
  }
  return c;
}

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

function exampleType(valueText: string): { type: NodeType; value?: unknown } {
  if (valueText === "") return { type: "any" };
  try {
    const v: unknown = parse(valueText, { version: "1.1" });
    if (typeof v === "string" && /{{/.test(v)) return { type: "string" };
    return { type: typeOf(v) };
  } catch {
    return { type: "any" };
  }
}

function decideFreeForm(name: string, n: BuildNode): boolean {
  if (n.type === "array") return false; // items are free-form; the node itself is a leaf
  const objectish = n.type === "object" || n.type === "null" || n.type === "any";
  if (objectish && FREE_FORM_NAMES.has(name)) return true;
  if (n.source === "values" && n.type === "object") {
    const values = n.value as Record<string, unknown>;
    const empty = Object.keys(values).length === 0;
    // A default of `{}`: a map the chart passes through, unless templates read named keys under it only.
    if (empty) return !(n.deepRef === true && n.exactRef !== true);
    // The whole map is referenced and nothing below it: passed through whole (toYaml / tpl).
    if (n.exactRef === true && n.deepRef !== true) return true;
  }
  // A comment's example content, or a template-read node that only comments detail: not a schema.
  if (n.source !== "values" && n.children !== undefined && n.children.size > 0 && n.deepRef !== true) return true;
  return false;
}

function toCatalogNode(name: string, n: BuildNode): CatalogNode {
  const out: CatalogNode = { t: n.type };
  if (n.source === "template") out.s = "t";
  if (n.source === "comment") out.s = "c";
  if (decideFreeForm(name, n)) {
    out.f = 1;
    if (n.source === "values" && n.value !== undefined) out.d = n.value;
    return out;
  }
  if (n.source === "values" && n.type !== "object" && n.value !== undefined) out.d = n.value;
  if (n.children !== undefined && n.children.size > 0) {
    const c: Record<string, CatalogNode> = {};
    for (const k of [...n.children.keys()].sort()) c[k] = toCatalogNode(k, n.children.get(k) as BuildNode);
    out.c = c;
  }
  return out;
}

/** Builds the catalog of one chart from the text of its reference files. */
export function buildCatalog(
  id: string,
  files: { readonly chartYaml: string; readonly valuesYaml: string; readonly references: string },
): CatalogFile {
  const values: unknown = parse(files.valuesYaml, { version: "1.1", merge: true, maxAliasCount: -1 }) ?? {};
  const root = fromValue(values);
  const refs = new Set([...parseReferences(files.references), ...tplReferences(values)]);
  for (const ref of [...refs].sort()) {
    let n = root;
    for (const seg of ref.split(".")) {
      n.deepRef = true;
      n = child(n, seg, "template");
    }
    n.exactRef = true;
  }
  for (const ck of commentedKeys(files.valuesYaml)) {
    let n = root;
    for (const seg of ck.path) {
      const existing = n.children?.get(seg);
      if (existing !== undefined) {
        n = existing;
        continue;
      }
      n = child(n, seg, "comment");
      const ex = ck.list ? { type: "array" as const } : exampleType(ck.valueText);
      n.type = seg === ck.path[ck.path.length - 1] ? ex.type : "object";
    }
  }
  // Nodes that gained children from references or comments are objects.
  const fix = (n: BuildNode): void => {
    if (n.children === undefined) return;
    if (n.children.size > 0 && n.source !== "values" && (n.type === "any" || n.type === "null")) n.type = "object";
    for (const c of n.children.values()) fix(c);
  };
  fix(root);
  return { id, root: toCatalogNode("", root) };
}

/**
 * What the descriptor row of a chart says that its Chart.yaml contradicts (`name`, `version`, `appVersion`,
 * `kubeVersion`), as sentences; empty when they agree.
 */
export function descriptorMismatches(id: string, chartYaml: string): string[] {
  const d = CHART_DESCRIPTORS.find((x) => x.id === id) as ChartDescriptor | undefined;
  if (d === undefined) return [`${id} has no descriptor row`];
  const chart = parse(chartYaml) as Record<string, unknown>;
  const out: string[] = [];
  const field = (key: "name" | "version" | "appVersion" | "kubeVersion") => {
    const source = chart[key] === undefined ? undefined : String(chart[key]);
    if (source !== d[key])
      out.push(
        `${id}: the descriptor's ${key} is ${JSON.stringify(d[key])}, Chart.yaml says ${JSON.stringify(source)}`,
      );
  };
  field("name");
  field("version");
  field("appVersion");
  field("kubeVersion");
  return out;
}

/** Reads `<referenceDir>/<folder>/…` for every supported chart and builds all catalogs. */
export function buildAllCatalogs(referenceDir: string): CatalogFile[] {
  return chartSources(referenceDir).map((s) => {
    const dir = path.join(referenceDir, s.folder);
    return buildCatalog(s.id, {
      chartYaml: readFileSync(path.join(dir, "Chart.yaml"), "utf8"),
      valuesYaml: readFileSync(path.join(dir, "values.yaml"), "utf8"),
      references: readFileSync(path.join(dir, "values-references.txt"), "utf8"),
    });
  });
}

/** The committed files derived from the catalogs: `data/<id>.json` and `src/catalog.gen.ts` (relative to the package). */
export function renderCatalogFiles(catalogs: readonly CatalogFile[]): Map<string, string> {
  const files = new Map<string, string>();
  const lines = [
    "// Generated by scripts/generate-catalog.ts from ../shared/reference/charts. DO NOT EDIT.",
    "// Regenerate with `pnpm --filter @lgtm-gitops/charts generate`; src/catalog.test.ts fails on drift.",
    "// One JSON document per chart (same as data/<chart>@<version>.json), parsed lazily on first use.",
    "",
    "/** Catalog JSON text per chart id. */",
    "export const CATALOG_JSON: Readonly<Record<string, string>> = {",
  ];
  for (const c of catalogs) {
    const json = JSON.stringify(c);
    files.set(`data/${c.id}.json`, `${json}\n`);
    lines.push(`  ${JSON.stringify(c.id)}:`, `    ${jsStringLiteral(json)},`);
  }
  lines.push("};", "");
  files.set("src/catalog.gen.ts", lines.join("\n"));
  return files;
}

/** A JS string literal quoted the way Biome formats it: the quote needing fewer escapes, double on a tie. */
export function jsStringLiteral(text: string): string {
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  if (doubles <= singles) return JSON.stringify(text);
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/** `../shared/reference/charts` resolved from the repository root (the package is at `packages/charts`). */
export function defaultReferenceDir(packageDir: string): string {
  const repoRoot = path.resolve(packageDir, "../..");
  return path.resolve(repoRoot, "../shared/reference/charts");
}
