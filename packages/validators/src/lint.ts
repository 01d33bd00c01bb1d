import {
  type ChartId,
  type Distribution,
  defaultValue,
  distributionForResolver,
  EXAMPLE_CHART,
  preferredChart,
} from "@lgtm-gitops/charts";
import type { DatasourceSet } from "@lgtm-gitops/datasources";
import { type Diagnostic, deepEqual, formatPath, getPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { rules } from "./catalogue.js";
import { detectChart } from "./detect-chart.js";
import {
  compareDiagnostics,
  type DistributionInfo,
  type DocumentOrigin,
  type LintedDocument,
  type RuleContext,
} from "./engine.js";
import { leaves } from "./values.js";
import { emptyPositions, type PositionIndex, parseSource } from "./yaml-source.js";

/** A file to lint: its name (as it should appear in diagnostics) and its raw YAML or JSON text. */
export interface LintInput {
  readonly file: string;
  readonly text: string;
}

/**
 * A values document already parsed (the bundler passes the values objects it built, without text).
 * With `text`, positions are computed from it; with `positions`, those are used as they are.
 */
export interface ValuesDocument {
  readonly file: string;
  readonly chart: ChartId;
  readonly values: unknown;
  /** The YAML text the values came from, to give diagnostics a line and column. */
  readonly text?: string;
  /** Known positions of the values (takes precedence over `text`). */
  readonly positions?: PositionIndex;
  /**
   * Where the values were written when compiled from another file (a cluster definition): findings are reported
   * there, and messages name the paths of that file. @default none (findings are on the document itself)
   */
  readonly origin?: DocumentOrigin;
}

/** Options shared by {@link lintDocuments} and {@link validateDocuments}. */
export interface LintOptions {
  /**
   * The chart every document is for; when absent, each file's chart is detected from its content.
   * @default detected per file
   */
  readonly chart?: ChartId;
  /**
   * The cluster's Kubernetes distribution (from the cluster definition or `--distribution`). When
   * absent it is inferred from a DNS resolver already set in any document.
   * @default inferred, else unknown
   */
  readonly distribution?: Distribution;
}

/** How the chart of a linted file was chosen. */
export interface DetectedDocument {
  readonly file: string;
  readonly chart: ChartId;
  /** `option` when `--chart` was given, `content` when detected from the file. */
  readonly detectedBy: "option" | "content";
  /** Why this chart: the option, or the keys that decided the detection. */
  readonly reason: string;
  /** For a detected chart, the versions that fit the file best (`≥1.33 <1.40`, `any version`). */
  readonly versions?: string;
}

/** What {@link lintDocuments} returns. */
export interface LintResult {
  /** Every finding, syntax first, sorted by file, line and column. */
  readonly diagnostics: Diagnostic[];
  /** The chart chosen for each file that could be read (files whose chart is unknown are left out and reported). */
  readonly documents: DetectedDocument[];
}

/** True when every value the document sets equals its chart's default (e.g. the chart's own values.yaml). */
function isStock(chart: ChartId, values: unknown): boolean {
  if (!isRecord(values)) return true;
  try {
    return leaves(values).every((l) => deepEqual(l.value, defaultValue(chart, l.path)) || isEmptyContainer(l.value));
  } catch {
    return false;
  }
}

const isEmptyContainer = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0) || v === null;

/** Where a resolver could have been set, per chart; used to infer the distribution. */
const RESOLVER_PATHS: readonly PathSegments[] = [
  ["global", "dnsService"],
  ["gateway", "nginxConfig", "resolver"],
  ["tempo", "gateway", "nginxConfig", "resolver"],
  ["loki", "gateway", "nginxConfig", "resolver"],
  ["mimir", "nginx", "nginxConfig", "resolver"],
  ["tempo", "global", "dnsService"],
  ["loki", "global", "dnsService"],
  ["mimir", "global", "dnsService"],
];

function inferDistribution(
  docs: readonly LintedDocument[],
  given: Distribution | undefined,
): DistributionInfo | undefined {
  if (given) return { name: given, source: "option" };
  for (const doc of docs) {
    for (const p of RESOLVER_PATHS) {
      const v = getPath(doc.values, p);
      if (typeof v !== "string" || v.trim() === "") continue;
      const d = distributionForResolver(v);
      if (!d) continue;
      const pos = doc.positions.exact(p);
      return {
        name: d,
        source: "inferred",
        evidence: `\`${formatPath(p)}: ${v.trim()}\` in ${doc.file}${pos ? `:${pos.line}` : ""}`,
        evidenceDoc: doc,
        evidencePath: p,
      };
    }
  }
  return undefined;
}

function runRules(docs: readonly LintedDocument[], options: LintOptions): Diagnostic[] {
  const ctx: RuleContext = { documents: docs, distribution: inferDistribution(docs, options.distribution) };
  const stock = new Map(docs.map((d) => [d.file, d.stock]));
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    let found: Diagnostic[];
    try {
      found = rule.run(ctx);
    } catch (e) {
      // A rule that crashes must not let a lint pass: report it as the catalogued internal error.
      found = [
        {
          ruleId: "lint/internal",
          severity: "error",
          path: [],
          message: `rule ${rule.id} could not run on these documents (${e instanceof Error ? e.message : String(e)}); this is a bug in lgtm-gitops, please report it with the input`,
          fix: `Re-run with the rule's input reduced to the smallest document that still fails, and report it; meanwhile review the settings ${rule.id} checks by hand (lgtm-gitops explain ${rule.id}).`,
        },
      ];
    }
    for (const d of found) {
      if (d.file !== undefined && stock.get(d.file) === true && d.severity !== "info") {
        out.push({
          ...d,
          severity: "info",
          message: `${d.message} (This is the chart's own default behaviour: the document changes nothing here.)`,
        });
      } else out.push(d);
    }
  }
  return dedupe(out).sort(compareDiagnostics);
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const k = `${d.ruleId}\u0000${d.file ?? ""}\u0000${formatPath(d.path)}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Lints YAML/JSON values files as they are: parses each (syntax errors, duplicate keys, tabs and alias
 * bombs become `yaml/syntax` diagnostics with line and column), chooses each file's chart (`options.chart`,
 * else detected from its content), then runs every rule over all documents together, so cross-file
 * problems (a Grafana datasource in one file, Tempo in another) are found. Never throws.
 *
 * Lines and columns are 1-based; columns count Unicode code points (a CJK character is one column).
 *
 * @example
 * const { diagnostics } = lintDocuments([{ file: "values.yaml", text: "tempo:\n  query_frontend: {}\n" }]);
 */
export function lintDocuments(inputs: readonly LintInput[], options: LintOptions = {}): LintResult {
  const syntax: Diagnostic[] = [];
  const docs: LintedDocument[] = [];
  const detected: DetectedDocument[] = [];
  for (const input of inputs) {
    const file = typeof input?.file === "string" ? input.file : "<input>";
    if (typeof input?.text !== "string") {
      syntax.push({ ruleId: "yaml/syntax", severity: "error", path: [], message: "the input is not text", file });
      continue;
    }
    const parsed = parseSource(file, input.text);
    syntax.push(...parsed.diagnostics);
    if (parsed.values === undefined) continue;
    let chart: ChartId;
    let detectedBy: "option" | "content";
    let reason: string;
    let versions: string | undefined;
    if (options.chart) {
      chart = options.chart;
      detectedBy = "option";
      reason = `--chart ${options.chart}`;
    } else {
      const d = detectChart(parsed.values);
      if (!d) {
        if (parsed.values !== null && !(isRecord(parsed.values) && Object.keys(parsed.values).length === 0)) {
          syntax.push({
            ruleId: "lint/unknown-chart",
            severity: "warning",
            path: [],
            message: "cannot tell which chart this file is for, so no chart rule ran on it",
            fix: `Pass --chart NAME@VERSION (e.g. --chart ${EXAMPLE_CHART}).`,
            file,
            line: 1,
            column: 1,
          });
        }
        continue;
      }
      chart = d.chart;
      detectedBy = "content";
      reason = d.reason;
      versions = d.versions;
    }
    detected.push({ file, chart, detectedBy, reason, ...(versions !== undefined ? { versions } : {}) });
    docs.push({
      file,
      chart,
      values: parsed.values,
      positions: parsed.positions,
      stock: isStock(chart, parsed.values),
      name: formatPath,
    });
  }
  let diagnostics: Diagnostic[];
  try {
    diagnostics = runRules(docs, options);
  } catch (e) {
    diagnostics = [
      {
        ruleId: "lint/internal",
        severity: "error",
        path: [],
        message: `the linter failed: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  return { diagnostics: [...syntax.sort(compareDiagnostics), ...diagnostics], documents: detected };
}

/** Options of {@link validateDocuments}. */
export interface ValidateOptions extends LintOptions {
  /**
   * Datasources provisioned outside the documents (a provisioning file or GrafanaDatasource CRs the bundler
   * emits): they are checked as one more Grafana, and Tempo wiring rules see them. Do not pass a set whose
   * entries are already in a document (kube-prometheus-stack or grafana chart values), or they count twice.
   * @default none
   */
  readonly datasourceSet?: DatasourceSet;
  /**
   * The file name reported for `datasourceSet` findings.
   * @default "<datasources>"
   */
  readonly datasourceFile?: string;
}

/**
 * Runs every rule on values documents the caller already holds (the bundler's generated values). The
 * same rules as {@link lintDocuments}; positions come from `positions` or `text` when given. Never throws.
 */
export function validateDocuments(documents: readonly ValuesDocument[], options: ValidateOptions = {}): Diagnostic[] {
  const docs: LintedDocument[] = [];
  const out: Diagnostic[] = [];
  const all: ValuesDocument[] = [...documents];
  if (options.datasourceSet) {
    try {
      all.push({
        file: options.datasourceFile ?? "<datasources>",
        // A provisioning file is read the way the grafana chart provisions one.
        chart: preferredChart("grafana") as ChartId,
        values: {
          datasources: { "datasources.yaml": { apiVersion: 1, datasources: options.datasourceSet.entries() } },
        },
      });
    } catch (e) {
      out.push({
        ruleId: "lint/internal",
        severity: "error",
        path: [],
        message: `the datasource set could not be read: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  for (const d of all) {
    let positions: PositionIndex = d.positions ?? emptyPositions;
    if (!d.positions && typeof d.text === "string") {
      const parsed = parseSource(d.file, d.text);
      positions = parsed.positions;
    }
    const chart = d === all[all.length - 1] && options.datasourceSet ? d.chart : (options.chart ?? d.chart);
    const origin = d.origin;
    docs.push({
      file: d.file,
      chart,
      values: d.values,
      positions,
      stock: false,
      ...(origin ? { origin } : {}),
      name: origin ? (p) => formatPath(origin.path(p)) : formatPath,
    });
  }
  try {
    out.push(...runRules(docs, options));
  } catch (e) {
    out.push({
      ruleId: "lint/internal",
      severity: "error",
      path: [],
      message: `the validator failed: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  return out;
}
