import type { PathSegments } from "@lgtm-gitops/diagnostics";
import { CHART_FAMILIES, type ChartRole, type NginxGateway, type StackComponent } from "./chart-families.js";
import { CHART_VERSION_ROWS } from "./descriptors.gen.js";

export type { ChartRole, NginxGateway, StackComponent } from "./chart-families.js";

/**
 * THE table of chart versions lgtm-gitops supports: one row per catalogued chart version. Every chart type, zod enum
 * and lookup of every package is derived from it. The rows are generated (`src/descriptors.gen.ts`, `pnpm codegen`)
 * from the key catalogs (`catalogs/versions.gen.json`, built from each chart's own sources), and joined with the facts
 * per chart name in `src/chart-families.ts`: adding a chart version is rebuilding the catalogs, nothing else.
 *
 * `id` is unique: `<name>@<version>`.
 */

/** One chart version. See {@link CHART_DESCRIPTORS}. */
export interface ChartDescriptor {
  /** Unique id, `<name>@<version>`: what `--chart` takes and what every catalog lookup is keyed by. */
  readonly id: string;
  /** Chart name (Chart.yaml `name`, the Argo CD `chart`). */
  readonly name: string;
  /** Chart version (Chart.yaml `version`, the Argo CD `targetRevision`). */
  readonly version: string;
  /** Helm repository to install it from (the one its sources were read from). */
  readonly repoURL: string;
  /** Chart.yaml `appVersion`. */
  readonly appVersion: string;
  /** For a Tempo chart, the Tempo version it deploys with its defaults (the image tag; usually the appVersion). */
  readonly tempoVersion?: string;
  /** Chart.yaml `kubeVersion` constraint, when the chart has one. */
  readonly kubeVersion?: string;
  /** Chart.yaml `deprecated: true`. */
  readonly deprecated?: true;
  readonly role: ChartRole;
  /** Where each LGTM component's chart values start in this chart's values (`tempo: ["tempo"]` in lgtm-distributed). */
  readonly components: { readonly [C in StackComponent]?: PathSegments };
  /**
   * Values key of each subchart (alias or name) → the catalogued chart id it resolves to (Chart.yaml ranges resolved
   * against the repository index as it was when the parent was published), or `unchecked` when not catalogued.
   */
  readonly subcharts: { readonly [alias: string]: string };
  /** The nginx gateways it deploys. */
  readonly gateways: readonly NginxGateway[];
  /** A datasource list the chart provisions besides the grafana chart's own `datasources` (kube-prometheus-stack). */
  readonly additionalDatasources?: PathSegments;
}

type Row = (typeof CHART_VERSION_ROWS)[number];
type Family = (typeof CHART_FAMILIES)[keyof typeof CHART_FAMILIES];

/** A descriptor row: the generated facts of one version with its chart's family facts. */
export type Descriptor = Row &
  Omit<ChartDescriptor, keyof Row> &
  Omit<Family, "role" | "preferred" | "patchesLikeNext">;

/** Every supported chart version, in table order: chart by chart (src/chart-families.ts), versions ascending. */
export const CHART_DESCRIPTORS: readonly Descriptor[] = Object.freeze(
  CHART_VERSION_ROWS.map((row) => {
    const { role: _role, preferred: _preferred, ...rest } = CHART_FAMILIES[row.name];
    const { patchesLikeNext: _patches, ...family } = rest as typeof rest & { patchesLikeNext?: true };
    return Object.freeze({ ...row, ...family }) as unknown as Descriptor;
  }),
);

/** The charts whose uncatalogued patches read the keys of the next catalogued patch (see `ChartFamily`). */
export const PATCHES_LIKE_NEXT: ReadonlySet<string> = new Set(
  Object.entries(CHART_FAMILIES)
    .filter(([, f]) => (f as { patchesLikeNext?: true }).patchesLikeNext === true)
    .map(([name]) => name),
);

/** The version of each chart assumed when none is given. */
export const PREFERRED_VERSIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(CHART_FAMILIES).map(([name, f]) => [name, f.preferred])),
);
