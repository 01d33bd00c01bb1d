// Re-derives from the chart clones when they are present (GRAFANA_HELM_CHARTS_GIT etc., or ../.mirror/*):
// the committed catalogs must be what the sources give, and every values.yaml key of every version is known.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { VersionsFile } from "./build.js";
import { sha256 } from "./build.js";
import { readObjects } from "./git.js";
import { canonicalJson } from "./merge.js";
import type { Repos } from "./select.js";
import { readChartFiles } from "./sources.js";
import { buildVersionCatalog, isKnown, parseValues, valuesKeyPaths } from "./version-catalog.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const mirror = (slug: string): string => path.resolve(here, "../../../../../.mirror", slug, "repo");
const repos: Repos = {
  grafana: process.env.GRAFANA_HELM_CHARTS_GIT ?? mirror("grafana+helm-charts"),
  community: process.env.GRAFANA_COMMUNITY_HELM_CHARTS_GIT ?? mirror("grafana-community+helm-charts"),
  prometheus: process.env.PROMETHEUS_COMMUNITY_HELM_CHARTS_GIT ?? mirror("prometheus-community+helm-charts"),
};
const present = Object.values(repos).every((d) => existsSync(d));
const versions = JSON.parse(
  readFileSync(path.resolve(here, "../../catalogs/versions.gen.json"), "utf8"),
) as VersionsFile;

describe.skipIf(!present)("re-derived from the chart clones", () => {
  it("every key set in every catalogued version's values.yaml is known there", () => {
    for (const [chart, entries] of Object.entries(versions.charts))
      for (const e of entries) {
        const [text] = readObjects(repos[e.repo], [`${e.commit}:${e.chartDir}/values.yaml`]);
        const files = readChartFiles(repos[e.repo], e.commit, e.chartDir);
        const subcharts = Object.fromEntries(e.dependencies.map((d) => [d.alias ?? d.name, d.name]));
        const { catalog } = buildVersionCatalog({
          chart,
          version: e.version,
          valuesYaml: files.valuesYaml,
          templates: files.templates,
          subcharts,
        });
        expect(sha256(canonicalJson(catalog.root)), `${chart}@${e.version}`).toBe(e.catalogSha256);
        const unknown = valuesKeyPaths(parseValues(text ?? "")).filter((p) => !isKnown(catalog.root, p));
        expect(unknown, `${chart}@${e.version}`).toEqual([]);
      }
  });
});
