// Re-derives from the chart clones when they are present (GRAFANA_HELM_CHARTS_GIT etc., or ../.mirror/*):
// the committed catalogs must be what the sources give, and every values.yaml key of every version is known.
// One test per chart, so that no single test holds all ~290 versions (the machine is shared).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { VersionsFile } from "./build.js";
import { sha256 } from "./build.js";
import { canonicalJson } from "./merge.js";
import { renderFailures, requiredValues } from "./render-failures.js";
import type { Repos } from "./select.js";
import { readChartFiles } from "./sources.js";
import { tempoFacts } from "./tempo-facts.js";
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
  it.each(Object.keys(versions.charts))(
    "%s: every version's catalog, facts and values keys",
    (chart) => {
      for (const e of versions.charts[chart] ?? []) {
        if (e.repo === "files") continue; // a files root is not part of the clones
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
        const values = parseValues(files.valuesYaml);
        const unknown = valuesKeyPaths(values).filter((p) => !isKnown(catalog.root, p));
        expect(unknown, `${chart}@${e.version}`).toEqual([]);
        const req = requiredValues(renderFailures(files.templates, values), values);
        expect(
          req.map((r) => r.path),
          `${chart}@${e.version}`,
        ).toEqual((e.requiredValues ?? []).map((r) => r.path));
        if (e.tempo !== undefined)
          expect(tempoFacts(chart, e.version, files.templates, values, e.appVersion)).toEqual(e.tempo);
      }
    },
    600_000,
  ); // minutes on a shared machine: every version re-read from git and re-derived
});
