import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { genericDatasource } from "./builders.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { checkDatasourceEntries } from "./check-entries.js";
import { toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";
import { lgtm, TENANT_ENV, TENANT_HEADER } from "./lgtm-preset.js";
import { SERVICE_GRAPH, SPAN_METRICS } from "./metric-names.js";

const install = { chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" } as const;
const byName = (set: ReturnType<typeof lgtm>) => Object.fromEntries(set.entries().map((e) => [e.name, e]));

describe("lgtm()", () => {
  it("builds Loki, Mimir and Tempo with URLs from the install, fully correlated, validating clean", () => {
    const set = lgtm({ install, chartProvided: kubePrometheusStackDatasources() });
    expect(set.validate()).toEqual([]);
    const { Loki, Mimir, Tempo } = byName(set);
    expect(Loki?.url).toBe("http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local");
    expect(Mimir?.url).toBe("http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/prometheus");
    expect(Tempo?.url).toBe("http://lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local:3200");
    expect([Loki?.uid, Mimir?.uid, Tempo?.uid]).toEqual(["loki", "mimir", "tempo"]);
    expect(Mimir?.jsonData).toMatchObject({
      prometheusType: "Mimir",
      exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: "tempo" }],
    });
    expect(Loki?.jsonData).toMatchObject({ derivedFields: [{ datasourceUid: "tempo" }, { datasourceUid: "tempo" }] });
    expect(Tempo?.jsonData).toMatchObject({
      tracesToLogsV2: { datasourceUid: "loki", filterByTraceID: true },
      tracesToMetrics: { datasourceUid: "mimir", tags: [{ key: "service.name", value: "service" }] },
      serviceMap: { datasourceUid: "mimir" },
      nodeGraph: { enabled: true },
      streamingEnabled: { search: false, metrics: false },
    });
    expect(set.entries().some((e) => e.isDefault)).toBe(false);
    expect(Loki?.secureJsonData).toBeUndefined();
  });

  it("queries the metric names Tempo's metrics-generator writes", () => {
    const tempo = lgtm({ install }).entries()[2]!;
    expect(tempo.type).toBe("tempo");
    const tracesToMetrics = tempo.jsonData?.tracesToMetrics as { queries: { query: string }[] } | undefined;
    const queries = tracesToMetrics?.queries ?? [];
    expect(queries).toHaveLength(3);
    expect(queries.map((q) => q.query).join("\n")).toContain(SPAN_METRICS.callsTotal);
    expect(queries.some((q) => q.query.includes(SPAN_METRICS.latencyBucket))).toBe(true);
    // Grafana's createSpanLink replaces $__tags with `service="…"`, or with "" when the span lacks service.name;
    // both must leave valid PromQL selectors (a trailing comma is valid, a leading one is not).
    for (const tags of ['service="checkout"', ""]) {
      for (const q of queries) {
        const expr = q.query.replaceAll("$__tags", tags);
        expect(expr).not.toMatch(/\{\s*,/);
        expect(expr).not.toMatch(/,\s*,/);
      }
    }
    expect(queries[1]?.query).toBe(
      'sum by (span_name) (rate(traces_spanmetrics_calls_total{status_code="STATUS_CODE_ERROR", $__tags}[5m]))',
    );
    expect(SERVICE_GRAPH.requestTotal).toBe("traces_service_graph_request_total");
  });

  it("leaves the service map and traces → metrics out on request (no metrics-generator)", () => {
    const without = lgtm({ install, serviceMap: false, tracesToMetrics: false });
    expect(without.validate()).toEqual([]);
    const tempo = byName(without).Tempo;
    expect(tempo?.jsonData).not.toHaveProperty("serviceMap");
    expect(tempo?.jsonData).not.toHaveProperty("tracesToMetrics");
    // Everything else stays correlated.
    expect(tempo?.jsonData).toMatchObject({ tracesToLogsV2: { datasourceUid: "loki" }, nodeGraph: { enabled: true } });
    expect(stringify(toKubePrometheusStackValues(without, { adminSecret: { name: "grafana-admin" } }))).not.toMatch(
      /traces_spanmetrics|serviceMap/,
    );

    const onlyMap = byName(lgtm({ install, tracesToMetrics: false })).Tempo?.jsonData;
    expect(onlyMap).toMatchObject({ serviceMap: { datasourceUid: "mimir" } });
    expect(onlyMap).not.toHaveProperty("tracesToMetrics");
    const onlyLinks = byName(lgtm({ install, serviceMap: false })).Tempo?.jsonData;
    expect(onlyLinks).toMatchObject({ tracesToMetrics: { datasourceUid: "mimir" } });
    expect(onlyLinks).not.toHaveProperty("serviceMap");
    // Explicit true is the default.
    expect(lgtm({ install, serviceMap: true, tracesToMetrics: true }).entries()).toEqual(lgtm({ install }).entries());
  });

  it("adds X-Scope-OrgID to all three for a tenant, from the environment, never literally", () => {
    const set = lgtm({ install, tenant: "team-a" });
    expect(set.validate()).toEqual([]);
    for (const e of set.entries()) {
      expect(e.jsonData?.httpHeaderName1).toBe(TENANT_HEADER);
      expect(e.secureJsonData?.httpHeaderValue1).toBe(`\${${TENANT_ENV}}`);
    }
    expect(set.environment()).toEqual([{ name: TENANT_ENV, value: "team-a" }]);
    const values = toKubePrometheusStackValues(set, { adminSecret: { name: "grafana-admin" } });
    const back = parse(stringify(values));
    expect(back.grafana.env).toEqual({ [TENANT_ENV]: "team-a" });
    expect(JSON.stringify(back.grafana.additionalDataSources)).not.toContain("team-a");
    expect(checkDatasourceEntries(back.grafana.additionalDataSources, { basePath: [], escaping: "helm" })).toEqual([]);

    const fromSecret = lgtm({ install, tenant: { fromSecret: { name: "tenant", key: "id" } } });
    expect(fromSecret.environment()).toEqual([
      { name: "LGTM_DS_TENANT_ID", valueFrom: { secretKeyRef: { name: "tenant", key: "id" } } },
    ]);
  });

  it("uses the Tempo gateway when enabled, with basic auth from a Secret", () => {
    const set = lgtm({
      install,
      gateway: { enabled: true, basicAuthSecret: { name: "tempo-gw", username: "grafana" } },
    });
    const tempo = byName(set).Tempo;
    expect(tempo?.url).toBe("http://lgtm-stack-tempo-gateway.lgtm-stack.svc.cluster.local");
    expect(tempo).toMatchObject({ basicAuth: true, basicAuthUser: "grafana" });
    expect(tempo?.secureJsonData).toEqual({ basicAuthPassword: "${LGTM_DS_TEMPO_GW_PASSWORD}" });
    expect(set.environment()).toEqual([
      { name: "LGTM_DS_TEMPO_GW_PASSWORD", valueFrom: { secretKeyRef: { name: "tempo-gw", key: "password" } } },
    ]);
    expect(byName(lgtm({ install, gateway: { enabled: true } })).Tempo?.basicAuth).toBeUndefined();
  });

  it("needs Loki and Mimir URLs for a tempo-distributed install", () => {
    const td = { chart: "tempo-distributed@1.61.3", release: "tempo", namespace: "tracing" } as const;
    const bare = lgtm({ install: td });
    expect(bare.validate().map((d) => `${d.ruleId} ${formatPath(d.path)}`)).toEqual([
      "datasource/missing-url lokiUrl",
      "datasource/missing-url mimirUrl",
    ]);
    const set = lgtm({ install: td, lokiUrl: "http://loki.logs:3100", mimirUrl: "http://mimir.metrics/prometheus" });
    expect(set.validate()).toEqual([]);
    expect(byName(set).Tempo?.url).toBe("http://tempo-query-frontend.tracing.svc.cluster.local:3200");
  });

  it("honours names, uids, default, streaming and a profiles link", () => {
    const pyroscope = genericDatasource({ type: "grafana-pyroscope-datasource", name: "Pyroscope", uid: "pyroscope" });
    const set = lgtm({
      install,
      names: { mimir: "Metrics" },
      uids: { tempo: "traces" },
      default: "mimir",
      streaming: true,
      profiles: pyroscope,
    });
    expect(set.validate().map((d) => d.ruleId)).toEqual(["datasource/dangling-uid"]);
    const { Metrics, Tempo } = byName(set);
    expect(Metrics?.isDefault).toBe(true);
    expect(Tempo?.uid).toBe("traces");
    expect(Tempo?.jsonData).toMatchObject({
      streamingEnabled: { search: true, metrics: true },
      tracesToProfiles: { datasourceUid: "pyroscope" },
    });
    expect(byName(set).Loki?.jsonData).toMatchObject({
      derivedFields: [{ datasourceUid: "traces" }, { datasourceUid: "traces" }],
    });
  });

  it("maps span attributes to the Loki labels the log pipeline writes", () => {
    const tracesToLogs = (set: ReturnType<typeof lgtm>) =>
      (byName(set).Tempo?.jsonData as { tracesToLogsV2?: { tags?: unknown } } | undefined)?.tracesToLogsV2?.tags;
    expect(tracesToLogs(lgtm({ install }))).toEqual([
      { key: "service.name", value: "service_name" },
      { key: "service.namespace", value: "service_namespace" },
    ]);
    const k8s = [
      { key: "k8s.namespace.name", value: "namespace" },
      { key: "k8s.pod.name", value: "pod" },
    ];
    const set = lgtm({ install, logsTags: k8s });
    expect(set.validate()).toEqual([]);
    expect(tracesToLogs(set)).toEqual(k8s);
  });

  it("collides with kube-prometheus-stack's default Prometheus when made default", () => {
    const set = lgtm({ install, default: "mimir", chartProvided: kubePrometheusStackDatasources() });
    expect(set.validate().map((d) => d.ruleId)).toEqual(["datasource/multiple-defaults"]);
    const ok = lgtm({
      install,
      default: "mimir",
      chartProvided: kubePrometheusStackDatasources({ isDefaultDatasource: false }),
    });
    expect(ok.validate()).toEqual([]);
  });
});
