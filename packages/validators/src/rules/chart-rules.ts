import {
  CHART_DESCRIPTORS,
  type ChartId,
  chartDescriptor,
  chartRenames,
  chartVersions,
  effectiveValue,
  renameHint,
  resolveKey,
  tempoChartOf,
  tempoPrefix,
} from "@lgtm-gitops/charts";
import { type Diagnostic, type Edit, isRecord, type PathSegments, suggestKeys } from "@lgtm-gitops/diagnostics";
import { DEFAULT_TEMPO_VERSION, schemaNodeAt, tempoSchemaFor } from "@lgtm-gitops/tempo-config";
import { finding, type LintedDocument, type Rule } from "../engine.js";
import { installTempoVersion, tempoInstalls } from "../model.js";
import { type FoundRelocation, findRelocation, receiverSwitchEdits, receiverSwitchesFor } from "../relocations.js";
import { runsTempo3, tempo3ChartMove } from "./tempo3-rules.js";

function relative(chart: ChartId, path: PathSegments): PathSegments | undefined {
  const prefix = tempoPrefix(chart);
  if (!prefix) return undefined;
  if (prefix.length > 0 && path[0] !== prefix[0]) return undefined;
  return path.slice(prefix.length);
}

/** Leaves below a value, not descending into lists (a list is one setting). */
function mapLeaves(v: unknown, base: PathSegments, depth = 0): PathSegments[] {
  if (!isRecord(v) || Object.keys(v).length === 0 || depth > 50) return [base];
  return Object.entries(v).flatMap(([k, c]) => mapLeaves(c, [...base, k], depth + 1));
}

/** Whether the Tempo chart `tempo` reads this values path (a known key, or inside a free-form one). */
function chartReads(tempo: ChartId, to: string): boolean {
  try {
    return resolveKey(tempo, to.split(".")).kind !== "unknown";
  } catch {
    return false;
  }
}

/**
 * Relocation of `rel` itself or of its nearest ancestor at or below `floor` segments, with the rest
 * appended; when the chart does not read the target, the `structuredConfig` fallback is used.
 */
export function relocate(
  tempo: ChartId,
  rel: PathSegments,
  floor: number,
):
  | { to: string; toPath: readonly string[]; note?: string; manual?: string; values?: Readonly<Record<string, string>> }
  | undefined {
  for (let i = rel.length; i >= Math.max(floor, 1); i--) {
    const r = findRelocation(rel.slice(0, i));
    if (!r) continue;
    const rest = rel.slice(i).map(String);
    const to = [r.to, ...rest].join(".");
    const fallback = r.fallback ? [r.fallback, ...rest].join(".") : undefined;
    const useFallback = fallback !== undefined && !chartReads(tempo, to);
    const chosen = useFallback ? `${fallback}` : to;
    return {
      to: chosen,
      toPath: [...((useFallback ? r.fallbackPath : undefined) ?? r.toPath), ...rest],
      ...(r.manual && rest.length === 0 ? { manual: r.manual } : {}),
      ...(r.values && rest.length === 0 ? { values: r.values } : {}),
      ...(r.note
        ? { note: r.note }
        : fallback && chosen === fallback
          ? { note: "The chart does not render this Tempo setting itself, so it goes in structuredConfig." }
          : {}),
    };
  }
  return undefined;
}

const chartName = (c: ChartId) => c.replace("@", " ");

/** The value below `value` at `rest`. */
function leafValue(value: unknown, rest: PathSegments): unknown {
  let cur = value;
  for (const k of rest) cur = isRecord(cur) ? cur[String(k)] : undefined;
  return cur;
}

/**
 * The edits of a relocation: move `from` to `to`, rewriting a value spelled differently there (`filesystem` →
 * `local`); the reason instead when moving the value as it is would be wrong.
 */
function moveEdits(
  from: PathSegments,
  to: PathSegments,
  value: unknown,
  r: Pick<FoundRelocation, "manual" | "values">,
): Edit[] | string {
  if (r.manual) return r.manual;
  const edits: Edit[] = [{ op: "move", from, to }];
  if (typeof value === "string" && r.values && Object.hasOwn(r.values, value))
    edits.push({ op: "set", path: to, value: r.values[value] });
  return edits;
}

/** A rename of the catalogs, for the rule docs (`old` → `new` in the chart and version that renamed it). */
const RENAME_EXAMPLE = (() => {
  const r = chartRenames().find((x) => x.chart === "tempo-distributed") ?? chartRenames()[0];
  return r === undefined ? "none catalogued" : `\`${r.from}\` → \`${r.to}\` in ${r.chart} ${r.since}`;
})();

/** Every catalogued chart with its version range, for the rule docs (docs/rules.md is generated from them). */
const CATALOGUED = [...new Set(CHART_DESCRIPTORS.map((d) => d.name))]
  .map((n) => {
    const v = chartVersions(n);
    return `${n} ${v[0]} … ${v[v.length - 1]} (${v.length} versions)`;
  })
  .join(", ");

export const chartUnknownKey: Rule = {
  id: "chart/unknown-key",
  severity: "error",
  title: "A values key the chart does not read (Helm drops it silently)",
  docs: {
    checks:
      "Every key of a values document against the key catalog of its chart version (subchart blocks such as lgtm-distributed `tempo:` are checked against the subchart the release pulled in). Catalogued: " +
      CATALOGUED +
      "; packages/charts/README.md lists every version. Suggests the real key from the renames between chart versions derived from the catalogs (" +
      RENAME_EXAMPLE +
      ": the old name is ignored by later versions, the new one by earlier ones), from a table of known relocations (`tempo.tempo.retention_period` → `tempo.compactor.config.compaction.block_retention`, `query_frontend` → `queryFrontend`, `distributor.config.receivers` → `traces.*`, …) or by edit distance. Keys under a map the chart passes through whole (`toYaml .Values.x`: `loki.storageConfig`, `tempo.structuredConfig`, `resources`) are not reported.",
    why: "None of these charts ships a values schema: Helm accepts any key and the templates never read the unknown ones. The install goes green while the setting has no effect (retention stays 48h, no receiver port opens, the query-frontend keeps its defaults).",
    fix: "Move the value to the key the rule names. Keys inside free-form sections (`resources`, `tempo.structuredConfig`, `overrides`) are not checked here; Tempo's own strict parser rules cover what reaches Tempo.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const versions = new Map(tempoInstalls(ctx).map((i) => [i.doc, installTempoVersion(i)]));
    for (const doc of ctx.documents) walk(doc, doc.values, [], out, this, versions.get(doc));
    return out;
  },
};

/**
 * A `metricsGenerator.config` key that the Tempo version `doc` runs has in `metrics_generator` but the chart does not
 * render: reported once, with the structuredConfig fix, by `tempo/metrics-generator-config-ignored`.
 */
function droppedGeneratorKey(doc: LintedDocument, path: PathSegments, tempoVersion: string | undefined): boolean {
  const rel = relative(doc.chart, path);
  if (rel?.length !== 3 || rel[0] !== "metricsGenerator" || rel[1] !== "config") return false;
  const schema = tempoSchemaFor(tempoVersion ?? DEFAULT_TEMPO_VERSION);
  return schemaNodeAt(schema.config, ["metrics_generator", String(rel[2])]) !== undefined;
}

function walk(
  doc: LintedDocument,
  value: unknown,
  path: PathSegments,
  out: Diagnostic[],
  rule: Rule,
  tempoVersion: string | undefined,
): void {
  if (!isRecord(value) || path.length > 60) return;
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    let r: ReturnType<typeof resolveKey>;
    try {
      r = resolveKey(doc.chart, p);
    } catch {
      continue;
    }
    if (r.kind === "known") walk(doc, v, p, out, rule, tempoVersion);
    else if (r.kind === "unknown" && !droppedGeneratorKey(doc, p, tempoVersion))
      report(doc, p, v, r.siblings, r.chart, out, rule);
  }
}

function report(
  doc: LintedDocument,
  path: PathSegments,
  value: unknown,
  siblings: readonly string[],
  siblingsChart: ChartId,
  out: Diagnostic[],
  rule: Rule,
): void {
  // A rename between chart versions explains it: say which version renamed it and where this version reads it.
  const renamed = renamedKey(doc, path, siblingsChart);
  if (renamed) {
    out.push(finding(rule, doc, path, renamed));
    return;
  }
  const prefix = tempoPrefix(doc.chart) ?? [];
  const real = (to: string) => doc.name([...prefix, ...to.split(".")]).replace(/\[\*\]|\["\*"\]/g, ".*");
  const rel = relative(doc.chart, path);
  const tempo = tempoChartOf(doc.chart) ?? doc.chart;
  const where = `${chartName(doc.chart)}${rel && prefix.length > 0 ? ` (its ${chartName(tempo)} subchart)` : ""}`;
  // A Tempo 2 section on a chart running Tempo 3: the chart's own move table says where it went, per row it matches.
  if (rel && runsTempo3(tempo) && tempo3ChartMove(rel.map(String).join(".")) !== undefined) {
    const migrate = `\`pnpm gitops migrate FILE --to ${tempo}\` rewrites a whole 1.x/2.x file`;
    const seen = new Set<string>();
    for (const leaf of isRecord(value) ? mapLeaves(value, path) : [path]) {
      const leafRel = relative(doc.chart, leaf) ?? [];
      const moved = tempo3ChartMove(leafRel.map(String).join("."));
      if (moved === undefined || seen.has(moved.move.from)) continue;
      seen.add(moved.move.from);
      const rowPath = moved.move.from.split(".");
      const at = rowPath.length > rel.length ? [...path.slice(0, path.length - rel.length), ...rowPath] : path;
      const rest = rowPath.length > rel.length ? "" : moved.rest;
      const targets = moved.move.to.map((t) => `\`${real(rest === "" ? t : `${t}.${rest}`)}\``);
      out.push(
        finding(rule, doc, at, {
          message:
            targets.length > 0
              ? `\`${doc.name(at)}\` is a Tempo 2 key that ${where} does not read: it reads this setting from ${targets.join(" and ")} (${moved.move.reason}).`
              : `\`${doc.name(at)}\` is a Tempo 2 key that ${where} does not read and has no equivalent: ${moved.move.reason}.`,
          fix: targets.length > 0 ? `Move it to ${targets.join(" and ")}; ${migrate}.` : `Remove it; ${migrate}.`,
        }),
      );
    }
    return;
  }
  const exact = rel ? findRelocation(rel) : undefined;
  if (exact) {
    const receivers = exact.to === "traces.*" ? receiverSwitchesFor(value) : [];
    const target = exact.to === "traces.*" ? real("traces.*") : real(exact.to);
    const switches = exact.to === "traces.*" ? receiverSwitchEdits(value, path, prefix) : undefined;
    const edits = switches === undefined ? moveEdits(path, [...prefix, ...exact.toPath], value, exact) : switches;
    out.push(
      finding(rule, doc, path, {
        message: `\`${doc.name(path)}\` is ignored by ${where}: the chart reads this setting from \`${target}\`.${exact.note ? ` ${exact.note}` : ""}`,
        fix:
          (receivers.length > 0
            ? `Remove \`${doc.name(path)}\` and switch the receivers on: ${receivers.map((s) => `\`${real(s.split(":")[0] ?? s)}${s.includes(":") ? ": true" : ""}\``).join(", ")}.`
            : `Move it to \`${target}\`.`) + (typeof edits === "string" ? ` (Not done by lint --fix: ${edits}.)` : ""),
        ...(typeof edits === "string" ? {} : { edits }),
      }),
    );
    return;
  }
  const leaves = isRecord(value) && rel ? mapLeaves(value, path) : [];
  const relocated = leaves
    .map((leaf) => ({ leaf, r: relocate(tempo, relative(doc.chart, leaf) ?? [], rel?.length ?? 1) }))
    .filter((x) => x.r !== undefined);
  if (relocated.length > 0) {
    for (const leaf of leaves) {
      const r = relocate(tempo, relative(doc.chart, leaf) ?? [], rel?.length ?? 1);
      const edits = r
        ? moveEdits(leaf, [...prefix, ...r.toPath], leafValue(value, leaf.slice(path.length)), r)
        : undefined;
      out.push(
        finding(rule, doc, leaf, {
          message: r
            ? `\`${doc.name(leaf)}\` is ignored by ${where}: the chart reads this setting from \`${real(r.to)}\`.${r.note ? ` ${r.note}` : ""}`
            : `\`${doc.name(leaf)}\` is ignored by ${where}: \`${doc.name(path)}\` is not a key it reads.`,
          fix: r
            ? `Move it to \`${real(r.to)}\`.${typeof edits === "string" ? ` (Not done by lint --fix: ${edits}.)` : ""}`
            : `Remove it, or find the setting in the chart's values.yaml.`,
          ...(edits !== undefined && typeof edits !== "string" ? { edits } : {}),
        }),
      );
    }
    return;
  }
  const key = String(path[path.length - 1]);
  const guess = suggestKeys(key, siblings)[0];
  const parent = path.slice(0, -1);
  out.push(
    finding(rule, doc, path, {
      message: `\`${doc.name(path)}\` is ignored by ${where}: it reads no key \`${key}\` ${parent.length > 0 ? `under \`${doc.name(parent)}\`` : "at the top level"}.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
      fix: guess
        ? `Rename it to \`${doc.name([...parent, guess])}\`.`
        : "Remove it, or find the right key in the chart's values.yaml.",
    }),
  );
}

/** The values prefix of `chart`'s keys in `doc` (`["tempo"]` for lgtm-distributed's tempo-distributed), if any. */
function prefixOf(doc: LintedDocument, path: PathSegments, chart: ChartId): PathSegments | undefined {
  if (chart === doc.chart) return [];
  const alias = path[0];
  const subs = chartDescriptor(doc.chart).subcharts;
  return typeof alias === "string" && Object.hasOwn(subs, alias) && subs[alias] === chart ? [alias] : undefined;
}

const minorOf = (version: string) => `${version.split(".").slice(0, 2).join(".")}.x`;

/** A finding for a key that a rename between chart versions explains (from the catalogs' renames). */
function renamedKey(
  doc: LintedDocument,
  path: PathSegments,
  chart: ChartId,
): { message: string; fix: string; edits?: Edit[] } | undefined {
  const prefix = prefixOf(doc, path, chart);
  if (prefix === undefined) return undefined;
  const hint = renameHint(chart, path.slice(prefix.length));
  if (hint === undefined) return undefined;
  const { name, version } = chartDescriptor(chart);
  const { rename } = hint;
  const to = [...prefix, ...hint.replacement.split(".")];
  const target = doc.name(to);
  const where = `${name} ${version}`;
  // Only the rename the chart version made is applied by lint --fix; the reverse (a newer name on an older chart)
  // may as well mean the chart should be upgraded: a choice for a person.
  return hint.direction === "renamed"
    ? {
        message: `\`${doc.name(path)}\` is ignored by ${where}: ${name} renamed \`${rename.from}\` to \`${rename.to}\` in ${rename.since}; you are on ${minorOf(version)}, so the chart reads this setting from \`${target}\`.`,
        fix: `Move it to \`${target}\`.`,
        edits: [{ op: "move", from: path, to }],
      }
    : {
        message: `\`${doc.name(path)}\` is ignored by ${where}: \`${rename.to}\` is the name ${name} uses from ${rename.since} on (renamed from \`${rename.from}\`); you are on ${minorOf(version)}, which reads this setting from \`${target}\`.`,
        fix: `Move it to \`${target}\`, or upgrade the chart to ${rename.since} or newer.`,
      };
}

/** Go template truthiness: false, 0, "", nil and empty maps and lists are false. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return true;
}

export const chartConditionalKey: Rule = {
  id: "chart/conditional-key",
  severity: "warning",
  title: "A values key the chart reads only under a condition that is false",
  docs: {
    checks:
      "Every key a document sets that the chart's templates read only inside `if`/`with` blocks (derived from the templates of that chart version): when a condition is false with the document's values and the chart defaults (`storage.trace.block.dedicated_columns` while `storage.trace.block.version` is unset, `metricsGenerator.config` while `metricsGenerator.enabled` is false), the finding names the condition.",
    why: "Helm renders nothing for the key until the condition holds, so the value has no effect, but unlike an unknown key it will start to matter the day the condition changes.",
    fix: "Set the condition the message names (e.g. `storage.trace.block.version`), or remove the key.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) conditionalWalk(doc, doc.values, [], out, this);
    return out;
  },
};

/** Paths of the leaves of a value (`[[]]` for a leaf itself). */
function leafPaths(v: unknown): PathSegments[] {
  if (!isRecord(v) || Object.keys(v).length === 0) return [[]];
  return Object.entries(v).flatMap(([k, c]) => leafPaths(c).map((l) => [k, ...l]));
}

function conditionalWalk(doc: LintedDocument, value: unknown, path: PathSegments, out: Diagnostic[], rule: Rule) {
  if (!isRecord(value) || path.length > 60) return;
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    let r: ReturnType<typeof resolveKey>;
    try {
      r = resolveKey(doc.chart, p);
    } catch {
      continue;
    }
    if (r.kind !== "known") continue;
    const conditions = r.key.conditions ?? [];
    const prefix = prefixOf(doc, p, r.key.chart);
    const failed =
      prefix === undefined
        ? undefined
        : conditions.find((c) => {
            const negated = c.startsWith("!");
            const at = [...prefix, ...(negated ? c.slice(1) : c).split(".")];
            return truthy(effectiveValue(doc.chart, doc.values, at)) === negated;
          });
    if (failed !== undefined && prefix !== undefined) {
      const negated = failed.startsWith("!");
      // `chunksCache: { enabled: false }` writes the switch the condition reads, nothing the switch gates.
      const switchPath = [...prefix, ...(negated ? failed.slice(1) : failed).split(".")].join(".");
      if (leafPaths(v).every((leaf) => [...p, ...leaf].join(".") === switchPath)) continue;
      const cond = doc.name([...prefix, ...(negated ? failed.slice(1) : failed).split(".")]);
      out.push(
        finding(rule, doc, p, {
          message: `\`${doc.name(p)}\` has no effect: ${chartName(r.key.chart)} reads it only when \`${cond}\` is ${negated ? "unset or false" : "set"}, and here it is ${negated ? "set" : "not (with the chart defaults)"}.`,
          fix: negated
            ? `Unset \`${cond}\` if this value should apply, or remove \`${doc.name(p)}\`.`
            : `Set \`${cond}\` if this value should apply, or remove \`${doc.name(p)}\`.`,
        }),
      );
      continue;
    }
    conditionalWalk(doc, v, p, out, rule);
  }
}
