import { resolveKey, STACK_CHARTS, tempoPrefix, tempoVersionOf } from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import {
  GENERATED_STACK_CHARTS,
  generatesFor,
  SPEC_TARGET,
  TEMPO_CHART_MAPPINGS,
  tempoChartSettings,
} from "./chart-mapping.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { segmentsOf } from "./rendered-config.js";
import { schemaNodeAt, tempoSchemaFor } from "./tempo-schema.js";

describe("the Tempo↔chart mapping table", () => {
  it("has settings for every stack chart, the lgtm-distributed subchart included", () => {
    for (const chart of GENERATED_STACK_CHARTS) expect(tempoChartSettings(chart).length).toBeGreaterThan(20);
    // tempo-distributed 1.33.0 … 2.x and lgtm-distributed 3.x (which installs 1.52.5); not the legacy-overrides charts.
    expect(GENERATED_STACK_CHARTS).toContain("tempo-distributed@1.33.0");
    expect(GENERATED_STACK_CHARTS).toContain("tempo-distributed@2.26.2");
    expect(GENERATED_STACK_CHARTS).toContain("lgtm-distributed@3.0.0");
    expect(generatesFor("tempo-distributed@1.32.7")).toBe(false);
    expect(generatesFor("lgtm-distributed@2.1.0")).toBe(false); // installs tempo-distributed 1.13.2
    expect(STACK_CHARTS.length).toBeGreaterThan(GENERATED_STACK_CHARTS.length);
    expect(tempoChartSettings("lgtm-distributed@3.0.1")).toBe(tempoChartSettings("tempo-distributed@1.52.5"));
    expect(tempoChartSettings("kube-prometheus-stack@88.5.3")).toEqual([]);
    expect(tempoPrefix(SPEC_TARGET)).toEqual([]);
  });

  it("maps chart values the chart reads, Tempo settings Tempo has and spec fields the spec has", () => {
    const spec = parseTempoSpec({
      ...presets.prod(),
      storage: { backend: "s3", bucket: "b" },
      kafka: { partitions: 3 },
      backendWorker: { replicas: 1 },
    });
    expect(spec.ok).toBe(true);
    for (const m of TEMPO_CHART_MAPPINGS) {
      // The newest chart version the entry covers.
      const covered = GENERATED_STACK_CHARTS.filter((c) => tempoChartSettings(c) === m.settings).at(-1);
      expect(covered, m.reads.join()).toBeDefined();
      for (const s of m.settings) {
        const chart = resolveKey(covered ?? SPEC_TARGET, segmentsOf(s.chartPath)).kind;
        expect([s.chartPath, chart]).not.toContainEqual("unknown");
        // Every Tempo setting exists in the schema of the Tempo the covered chart version runs.
        if (s.tempoPath !== undefined) {
          const tempo = tempoSchemaFor(tempoVersionOf(covered ?? SPEC_TARGET) ?? "2.9.0").config;
          expect([s.tempoPath, schemaNodeAt(tempo, segmentsOf(s.tempoPath))]).not.toContain(undefined);
        }
        // Every spec field exists in a parsed spec (a few optional ones only when set).
        const optional = [
          "ingester.persistence.storageClass",
          "metricsGenerator.externalLabels",
          "metricsGenerator.config",
          "structuredConfig",
          "gateway.basicAuth",
          "kafka.address",
        ];
        if (
          s.specField !== undefined &&
          !optional.includes(s.specField) &&
          !s.specField.endsWith(".resources") &&
          spec.ok
        )
          expect([s.specField, getPath(spec.value, segmentsOf(s.specField))]).not.toContain(undefined);
      }
    }
  });
});
