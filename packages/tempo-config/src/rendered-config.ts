import { mergeValues } from "@lgtm-gitops/charts";
import { getPath, isRecord, type PathSegment, type PathSegments, parsePath, setOwn } from "@lgtm-gitops/diagnostics";
import type { TempoChartSetting } from "./chart-mapping.js";

/** The segments of a dot path of the mapping table (`storage.trace.block.parquet_dedicated_columns[0]`). */
export function segmentsOf(dotted: string): PathSegment[] {
  return parsePath(dotted) ?? dotted.split(".");
}

const startsWith = (path: PathSegments, prefix: PathSegments) => prefix.every((seg, i) => path[i] === seg);

/** Where the chart takes `structuredConfig` (merged over everything it renders), relative to the Tempo values. */
export function structuredConfigPath(settings: readonly TempoChartSetting[]): PathSegments {
  return segmentsOf(settings.find((s) => s.via === "structuredConfig")?.chartPath ?? "tempo.structuredConfig");
}

/** Sets `value` at `path`, copying maps on the way (values already there may be shared) and merging with Helm's rules. */
function setAt(root: Record<string, unknown>, path: PathSegments, value: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    const key = String(seg);
    const next = Object.hasOwn(cur, key) && isRecord(cur[key]) ? { ...(cur[key] as Record<string, unknown>) } : {};
    setOwn(cur, key, next);
    cur = next;
  }
  const last = path[path.length - 1];
  if (last !== undefined)
    setOwn(cur, String(last), mergeValues(Object.hasOwn(cur, String(last)) ? cur[String(last)] : undefined, value));
}

const isEmpty = (v: unknown) => v === 0 || v === "" || v === false || (Array.isArray(v) && v.length === 0);

/**
 * tempo.yaml as the chart renders it from chart values: every setting of the mapping table the chart's template copies
 * into tempo.yaml (not the templated receivers), then `structuredConfig` merged over it as the chart does.
 * `read(chartPath)` gives the effective chart value (document over chart default) at a path relative to the Tempo
 * values. Only what the table maps is rendered; everything else keeps Tempo's defaults.
 */
export function renderTempoConfig(
  read: (chartPath: PathSegments) => unknown,
  settings: readonly TempoChartSetting[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of settings) {
    if (s.tempoPath === undefined || s.templated) continue;
    const v = read(segmentsOf(s.chartPath));
    if (v === undefined || v === null || (s.onlyIfSet && isEmpty(v))) continue;
    setAt(out, segmentsOf(s.tempoPath), v);
  }
  const structured = read(structuredConfigPath(settings));
  return isRecord(structured) ? mergeValues(out, structured) : out;
}

/**
 * Where the value at a tempo.yaml path comes from, as a chart values path relative to the Tempo values: in
 * `structuredConfig` when it sets it, else the chart value the template renders it from (the longest mapped prefix),
 * else `structuredConfig` (where a setting the chart does not render must go).
 */
export function chartPathOfTempoPath(
  tempoPath: string,
  settings: readonly TempoChartSetting[],
  structuredConfig: unknown,
): PathSegments {
  const full = segmentsOf(tempoPath);
  const keys = full.filter((s): s is string => typeof s === "string");
  const structured = structuredConfigPath(settings);
  if (isRecord(structuredConfig) && getPath(structuredConfig, keys) !== undefined) return [...structured, ...full];
  for (let n = full.length; n > 0; n--) {
    const prefix = full.slice(0, n);
    const row = settings.find(
      (s) => s.tempoPath !== undefined && !s.templated && sameSegments(segmentsOf(s.tempoPath), prefix),
    );
    if (row) return [...segmentsOf(row.chartPath), ...full.slice(n)];
  }
  return [...structured, ...full];
}

const sameSegments = (a: PathSegments, b: PathSegments) => a.length === b.length && startsWith(a, b);

/**
 * The TempoSpec field that sets a chart value (relative to the Tempo values): the spec field of the most specific
 * mapped chart path at or above it, the rest of the path appended (none when that row has no spec field). A value the table maps only below (a component's
 * `extraEnv`, written by its section builder) comes from what the spec fields mapped under its nearest ancestor share
 * (`ingester`). `undefined` when the spec does not set it.
 */
export function specFieldOfChartPath(
  chartPath: PathSegments,
  settings: readonly TempoChartSetting[],
): PathSegments | undefined {
  // The most specific row at or above the path decides; one without a spec field means the spec does not set it.
  let best: { row: TempoChartSetting; length: number } | undefined;
  for (const s of settings) {
    const p = segmentsOf(s.chartPath);
    if (
      startsWith(chartPath, p) &&
      (best === undefined || p.length > best.length || (p.length === best.length && s.specField !== undefined))
    )
      best = { row: s, length: p.length };
  }
  if (best !== undefined)
    return best.row.specField === undefined
      ? undefined
      : [...segmentsOf(best.row.specField), ...chartPath.slice(best.length)];
  for (let n = chartPath.length - 1; n > 0; n--) {
    const ancestor = chartPath.slice(0, n);
    const fields = settings
      .filter((s) => s.specField !== undefined && startsWith(segmentsOf(s.chartPath), ancestor))
      .map((s) => segmentsOf(s.specField as string));
    if (fields.length === 0) continue;
    const first = fields[0] as PathSegments;
    let common = 0;
    while (common < first.length && fields.every((f) => f[common] === first[common])) common++;
    return common > 0 ? first.slice(0, common) : undefined;
  }
  return undefined;
}

/**
 * The settings a spec field renders that a `structuredConfig` also sets, most specific first: `structuredConfig` is
 * merged over what the chart renders, so each silently replaces the value of its `specField`.
 */
export function shadowedSettings(
  structuredConfig: unknown,
  settings: readonly TempoChartSetting[],
): readonly TempoChartSetting[] {
  if (!isRecord(structuredConfig)) return [];
  const hits = settings.filter(
    (s) =>
      s.specField !== undefined &&
      s.tempoPath !== undefined &&
      getPath(structuredConfig, segmentsOf(s.tempoPath)) !== undefined,
  );
  // Report a setting once, at the most specific row (`storage.trace.backend`, not also `storage.trace`).
  return hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o !== h &&
          segmentsOf(o.tempoPath as string).length > segmentsOf(h.tempoPath as string).length &&
          startsWith(segmentsOf(o.tempoPath as string), segmentsOf(h.tempoPath as string)),
      ),
  );
}
