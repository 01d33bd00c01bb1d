import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageDir } from "../test/support.js";
import { resolveKey } from "./catalog.js";
import {
  type ChartId,
  chartDescriptor,
  chartVersions,
  compareVersions,
  EXAMPLE_CHART,
  findChart,
  isChartId,
  preferredChart,
  STACK_CHART_NAMES,
  STACK_CHARTS,
  SUPPORTED_CHARTS,
  tempoChartOf,
  tempoPrefix,
  tempoVersionOf,
} from "./chart-id.js";
import { CHART_DESCRIPTORS } from "./descriptors.js";
import { gatewaysOf } from "./gateways.js";

describe("the descriptor table", () => {
  it("has one row per id, each id naming its chart and version", () => {
    expect(new Set(SUPPORTED_CHARTS).size).toBe(CHART_DESCRIPTORS.length);
    for (const d of CHART_DESCRIPTORS) expect(d.id.endsWith(`${d.name}@${d.version}`)).toBe(true);
  });

  it("has a row for every catalogued version, and no row without a catalog", () => {
    const catalogued: string[] = [];
    for (const name of new Set(CHART_DESCRIPTORS.map((d) => d.name))) {
      const file = path.join(packageDir, "catalogs", `${name}.gen.json`);
      const store = JSON.parse(readFileSync(file, "utf8")) as { versions: string[] };
      catalogued.push(...store.versions.map((v) => `${name}@${v}`));
    }
    expect([...SUPPORTED_CHARTS].sort()).toEqual(catalogued.sort());
    expect(SUPPORTED_CHARTS.length).toBeGreaterThan(270);
  });

  it("points subcharts at rows of the table (or says they are unchecked)", () => {
    for (const d of CHART_DESCRIPTORS)
      for (const [alias, sub] of Object.entries(d.subcharts))
        expect([d.id, alias, sub === "unchecked" || isChartId(sub)]).toEqual([d.id, alias, true]);
  });

  it("places each component either at the top or under a subchart alias that installs it", () => {
    for (const d of CHART_DESCRIPTORS) {
      for (const [component, prefix] of Object.entries(d.components)) {
        if (prefix.length === 0) continue;
        const sub = (d.subcharts as Record<string, string>)[String(prefix[0])];
        expect(sub, `${d.id} ${component}`).toBeDefined();
        if (sub !== undefined && isChartId(sub))
          expect(chartDescriptor(sub).components as Record<string, unknown>).toHaveProperty(component, []);
      }
    }
  });

  it("names gateway and datasource paths the chart really reads", () => {
    for (const d of CHART_DESCRIPTORS) {
      const id = d.id as ChartId;
      const paths = [
        ...gatewaysOf(id).flatMap((g) => [
          g.resolver,
          ...g.gates.map((x) => x.path),
          ...(g.offWhen ?? []).map((x) => x.path),
          ...g.globals,
        ]),
        ...("additionalDatasources" in d ? [d.additionalDatasources] : []),
      ];
      for (const p of paths) expect([id, p.join("."), resolveKey(id, p).kind]).not.toContain("unknown");
    }
  });
});

describe("lookups derived from the table", () => {
  it("lists versions oldest first and finds a row by name and version", () => {
    expect(chartVersions("lgtm-distributed")).toEqual(["1.0.0", "1.0.1", "2.0.0", "2.1.0", "3.0.0", "3.0.1"]);
    expect(findChart("tempo-distributed", "1.61.3")).toBe("tempo-distributed@1.61.3");
    expect(findChart("tempo-distributed", "1.48.1")).toBe("tempo-distributed@1.48.1");
    expect(findChart("tempo-distributed", "1.48.0")).toBeUndefined();
    expect(preferredChart("grafana")).toBe("grafana@12.11.1");
    expect(preferredChart("grafana-oncall")).toBeUndefined();
    expect(preferredChart("mimir-distributed")).toBe("mimir-distributed@5.7.0");
    expect(compareVersions("1.9.0", "1.10.0")).toBeLessThan(0);
  });

  it("knows where Tempo sits and which Tempo a chart runs", () => {
    expect(STACK_CHARTS).toContain("lgtm-distributed@1.0.0");
    expect(STACK_CHARTS).toContain("tempo-distributed@2.26.2");
    expect(STACK_CHARTS).toContain("tempo-distributed@3.3.0"); // Tempo 3.0 (generate decides which versions it writes)
    expect(tempoVersionOf("tempo-distributed@3.3.0")).toBe("3.0.3");
    expect(chartDescriptor("tempo-distributed@3.3.0").repoURL).toBe("https://grafana-community.github.io/helm-charts");
    expect(chartDescriptor("tempo-distributed@1.61.3").repoURL).toBe("https://grafana.github.io/helm-charts");
    expect(tempoVersionOf("tempo@1.2.1")).toBeUndefined(); // the single-binary chart is linted only
    expect(chartDescriptor("tempo@1.2.1").tempoVersion).toBe("2.0.1"); // its values.yaml pins 2.0.1, appVersion says 2.1.1
    expect(STACK_CHART_NAMES).toEqual(["lgtm-distributed", "tempo-distributed"]);
    expect(tempoPrefix("lgtm-distributed@3.0.1")).toEqual(["tempo"]);
    expect(tempoPrefix("tempo-distributed@1.61.3")).toEqual([]);
    expect(tempoPrefix("kube-prometheus-stack@88.5.3")).toBeUndefined();
    expect(tempoChartOf("lgtm-distributed@3.0.1")).toBe("tempo-distributed@1.52.5");
    expect(tempoVersionOf("lgtm-distributed@3.0.1")).toBe("2.9.0");
    expect(tempoVersionOf("lgtm-distributed@1.0.0")).toBe(chartDescriptor("tempo-distributed@1.6.8").appVersion);
    expect(tempoVersionOf("grafana@12.11.1")).toBeUndefined();
    expect(EXAMPLE_CHART).toBe("tempo-distributed@1.61.3");
  });
});
