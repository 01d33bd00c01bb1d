import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { lintDocuments, validateDocuments } from "./lint.js";

const wellFormed = (r: ReturnType<typeof lintDocuments>) => {
  for (const d of r.diagnostics) {
    expect(typeof d.ruleId).toBe("string");
    expect(["error", "warning", "info"]).toContain(d.severity);
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    if (d.column !== undefined) expect(d.column).toBeGreaterThanOrEqual(1);
  }
};

describe("lintDocuments never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        wellFormed(lintDocuments([{ file: "f.yaml", text }]));
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary JSON values serialised to YAML, with and without a chart", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, withChart) => {
        const text = stringify(value);
        wellFormed(lintDocuments([{ file: "v.yaml", text }], withChart ? { chart: "lgtm-distributed@3.0.1" } : {}));
      }),
      { numRuns: 300 },
    );
  });

  it("on values shaped like the supported charts (arbitrary leaves under real keys)", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    );
    const keys = [
      "tempo",
      "ingester",
      "replicas",
      "config",
      "replication_factor",
      "grafana",
      "additionalDataSources",
      "datasources",
      "traces",
      "storage",
      "trace",
      "backend",
      "overrides",
      "defaults",
      "metricsGenerator",
      "gateway",
      "nginxConfig",
      "resolver",
      "global",
      "dnsService",
      "structuredConfig",
      "jsonData",
      "serviceMap",
      "datasourceUid",
      "resources",
      "limits",
      "memory",
    ];
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { maxDepth: 5 },
        leaf,
        fc.dictionary(fc.constantFrom(...keys), tie("node"), { maxKeys: 4 }),
        fc.array(tie("node"), { maxLength: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        tree,
        fc.constantFrom(
          "lgtm-distributed@3.0.1",
          "tempo-distributed@1.61.3",
          "kube-prometheus-stack@88.5.3",
          "grafana@12.11.1",
        ) as fc.Arbitrary<"lgtm-distributed@3.0.1">,
        (values, chart) => {
          expect(() =>
            validateDocuments(
              [
                { file: "a.yaml", chart, values },
                { file: "b.yaml", chart: "kube-prometheus-stack@88.5.3", values },
              ],
              { distribution: "rke2" },
            ),
          ).not.toThrow();
          wellFormed(lintDocuments([{ file: "a.yaml", text: stringify(values) }]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on inputs that are not even strings", () => {
    expect(() =>
      lintDocuments([{ file: "x", text: 42 as unknown as string }, null as unknown as { file: string; text: string }]),
    ).not.toThrow();
  });
});
