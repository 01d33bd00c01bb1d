import { defaultValue } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import {
  checkGrafanaChartDatasources,
  checkKubePrometheusStackDatasources,
  checkProvisioningDocument,
} from "./check-documents.js";

const rules = (d: readonly Diagnostic[]) => d.map((x) => `${x.ruleId} ${formatPath(x.path)}`);

describe("checkKubePrometheusStackDatasources", () => {
  it("finds the tutorial's dangling loki/mimir uids", () => {
    const values = parse(tutorialFile("prometheus-values.yaml"));
    expect(rules(checkKubePrometheusStackDatasources(values).filter((d) => d.severity === "error"))).toEqual([
      "datasource/dangling-uid grafana.additionalDataSources[2].jsonData.tracesToLogsV2.datasourceUid",
      "datasource/dangling-uid grafana.additionalDataSources[2].jsonData.tracesToMetrics.datasourceUid",
      "datasource/dangling-uid grafana.additionalDataSources[2].jsonData.serviceMap.datasourceUid",
    ]);
  });
  it("counts the chart's default Prometheus unless switched off in the same values", () => {
    const ds = [{ name: "Mimir", type: "prometheus", uid: "mimir", url: "http://m/prometheus", isDefault: true }];
    expect(rules(checkKubePrometheusStackDatasources({ grafana: { additionalDataSources: ds } }))).toEqual([
      "datasource/multiple-defaults grafana.additionalDataSources[0].isDefault",
    ]);
    const off = { grafana: { additionalDataSources: ds, sidecar: { datasources: { isDefaultDatasource: false } } } };
    expect(checkKubePrometheusStackDatasources(off)).toEqual([]);
    expect(rules(checkKubePrometheusStackDatasources({ grafana: { additionalDataSources: {} } }))).toEqual([
      "datasource/invalid-entry grafana.additionalDataSources",
    ]);
    expect(checkKubePrometheusStackDatasources({})).toEqual([]);
  });
});

describe("checkProvisioningDocument", () => {
  it("checks apiVersion, deleteDatasources and prune", () => {
    expect(rules(checkProvisioningDocument({ datasources: [] }))).toEqual(["datasource/api-version apiVersion"]);
    expect(rules(checkProvisioningDocument({ apiVersion: 2 }))).toEqual(["datasource/api-version apiVersion"]);
    expect(
      rules(checkProvisioningDocument({ apiVersion: 1, deleteDatasources: [{ orgId: 1 }], prune: "yes" })),
    ).toEqual(["datasource/invalid-entry deleteDatasources[0]", "datasource/invalid-entry prune"]);
    expect(rules(checkProvisioningDocument("x"))).toEqual(["datasource/invalid-entry "]);
    expect(checkProvisioningDocument({ apiVersion: 1, prune: true, deleteDatasources: [{ name: "Old" }] })).toEqual([]);
  });
  it("applies file escaping by default", () => {
    const doc = {
      apiVersion: 1,
      datasources: [
        {
          name: "L",
          type: "loki",
          url: "http://l",
          jsonData: { derivedFields: [{ name: "t", matcherRegex: "(x)", url: "${__value.raw}" }] },
        },
      ],
    };
    expect(rules(checkProvisioningDocument(doc))).toEqual([
      "datasource/unescaped-dollar datasources[0].jsonData.derivedFields[0].url",
    ]);
    expect(checkProvisioningDocument(doc, { escaping: "none" })).toEqual([]);
  });
});

describe("checkGrafanaChartDatasources", () => {
  it("treats all files as one directory: links resolve across files, duplicates and defaults are counted once", () => {
    const values = {
      datasources: {
        "a.yaml": {
          apiVersion: 1,
          datasources: [
            {
              name: "Tempo",
              type: "tempo",
              uid: "tempo",
              url: "http://t:3200",
              isDefault: true,
              jsonData: { tracesToLogsV2: { datasourceUid: "loki" } },
            },
          ],
        },
        "b.yaml": {
          apiVersion: 1,
          datasources: [
            { name: "Loki", type: "loki", uid: "loki", url: "http://l", isDefault: true },
            { name: "Tempo", type: "tempo", uid: "tempo2", url: "http://t:3200" },
          ],
        },
        "c.yaml": { secret: { apiVersion: 1 } },
      },
    };
    expect(rules(checkGrafanaChartDatasources(values))).toEqual([
      'datasource/multiple-defaults datasources["b.yaml"].datasources[0].isDefault',
      'datasource/duplicate-name datasources["b.yaml"].datasources[1].name',
    ]);
  });
});

describe("lgtm-distributed 3.0.1's own Grafana datasources", () => {
  it("resolve (uids loki/prom/tempo) and only warn about the removed lokiSearch", () => {
    const grafana = defaultValue("lgtm-distributed@3.0.1", ["grafana"]);
    const d = checkGrafanaChartDatasources(grafana, { basePath: ["grafana"] });
    expect(d.map((x) => [x.ruleId, x.severity, formatPath(x.path)])).toEqual([
      [
        "datasource/deprecated-field",
        "warning",
        'grafana.datasources["datasources.yaml"].datasources[2].jsonData.lokiSearch',
      ],
    ]);
  });
});
