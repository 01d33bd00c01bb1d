/**
 * Reads one chart version's sources from a clone: `charts/<name>/Chart.yaml`, `values.yaml` and every file
 * under `templates/` (not the vendored subcharts under `charts/<name>/charts/`), at one commit.
 */
import { listTree, readObjects } from "./git.js";
import type { TemplateSource } from "./template-reads.js";

export interface ChartFiles {
  readonly chartYaml: string;
  readonly valuesYaml: string;
  readonly templates: TemplateSource[];
  /** Directories of local (vendored) subcharts, e.g. `charts/crds`. */
  readonly localSubcharts: string[];
}

export function readChartFiles(gitDir: string, commit: string, chartDir: string): ChartFiles {
  const entries = listTree(gitDir, commit, `${chartDir}/`);
  const rel = (p: string): string => p.slice(chartDir.length + 1);
  const templates = entries.filter((e) => rel(e.path).startsWith("templates/"));
  const find = (name: string): string | undefined => entries.find((e) => rel(e.path) === name)?.blob;
  const chartBlob = find("Chart.yaml");
  const valuesBlob = find("values.yaml");
  if (chartBlob === undefined) throw new Error(`${chartDir}/Chart.yaml not found at ${commit}`);
  const texts = readObjects(gitDir, [chartBlob, valuesBlob ?? chartBlob, ...templates.map((t) => t.blob)]);
  const localSubcharts = [
    ...new Set(
      entries
        .map((e) => rel(e.path))
        .filter((p) => p.startsWith("charts/") && p.endsWith("/Chart.yaml"))
        .map((p) => p.slice(0, -"/Chart.yaml".length)),
    ),
  ].sort();
  return {
    chartYaml: texts[0] ?? "",
    valuesYaml: valuesBlob === undefined ? "" : (texts[1] ?? ""),
    templates: templates.map((t, i) => ({ file: rel(t.path), text: texts[i + 2] ?? "" })),
    localSubcharts,
  };
}
