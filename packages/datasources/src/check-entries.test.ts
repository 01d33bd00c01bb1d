import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";
import { checkDatasourceEntries } from "./check-entries.js";

const base = { basePath: ["grafana", "additionalDataSources"] } as const;
const ids = (entries: unknown[], options: Parameters<typeof checkDatasourceEntries>[1] = base) =>
  checkDatasourceEntries(entries, options).map((d) => `${d.ruleId} ${formatPath(d.path)}`);

const loki = { name: "Loki", type: "loki", uid: "loki", url: "http://loki-gateway" };
const mimir = { name: "Mimir", type: "prometheus", uid: "mimir", url: "http://mimir-nginx/prometheus" };
const tempo = (jsonData: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name: "Tempo",
  type: "tempo",
  uid: "tempo",
  url: "http://tempo-query-frontend:3200",
  jsonData,
  ...extra,
});

describe("the tutorial's prometheus-values.yaml", () => {
  const values = parse(tutorialFile("prometheus-values.yaml"));
  const entries = values.grafana.additionalDataSources as unknown[];

  it("has dangling uids loki and mimir (tracesToLogsV2, tracesToMetrics, serviceMap)", () => {
    const diags = checkDatasourceEntries(entries, { ...base, chartProvided: kubePrometheusStackDatasources() });
    const dangling = diags.filter((d) => d.ruleId === "datasource/dangling-uid");
    expect(dangling.map((d) => formatPath(d.path))).toEqual([
      "grafana.additionalDataSources[2].jsonData.tracesToLogsV2.datasourceUid",
      "grafana.additionalDataSources[2].jsonData.tracesToMetrics.datasourceUid",
      "grafana.additionalDataSources[2].jsonData.serviceMap.datasourceUid",
    ]);
    expect(dangling[0]?.message).toContain('"Loki" but has uid "P8E80F9AEF21F6940"');
    expect(dangling[0]?.fix).toContain("Add uid: loki");
    expect(dangling[1]?.fix).toContain("Add uid: mimir");
  });
  it("passes once uid: loki and uid: mimir are added", () => {
    const fixed = entries.map((e, i) =>
      i === 0 ? { ...(e as object), uid: "loki" } : i === 1 ? { ...(e as object), uid: "mimir" } : e,
    );
    const diags = checkDatasourceEntries(fixed, { ...base, chartProvided: kubePrometheusStackDatasources() });
    expect(diags.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("datasource/invalid-uid and invalid-entry", () => {
  it("rejects uids Grafana rewrites (grafana/grafana#68447)", () => {
    expect(ids([{ ...loki, uid: "Oracle 11 (Integration)" }])).toEqual([
      "datasource/invalid-uid grafana.additionalDataSources[0].uid",
    ]);
    expect(ids([{ ...loki, uid: "x".repeat(41) }])).toEqual([
      "datasource/invalid-uid grafana.additionalDataSources[0].uid",
    ]);
    expect(ids([{ ...loki, uid: "x".repeat(40) }])).toEqual([]);
  });
  it("reports zod errors at the field", () => {
    expect(ids([{ ...mimir, jsonData: { httpMethod: "PUT" } }])).toEqual([
      "datasource/invalid-entry grafana.additionalDataSources[0].jsonData.httpMethod",
    ]);
    expect(ids([{ type: "loki" }])).toEqual(["datasource/invalid-entry grafana.additionalDataSources[0].name"]);
    expect(ids(["not a mapping"])).toEqual(["datasource/invalid-entry grafana.additionalDataSources[0]"]);
    expect(ids([tempo({ spanBar: { type: "Tag" } })])).toEqual([
      "datasource/invalid-entry grafana.additionalDataSources[0].jsonData.spanBar.tag",
    ]);
    expect(ids([tempo({ tracesToLogsV2: { datasourceUid: "loki", customQuery: true } }), loki])).toEqual([
      "datasource/invalid-entry grafana.additionalDataSources[0].jsonData.tracesToLogsV2.query",
    ]);
    expect(ids([tempo({ tracesToMetrics: { spanStartTimeShift: "an hour" } })])).toEqual([
      "datasource/invalid-entry grafana.additionalDataSources[0].jsonData.tracesToMetrics.spanStartTimeShift",
    ]);
    expect(
      ids([
        { ...loki, jsonData: { maxLines: "1000" } },
        { ...mimir, jsonData: { seriesLimit: 0 } },
      ]),
    ).toEqual([]);
  });
});

describe("uniqueness per org", () => {
  it("datasource/duplicate-name", () => {
    expect(ids([loki, { ...loki, uid: "loki2" }])).toEqual([
      "datasource/duplicate-name grafana.additionalDataSources[1].name",
    ]);
    expect(ids([loki, { ...loki, uid: "loki2", orgId: 2 }])).toEqual([]);
  });
  it("datasource/duplicate-uid, also against the uid derived from a name and chart-provided uids", () => {
    expect(ids([loki, { ...mimir, uid: "loki" }])).toEqual([
      "datasource/duplicate-uid grafana.additionalDataSources[1].uid",
    ]);
    expect(
      ids([
        { ...loki, uid: "P8E80F9AEF21F6940" },
        { ...mimir, name: "Loki", uid: undefined, orgId: 2 },
      ]),
    ).toEqual([]);
    expect(
      ids([{ ...mimir, uid: "prometheus" }], { ...base, chartProvided: kubePrometheusStackDatasources() }),
    ).toEqual(["datasource/duplicate-uid grafana.additionalDataSources[0].uid"]);
  });
  it("datasource/multiple-defaults counts kube-prometheus-stack's own Prometheus (helm-charts#2251)", () => {
    const d = checkDatasourceEntries([{ ...mimir, isDefault: true }], {
      ...base,
      chartProvided: kubePrometheusStackDatasources(),
    });
    expect(d.map((x) => `${x.ruleId} ${formatPath(x.path)}`)).toEqual([
      "datasource/multiple-defaults grafana.additionalDataSources[0].isDefault",
    ]);
    expect(d[0]?.fix).toContain("isDefaultDatasource: false");
    expect(
      ids([{ ...mimir, isDefault: true }], {
        ...base,
        chartProvided: kubePrometheusStackDatasources({ isDefaultDatasource: false }),
      }),
    ).toEqual([]);
    expect(
      ids([
        { ...mimir, isDefault: true },
        { ...loki, isDefault: true },
      ]),
    ).toEqual(["datasource/multiple-defaults grafana.additionalDataSources[1].isDefault"]);
    expect(
      ids([
        { ...mimir, isDefault: true },
        { ...loki, isDefault: true, orgId: 2 },
      ]),
    ).toEqual([]);
  });
});

describe("references", () => {
  it("datasource/dangling-uid and datasource/wrong-type-uid on every link field", () => {
    const t = tempo({
      tracesToLogsV2: { datasourceUid: "mimir" },
      tracesToMetrics: { datasourceUid: "loki" },
      tracesToProfiles: { datasourceUid: "nope" },
      serviceMap: { datasourceUid: "loki" },
    });
    expect(ids([loki, mimir, t])).toEqual([
      "datasource/wrong-type-uid grafana.additionalDataSources[2].jsonData.tracesToLogsV2.datasourceUid",
      "datasource/wrong-type-uid grafana.additionalDataSources[2].jsonData.tracesToMetrics.datasourceUid",
      "datasource/dangling-uid grafana.additionalDataSources[2].jsonData.tracesToProfiles.datasourceUid",
      "datasource/wrong-type-uid grafana.additionalDataSources[2].jsonData.serviceMap.datasourceUid",
    ]);
    const lokiLinks = {
      ...loki,
      jsonData: { derivedFields: [{ name: "t", matcherRegex: "x=(\\w+)", datasourceUid: "mimir" }] },
    };
    const promLinks = {
      ...mimir,
      jsonData: { exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: "gone" }] },
    };
    expect(ids([lokiLinks, promLinks])).toEqual([
      "datasource/wrong-type-uid grafana.additionalDataSources[0].jsonData.derivedFields[0].datasourceUid",
      "datasource/dangling-uid grafana.additionalDataSources[1].jsonData.exemplarTraceIdDestinations[0].datasourceUid",
    ]);
  });
  it("resolves entries without uid by the uid Grafana derives, and chart-provided targets", () => {
    const t = tempo({
      tracesToLogsV2: { datasourceUid: "P8E80F9AEF21F6940" },
      serviceMap: { datasourceUid: "prometheus" },
    });
    expect(ids([{ ...loki, uid: undefined }, t], { ...base, chartProvided: kubePrometheusStackDatasources() })).toEqual(
      [],
    );
    expect(ids([{ ...loki, uid: undefined }, t])).toEqual([
      "datasource/dangling-uid grafana.additionalDataSources[1].jsonData.serviceMap.datasourceUid",
    ]);
  });
  it("does not resolve across orgs", () => {
    expect(ids([{ ...loki, orgId: 2 }, tempo({ tracesToLogsV2: { datasourceUid: "loki" } })])).toEqual([
      "datasource/dangling-uid grafana.additionalDataSources[1].jsonData.tracesToLogsV2.datasourceUid",
    ]);
  });
});

describe("custom headers", () => {
  const withHeaders = (jsonData: Record<string, unknown>, secureJsonData: Record<string, unknown>) => [
    { ...loki, jsonData, secureJsonData },
  ];
  it("passes when numbered from 1 with values from the environment", () => {
    expect(
      ids(
        withHeaders(
          { httpHeaderName1: "X-Scope-OrgID", httpHeaderName2: "X-Other" },
          { httpHeaderValue1: "${TENANT}", httpHeaderValue2: "$__file{/etc/secrets/other}" },
        ),
      ),
    ).toEqual([]);
  });
  it("datasource/header-gap", () => {
    expect(ids(withHeaders({ httpHeaderName2: "X-Scope-OrgID" }, { httpHeaderValue2: "${TENANT}" }))).toEqual([
      "datasource/header-gap grafana.additionalDataSources[0].jsonData.httpHeaderName2",
    ]);
    expect(ids(withHeaders({ httpHeaderName01: "X" }, {}))).toEqual([
      "datasource/header-gap grafana.additionalDataSources[0].jsonData.httpHeaderName01",
    ]);
  });
  it("datasource/header-value-in-jsondata", () => {
    expect(
      ids(withHeaders({ httpHeaderName1: "X-Scope-OrgID", httpHeaderValue1: "team-a" }, { httpHeaderValue1: "${T}" })),
    ).toEqual(["datasource/header-value-in-jsondata grafana.additionalDataSources[0].jsonData.httpHeaderValue1"]);
  });
  it("datasource/literal-header-value", () => {
    expect(ids(withHeaders({ httpHeaderName1: "X-Scope-OrgID" }, { httpHeaderValue1: "team-a" }))).toEqual([
      "datasource/literal-header-value grafana.additionalDataSources[0].secureJsonData.httpHeaderValue1",
    ]);
  });
  it("datasource/header-missing-value (warning)", () => {
    const d = checkDatasourceEntries(withHeaders({ httpHeaderName1: "X-Scope-OrgID" }, {}), base);
    expect(d.map((x) => [x.ruleId, x.severity])).toEqual([["datasource/header-missing-value", "warning"]]);
  });
});

describe("datasource/unescaped-dollar", () => {
  const custom = (query: string) => [
    loki,
    tempo({ tracesToLogsV2: { datasourceUid: "loki", customQuery: true, query } }),
  ];
  it("fails on Grafana variables Grafana's provisioning would erase, in file and Helm outputs", () => {
    for (const escaping of ["file", "helm"] as const) {
      const d = checkDatasourceEntries(custom('{service_name="${__span.tags.service}"} |= "${__trace.traceId}"'), {
        ...base,
        escaping,
      });
      expect(d.map((x) => `${x.ruleId} ${formatPath(x.path)}`)).toEqual([
        "datasource/unescaped-dollar grafana.additionalDataSources[1].jsonData.tracesToLogsV2.query",
      ]);
      expect(d[0]?.fix).toContain('$${__span.tags.service}\\"} |= \\"$${__trace.traceId}');
    }
  });
  it("passes when escaped, for env references, and for operator resources (no expansion)", () => {
    expect(ids(custom('{service_name="$${__span.tags.service}"}'), { ...base, escaping: "file" })).toEqual([]);
    expect(ids(custom('{service_name="${__span.tags.service}"}'), { ...base, escaping: "none" })).toEqual([]);
    expect(ids([{ ...loki, url: "${LOKI_URL}" }], { ...base, escaping: "helm" })).toEqual([]);
  });
  it("ignores $ inside Helm actions in Helm outputs only", () => {
    const q = '{{ $r := .Release.Name }}{job="{{ $r }}"} |= "$${__trace.traceId}"';
    expect(ids(custom(q), { ...base, escaping: "helm" })).toEqual([]);
    expect(ids(custom(q), { ...base, escaping: "file" })).toEqual([
      "datasource/unescaped-dollar grafana.additionalDataSources[1].jsonData.tracesToLogsV2.query",
    ]);
  });
});

describe("deprecations, secrets and URLs", () => {
  it("warns on tracesToLogs v1 and lokiSearch, errors when v1 and V2 disagree", () => {
    const d = checkDatasourceEntries(
      [
        loki,
        tempo({
          tracesToLogs: { datasourceUid: "loki" },
          lokiSearch: { datasourceUid: "loki" },
          timeRangeForTags: "1h",
        }),
      ],
      base,
    );
    expect(d.map((x) => [x.ruleId, x.severity, formatPath(x.path)])).toEqual([
      ["datasource/deprecated-field", "warning", "grafana.additionalDataSources[1].jsonData.tracesToLogs"],
      ["datasource/deprecated-field", "warning", "grafana.additionalDataSources[1].jsonData.lokiSearch"],
      ["datasource/deprecated-field", "warning", "grafana.additionalDataSources[1].jsonData.timeRangeForTags"],
    ]);
    const clash = checkDatasourceEntries(
      [
        loki,
        { ...loki, name: "Loki2", uid: "loki2" },
        tempo({ tracesToLogs: { datasourceUid: "loki" }, tracesToLogsV2: { datasourceUid: "loki2" } }),
      ],
      base,
    );
    expect(clash.map((x) => [x.ruleId, x.severity])).toEqual([["datasource/deprecated-field", "error"]]);
  });
  it("flags literal secrets", () => {
    const d = checkDatasourceEntries(
      [
        { ...loki, basicAuth: true, basicAuthUser: "u", secureJsonData: { basicAuthPassword: "hunter2" } },
        { ...mimir, password: "x" },
      ],
      base,
    );
    expect(d.map((x) => [x.ruleId, x.severity, formatPath(x.path)])).toEqual([
      ["datasource/literal-secret", "warning", "grafana.additionalDataSources[0].secureJsonData.basicAuthPassword"],
      ["datasource/literal-secret", "error", "grafana.additionalDataSources[1].password"],
    ]);
  });
  it("warns on Tempo URLs with a path or the wrong port, and Mimir URLs without /prometheus (govuk#3263, tempo#3033)", () => {
    expect(
      ids([
        { ...tempo(), url: "http://tempo-query-frontend:3100/tempo" },
        { ...mimir, url: "http://mimir-nginx" },
        { ...loki, url: "not a url" },
      ]),
    ).toEqual([
      "datasource/url-path grafana.additionalDataSources[0].url",
      "datasource/url-path grafana.additionalDataSources[0].url",
      "datasource/url-path grafana.additionalDataSources[1].url",
      "datasource/url-path grafana.additionalDataSources[2].url",
    ]);
    expect(ids([{ ...loki, url: "http://{{ .Release.Name }}-loki-gateway" }])).toEqual([]);
  });
});
