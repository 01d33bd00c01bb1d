import { fail, ok, type PathSegments, type Result } from "@lgtm-gitops/diagnostics";
import {
  CHART_DESCRIPTORS,
  type ChartDescriptor,
  PATCHES_LIKE_NEXT,
  PREFERRED_VERSIONS,
  type StackComponent,
} from "./descriptors.js";

type Row = (typeof CHART_DESCRIPTORS)[number];

/** A supported chart version, `<name>@<version>` (a row of {@link CHART_DESCRIPTORS}). */
export type ChartId = Row["id"];
/** A supported chart's name. */
export type ChartName = Row["name"];
/** A chart that installs Tempo (role `tempo-stack`): lgtm-distributed (Tempo under `tempo:`) or tempo-distributed. */
export type StackChartId = Extract<Row, { role: "tempo-stack" }>["id"];
/** The name of a chart that installs Tempo. */
export type StackChartName = Extract<Row, { role: "tempo-stack" }>["name"];
/** A chart that hosts the Grafana of a bundle (role `grafana-host`). */
export type GrafanaHostChartId = Extract<Row, { role: "grafana-host" }>["id"];
/** The name of a chart that hosts Grafana. */
export type GrafanaHostChartName = Extract<Row, { role: "grafana-host" }>["name"];
/** The supported versions of the chart named `N`. */
export type VersionOf<N extends ChartName> = Extract<Row, { name: N }>["version"];

/** Every supported chart version, in table order. */
export const SUPPORTED_CHARTS: readonly ChartId[] = Object.freeze(CHART_DESCRIPTORS.map((d) => d.id));

/** The charts a Tempo deployment can target, in table order. */
export const STACK_CHARTS: readonly StackChartId[] = Object.freeze(
  CHART_DESCRIPTORS.filter((d): d is Extract<Row, { role: "tempo-stack" }> => d.role === "tempo-stack").map(
    (d) => d.id,
  ),
);

/** The names of the charts that install Tempo, in table order, each once. */
export const STACK_CHART_NAMES: readonly StackChartName[] = Object.freeze([
  ...new Set(CHART_DESCRIPTORS.filter((d) => d.role === "tempo-stack").map((d) => d.name as StackChartName)),
]);

/** The names of the charts that host Grafana, in table order, each once. */
export const GRAFANA_HOST_CHART_NAMES: readonly GrafanaHostChartName[] = Object.freeze([
  ...new Set(CHART_DESCRIPTORS.filter((d) => d.role === "grafana-host").map((d) => d.name as GrafanaHostChartName)),
]);

const BY_ID: ReadonlyMap<string, ChartDescriptor> = new Map(CHART_DESCRIPTORS.map((d) => [d.id, d]));

/** True when `s` is exactly one of {@link SUPPORTED_CHARTS}. */
export function isChartId(s: string): s is ChartId {
  return BY_ID.has(s);
}

/** True when `chart` is one of {@link STACK_CHARTS}. */
export function isStackChartId(chart: string): chart is StackChartId {
  return BY_ID.get(chart)?.role === "tempo-stack";
}

/** The descriptor row of a chart version. */
export function chartDescriptor(chart: ChartId): ChartDescriptor {
  return BY_ID.get(chart) as ChartDescriptor;
}

/** Numeric comparison of dotted versions (`1.9.0` < `1.10.0`); a non-numeric part compares as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

/** The supported versions of a chart, oldest first (empty for a name no row has). */
export function chartVersions<N extends ChartName>(name: N): readonly VersionOf<N>[] {
  return CHART_DESCRIPTORS.filter((d) => d.name === name)
    .map((d) => d.version as VersionOf<N>)
    .sort(compareVersions);
}

/** The id of `name` at `version`, or `undefined` when that version is not supported. */
export function findChart(name: string, version: string): ChartId | undefined {
  return CHART_DESCRIPTORS.find((d) => d.name === name && d.version === version)?.id;
}

/**
 * The version of `name` assumed when none is given (chart detection, a definition without `version`): its chart
 * family's preferred version (src/chart-families.ts). `undefined` for a name no row has.
 */
export function preferredChart(name: string): ChartId | undefined {
  const version = Object.hasOwn(PREFERRED_VERSIONS, name) ? PREFERRED_VERSIONS[name] : undefined;
  return version === undefined ? undefined : findChart(name, version);
}

/** Where a component's chart values start in `chart`'s values (`["tempo"]` for lgtm-distributed's Tempo), if it installs it. */
export function componentPrefix(chart: ChartId, component: StackComponent): PathSegments | undefined {
  return chartDescriptor(chart).components[component];
}

/** Where the tempo-distributed values start in `chart`'s values (`[]`, or `["tempo"]` in lgtm-distributed). */
export function tempoPrefix(chart: ChartId): PathSegments | undefined {
  return componentPrefix(chart, "tempo");
}

/**
 * The chart whose catalog answers for the Tempo values of `chart`: itself when Tempo's values are its top level,
 * else the subchart at its Tempo prefix (lgtm-distributed@3.0.1 → tempo-distributed@1.61.3).
 */
export function tempoChartOf(chart: ChartId): ChartId | undefined {
  const prefix = tempoPrefix(chart);
  if (prefix === undefined) return undefined;
  if (prefix.length === 0) return chart;
  const sub = chartDescriptor(chart).subcharts[String(prefix[0])];
  return sub !== undefined && isChartId(sub) ? tempoChartOf(sub) : undefined;
}

/** The Tempo version `chart` runs (the appVersion of its Tempo chart), or `undefined` when it installs no Tempo. */
export function tempoVersionOf(chart: ChartId): string | undefined {
  const tempo = tempoChartOf(chart);
  if (tempo === undefined) return undefined;
  const d = chartDescriptor(tempo);
  return d.tempoVersion ?? d.appVersion;
}

/**
 * The chart that deploys the Kafka broker a Tempo 3.0 bundle writes to (role `kafka-operator`: Strimzi), at its
 * preferred version; `undefined` when no row has that role.
 */
export const KAFKA_OPERATOR_CHART: ChartId | undefined = (() => {
  const row = CHART_DESCRIPTORS.find((d) => d.role === "kafka-operator");
  return row === undefined ? undefined : preferredChart(row.name);
})();

/** The chart id examples in messages and docs use: the preferred version of the first chart that is Tempo alone (`tempo-distributed@…`). */
export const EXAMPLE_CHART: ChartId =
  STACK_CHART_NAMES.map((n) => preferredChart(n)).find((c) => c !== undefined && tempoPrefix(c)?.length === 0) ??
  (SUPPORTED_CHARTS[0] as ChartId);

/** The catalogued chart names, each with its version range: `tempo-distributed (133 versions, 1.6.8 … 3.3.0)`. */
function chartSummary(): string {
  const names = [...new Set(CHART_DESCRIPTORS.map((d) => d.name))];
  return names
    .map((n) => {
      const v = chartVersions(n as ChartName);
      return `${n} (${v.length} version${v.length === 1 ? "" : "s"}, ${v[0]}${v.length > 1 ? ` … ${v[v.length - 1]}` : ""})`;
    })
    .join(", ");
}

const parts = (v: string) => v.split(/[.+-]/);
const sameMinor = (a: string, b: string) => parts(a).slice(0, 2).join(".") === parts(b).slice(0, 2).join(".");

/**
 * The catalogued versions of `name` nearest to `version`: the closest older and newer ones (and any of the same
 * minor line), oldest first.
 */
export function nearestVersions(name: string, version: string): readonly string[] {
  const versions = chartVersions(name as ChartName) as readonly string[];
  const older = versions.filter((v) => compareVersions(v, version) < 0);
  const newer = versions.filter((v) => compareVersions(v, version) > 0);
  const near = new Set<string>([
    ...older.filter((v) => sameMinor(v, version)).slice(-2),
    ...older.slice(-1),
    ...newer.slice(0, 1),
    ...newer.filter((v) => sameMinor(v, version)).slice(0, 2),
  ]);
  return [...near].sort(compareVersions);
}

/**
 * The catalogued chart that stands for an uncatalogued patch release: the next catalogued patch of the same minor
 * line, for charts whose catalogs keep every patch whose keys differ from the next (tempo-distributed 1.48.0 is
 * linted as 1.48.1). `undefined` when there is none.
 */
export function patchStandIn(name: string, version: string): ChartId | undefined {
  if (!PATCHES_LIKE_NEXT.has(name) || !/^\d+\.\d+\.\d+$/.test(version)) return undefined;
  const next = (chartVersions(name as ChartName) as readonly string[]).find(
    (v) => sameMinor(v, version) && compareVersions(v, version) > 0,
  );
  return next === undefined ? undefined : findChart(name, next);
}

const list = (ids: readonly string[]) => ids.join(", ");

/**
 * Parses `<chart>@<version>` (e.g. `tempo-distributed@1.61.3`, surrounding spaces ignored) into a {@link ChartId}.
 * An uncatalogued patch of a chart whose catalogs keep every key-changing patch gives the next catalogued patch of
 * its line, with an `info` diagnostic saying so (see {@link patchStandIn}). On anything else it fails with
 * `chart/unsupported-chart`, whose message names the nearest catalogued versions of that chart (or the catalogued
 * charts with their version ranges).
 */
export function parseChartId(s: string): Result<ChartId> {
  const input = s.trim();
  if (isChartId(input)) return ok(input);
  const at = input.lastIndexOf("@");
  const name = at > 0 ? input.slice(0, at) : input;
  const version = at > 0 ? input.slice(at + 1) : "";
  const sameName = SUPPORTED_CHARTS.filter((c) => chartDescriptor(c).name === name);
  const example = EXAMPLE_CHART;
  let message: string;
  let fix: string;
  if (input === "") {
    message = `No chart given. Catalogued charts: ${chartSummary()}.`;
    fix = `Name the chart and its version as <chart>@<version>, e.g. ${example}.`;
  } else if (sameName.length > 0 && at > 0) {
    const standIn = patchStandIn(name, version);
    if (standIn !== undefined) {
      const v = chartDescriptor(standIn).version;
      return ok(standIn, [
        {
          ruleId: "chart/unsupported-chart",
          severity: "info",
          path: [],
          message: `${name} ${version} is not catalogued itself; ${v}, the next catalogued patch of its line, reads the same keys (the catalogs keep every patch whose keys differ from the next), so it is checked as ${standIn}.`,
        },
      ]);
    }
    const near = nearestVersions(name, version);
    message = `Chart ${name} version ${version} is not catalogued; the nearest catalogued versions are ${list(near)} (${sameName.length} versions of ${name}, ${chartVersions(name as ChartName)[0]} … ${chartVersions(name as ChartName).at(-1)}).`;
    fix = `Use the version you really run; the closest: ${list(near.map((v) => `${name}@${v}`))}.`;
  } else if (sameName.length > 0) {
    message = `"${input}" has no version; ${sameName.length} versions of ${name} are catalogued, ${chartVersions(name as ChartName)[0]} … ${chartVersions(name as ChartName).at(-1)}.`;
    fix = `Write the version too, e.g. ${preferredChart(name)}.`;
  } else {
    message = `Chart "${input}" is not catalogued. Catalogued charts: ${chartSummary()}.`;
    fix = "Write one of the catalogued charts as <chart>@<version>.";
  }
  return fail([{ ruleId: "chart/unsupported-chart", severity: "error", path: [], message, fix }]);
}
