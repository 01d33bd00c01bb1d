/**
 * Builds the key catalogs (`src/catalog.gen.ts`) from the source facts of each chart version (`sources/<id>.json`,
 * extracted from the chart's files by `chart-facts.ts`). Used by `scripts/codegen.ts`.
 *
 * A key counts as read by a chart when values.yaml sets it, when a template references it (values-references.txt,
 * plus `.Values.*` inside tpl strings of values.yaml such as tempo-distributed's `config:`), or when values.yaml
 * documents it in a single-`#` comment (`# adminPassword: strongpassword`).
 */
import type { CatalogFile, CatalogNode, NodeType } from "../src/catalog-format.js";
import { CHART_DESCRIPTORS, type ChartDescriptor } from "../src/descriptors.js";
import type { ChartFacts } from "./chart-facts.js";

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

/** The catalog type of a value. */
export function typeOf(v: unknown): NodeType {
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

/** Builds the catalog of one chart from its extracted source facts (`sources/<id>.json`). */
export function buildCatalog(facts: ChartFacts): CatalogFile {
  const root = fromValue(facts.values);
  for (const ref of facts.references) {
    let n = root;
    for (const seg of ref.split(".")) {
      n.deepRef = true;
      n = child(n, seg, "template");
    }
    n.exactRef = true;
  }
  for (const ck of facts.commented) {
    let n = root;
    for (const seg of ck.path) {
      const existing = n.children?.get(seg);
      if (existing !== undefined) {
        n = existing;
        continue;
      }
      n = child(n, seg, "comment");
      n.type = seg === ck.path[ck.path.length - 1] ? ck.type : "object";
    }
  }
  // Nodes that gained children from references or comments are objects.
  const fix = (n: BuildNode): void => {
    if (n.children === undefined) return;
    if (n.children.size > 0 && n.source !== "values" && (n.type === "any" || n.type === "null")) n.type = "object";
    for (const c of n.children.values()) fix(c);
  };
  fix(root);
  return { id: facts.id, root: toCatalogNode("", root) };
}

/**
 * What the descriptor row of a chart says that its Chart.yaml (as recorded in its source facts) contradicts (`name`,
 * `version`, `appVersion`, `kubeVersion`), as sentences; empty when they agree.
 */
export function descriptorMismatches(facts: ChartFacts): string[] {
  const d = CHART_DESCRIPTORS.find((x) => x.id === facts.id) as ChartDescriptor | undefined;
  if (d === undefined) return [`${facts.id} has no descriptor row`];
  const out: string[] = [];
  for (const key of ["name", "version", "appVersion", "kubeVersion"] as const)
    if (facts.chart[key] !== d[key])
      out.push(
        `${facts.id}: the descriptor's ${key} is ${JSON.stringify(d[key])}, Chart.yaml says ${JSON.stringify(facts.chart[key])}`,
      );
  return out;
}

/** `src/catalog.gen.ts`: every catalog as JSON text, parsed lazily per chart on first use. */
export function renderCatalogModule(catalogs: readonly CatalogFile[]): string {
  const lines = [
    "// Generated by packages/charts/scripts/codegen.ts from packages/charts/sources/*.json. DO NOT EDIT.",
    "// Regenerate with `pnpm codegen` (`pnpm codegen --check` fails on drift).",
    "// One JSON document per chart version, parsed lazily on first use.",
    "",
    "/** Catalog JSON text per chart id. */",
    "export const CATALOG_JSON: Readonly<Record<string, string>> = {",
  ];
  for (const c of catalogs) lines.push(`  ${JSON.stringify(c.id)}:`, `    ${jsStringLiteral(JSON.stringify(c))},`);
  lines.push("};", "");
  return lines.join("\n");
}

/** A JS string literal quoted the way Biome formats it: the quote needing fewer escapes, double on a tie. */
export function jsStringLiteral(text: string): string {
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  if (doubles <= singles) return JSON.stringify(text);
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}
