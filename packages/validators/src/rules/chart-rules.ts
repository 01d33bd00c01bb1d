import { type ChartId, resolveKey, tempoChartOf, tempoPrefix } from "@lgtm-gitops/charts";
import { type Diagnostic, isRecord, type PathSegments, suggestKeys } from "@lgtm-gitops/diagnostics";
import { finding, type LintedDocument, type Rule } from "../engine.js";
import { findRelocation, receiverSwitchesFor } from "../relocations.js";

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
function relocate(tempo: ChartId, rel: PathSegments, floor: number): { to: string; note?: string } | undefined {
  for (let i = rel.length; i >= Math.max(floor, 1); i--) {
    const r = findRelocation(rel.slice(0, i));
    if (!r) continue;
    const rest = rel.slice(i).map(String);
    const to = [r.to, ...rest].join(".");
    const fallback = r.fallback ? [r.fallback, ...rest].join(".") : undefined;
    const chosen = fallback && !chartReads(tempo, to) ? `${fallback}` : to;
    return {
      to: chosen,
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

export const chartUnknownKey: Rule = {
  id: "chart/unknown-key",
  severity: "error",
  title: "A values key the chart does not read (Helm drops it silently)",
  docs: {
    checks:
      "Every key of a values document against the key catalog of its chart version (subchart blocks such as lgtm-distributed `tempo:` are checked against the subchart). Suggests the real key from a table of known relocations (`tempo.tempo.retention_period` → `tempo.compactor.config.compaction.block_retention`, `query_frontend` → `queryFrontend`, `distributor.config.receivers` → `traces.*`, `global_overrides` → `overrides`, …) or by edit distance.",
    why: "None of these charts ships a values schema: Helm accepts any key and the templates never read the unknown ones. The install goes green while the setting has no effect (retention stays 48h, no receiver port opens, the query-frontend keeps its defaults).",
    fix: "Move the value to the key the rule names. Keys inside free-form sections (`resources`, `tempo.structuredConfig`, `overrides`) are not checked here; Tempo's own strict parser rules cover what reaches Tempo.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) walk(doc, doc.values, [], out, this);
    return out;
  },
};

function walk(doc: LintedDocument, value: unknown, path: PathSegments, out: Diagnostic[], rule: Rule): void {
  if (!isRecord(value) || path.length > 60) return;
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    let r: ReturnType<typeof resolveKey>;
    try {
      r = resolveKey(doc.chart, p);
    } catch {
      continue;
    }
    if (r.kind === "known") walk(doc, v, p, out, rule);
    else if (r.kind === "unknown") report(doc, p, v, r.siblings, out, rule);
  }
}

function report(
  doc: LintedDocument,
  path: PathSegments,
  value: unknown,
  siblings: readonly string[],
  out: Diagnostic[],
  rule: Rule,
): void {
  const prefix = tempoPrefix(doc.chart) ?? [];
  const real = (to: string) => doc.name([...prefix, ...to.split(".")]).replace(/\[\*\]|\["\*"\]/g, ".*");
  const rel = relative(doc.chart, path);
  const tempo = tempoChartOf(doc.chart) ?? doc.chart;
  const where = `${chartName(doc.chart)}${rel && prefix.length > 0 ? ` (its ${chartName(tempo)} subchart)` : ""}`;
  const exact = rel ? findRelocation(rel) : undefined;
  if (exact) {
    const receivers = exact.to === "traces.*" ? receiverSwitchesFor(value) : [];
    const target = exact.to === "traces.*" ? real("traces.*") : real(exact.to);
    out.push(
      finding(rule, doc, path, {
        message: `\`${doc.name(path)}\` is ignored by ${where}: the chart reads this setting from \`${target}\`.${exact.note ? ` ${exact.note}` : ""}`,
        fix:
          receivers.length > 0
            ? `Remove \`${doc.name(path)}\` and switch the receivers on: ${receivers.map((s) => `\`${real(s.split(":")[0] ?? s)}${s.includes(":") ? ": true" : ""}\``).join(", ")}.`
            : `Move it to \`${target}\`.`,
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
      out.push(
        finding(rule, doc, leaf, {
          message: r
            ? `\`${doc.name(leaf)}\` is ignored by ${where}: the chart reads this setting from \`${real(r.to)}\`.${r.note ? ` ${r.note}` : ""}`
            : `\`${doc.name(leaf)}\` is ignored by ${where}: \`${doc.name(path)}\` is not a key it reads.`,
          fix: r ? `Move it to \`${real(r.to)}\`.` : `Remove it, or find the setting in the chart's values.yaml.`,
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
