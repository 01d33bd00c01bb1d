import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogsFolder } from "./catalog.js";
import { type ChartId, chartDescriptor, compareVersions } from "./chart-id.js";

/**
 * A values key a chart renamed or moved between two catalogued versions, derived from the catalogs (and the chart's
 * history) by the catalog builder: `catalogs/renames.gen.json`.
 */
export interface ChartRename {
  readonly chart: string;
  /** Dot path before (`global_overrides`). */
  readonly from: string;
  /** Dot path after (`overrides`). */
  readonly to: string;
  /** The last catalogued version with `from`. */
  readonly until: string;
  /** The first catalogued version with `to`. */
  readonly since: string;
  readonly kind: string;
}

/** What a rename says about a key a chart version does not read. */
export interface RenameHint {
  readonly rename: ChartRename;
  /**
   * `renamed`: the key is the old name, this version is at or after the rename (use `replacement`);
   * `not-yet`: the key is the new name, this version is before the rename (it still reads `replacement`).
   */
  readonly direction: "renamed" | "not-yet";
  /** The path (dot path inside the chart) this version reads the setting from. */
  readonly replacement: string;
}

let renames: readonly ChartRename[] | undefined;

/** Every catalogued rename (read on first use). */
export function chartRenames(): readonly ChartRename[] {
  renames ??= Object.freeze(
    (JSON.parse(readFileSync(path.join(catalogsFolder(), "renames.gen.json"), "utf8")) as ChartRename[]).map((r) =>
      Object.freeze({ chart: r.chart, from: r.from, to: r.to, until: r.until, since: r.since, kind: r.kind }),
    ),
  );
  return renames;
}

const under = (dotted: string, base: string) => dotted === base || dotted.startsWith(`${base}.`);

/**
 * The rename that explains why `chart` does not read `path` (a path inside that chart, as segments), if one does:
 * `global_overrides` on tempo-distributed 1.48.1 (renamed to `overrides` in 1.33.0), `per_tenant_overrides` on 1.32.7
 * (the 1.33.0 name of `overrides`).
 */
export function renameHint(chart: ChartId, path: readonly (string | number)[]): RenameHint | undefined {
  const { name, version } = chartDescriptor(chart);
  const dotted = path.map(String).join(".");
  for (const r of chartRenames()) {
    if (r.chart !== name) continue;
    if (under(dotted, r.from) && compareVersions(version, r.since) >= 0)
      return { rename: r, direction: "renamed", replacement: r.to + dotted.slice(r.from.length) };
    if (under(dotted, r.to) && compareVersions(version, r.until) <= 0)
      return { rename: r, direction: "not-yet", replacement: r.from + dotted.slice(r.to.length) };
  }
  return undefined;
}
