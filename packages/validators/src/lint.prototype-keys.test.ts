import {
  CHART_DESCRIPTORS,
  type ChartId,
  chartVersions,
  childKeys,
  findChart,
  preferredChart,
} from "@lgtm-gitops/charts";

const NAMES = [...new Set(CHART_DESCRIPTORS.map((d) => d.name))];
/** The preferred version of every catalogued chart. */
const PREFERRED = NAMES.map((n) => preferredChart(n) as ChartId);
/** Its oldest, preferred and newest versions: the catalogs' shapes differ most between those. */
const SAMPLE = [
  ...new Set(
    NAMES.flatMap((n) => {
      const v = chartVersions(n);
      return [findChart(n, v[0] as string), preferredChart(n), findChart(n, v[v.length - 1] as string)];
    }),
  ),
].filter((c): c is ChartId => c !== undefined);

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { lintDocuments, validateDocuments } from "./lint.js";

/**
 * Keys that name Object.prototype members. A plain object used as a lookup table answers `TABLE[key]` for these
 * with an inherited function instead of undefined, which once crashed rules (`real.replace is not a function`).
 */
const PROTO_KEYS = [...Object.getOwnPropertyNames(Object.prototype), "prototype", "constructor", "__proto__"] as const;

/** A mapping whose every key is a prototype name, `depth` levels deep, with scalar leaves. */
function protoTree(depth: number, leaf: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const k of PROTO_KEYS) out[k] = depth <= 1 ? leaf : protoTree(depth - 1, leaf);
  return out;
}

/** YAML text for a mapping with those keys: written by hand so `__proto__` is a real key in the file. */
function yamlOf(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return `${JSON.stringify(value)}\n`;
  const entries = Object.keys(value as object);
  let out = "\n";
  for (const k of entries)
    out += `${indent}${JSON.stringify(k)}:${yamlOf((value as Record<string, unknown>)[k], `${indent}  `).replace(/^(?!\n)/, " ")}`;
  return out;
}

/** Failures of the linter itself: `lint/internal`, or a rule that threw (reported under its own id). */
const internal = (diags: readonly { ruleId: string; message: string }[]) =>
  diags.filter((d) => d.ruleId === "lint/internal" || / could not run on these documents /.test(d.message));

describe("keys named like Object.prototype members never crash a rule", () => {
  it("at the top level and two levels deep, with the oldest, preferred and newest version of every chart", () => {
    for (const depth of [1, 2, 3]) {
      for (const leaf of ["x", 2, true, null]) {
        const text = yamlOf(protoTree(depth, leaf)).trimStart();
        for (const chart of [undefined, ...SAMPLE]) {
          const r = lintDocuments([{ file: "proto.yaml", text }], chart ? { chart } : {});
          expect(internal(r.diagnostics), `${chart ?? "detected"} depth ${depth}`).toEqual([]);
        }
      }
    }
  }, 300_000); // hundreds of lint runs: minutes on two cores shared with the other packages' suites

  it("under each chart's known sections (and their known sub-sections), at its preferred version", () => {
    for (const chart of PREFERRED) {
      const sections = childKeys(chart, []);
      expect(sections.length, chart).toBeGreaterThan(0);
      for (const section of sections) {
        const subs = childKeys(chart, [section]).slice(0, 12);
        const values: Record<string, unknown> = { [section]: protoTree(2, "x") };
        const nested: Record<string, unknown> = Object.create(null);
        for (const s of subs) nested[s] = protoTree(2, 1);
        const values2 = { [section]: nested };
        for (const v of [values, values2]) {
          const text = yamlOf(v).trimStart();
          const r = lintDocuments([{ file: `${section}.yaml`, text }], { chart });
          expect(internal(r.diagnostics), `${chart} ${section}`).toEqual([]);
          const validated = validateDocuments([{ file: "v.yaml", chart, values: v }], { distribution: "rke2" });
          expect(internal(validated), `${chart} ${section} (validate)`).toEqual([]);
        }
      }
    }
  }, 300_000); // hundreds of lint runs: minutes on two cores shared with the other packages' suites

  it("with prototype names mixed among real keys at random depths", () => {
    const realKeys = ["tempo", "ingester", "grafana", "datasources", "traces", "overrides", "defaults", "jsonData"];
    const key = fc.constantFrom(...PROTO_KEYS, ...realKeys);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { maxDepth: 5 },
        fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, fc.constantFrom(undefined, ...SAMPLE), (values, chart) => {
        const text = stringify(values);
        const r = lintDocuments([{ file: "p.yaml", text }], chart ? { chart } : {});
        expect(internal(r.diagnostics)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
