import { describe, expect, it } from "vitest";
import type { ChartId } from "./chart-id.js";
import { effectiveValue, overriddenValues } from "./effective-values.js";

const LGTM: ChartId = "lgtm-distributed@3.0.1";
const TEMPO: ChartId = "tempo-distributed@1.61.3";

const p = (dotted: string): (string | number)[] => dotted.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));

describe("effectiveValue", () => {
  it("lays the document's values over the chart defaults as Helm does", () => {
    expect(effectiveValue(TEMPO, { ingester: { replicas: 1 } }, p("ingester"))).toMatchObject({
      replicas: 1,
      config: { replication_factor: 3 },
    });
    expect(effectiveValue(LGTM, {}, p("tempo.ingester.replicas"))).toBe(1);
    expect(effectiveValue(TEMPO, { storage: { trace: { backend: "s3" } } }, p("storage.trace.backend"))).toBe("s3");
    expect(effectiveValue(TEMPO, { ingester: { config: null } }, p("ingester.config"))).toBeUndefined();
    expect(effectiveValue(TEMPO, { ingester: { config: { replication_factor: null } } }, p("ingester.config"))).toEqual(
      expect.not.objectContaining({ replication_factor: expect.anything() }),
    );
  });
});

describe("overriddenValues", () => {
  const base = { ingester: { replicas: 2, config: { replication_factor: 3 } }, compactor: { extraArgs: ["-a"] } };

  it("lists each value of the base an override changes, with what the chart sees before and after", () => {
    expect(overriddenValues(TEMPO, base, { ingester: { replicas: 5 }, compactor: { extraArgs: ["-b"] } })).toEqual([
      { path: ["ingester", "replicas"], before: 2, after: 5 },
      { path: ["compactor", "extraArgs"], before: ["-a"], after: ["-b"] },
    ]);
  });

  it("a null deletes with Helm's semantics: the chart default is what the chart then sees", () => {
    // tempo-distributed 1.61.3 defaults: 3 ingesters, replication factor 3 (its values.yaml).
    expect(overriddenValues(TEMPO, base, { ingester: null })).toEqual([
      { path: ["ingester", "replicas"], before: 2, after: 3 },
    ]);
    expect(overriddenValues(TEMPO, base, { ingester: { config: { replication_factor: null } } })).toEqual([]);
  });

  it("an override that equals the base, only adds keys or is absent changes nothing", () => {
    expect(overriddenValues(TEMPO, base, { ingester: { replicas: 2, persistence: { enabled: true } } })).toEqual([]);
    expect(overriddenValues(TEMPO, base, undefined)).toEqual([]);
  });

  it("follows a subchart's defaults under its alias", () => {
    expect(overriddenValues(LGTM, { tempo: { ingester: { replicas: 2 } } }, { tempo: { ingester: null } })).toEqual([
      { path: ["tempo", "ingester", "replicas"], before: 2, after: 1 },
    ]);
  });
});
