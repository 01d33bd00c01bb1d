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
  /** Why the value cannot be carried over as it is (another unit): `lint --fix` then leaves the move to a person. */
  readonly valueDiffers?: string;
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
    valueDiffers: "a span count is not a byte size: choose the byte limit yourself",
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

/**
 * How Loki, Mimir (Thanos objstore), their charts and the AWS SDK spell object-storage settings, as rewrites of the
 * normalised name towards Tempo's: `s3forcepathstyle` → `forcepathstyle`, `bucketnames`/`bucket_name` → `bucket`,
 * `access_key_id` → `access_key`, `secret_access_key` → `secret_key`, `endpoint_url` → `endpoint`, `account_name` →
 * `storage_account_name`, `insecure_skip_verify` → `tls_insecure_skip_verify`, `bucket` → `bucket_name` (GCS). Only
 * spelling rules: the names they lead to are Tempo's own keys of the block, read from its key tree.
 */
const STORAGE_SPELLINGS: readonly ((k: string) => string)[] = [
  (k) => k.replace(/^s3/, ""),
  (k) => k.replace(/names?$/, ""),
  (k) => k.replace(/id$/, ""),
  (k) => k.replace(/^secretaccess/, "secret"),
  (k) => k.replace(/url$/, ""),
  (k) => `storage${k}`,
  (k) => `tls${k}`,
  (k) => `${k}name`,
];

/**
 * The key of a Tempo object-storage block (`storage.trace.s3`, `…gcs`, `…azure`; `blockKeys` are its keys in Tempo's
 * key tree) that `key`, a name Tempo does not have there, is another project's spelling of: `bucketnames` (Loki) and
 * `bucket_name` (Mimir) in an s3 block → `bucket`, `s3ForcePathStyle` → `forcepathstyle`. `undefined` when no single
 * key fits.
 */
export function storageKeyHint(key: string, blockKeys: readonly string[]): string | undefined {
  const byName = new Map(blockKeys.map((k) => [normalise(k), k]));
  let frontier = [normalise(key)];
  const seen = new Set(frontier);
  for (let depth = 0; depth <= 2; depth++) {
    const hits = new Set(frontier.map((k) => byName.get(k)).filter((k): k is string => k !== undefined && k !== key));
    if (hits.size === 1) return [...hits][0];
    if (hits.size > 1) return undefined;
    const next: string[] = [];
    for (const k of frontier)
      for (const rewrite of STORAGE_SPELLINGS) {
        const r = rewrite(k);
        if (r !== "" && !seen.has(r)) {
          seen.add(r);
          next.push(r);
        }
      }
    frontier = next;
  }
  return undefined;
}
