import { type ChartId, overriddenValues, type StackChartId } from "@lgtm-gitops/charts";
import {
  type Diagnostic,
  formatPath,
  getPath,
  hasPath,
  isRecord,
  type PathSegment,
  type PathSegments,
} from "@lgtm-gitops/diagnostics";
import { structuredConfigOverrides } from "@lgtm-gitops/tempo-config";
import type { SourcePosition } from "@lgtm-gitops/validators";
import type { ClusterDefinition, PassThroughKey } from "../definition/schema.js";
import { isSensitiveKey } from "../safety/secret-scan.js";
import type { TypedSource } from "./source-map.js";

/** A typed definition field whose generated value a `values:` pass-through (`values.stack`, `values.loki`, …) replaces. */
export interface ValuesOverride {
  /** The typed field (`["tempo", "ingester", "replicas"]`). */
  readonly typed: PathSegments;
  /** The override, as a definition path (`["values", "stack", "ingester", "replicas"]`): where it is written. */
  readonly at: PathSegments;
  /** What the typed field generated (what the chart or Tempo would get without the override). */
  readonly before: unknown;
  /** What the chart or Tempo gets with it (`undefined`: nothing, the key was deleted). */
  readonly after: unknown;
}

/** One values file of the bundle as far as its overrides go. */
export interface OverriddenDocument {
  readonly chart: ChartId;
  /** `values.<which>` of the definition: the Application whose values it passes through. */
  readonly which: PassThroughKey;
  /** The values the bundler generated, before the overrides. */
  readonly generated: unknown;
  /** `values.<which>` of the definition. */
  readonly overrides: unknown;
  readonly typed: TypedSource;
}

/** The part of `path` the overrides write (a `null` or a list replaces everything below it). */
function writtenAt(overrides: unknown, path: PathSegments): PathSegments {
  let n = path.length;
  while (n > 0 && !hasPath(overrides, path.slice(0, n))) n--;
  return path.slice(0, n);
}

/**
 * Every typed field of the definition whose generated value a `values:` pass-through replaces: a chart value
 * the override changes (Helm's merge: a `null` deletes it, the chart default applies), or a Tempo setting a
 * `structuredConfig` override replaces in tempo.yaml. An override of what nothing typed generates is not listed (that
 * is what `values:` is for).
 */
export function valuesOverrides(documents: readonly OverriddenDocument[]): ValuesOverride[] {
  const out: ValuesOverride[] = [];
  for (const doc of documents) {
    if (doc.overrides === undefined) continue;
    const base: PathSegments = ["values", doc.which];
    for (const o of overriddenValues(doc.chart, doc.generated, doc.overrides)) {
      const typed = doc.typed(o.path);
      if (typed[0] === "values") continue;
      out.push({ typed, at: [...base, ...writtenAt(doc.overrides, o.path)], before: o.before, after: o.after });
    }
    if (doc.which === "stack")
      for (const s of structuredConfigOverrides(doc.chart as StackChartId, doc.generated, doc.overrides))
        out.push({
          typed: ["tempo", ...s.specField],
          at: [...base, ...writtenAt(doc.overrides, s.valuesPath)],
          before: s.before,
          after: s.after,
        });
  }
  return out;
}

/**
 * A value for the message, without repeating what must not be printed: lists and maps by their size, a string only
 * when short and not under a credential-like key or URL (the secret scan reports those).
 */
function shown(v: unknown, key: PathSegment | undefined): string {
  if (v === undefined || v === null) return "nothing (the key is deleted)";
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (isRecord(v)) return "a map";
  if (typeof v !== "string") return JSON.stringify(v);
  const sensitive = typeof key === "string" && isSensitiveKey(key);
  return sensitive || v.length > 64 || /[@\s]|:\/\//.test(v) ? "another value" : JSON.stringify(v);
}

/**
 * `definition/values-override`: one warning per override that replaces typed fields, at the override, naming each
 * typed field with its position (or "its default" when the definition does not write it) and both values.
 */
export function overrideWarnings(
  overrides: readonly ValuesOverride[],
  where: {
    readonly file: string;
    readonly locate: (path: PathSegments) => SourcePosition | undefined;
    /** Whether the definition writes the typed field (else its value is the schema default). */
    readonly written: (path: PathSegments) => boolean;
  },
): Diagnostic[] {
  const byOverride = new Map<string, ValuesOverride[]>();
  for (const o of overrides) {
    const key = formatPath(o.at);
    byOverride.set(key, [...(byOverride.get(key) ?? []), o]);
  }
  const out: Diagnostic[] = [];
  for (const [at, list] of byOverride) {
    const fields = list.map((o) => {
      const pos = where.written(o.typed) ? where.locate(o.typed) : undefined;
      const place = pos ? ` (line ${pos.line}, column ${pos.column})` : where.written(o.typed) ? "" : " (its default)";
      const key = o.at[o.at.length - 1];
      return `\`${formatPath(o.typed)}\`${place} gives ${shown(o.before, key)}, the chart gets ${shown(o.after, key)}`;
    });
    const typedNames = [...new Set(list.map((o) => `\`${formatPath(o.typed)}\``))];
    const path = (list[0] as ValuesOverride).at;
    const pos = where.locate(path);
    out.push({
      ruleId: "definition/values-override",
      severity: "warning",
      path,
      message: `\`${at}\` overrides what the typed definition sets: ${fields.join("; ")}. The typed value${typedNames.length === 1 ? " has" : "s have"} no effect; the README shows what the chart gets.`,
      fix: `Set the value in ${typedNames.join(", ")} and remove \`${at}\` (\`values:\` is for what the typed fields do not model).`,
      file: where.file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    });
  }
  return out;
}

/**
 * The definition as the cluster runs it, for the README: each typed `tempo`/`grafana`/`loki`/`mimir` setting a `values:` override
 * replaces, set to what the chart or Tempo gets. Only settings held as one value (a number, a duration, a switch, a
 * name) are replaced; the definition itself is left alone.
 */
export function effectiveDefinition(def: ClusterDefinition, overrides: readonly ValuesOverride[]): ClusterDefinition {
  const replaced = overrides.filter(
    (o) =>
      (o.typed[0] === "tempo" || o.typed[0] === "grafana" || o.typed[0] === "loki" || o.typed[0] === "mimir") &&
      o.typed.length > 1,
  );
  if (replaced.length === 0) return def;
  const out = structuredClone(def) as unknown as Record<string, unknown>;
  for (const o of replaced) {
    const current = getPath(out, o.typed);
    if (current === undefined || isRecord(current) || Array.isArray(current)) continue;
    const parent = getPath(out, o.typed.slice(0, -1));
    if (isRecord(parent)) parent[String(o.typed[o.typed.length - 1])] = o.after;
  }
  return out as unknown as ClusterDefinition;
}
