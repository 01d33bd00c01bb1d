import { lokiEndpoints, mimirEndpoints, tempoEndpoints } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { lokiDatasource, prometheusDatasource, tempoDatasource } from "./builders.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { checkDatasourceEntries } from "./check-entries.js";
import { DatasourceSet } from "./datasource-set.js";
import { toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";

/** The tutorial's three datasources, rebuilt with the builders for release lgtm-stack in namespace lgtm-stack. */
function rebuildTutorial(): DatasourceSet {
  const install = { chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" } as const;
  const loki = lokiDatasource({
    name: "Loki",
    uid: "loki",
    url: lokiEndpoints(install).gateway.url,
    editable: true,
    maxLines: 1000,
  });
  const mimir = prometheusDatasource({
    name: "Mimir",
    uid: "mimir",
    url: mimirEndpoints(install).prometheusUrl,
    editable: true,
    prometheusType: "Mimir",
    httpMethod: "POST",
    timeInterval: "30s",
  });
  const tempo = tempoDatasource({
    name: "Tempo",
    uid: "tempo",
    url: tempoEndpoints(install).gateway.url,
    editable: true,
    tracesToLogs: {
      datasource: loki,
      spanStartTimeShift: "-1h",
      spanEndTimeShift: "1h",
      filterByTraceID: true,
      filterBySpanID: true,
    },
    tracesToMetrics: {
      datasource: mimir,
      spanStartTimeShift: "-1h",
      spanEndTimeShift: "1h",
      tags: [{ key: "service.name", value: "service_name" }],
    },
    serviceMap: { datasource: mimir },
  });
  return new DatasourceSet([loki, mimir, tempo], { chartProvided: kubePrometheusStackDatasources() });
}

describe("the tutorial rebuilt with the builders", () => {
  const set = rebuildTutorial();

  it("validates clean: every uid resolves", () => {
    expect(set.validate()).toEqual([]);
    const [, , tempo] = set.entries();
    expect(tempo?.jsonData).toMatchObject({
      tracesToLogsV2: { datasourceUid: "loki" },
      tracesToMetrics: { datasourceUid: "mimir" },
      serviceMap: { datasourceUid: "mimir" },
    });
    expect(set.entries().map((e) => e.uid)).toEqual(["loki", "mimir", "tempo"]);
  });

  it("has the Loki and Mimir URLs of release lgtm-stack in namespace lgtm-stack", () => {
    const urls = Object.fromEntries(set.entries().map((e) => [e.name, e.url]));
    expect(urls).toEqual({
      Loki: "http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local",
      Mimir: "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/prometheus",
      Tempo: "http://lgtm-stack-tempo-gateway.lgtm-stack.svc.cluster.local",
    });
  });

  it("emits kube-prometheus-stack values without any password, which re-check clean", () => {
    const values = toKubePrometheusStackValues(set, { adminSecret: { name: "grafana-admin" } });
    const text = stringify(values);
    expect(text).not.toMatch(/adminPassword|admin123|password:/i);
    const back = parse(text);
    expect(back.grafana.admin).toEqual({
      existingSecret: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    const diags = checkDatasourceEntries(back.grafana.additionalDataSources, {
      basePath: ["grafana", "additionalDataSources"],
      chartProvided: kubePrometheusStackDatasources(),
      escaping: "helm",
    });
    expect(diags).toEqual([]);
  });

  it("keeps every setting of the original except the broken references", () => {
    const original = parse(tutorialFile("prometheus-values.yaml")).grafana.additionalDataSources as Record<
      string,
      unknown
    >[];
    const rebuilt = set.entries();
    for (const [i, o] of original.entries()) {
      const r = rebuilt[i] as Record<string, unknown>;
      for (const key of ["name", "type", "url", "access", "isDefault", "editable"])
        expect(r[key], `${i}.${key}`).toEqual(o[key]);
      // the original's datasourceUid 'loki'/'mimir' now name real uids
      expect(r.jsonData).toMatchObject(o.jsonData as object);
    }
    // the original lacks uid on Loki and Mimir; the rebuilt ones carry the uids the links use
    expect(original.map((o) => o.uid)).toEqual([undefined, undefined, undefined]);
  });
});
