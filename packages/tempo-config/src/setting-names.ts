import type { TempoChartSetting } from "./chart-mapping.js";

/** The three places a Tempo setting can be written: a TempoSpec, chart values (below the Tempo prefix), tempo.yaml. */
export type SettingPlace = "spec" | "chart" | "tempo";

/** A setting name Tempo does not have, and where the setting really is in each place. */
export interface ForeignSettingName {
  /** Where the name comes from: another project's configuration, or an older chart version. */
  readonly from: "loki-mimir" | "older-chart";
  readonly spec: string;
  readonly chart: string;
  readonly tempo: string;
  /** What to know about the real setting (shown with the chart and tempo.yaml advice). */
  readonly note?: string;
  /** The value means something else in the real setting (spans, not bytes): it cannot be moved as it is. */
  readonly otherUnit?: true;
}

/**
 * THE table of "not a Tempo setting" names: Loki and Mimir names people copy into Tempo configuration (no struct of
 * Tempo 2.0–3.0 has them: checked against the schema table) and keys an older chart version had. Every hint about
 * them, whether on a spec, chart values or tempo.yaml, comes from here.
 */
export const FOREIGN_SETTING_NAMES: Readonly<Record<string, ForeignSettingName>> = {
  retention_period: {
    from: "loki-mimir",
    spec: "retention",
    chart: "compactor.config.compaction.block_retention",
    tempo: "compactor.compaction.block_retention",
    note: "trace retention is the compactor's block_retention, chart default 48h; per tenant overrides.defaults.compaction.block_retention",
  },
  max_spans_per_trace: {
    from: "loki-mimir",
    spec: "ingestion.maxBytesPerTrace",
    chart: "overrides.defaults.global.max_bytes_per_trace",
    tempo: "overrides.defaults.global.max_bytes_per_trace",
    note: "Tempo limits trace size in bytes (default 5000000), not spans",
    otherUnit: true,
  },
  max_query_length: {
    from: "loki-mimir",
    spec: "query.maxSearchDuration",
    chart: "tempo.structuredConfig.query_frontend.search.max_duration",
    tempo: "query_frontend.search.max_duration",
    note: "Tempo's search range limit is query_frontend.search.max_duration (default 168h; per tenant overrides.defaults.read.max_search_duration), which the chart does not render, so it goes in structuredConfig",
  },
  global_overrides: {
    from: "older-chart",
    spec: "ingestion",
    chart: "overrides",
    tempo: "overrides",
    note: "renamed by the chart's per-tenant overrides format; write the defaults: format (overrides.defaults.ingestion.…)",
  },
};

/** Lowercase without `_`, `-`: `retention_period` and `retentionPeriod` are the same name. */
const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, "");

/** The foreign name `key` spells (`retentionPeriod` → `retention_period`), or `undefined`. */
export function foreignSettingName(key: string): (ForeignSettingName & { readonly name: string }) | undefined {
  const k = normalise(key);
  const name = Object.keys(FOREIGN_SETTING_NAMES).find((n) => normalise(n) === k);
  return name === undefined ? undefined : { name, ...(FOREIGN_SETTING_NAMES[name] as ForeignSettingName) };
}

const lastOf = (dotted: string | undefined) => (dotted === undefined ? undefined : dotted.split(".").pop());

/**
 * Where a setting written as `key` in the wrong place lives in `place`: for a foreign name its real setting, else,
 * when `key` is how another place names exactly one setting of the mapping table (`multitenancy_enabled` in a spec,
 * `reportingEnabled` in tempo.yaml, `compaction_window` in a spec), that setting's path in `place`. `undefined` when
 * nothing is known (callers fall back to "did you mean").
 */
export function settingHint(
  key: string,
  place: SettingPlace,
  settings: readonly TempoChartSetting[],
): string | undefined {
  const foreign = foreignSettingName(key);
  if (foreign) return foreign[place];
  const k = normalise(key);
  const coordinates = (s: TempoChartSetting) => ({ spec: s.specField, chart: s.chartPath, tempo: s.tempoPath });
  const targets = new Set<string>();
  for (const s of settings) {
    const c = coordinates(s);
    const here = c[place];
    if (here === undefined) continue;
    const elsewhere = (["spec", "chart", "tempo"] as const).filter((p) => p !== place).map((p) => lastOf(c[p]));
    if (elsewhere.some((name) => name !== undefined && normalise(name) === k) && lastOf(here) !== key)
      targets.add(here);
  }
  return targets.size === 1 ? [...targets][0] : undefined;
}
