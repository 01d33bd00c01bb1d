import { formatPath } from "@lgtm-gitops/diagnostics";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  genericDatasource,
  lokiDatasource,
  prometheusDatasource,
  type TempoDatasource,
  tempoDatasource,
} from "./builders.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { checkDatasourceEntries } from "./check-entries.js";
import { DatasourceSet } from "./datasource-set.js";
import { toGrafanaChartValues } from "./emit-grafana-chart.js";
import { toGrafanaOperatorResources } from "./emit-grafana-operator.js";
import { toKubePrometheusStackValues } from "./emit-kube-prometheus-stack.js";
import { toProvisioningFile, toProvisioningYaml } from "./emit-provisioning-file.js";
import { provisioningFileSchema } from "./entry-schema.js";
import { expandLikeGrafana, unescapeHelm } from "./escaping.js";

// Values written the way Grafana must finally see them; each emitter escapes them for its target.
const LOGS_QUERY =
  '{service_name="${__span.tags["service.name"]}"} | label_format level="{{ .level }}" |= "${__trace.traceId}"';
const METRICS_QUERY = "sum(rate(traces_spanmetrics_calls_total{$__tags}[5m]))";
const VALUE_RAW = "$" + "{__value.raw}";

function fixture(): DatasourceSet {
  const tenant = { fromSecret: { name: "grafana-tenant", key: "tenant", env: "TENANT_ID" } } as const;
  const loki = lokiDatasource({
    name: "Loki $team",
    uid: "loki",
    url: "http://loki-gateway.logs.svc.cluster.local",
    headers: [{ name: "X-Scope-OrgID", value: tenant }],
    derivedFields: [
      { name: "TraceID", matcherRegex: "traceID=(\\w+)", url: VALUE_RAW, datasource: (): TempoDatasource => tempo },
    ],
  });
  const mimir = prometheusDatasource({
    name: "Mimir",
    uid: "mimir",
    url: "http://mimir-nginx.metrics.svc.cluster.local/prometheus",
    prometheusType: "Mimir",
    headers: [{ name: "X-Scope-OrgID", value: tenant }],
    exemplarTraceIdDestinations: [{ name: "trace_id", datasource: (): TempoDatasource => tempo }],
    correlations: [{ target: loki, label: "Logs", config: { type: "query", target: { expr: '{job="$job"}' } } }],
  });
  const tempo: TempoDatasource = tempoDatasource({
    name: "Tempo",
    uid: "tempo",
    url: "http://tempo-gateway.traces.svc.cluster.local",
    isDefault: true,
    headers: [
      { name: "X-Scope-OrgID", value: tenant },
      { name: "X-Plain", value: { fromValue: "not-secret" } },
    ],
    basicAuth: { user: "grafana", password: { fromSecret: { name: "tempo-gateway-auth", key: "password" } } },
    tracesToLogs: { datasource: loki, query: LOGS_QUERY },
    tracesToMetrics: { datasource: mimir, queries: [{ name: "Rate", query: METRICS_QUERY }] },
    serviceMap: { datasource: mimir },
  });
  return new DatasourceSet([loki, mimir, tempo], {
    chartProvided: kubePrometheusStackDatasources({ isDefaultDatasource: false }),
  });
}

const env = {
  TENANT_ID: "team-a",
  LGTM_DS_TEMPO_HTTPHEADERVALUE2: "not-secret",
  LGTM_DS_TEMPO_GATEWAY_AUTH_PASSWORD: "pw",
};

/** What Grafana ends up with for a provisioning entry list: every string expanded. */
function grafanaView(value: unknown, helm: boolean): unknown {
  if (typeof value === "string") return expandLikeGrafana(helm ? unescapeHelm(value) : value, env);
  if (Array.isArray(value)) return value.map((v) => grafanaView(v, helm));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, grafanaView(v, helm)]));
  }
  return value;
}

/** The set's entries with each `${NAME}` reference replaced by the variable's value, as Grafana sees them. */
function withSecrets(value: unknown): unknown {
  if (typeof value === "string") {
    const m = /^\$\{([A-Z0-9_]+)\}$/.exec(value);
    return m?.[1] ? env[m[1] as keyof typeof env] : value;
  }
  if (Array.isArray(value)) return value.map(withSecrets);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSecrets(v)]));
  return value;
}

const noErrors = (d: { severity: string }[]) => expect(d.filter((x) => x.severity === "error")).toEqual([]);

describe("the typed set", () => {
  it("validates clean and fills uids from the targets, including lazy ones", () => {
    const set = fixture();
    expect(set.validate()).toEqual([]);
    const [loki, mimir, tempo] = set.entries();
    expect(loki?.jsonData).toMatchObject({ derivedFields: [{ datasourceUid: "tempo" }] });
    expect(mimir?.jsonData).toMatchObject({ exemplarTraceIdDestinations: [{ datasourceUid: "tempo" }] });
    expect(tempo?.jsonData).toMatchObject({
      tracesToLogsV2: { datasourceUid: "loki", customQuery: true, query: LOGS_QUERY },
      httpHeaderName1: "X-Scope-OrgID",
      httpHeaderName2: "X-Plain",
    });
    expect(tempo?.secureJsonData).toEqual({
      httpHeaderValue1: "${TENANT_ID}",
      httpHeaderValue2: "${LGTM_DS_TEMPO_HTTPHEADERVALUE2}",
      basicAuthPassword: "${LGTM_DS_TEMPO_GATEWAY_AUTH_PASSWORD}",
    });
    expect(set.environment()).toEqual([
      {
        name: "LGTM_DS_TEMPO_GATEWAY_AUTH_PASSWORD",
        valueFrom: { secretKeyRef: { name: "tempo-gateway-auth", key: "password" } },
      },
      { name: "LGTM_DS_TEMPO_HTTPHEADERVALUE2", value: "not-secret" },
      { name: "TENANT_ID", valueFrom: { secretKeyRef: { name: "grafana-tenant", key: "tenant" } } },
    ]);
  });
});

describe("provisioning file", () => {
  const set = fixture();
  const text = toProvisioningYaml(set, { deleteDatasources: [{ name: "Old $name", orgId: 1 }], prune: true });
  const back = parse(text);

  it("parses back into a valid apiVersion 1 file", () => {
    expect(provisioningFileSchema.safeParse(back).success).toBe(true);
    expect(back.apiVersion).toBe(1);
    expect(back.prune).toBe(true);
    expect(back.deleteDatasources).toEqual([{ name: "Old $$name", orgId: 1 }]);
    expect(back).toEqual(
      JSON.parse(
        JSON.stringify(toProvisioningFile(set, { deleteDatasources: [{ name: "Old $name", orgId: 1 }], prune: true })),
      ),
    );
  });
  it("escapes $ as $$ (not {{), so the rules pass and Grafana reads the intended values", () => {
    noErrors(
      checkDatasourceEntries(back.datasources, {
        basePath: ["datasources"],
        escaping: "file",
        chartProvided: set.chartProvided,
      }),
    );
    expect(text).toContain("$${__value.raw}");
    expect(text).toContain("{$$__tags}");
    expect(text).toContain('label_format level="{{ .level }}"');
    expect(text).not.toContain("{{`{{`}}");
    expect(grafanaView(back.datasources, false)).toEqual(withSecrets(set.entries()));
    expect(text).not.toMatch(/team-a|pw\b/);
  });
  it("fails the escaping rule if written unescaped", () => {
    const raw = set.entries();
    const d = checkDatasourceEntries(raw, {
      basePath: ["datasources"],
      escaping: "file",
      chartProvided: set.chartProvided,
    });
    expect(d.map((x) => formatPath(x.path))).toEqual([
      "datasources[0].name",
      "datasources[0].jsonData.derivedFields[0].url",
      "datasources[1].correlations[0].config.target.expr",
      "datasources[2].jsonData.tracesToLogsV2.query",
      "datasources[2].jsonData.tracesToMetrics.queries[0].query",
    ]);
  });
});

describe("kube-prometheus-stack values", () => {
  const set = fixture();
  const values = toKubePrometheusStackValues(set, {
    adminSecret: { name: "grafana-admin", passwordKey: "pw" },
    prune: true,
  });
  const back = parse(stringify(values));

  it("puts datasources under grafana.additionalDataSources, escaped for tpl and Grafana", () => {
    const list = back.grafana.additionalDataSources;
    noErrors(
      checkDatasourceEntries(list, {
        basePath: ["grafana", "additionalDataSources"],
        escaping: "helm",
        chartProvided: kubePrometheusStackDatasources({ isDefaultDatasource: false }),
      }),
    );
    expect(list[2].jsonData.tracesToLogsV2.query).toContain('label_format level="{{`{{`}} .level }}"');
    expect(grafanaView(list, true)).toEqual(withSecrets(set.entries()));
  });
  it("uses admin.existingSecret and fills env from Secrets, never a literal", () => {
    expect(back.grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "pw" });
    expect(back.grafana.adminPassword).toBeUndefined();
    expect(back.grafana.envValueFrom).toEqual({
      LGTM_DS_TEMPO_GATEWAY_AUTH_PASSWORD: { secretKeyRef: { name: "tempo-gateway-auth", key: "password" } },
      TENANT_ID: { secretKeyRef: { name: "grafana-tenant", key: "tenant" } },
    });
    expect(back.grafana.env).toEqual({ LGTM_DS_TEMPO_HTTPHEADERVALUE2: "not-secret" });
    expect(back.grafana.prune).toBe(true);
  });
  it("matches the sidecar switches to the declared chart datasources", () => {
    expect(back.grafana.sidecar).toEqual({
      datasources: { defaultDatasourceEnabled: true, isDefaultDatasource: false, alertmanager: { enabled: true } },
    });
    const noKps = new DatasourceSet(fixture().datasources);
    expect(toKubePrometheusStackValues(noKps, { adminSecret: { name: "a" } }).grafana).toMatchObject({
      sidecar: { datasources: { isDefaultDatasource: false } },
    });
  });
});

describe("grafana chart values", () => {
  const set = fixture();
  const values = toGrafanaChartValues(set, {
    adminSecret: { name: "grafana-admin" },
    deleteDatasources: [{ name: "Old" }],
  });
  const back = parse(stringify(values));

  it('writes datasources."datasources.yaml" as an apiVersion 1 file, escaped for tpl and Grafana', () => {
    const file = back.datasources["datasources.yaml"];
    expect(file.apiVersion).toBe(1);
    expect(file.deleteDatasources).toEqual([{ name: "Old" }]);
    noErrors(
      checkDatasourceEntries(file.datasources, {
        basePath: ["datasources", "datasources.yaml", "datasources"],
        escaping: "helm",
      }),
    );
    expect(grafanaView(file.datasources, true)).toEqual(withSecrets(set.entries()));
    expect(back.envValueFrom.TENANT_ID).toEqual({ secretKeyRef: { name: "grafana-tenant", key: "tenant" } });
    expect(back.admin.existingSecret).toBe("grafana-admin");
  });
  it("honours another file name", () => {
    expect(Object.keys(toGrafanaChartValues(set, { fileName: "lgtm.yaml" }).datasources as object)).toEqual([
      "lgtm.yaml",
    ]);
  });
});

/** The fields of the parsed operator resources the tests read. */
interface OperatorResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly data?: Record<string, string>;
  readonly spec: {
    readonly instanceSelector: unknown;
    readonly uid: string;
    readonly valuesFrom?: unknown[];
    readonly datasource: {
      readonly name: string;
      readonly orgId?: number;
      readonly basicAuthUser?: string;
      readonly secureJsonData?: Record<string, string>;
      readonly jsonData: {
        readonly tracesToLogsV2: { readonly query: string };
        readonly tracesToMetrics: { readonly queries: { readonly query: string }[] };
        readonly derivedFields: { readonly url: string }[];
      };
    };
  };
}

describe("grafana-operator resources", () => {
  const set = fixture();
  const resources = toGrafanaOperatorResources(set, {
    namespace: "grafana",
    instanceSelector: { dashboards: "grafana" },
  });
  const back = parse(stringify(resources)) as OperatorResource[];

  it("emits a GrafanaDatasource per datasource plus a ConfigMap for plain values", () => {
    expect(back.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([
      "ConfigMap/lgtm-datasource-values",
      "GrafanaDatasource/loki-team",
      "GrafanaDatasource/mimir",
      "GrafanaDatasource/tempo",
    ]);
    expect(back[0]?.data).toEqual({ LGTM_DS_TEMPO_HTTPHEADERVALUE2: "not-secret" });
    for (const r of back.slice(1)) {
      expect(r.apiVersion).toBe("grafana.integreatly.org/v1beta1");
      expect(r.spec.instanceSelector).toEqual({ matchLabels: { dashboards: "grafana" } });
      expect(r.spec.uid).toBe(r.spec.datasource.name === "Loki $team" ? "loki" : r.metadata.name);
    }
  });
  it("is not escaped, and the datasources re-check clean", () => {
    const datasources = back.slice(1).map((r) => r.spec.datasource);
    noErrors(
      checkDatasourceEntries(
        datasources.map((d, i) => ({ ...d, uid: back[i + 1]?.spec.uid })),
        { basePath: [], escaping: "none" },
      ),
    );
    const tempo = back[3]!.spec;
    expect(tempo.datasource.jsonData.tracesToLogsV2.query).toBe(LOGS_QUERY);
    expect(tempo.datasource.jsonData.tracesToMetrics.queries[0]?.query).toBe(METRICS_QUERY);
    expect(back[1]?.spec.datasource.jsonData.derivedFields[0]?.url).toBe(VALUE_RAW);
    expect(JSON.stringify(back)).not.toContain("$$");
  });
  it("fills secure values through valuesFrom placeholders", () => {
    const tempo = back[3]!.spec;
    expect(tempo.datasource.secureJsonData).toEqual({
      httpHeaderValue1: "${tenant}",
      httpHeaderValue2: "${LGTM_DS_TEMPO_HTTPHEADERVALUE2}",
      basicAuthPassword: "${password}",
    });
    expect(tempo.valuesFrom).toEqual([
      {
        targetPath: "secureJsonData.httpHeaderValue1",
        valueFrom: { secretKeyRef: { name: "grafana-tenant", key: "tenant" } },
      },
      {
        targetPath: "secureJsonData.httpHeaderValue2",
        valueFrom: { configMapKeyRef: { name: "lgtm-datasource-values", key: "LGTM_DS_TEMPO_HTTPHEADERVALUE2" } },
      },
      {
        targetPath: "secureJsonData.basicAuthPassword",
        valueFrom: { secretKeyRef: { name: "tempo-gateway-auth", key: "password" } },
      },
    ]);
    expect(tempo.datasource.basicAuthUser).toBe("grafana");
    expect(tempo.datasource.orgId).toBeUndefined();
  });
  it("validate({ target }) reports what the operator cannot do", () => {
    const withEnv = new DatasourceSet([
      genericDatasource({ type: "jaeger", name: "J", headers: [{ name: "Authorization", value: "${JAEGER_TOKEN}" }] }),
    ]);
    expect(withEnv.validate()).toEqual([]);
    expect(withEnv.validate({ target: "grafana-operator" }).map((d) => d.ruleId)).toEqual([
      "datasource/env-unsupported-target",
    ]);
    expect(
      fixture()
        .validate({ target: "grafana-operator" })
        .map((d) => `${d.ruleId} ${formatPath(d.path)}`),
    ).toEqual(["datasource/unsupported-field datasources[1].correlations"]);
  });
});

describe("escaping holds for any query (property)", () => {
  it("file, Helm and operator outputs all give Grafana the query as written", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        fc.string(),
        (query, label) => {
          const loki = lokiDatasource({ name: "Loki", uid: "loki", url: "http://loki" });
          const tempo = tempoDatasource({
            name: "Tempo",
            uid: "tempo",
            url: "http://tempo:3200",
            tracesToLogs: { datasource: loki, query },
            tracesToMetrics: {
              datasource: prometheusDatasource({ name: "M", uid: "m" }),
              queries: [{ name: label, query }],
            },
          });
          const set = new DatasourceSet([loki, tempo]);
          const file = parse(toProvisioningYaml(set));
          const helm = parse(stringify(toGrafanaChartValues(set))).datasources["datasources.yaml"];
          const operator = parse(
            stringify(toGrafanaOperatorResources(set, { namespace: "g", instanceSelector: { a: "b" } })),
          );
          const seen = (ds: {
            jsonData: { tracesToLogsV2: { query: string }; tracesToMetrics: { queries: { name: string }[] } };
          }) => [ds.jsonData.tracesToLogsV2.query, ds.jsonData.tracesToMetrics.queries[0]?.name];
          expect(seen(file.datasources[1]).map((s) => expandLikeGrafana(s ?? ""))).toEqual([query, label]);
          expect(seen(helm.datasources[1]).map((s) => expandLikeGrafana(unescapeHelm(s ?? "")))).toEqual([
            query,
            label,
          ]);
          expect(seen(operator[1].spec.datasource)).toEqual([query, label]);
          expect(
            checkDatasourceEntries(file.datasources, { basePath: [], escaping: "file" }).filter(
              (d) => d.ruleId === "datasource/unescaped-dollar",
            ),
          ).toEqual([]);
          expect(
            checkDatasourceEntries(helm.datasources, { basePath: [], escaping: "helm" }).filter(
              (d) => d.ruleId === "datasource/unescaped-dollar",
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
