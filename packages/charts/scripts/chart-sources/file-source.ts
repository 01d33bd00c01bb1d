/**
 * Chart versions from plain directories instead of a git clone: an unpacked `helm pull <chart> --version <v>
 * --untar`, or a checkout of a repository the builder cannot clone (grafana/mimir's
 * `operations/helm/charts/mimir-distributed`). Same output as the git reader (sources.ts): Chart.yaml,
 * values.yaml and every file under templates/ (not the vendored subcharts under charts/).
 *
 * Layout of a files root (`build.ts --files <root>`):
 * ```
 * <root>/<chart>/<version>/Chart.yaml, values.yaml, templates/…
 * <root>/<chart>/<version>.source.json   optional: { "repository": "grafana/mimir", "commit": "<sha>", "path": "operations/helm/charts/mimir-distributed",
 *                                                   "helmRepository": "<URL, when no index the builder reads lists it>", "packaged": "<how the package differs>",
 *                                                   "lacks": "<what of the chart the directory does not hold, and what the catalog therefore misses>" }
 * ```
 * The directory's Chart.yaml must name that chart and version. Nothing under a files root is committed: only
 * what the builder derives from it (and the sha256 of every file read, so a rebuild can tell it has the same
 * input).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseChartYaml } from "./history.js";
import type { ChartFiles } from "./sources.js";

/** Where a directory's files came from, as its `<version>.source.json` says. */
export interface FileOrigin {
  readonly repository?: string;
  readonly commit?: string;
  readonly path?: string;
  /** The Helm repository that publishes it, for a chart none of the indexes the builder reads lists (Strimzi). */
  readonly helmRepository?: string;
  /** How the published package differs from the directory, when it does (a release script setting the version). */
  readonly packaged?: string;
  /**
   * What of the chart the directory does not hold (mimir-distributed 5.7.0: its templates, which the public file index
   * has only at other commits), and what the catalog therefore misses. Never filled from files of another commit.
   */
  readonly lacks?: string;
}

export interface FileSourceVersion {
  readonly chart: string;
  readonly version: string;
  /** The chart directory. */
  readonly dir: string;
  readonly origin: FileOrigin;
}

function walkFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel === "" ? name : `${rel}/${name}`;
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...walkFiles(dir, r));
    else out.push(r);
  }
  return out;
}

/** One chart version's files from a directory, and the sha256 of each file read (by relative path). */
export function readChartDirectory(dir: string): ChartFiles & { readonly sha256: Record<string, string> } {
  const read = (rel: string): string | undefined =>
    existsSync(path.join(dir, rel)) ? readFileSync(path.join(dir, rel), "utf8") : undefined;
  const chartYaml = read("Chart.yaml");
  if (chartYaml === undefined) throw new Error(`${dir}/Chart.yaml not found`);
  const valuesYaml = read("values.yaml") ?? "";
  const all = walkFiles(dir);
  const templates = all.filter((f) => f.startsWith("templates/")).map((file) => ({ file, text: read(file) ?? "" }));
  const localSubcharts = [
    ...new Set(
      all
        .filter((p) => p.startsWith("charts/") && p.endsWith("/Chart.yaml"))
        .map((p) => p.slice(0, -"/Chart.yaml".length)),
    ),
  ].sort();
  const sha256: Record<string, string> = {};
  const hash = (t: string): string => createHash("sha256").update(t).digest("hex");
  sha256["Chart.yaml"] = hash(chartYaml);
  if (read("values.yaml") !== undefined) sha256["values.yaml"] = hash(valuesYaml);
  for (const t of templates) sha256[t.file] = hash(t.text);
  return { chartYaml, valuesYaml, templates, localSubcharts, sha256 };
}

/** Every `<chart>/<version>/` under a files root whose Chart.yaml names that chart and version. */
export function listFileSourceVersions(root: string): FileSourceVersion[] {
  if (!existsSync(root)) return [];
  const out: FileSourceVersion[] = [];
  for (const chart of readdirSync(root).sort()) {
    const chartDir = path.join(root, chart);
    if (!statSync(chartDir).isDirectory()) continue;
    for (const version of readdirSync(chartDir).sort()) {
      const dir = path.join(chartDir, version);
      if (!statSync(dir).isDirectory() || !existsSync(path.join(dir, "Chart.yaml"))) continue;
      const cy = parseChartYaml(readFileSync(path.join(dir, "Chart.yaml"), "utf8"));
      if (cy.name !== chart || String(cy.version) !== version)
        throw new Error(`${dir}: Chart.yaml says ${cy.name}@${String(cy.version)}, not ${chart}@${version}`);
      const src = path.join(chartDir, `${version}.source.json`);
      const origin = existsSync(src) ? (JSON.parse(readFileSync(src, "utf8")) as FileOrigin) : {};
      out.push({ chart, version, dir, origin });
    }
  }
  return out;
}
