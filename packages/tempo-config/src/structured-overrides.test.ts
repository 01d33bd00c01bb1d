import { preferredChart, STACK_CHART_NAMES, type StackChartId, tempoPrefix } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { toChartValues } from "./chart-values.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import { structuredConfigOverrides } from "./structured-overrides.js";

const spec = (() => {
  const r = parseTempoSpec(presets.prod({ retention: "336h" }));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
})();

/** The overrides, nested under the target's Tempo prefix (`tempo:` in lgtm-distributed). */
function under(target: StackChartId, values: Record<string, unknown>): Record<string, unknown> {
  let v = values;
  for (const key of [...(tempoPrefix(target) ?? [])].reverse()) v = { [String(key)]: v };
  return v;
}

describe("structuredConfigOverrides", () => {
  // The preferred version of each stack chart (the mapping rows are the same for every version it covers).
  for (const target of STACK_CHART_NAMES.map((n) => preferredChart(n) as StackChartId)) {
    const compiled = toChartValues(spec, target, { release: "tempo", namespace: "tempo" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const prefix = tempoPrefix(target) ?? [];

    it(`${target}: names the spec fields a structuredConfig override replaces, where it is set, before and after`, () => {
      const overrides = under(target, {
        tempo: {
          structuredConfig: {
            ingester: { lifecycler: { ring: { replication_factor: 1 } } },
            compactor: { compaction: { block_retention: "720h" } },
          },
        },
      });
      expect(structuredConfigOverrides(target, compiled.value, overrides)).toEqual([
        {
          specField: ["ingester", "replicationFactor"],
          valuesPath: [...prefix, "tempo", "structuredConfig", "ingester", "lifecycler", "ring", "replication_factor"],
          before: 3,
          after: 1,
        },
        {
          specField: ["retention"],
          valuesPath: [...prefix, "tempo", "structuredConfig", "compactor", "compaction", "block_retention"],
          before: "336h",
          after: "720h",
        },
      ]);
    });

    it(`${target}: leaves out a chart value changed directly, a setting left equal and one the spec does not set`, () => {
      const overrides = under(target, {
        ingester: { config: { replication_factor: 1 } },
        tempo: {
          structuredConfig: {
            compactor: { compaction: { block_retention: "336h" } },
            querier: { search: { query_timeout: "60s" } },
          },
        },
      });
      expect(structuredConfigOverrides(target, compiled.value, overrides)).toEqual([]);
      expect(structuredConfigOverrides(target, compiled.value, undefined)).toEqual([]);
    });
  }
});
