import { type ChartId, chartDescriptor, compareVersions } from "./chart-id.js";

/**
 * The row of a table keyed by chart version that holds for `chart`: its own row, else the row of the newest version
 * of the same chart at or below it (else the oldest row of that chart). So a fact written once for a version holds
 * for the versions after it until a row says otherwise, and adding a chart version to the descriptor table needs no
 * new row here.
 */
export function rowFor<T>(table: Readonly<Partial<Record<string, T>>>, chart: ChartId): T | undefined {
  const own = table[chart];
  if (own !== undefined) return own;
  const { name, version } = chartDescriptor(chart);
  const rows = Object.keys(table)
    .filter((id) => id.slice(0, id.lastIndexOf("@")) === name)
    .map((id) => ({ id, version: id.slice(id.lastIndexOf("@") + 1) }))
    .sort((a, b) => compareVersions(a.version, b.version));
  const below = rows.filter((r) => compareVersions(r.version, version) <= 0).at(-1) ?? rows[0];
  return below === undefined ? undefined : table[below.id];
}
