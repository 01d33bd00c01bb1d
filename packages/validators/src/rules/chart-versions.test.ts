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
