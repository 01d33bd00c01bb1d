import { fail, ok, type Result } from "@lgtm-gitops/diagnostics";

/**
 * A chart version this package knows, written `<chart>@<version>`.
 *
 * - `lgtm-distributed@3.0.1`: umbrella chart; `tempo:` is tempo-distributed 1.61.3, `loki:` is loki-distributed 0.80.6,
 *   `grafana:` is grafana 10.5.15 and `mimir:` (mimir-distributed) is not catalogued (unchecked).
 * - `tempo-distributed@1.61.3`: Tempo 2.9.0, grafana/helm-charts.
 * - `kube-prometheus-stack@88.5.3`: its `grafana:` is grafana 12.11.1 (grafana-community).
 * - `loki-distributed@0.80.6`, `grafana@10.5.15`, `grafana@12.11.1`: subcharts, also usable on their own.
 */
export type ChartId =
  | "lgtm-distributed@3.0.1"
  | "tempo-distributed@1.61.3"
  | "kube-prometheus-stack@88.5.3"
  | "loki-distributed@0.80.6"
  | "grafana@10.5.15"
  | "grafana@12.11.1";

/** Every chart version this package has a key catalog for, in a stable order. */
export const SUPPORTED_CHARTS: readonly ChartId[] = Object.freeze([
  "lgtm-distributed@3.0.1",
  "tempo-distributed@1.61.3",
  "kube-prometheus-stack@88.5.3",
  "loki-distributed@0.80.6",
  "grafana@10.5.15",
  "grafana@12.11.1",
] as const);

/** A chart that can install Tempo: the umbrella lgtm-distributed (Tempo under `tempo:`) or tempo-distributed itself. */
export type StackChartId = "lgtm-distributed@3.0.1" | "tempo-distributed@1.61.3";

/** The charts a Tempo deployment can target, in a stable order. */
export const STACK_CHARTS: readonly StackChartId[] = Object.freeze([
  "lgtm-distributed@3.0.1",
  "tempo-distributed@1.61.3",
] as const);

/** True when `s` is exactly one of {@link SUPPORTED_CHARTS}. */
export function isChartId(s: string): s is ChartId {
  return (SUPPORTED_CHARTS as readonly string[]).includes(s);
}

/** True when `chart` is one of {@link STACK_CHARTS}. */
export function isStackChartId(chart: string): chart is StackChartId {
  return (STACK_CHARTS as readonly string[]).includes(chart);
}

/**
 * Parses `<chart>@<version>` (e.g. `tempo-distributed@1.61.3`, surrounding spaces ignored) into a {@link ChartId}.
 * On anything else it fails with `chart/unsupported-chart`, whose message names the supported versions
 * (and, when only the version is wrong, the supported versions of that chart).
 */
export function parseChartId(s: string): Result<ChartId> {
  const input = s.trim();
  if (isChartId(input)) return ok(input);
  const supported = SUPPORTED_CHARTS.join(", ");
  const at = input.lastIndexOf("@");
  const name = at > 0 ? input.slice(0, at) : input;
  const sameName = SUPPORTED_CHARTS.filter((c) => c.startsWith(`${name}@`));
  let message: string;
  let fix: string;
  if (input === "") {
    message = `No chart given. Supported charts: ${supported}.`;
    fix = "Name the chart and its version as <chart>@<version>, e.g. tempo-distributed@1.61.3.";
  } else if (sameName.length > 0 && at > 0) {
    message = `Chart ${name} version ${input.slice(at + 1)} is not supported; supported versions of ${name}: ${sameName.join(", ")}.`;
    fix = `Use ${sameName[0]}.`;
  } else if (sameName.length > 0) {
    message = `"${input}" has no version; supported: ${sameName.join(", ")}.`;
    fix = `Write the version too, e.g. ${sameName[0]}.`;
  } else {
    message = `Chart "${input}" is not supported. Supported charts: ${supported}.`;
    fix = "Write one of the supported charts as <chart>@<version>.";
  }
  return fail([{ ruleId: "chart/unsupported-chart", severity: "error", path: [], message, fix }]);
}
