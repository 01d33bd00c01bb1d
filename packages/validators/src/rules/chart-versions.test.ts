// chart/unknown-key and chart/conditional-key across chart versions: renames derived from the catalogs, conditions
// derived from the templates, pass-through maps (`toYaml .Values.x`), and chart detection with a version range.
import type { ChartId } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { detectChart } from "../detect-chart.js";
import { lintDocuments } from "../lint.js";

const lint = (values: unknown, chart?: ChartId) =>
  lintDocuments([{ file: "values.yaml", text: stringify(values) }], chart ? { chart } : {}).diagnostics;
const of = (diags: ReturnType<typeof lint>, rule: string) => diags.filter((d) => d.ruleId === rule);

describe("chart/unknown-key: renames between versions", () => {
  it("the old name on a version after the rename says when it was renamed and where it goes now", () => {
    const [d] = of(
      lint({ global_overrides: { max_bytes_per_trace: 1 } }, "tempo-distributed@1.48.1"),
      "chart/unknown-key",
    );
    expect(d?.message).toContain("renamed `global_overrides` to `overrides` in 1.33.0; you are on 1.48.x");
    expect(d?.fix).toBe("Move it to `overrides`.");
  });

  it("the new name on a version before the rename says that version still reads the old one", () => {
    const [d] = of(lint({ per_tenant_overrides: { "tenant-a": {} } }, "tempo-distributed@1.32.7"), "chart/unknown-key");
    expect(d?.message).toContain("`per_tenant_overrides` is the name tempo-distributed uses from 1.33.0 on");
    expect(d?.message).toContain("you are on 1.32.x, which reads this setting from `overrides`");
    expect(d?.fix).toContain("or upgrade the chart to 1.33.0 or newer");
  });

  it("through lgtm-distributed's tempo subchart, in the file's coordinates", () => {
    const [d] = of(
      lint({ tempo: { global_overrides: { max_bytes_per_trace: 1 } } }, "lgtm-distributed@3.0.1"),
      "chart/unknown-key",
    );
    expect(d?.message).toContain("you are on 1.52.x, so the chart reads this setting from `tempo.overrides`");
  });
});

describe("pass-through maps are not ignored keys", () => {
  it("keys under loki-distributed's loki.storageConfig (toYaml) are the chart's business, not unknown", () => {
    const values = { loki: { storageConfig: { boltdb_shipper: { shared_store: "s3" }, aws: { s3: "s3://x" } } } };
    expect(of(lint(values, "loki-distributed@0.80.6"), "chart/unknown-key")).toEqual([]);
  });
});

describe("chart/conditional-key: keys the templates read only under a condition", () => {
  const columns = [{ name: "service.namespace", type: "string", scope: "resource" }];
  it("dedicated columns without storage.trace.block.version name the condition", () => {
    const d = of(
      lint({ storage: { trace: { block: { dedicated_columns: columns } } } }, "tempo-distributed@1.61.3"),
      "chart/conditional-key",
    );
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toContain("reads it only when `storage.trace.block.version` is set");
    expect(d[0]?.severity).toBe("warning");
  });

  it("no finding once the condition holds, and none for unconditioned keys", () => {
    const on = { storage: { trace: { block: { version: "vParquet4", dedicated_columns: columns } } } };
    expect(of(lint(on, "tempo-distributed@1.61.3"), "chart/conditional-key")).toEqual([]);
    expect(of(lint({ ingester: { replicas: 3 } }, "tempo-distributed@1.61.3"), "chart/conditional-key")).toEqual([]);
  });

  it("a map that writes only the switch its condition reads is not dead (loki 18.11.0 `chunksCache.enabled`)", () => {
    // grafana-community loki 18.11.0 reads chunksCache.* only under `if .Values.chunksCache.enabled`.
    const off = { chunksCache: { enabled: false } };
    expect(of(lint(off, "loki@18.11.0"), "chart/conditional-key")).toEqual([]);
    const dead = { chunksCache: { enabled: false, allocatedMemory: 1024 } };
    expect(of(lint(dead, "loki@18.11.0"), "chart/conditional-key")).toHaveLength(1);
  });
});

describe("chart detection picks the versions that fit the file", () => {
  it("tells grafana-community's loki chart from loki-distributed, and the Strimzi operator's values", () => {
    expect(detectChart({ deploymentMode: "Monolithic", loki: { schemaConfig: {} }, gateway: {} })?.chart).toMatch(
      /^loki@/,
    );
    expect(detectChart({ loki: { config: "" }, ingester: {}, gateway: {} })?.chart).toMatch(/^loki-distributed@/);
    expect(detectChart({ watchNamespaces: [], watchAnyNamespace: false })?.chart).toMatch(/^strimzi-kafka-operator@/);
  });

  it("names the range", () => {
    const d = detectChart({ per_tenant_overrides: {}, podDisruptionBudget: {}, traces: {} });
    expect(d).toMatchObject({ chart: "tempo-distributed@1.61.3", versions: "≥1.33 <2.12.1" });
    expect(detectChart({ global_overrides: {}, traces: {} })).toMatchObject({
      chart: "tempo-distributed@1.32.7",
      versions: "<1.33",
    });
  });
});

describe("overrides on the layouts before 1.33 (the Tempo↔chart mapping says where each version takes them)", () => {
  const tenant = { ingestion: { rate_limit_bytes: 1, burst_size_bytes: 2 }, global: { max_bytes_per_trace: 0 } };

  it("1.18–1.32: `overrides` is the per-tenant map, `global_overrides` the tempo.yaml overrides", () => {
    const diags = lint(
      { global_overrides: { defaults: { global: { max_bytes_per_trace: 0 } } }, overrides: { a: tenant } },
      "tempo-distributed@1.32.7",
    );
    // A tenant id is not an unknown Tempo overrides key there; both zero limits are found where they are.
    expect(of(diags, "tempo/unknown-config-key")).toEqual([]);
    expect(of(diags, "tempo/max-bytes-per-trace").map((d) => d.path.join("."))).toEqual([
      "global_overrides.defaults.global.max_bytes_per_trace",
      "overrides.a.global.max_bytes_per_trace",
    ]);
    // On 1.33+ the same `overrides` map is tempo.yaml's overrides: a tenant id there is an unknown key.
    expect(of(lint({ overrides: { a: tenant } }, "tempo-distributed@1.33.0"), "tempo/unknown-config-key")).not.toEqual(
      [],
    );
  });

  it("1.10–1.13: per-tenant overrides are YAML text, checked as the runtime file it becomes", () => {
    const text =
      "overrides:\n  a:\n    ingestion:\n      rate_limit_bytes: 1\n      burst_size_bytes: 2\n    bogus: 1\n";
    const diags = lint({ tempo: { overrides: text } }, "lgtm-distributed@2.1.0");
    const unknown = of(diags, "tempo/unknown-config-key");
    expect(unknown.map((d) => d.path.join("."))).toEqual(["tempo.overrides"]);
    expect(unknown[0]?.message).toContain("bogus");
  });

  it("1.6–1.7: the legacy flat overrides the template itself writes are not reported as deprecated", () => {
    const values = {
      global_overrides: { max_bytes_per_trace: 5_000_000, metrics_generator_processors: ["span-metrics"] },
    };
    expect(of(lint(values, "tempo-distributed@1.6.8"), "tempo/legacy-overrides")).toEqual([]);
    // On a layout that reads the new format the same flat keys are the deprecated format.
    expect(
      of(lint({ overrides: { max_bytes_per_trace: 5_000_000 } }, "tempo-distributed@1.33.0"), "tempo/legacy-overrides"),
    ).toHaveLength(1);
  });
});
