import { effectiveValue, mergeValues, type StackChartId, tempoPrefix } from "@lgtm-gitops/charts";
import { deepEqual, getPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import { tempoChartSettings } from "./chart-mapping.js";
import { renderTempoConfig, segmentsOf, structuredConfigPath } from "./rendered-config.js";

/** A Tempo setting a spec field renders whose tempo.yaml value a `structuredConfig` override replaces. */
export interface StructuredConfigOverride {
  /** The TempoSpec field (`["ingester", "replicationFactor"]`). */
  readonly specField: PathSegments;
  /** Where the override sets it, in the chart values (`["tempo", "structuredConfig", "ingester", …]`). */
  readonly valuesPath: PathSegments;
  /** The value tempo.yaml gets from the compiled values alone. */
  readonly before: unknown;
  /** The value it gets with the overrides. */
  readonly after: unknown;
}

/**
 * The settings of the spec that `overrides` (chart values Helm merges over the `compiled` ones `toChartValues` wrote)
 * replace through the chart's `structuredConfig`, by the Tempo↔chart mapping table: tempo.yaml rendered from both
 * ({@link renderTempoConfig}) differs at a row's `tempoPath` while the row's chart value is the same. A chart value the
 * overrides change directly is not listed here (`overriddenValues` of @lgtm-gitops/charts finds it, and
 * `chartValueSource` names its spec field). Most specific setting only.
 */
export function structuredConfigOverrides(
  target: StackChartId,
  compiled: unknown,
  overrides: unknown,
): StructuredConfigOverride[] {
  if (overrides === undefined) return [];
  const settings = tempoChartSettings(target);
  const prefix = tempoPrefix(target) ?? [];
  const read = (values: unknown) => (p: PathSegments) => effectiveValue(target, values, [...prefix, ...p]);
  const withOverrides = mergeValues(compiled, overrides);
  const before = renderTempoConfig(read(compiled), settings);
  const after = renderTempoConfig(read(withOverrides), settings);
  const structured = structuredConfigPath(settings);
  const found: (StructuredConfigOverride & { tempoPath: PathSegments })[] = [];
  for (const row of settings) {
    if (row.specField === undefined || row.tempoPath === undefined || row.templated) continue;
    const tempoPath = segmentsOf(row.tempoPath);
    const b = getPath(before, tempoPath);
    const a = getPath(after, tempoPath);
    if (deepEqual(a, b)) continue;
    const chartPath = segmentsOf(row.chartPath);
    if (!deepEqual(read(compiled)(chartPath), read(withOverrides)(chartPath))) continue;
    found.push({
      specField: segmentsOf(row.specField),
      valuesPath: [...prefix, ...structured, ...tempoPath],
      before: b,
      after: a,
      tempoPath,
    });
  }
  // `storage.trace.backend` rather than also `storage.trace` when both differ.
  return found
    .filter(
      (f) =>
        !found.some(
          (o) => o.tempoPath.length > f.tempoPath.length && f.tempoPath.every((seg, i) => o.tempoPath[i] === seg),
        ),
    )
    .map(({ tempoPath: _, ...o }) => o);
}
