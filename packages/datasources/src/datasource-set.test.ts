import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { lokiDatasource, prometheusDatasource, type TempoDatasource, tempoDatasource } from "./builders.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { DatasourceSet } from "./datasource-set.js";

const rules = (set: DatasourceSet) => set.validate().map((d) => `${d.ruleId} ${formatPath(d.path)}`);

describe("DatasourceSet.validate", () => {
  const loki = lokiDatasource({ name: "Loki", uid: "loki", url: "http://loki" });
  const mimir = prometheusDatasource({ name: "Mimir", uid: "mimir", url: "http://mimir/prometheus" });

  it("fills the uid Grafana derives when none is given", () => {
    const anon = lokiDatasource({ name: "Loki" });
    expect(anon.uid).toBe("P8E80F9AEF21F6940");
    const tempo = tempoDatasource({ name: "Tempo", url: "http://tempo:3200", tracesToLogs: { datasource: anon } });
    const set = new DatasourceSet([anon, tempo]);
    expect(set.validate()).toEqual([]);
    expect(set.entries()[1]?.jsonData).toMatchObject({ tracesToLogsV2: { datasourceUid: "P8E80F9AEF21F6940" } });
  });

  it("reports a link to a datasource that is not in the set", () => {
    const tempo = tempoDatasource({ name: "Tempo", url: "http://tempo:3200", serviceMap: { datasource: mimir } });
    expect(rules(new DatasourceSet([loki, tempo]))).toEqual([
      "datasource/dangling-uid datasources[1].jsonData.serviceMap.datasourceUid",
    ]);
  });

  it("lets links target chart-provided datasources", () => {
    const [kpsPrometheus] = kubePrometheusStackDatasources();
    const tempo = tempoDatasource({
      name: "Tempo",
      url: "http://tempo:3200",
      serviceMap: { datasource: kpsPrometheus as NonNullable<typeof kpsPrometheus> & { type: "prometheus" } },
    });
    expect(rules(new DatasourceSet([tempo], { chartProvided: kubePrometheusStackDatasources() }))).toEqual([]);
    expect(new DatasourceSet([tempo, ...kubePrometheusStackDatasources()]).entries()).toHaveLength(1);
  });

  it("reports invalid uids, duplicates and several defaults", () => {
    const bad = lokiDatasource({ name: "Bad", uid: "no spaces allowed" });
    const dup = prometheusDatasource({ name: "Loki", uid: "loki", isDefault: true });
    expect(rules(new DatasourceSet([loki, bad, dup], { chartProvided: kubePrometheusStackDatasources() }))).toEqual([
      "datasource/invalid-uid datasources[1].uid",
      "datasource/duplicate-name datasources[2].name",
      "datasource/duplicate-uid datasources[2].uid",
      "datasource/multiple-defaults datasources[2].isDefault",
    ]);
  });

  it("reports a link function that throws, and env conflicts", () => {
    const tempo = tempoDatasource({
      name: "Tempo",
      url: "http://tempo:3200",
      tracesToLogs: {
        datasource: () => {
          throw new Error("not yet");
        },
      },
    });
    const a = lokiDatasource({
      name: "A",
      headers: [{ name: "X", value: { fromSecret: { name: "s1", key: "k", env: "SAME" } } }],
    });
    const b = lokiDatasource({
      name: "B",
      headers: [{ name: "X", value: { fromSecret: { name: "s2", key: "k", env: "SAME" } } }],
    });
    const c = lokiDatasource({ name: "C", headers: [{ name: "X", value: { fromEnv: "1BAD" } }] });
    expect(rules(new DatasourceSet([tempo, a, b, c]))).toEqual([
      "datasource/dangling-uid datasources[0].jsonData.tracesToLogsV2.datasourceUid",
      "datasource/literal-header-value datasources[3].secureJsonData.httpHeaderValue1",
      "datasource/env-conflict datasources[2].secureJsonData.httpHeaderValue1",
      "datasource/invalid-env-name datasources[3].secureJsonData.httpHeaderValue1",
    ]);
  });

  it("resolves mutual links through functions", () => {
    const l = lokiDatasource({
      name: "Loki",
      uid: "loki",
      derivedFields: [{ name: "t", matcherRegex: "t=(\\w+)", datasource: (): TempoDatasource => t }],
    });
    const t: TempoDatasource = tempoDatasource({
      name: "Tempo",
      uid: "tempo",
      url: "http://t:3200",
      tracesToLogs: { datasource: l },
    });
    const set = new DatasourceSet([l, t]);
    expect(set.validate()).toEqual([]);
    expect(set.entries()[0]?.jsonData).toMatchObject({ derivedFields: [{ datasourceUid: "tempo" }] });
  });
});

describe("DatasourceSet.validate({ target })", () => {
  it("kube-prometheus-stack: counts the chart's Prometheus/Alertmanager names and uids even when not declared", () => {
    const clash = prometheusDatasource({
      name: "Prometheus",
      uid: "prometheus",
      url: "http://m/prometheus",
      isDefault: true,
    });
    const set = new DatasourceSet([clash]);
    expect(rules(set)).toEqual([]);
    expect(set.validate({ target: "kube-prometheus-stack" }).map((d) => `${d.ruleId} ${formatPath(d.path)}`)).toEqual([
      "datasource/duplicate-name datasources[0].name",
      "datasource/duplicate-uid datasources[0].uid",
    ]);
  });
  it("grafana-operator: resource name collisions and orgId", () => {
    const set = new DatasourceSet([
      lokiDatasource({ name: "My Loki", uid: "a" }),
      lokiDatasource({ name: "my-loki", uid: "b", orgId: 2 }),
    ]);
    expect(set.validate({ target: "grafana-operator" }).map((d) => `${d.ruleId} ${formatPath(d.path)}`)).toEqual([
      "datasource/duplicate-name datasources[1].name",
      "datasource/unsupported-field datasources[1].orgId",
    ]);
  });
});

describe("kubernetesName", () => {
  it("makes DNS-1123 labels", async () => {
    const { kubernetesName } = await import("./kubernetes-name.js");
    expect(kubernetesName("Loki $team", "x")).toBe("loki-team");
    expect(kubernetesName("日本", "_UID_")).toBe("uid");
    expect(kubernetesName("!!", "__")).toBe("datasource");
    expect(kubernetesName("a".repeat(70), "x")).toHaveLength(63);
  });
});
