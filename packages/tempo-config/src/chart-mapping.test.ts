import {
  type ChartId,
  compareVersions,
  effectiveValue,
  resolveKey,
  STACK_CHARTS,
  type StackChartId,
  tempoChartOf,
  tempoPrefix,
  tempoVersionOf,
} from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import {
  GENERATED_STACK_CHARTS,
  generatesFor,
  overridesPlaces,
  SPEC_TARGET,
  sinceTempo,
  TEMPO_CHART_MAPPINGS,
  type TempoChartSetting,
  tempoChartSettings,
} from "./chart-mapping.js";
import { compileTempoValues } from "./chart-values.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { renderTempoConfig, segmentsOf } from "./rendered-config.js";
import { type SchemaNode, schemaNodeAt, tempoSchemaFor } from "./tempo-schema.js";

/** The node at `path` of a Tempo schema root, or `undefined`. */
const nodeOf = (node: SchemaNode | undefined, path: readonly (string | number)[]) =>
  node === undefined ? undefined : schemaNodeAt(node, path);

/** The schema of exactly `version` (the table holds every release 2.0–3.0). */
function schemaOf(version: string) {
  const schema = tempoSchemaFor(version);
  expect(schema.version).toBe(version);
  return schema;
}

/** Dot paths of every leaf of a rendered tempo.yaml (a list is a leaf). */
function leafPaths(v: unknown, path: string[] = []): string[][] {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0)
    return Object.entries(v).flatMap(([k, c]) => leafPaths(c, [...path, k]));
  return [path];
}

const isOverridesRow = (s: { via?: string }) =>
  s.via === "overrides" ||
  s.via === "tenantOverrides" ||
  s.via === "legacyOverrides" ||
  s.via === "legacyTenantOverrides";

describe("the Tempo↔chart mapping table", () => {
  it("has settings for every stack chart, the lgtm-distributed subchart included", () => {
    for (const chart of GENERATED_STACK_CHARTS) expect(tempoChartSettings(chart).length).toBeGreaterThan(20);
    // Every catalogued version of lgtm-distributed and tempo-distributed 1.x/2.x (Tempo 2.x), in one of four overrides
    // layouts; entries are indexed from the 1.33+ one.
    const tempo2 = STACK_CHARTS.filter((c) => tempoVersionOf(c)?.startsWith("2.") === true);
    expect(GENERATED_STACK_CHARTS).toEqual(expect.arrayContaining(tempo2));
    expect(generatesFor("lgtm-distributed@1.0.0")).toBe(true);
    expect(generatesFor("kube-prometheus-stack@88.5.3")).toBe(false);
    const modern = TEMPO_CHART_MAPPINGS.findIndex((m) => m.settings === tempoChartSettings("tempo-distributed@1.61.3"));
    const entry = (chart: StackChartId) =>
      TEMPO_CHART_MAPPINGS.findIndex((m) => m.settings === tempoChartSettings(chart)) - modern;
    const layouts: Record<number, StackChartId[]> = {};
    for (const chart of tempo2) {
      const i = entry(chart);
      layouts[i] = [...(layouts[i] ?? []), chart];
    }
    expect(layouts[-1]).toBeUndefined();
    // 1.33.0 on (and lgtm-distributed 3.x, which installs 1.52.5): `overrides.defaults` and `per_tenant_overrides`.
    expect(layouts[0]).toContain("tempo-distributed@1.33.0");
    expect(layouts[0]).toContain("tempo-distributed@2.26.2");
    expect(layouts[0]).toContain("lgtm-distributed@3.0.0");
    expect(layouts[0]).not.toContain("tempo-distributed@1.32.7");
    // 1.6–1.7 (lgtm-distributed 1.0.x): legacy flat overrides; 1.10–1.13 (lgtm-distributed 2.x): per-tenant text.
    expect(layouts[1]).toEqual([
      "lgtm-distributed@1.0.0",
      "lgtm-distributed@1.0.1",
      "tempo-distributed@1.6.8",
      "tempo-distributed@1.7.5",
    ]);
    expect(layouts[2]).toEqual([
      "lgtm-distributed@2.0.0",
      "lgtm-distributed@2.1.0",
      "tempo-distributed@1.10.0",
      "tempo-distributed@1.13.2",
    ]);
    expect(layouts[3]?.[0]).toBe("tempo-distributed@1.18.1");
    expect(layouts[3]?.at(-1)).toBe("tempo-distributed@1.32.7");
    expect(tempoChartSettings("lgtm-distributed@3.0.1")).toBe(tempoChartSettings("tempo-distributed@1.52.5"));
    expect(tempoChartSettings("lgtm-distributed@2.1.0")).toBe(tempoChartSettings("tempo-distributed@1.13.2"));
    expect(tempoChartSettings("kube-prometheus-stack@88.5.3")).toEqual([]);
    expect(tempoPrefix(SPEC_TARGET)).toEqual([]);
  });

  it("puts each overrides setting where the chart versions of its entry read it, in the format their Tempo reads", () => {
    for (const chart of STACK_CHARTS) {
      const tempo = tempoChartOf(chart) as ChartId;
      const version = tempoVersionOf(chart) as string;
      const schema = schemaOf(version);
      for (const s of tempoChartSettings(chart)) {
        if (!isOverridesRow(s)) continue;
        expect([chart, s.chartPath, resolveKey(tempo, segmentsOf(s.chartPath)).kind]).not.toContain("unknown");
        if (s.tempoPath === undefined || compareVersions(version, sinceTempo(s) ?? version) < 0) continue;
        // The legacy flat rows are Tempo's legacy overrides root; the others tempo.yaml (`overrides.defaults` from 2.3).
        const legacy = s.via === "legacyOverrides";
        const node = legacy
          ? nodeOf(schema.overridesLegacy, segmentsOf(s.tempoPath).slice(1))
          : nodeOf(schema.config, segmentsOf(s.tempoPath));
        expect([chart, `Tempo ${version}`, s.tempoPath, node]).not.toContain(undefined);
      }
    }
  });

  it("knows, from the per-release config schemas, the first Tempo that has each row's setting", () => {
    const row = (specField: string, via?: string) =>
      TEMPO_CHART_MAPPINGS.flatMap((m) => m.settings).find((s) => s.specField === specField && s.via === via);
    // The versions the tempo/unsupported-setting messages name ("Tempo 2.7 added it", "Tempo 2.5 added it").
    expect(sinceTempo(row("query.maxSpansPerSpanSet") as TempoChartSetting)).toBe("2.7.0");
    expect(sinceTempo(row("query.maxMetricsDuration", "legacyOverrides") as TempoChartSetting)).toBe("2.5.0");
    expect(sinceTempo(row("streamOverHttp") as TempoChartSetting)).toBe("2.2.1");
    expect(sinceTempo(row("kafka.address", "kafka") as TempoChartSetting)).toBe("2.8.0");
    expect(sinceTempo(row("multitenancy") as TempoChartSetting)).toBe("2.0.0");
    // A legacy flat overrides key is looked up in that format (in tempo.yaml `overrides` it is gone from Tempo 2.3).
    expect(sinceTempo(row("ingestion.rateLimitBytes", "legacyOverrides") as TempoChartSetting)).toBe("2.0.0");
    expect(sinceTempo({ chartPath: "server" })).toBeUndefined();
    // A Tempo key no release has is a mistake in the table, never "no restriction".
    expect(() => sinceTempo({ chartPath: "x", tempoPath: "query_frontend.search.max_spans_per_spanset" })).toThrow(
      "no Tempo release the config schemas hold has `query_frontend.search.max_spans_per_spanset`",
    );
  });

  it("has a first Tempo for every row's setting, and every later Tempo a chart of its entry runs keeps it", () => {
    const tempos = [...new Set(STACK_CHARTS.map((c) => tempoVersionOf(c) as string))].sort(compareVersions);
    const unanswered: string[] = [];
    const dropped: string[] = [];
    for (const m of TEMPO_CHART_MAPPINGS) {
      const covered = tempos.filter((t) =>
        STACK_CHARTS.some((c) => tempoVersionOf(c) === t && tempoChartSettings(c) === m.settings),
      );
      for (const s of m.settings) {
        if (s.tempoPath === undefined) continue;
        let since: string | undefined;
        try {
          since = sinceTempo(s);
        } catch {
          unanswered.push(s.tempoPath);
          continue;
        }
        expect(since).toBeDefined();
        // Gating on the first release is enough only when no later release a chart runs dropped the key again.
        const legacy = s.via === "legacyOverrides";
        for (const t of covered.filter((v) => compareVersions(v, since as string) >= 0)) {
          const schema = schemaOf(t);
          const node = legacy
            ? nodeOf(schema.overridesLegacy, segmentsOf(s.tempoPath).slice(1))
            : nodeOf(schema.config, segmentsOf(s.tempoPath));
          if (node === undefined) dropped.push(`${s.tempoPath} (Tempo ${t})`);
        }
      }
    }
    expect(unanswered).toEqual([]);
    expect(dropped).toEqual([]);
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
        // The older layouts' overrides rows are checked per chart version above; their other rows are 1.33's.
        if (m.reads.some((r) => (typeof r === "string" ? r : r.path).startsWith("global_overrides"))) continue;
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

  it("renders, for every stack chart version, a tempo.yaml whose every key the Tempo of that version has", () => {
    const spec = parseTempoSpec(
      presets.prod({
        storage: { backend: "s3", bucket: "b", endpoint: "minio:9000", credentials: { secretName: "s" } },
        multitenancy: true,
        tenants: { a: { ingestion: { rateLimitBytes: 1_000_000 }, retention: "72h" } },
        query: { maxSearchDuration: "24h" },
        metricsGenerator: { enabled: true, remoteWrite: [{ url: "http://mimir/api/v1/push" }] },
        streamOverHttp: true,
      }),
    );
    if (!spec.ok) throw new Error("the spec does not parse");
    const missing: string[] = [];
    for (const chart of STACK_CHARTS) {
      const version = tempoVersionOf(chart) as string;
      const schema = schemaOf(version);
      const tempo = tempoChartOf(chart) as ChartId;
      const values = compileTempoValues(spec.value, chart);
      const config = renderTempoConfig((p) => effectiveValue(tempo, values, p), tempoChartSettings(chart));
      const legacy = overridesPlaces(chart).legacy;
      for (const path of leafPaths(config)) {
        const node =
          legacy && path[0] === "overrides"
            ? nodeOf(schema.overridesLegacy, path.slice(1))
            : nodeOf(schema.config, path);
        if (node === undefined) missing.push(`${chart} (Tempo ${version}): ${path.join(".")}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
