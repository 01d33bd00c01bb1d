import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type Datasource,
  genericDatasource,
  type LogsDatasource,
  lokiDatasource,
  type MetricsDatasource,
  type PrometheusDatasource,
  prometheusDatasource,
  type TempoDatasourceOptions,
  type TracesToLogs,
  tempoDatasource,
} from "./builders.js";
import { kubePrometheusStackDatasources } from "./chart-provided.js";

// These assertions are checked by `tsc -p tsconfig.json` (the tests are part of the typecheck): every
// `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.

const loki = lokiDatasource({ name: "Loki", uid: "loki" });
const mimir = prometheusDatasource({ name: "Mimir", uid: "mimir", prometheusType: "Mimir" });
const elastic = genericDatasource({ type: "elasticsearch", name: "Logs" });
const pyroscope = genericDatasource({ type: "grafana-pyroscope-datasource", name: "Pyroscope" });
const jaeger = genericDatasource({ type: "jaeger", name: "Jaeger" });

describe("links are typed by the target's plugin type", () => {
  it("accepts the right kinds of datasource", () => {
    expectTypeOf(loki).toEqualTypeOf<Datasource<"loki">>();
    expectTypeOf(loki).toExtend<LogsDatasource>();
    expectTypeOf(elastic).toExtend<LogsDatasource>();
    expectTypeOf(mimir).toExtend<MetricsDatasource>();
    expectTypeOf(mimir).not.toExtend<LogsDatasource>();
    expectTypeOf(loki).not.toExtend<PrometheusDatasource>();
    expectTypeOf<TracesToLogs["datasource"]>().toEqualTypeOf<LogsDatasource | (() => LogsDatasource)>();
    const tempo = tempoDatasource({
      name: "Tempo",
      tracesToLogs: { datasource: elastic },
      tracesToMetrics: { datasource: mimir },
      tracesToProfiles: { datasource: pyroscope },
      serviceMap: { datasource: mimir },
    });
    lokiDatasource({ name: "L", derivedFields: [{ name: "t", matcherRegex: "x", datasource: jaeger }] });
    lokiDatasource({ name: "L2", derivedFields: [{ name: "t", matcherRegex: "x", datasource: () => tempo }] });
    const [kpsPrometheus] = kubePrometheusStackDatasources();
    expect(kpsPrometheus?.uid).toBe("prometheus");
    expect(tempo.type).toBe("tempo");
  });

  it("rejects wrong-type targets and bare uid strings at compile time", () => {
    const wrong: TempoDatasourceOptions[] = [
      // @ts-expect-error a Prometheus datasource is not a logs datasource
      { name: "T1", tracesToLogs: { datasource: mimir } },
      // @ts-expect-error a Loki datasource cannot back traces → metrics
      { name: "T2", tracesToMetrics: { datasource: loki } },
      // @ts-expect-error the service map needs a prometheus-type datasource
      { name: "T3", serviceMap: { datasource: loki } },
      // @ts-expect-error profiles need a Pyroscope datasource
      { name: "T4", tracesToProfiles: { datasource: mimir } },
      // @ts-expect-error the tutorial's dangling `datasourceUid: 'loki'` cannot be written: a uid string is not a datasource
      { name: "T5", tracesToLogs: { datasource: "loki" } },
      // @ts-expect-error nor can a hand-written { uid } object
      { name: "T6", serviceMap: { datasource: { uid: "mimir" } } },
      // @ts-expect-error a lazily referenced target is type-checked too
      { name: "T7", tracesToLogs: { datasource: () => mimir } },
    ];
    // @ts-expect-error derived fields link to tracing datasources only
    lokiDatasource({ name: "L3", derivedFields: [{ name: "t", matcherRegex: "x", datasource: mimir }] });
    // @ts-expect-error exemplars link to tracing datasources only
    prometheusDatasource({ name: "P", exemplarTraceIdDestinations: [{ name: "trace_id", datasource: loki }] });
    // @ts-expect-error a header value is never a literal string
    lokiDatasource({ name: "L4", headers: [{ name: "X-Scope-OrgID", value: "team-a" }] });
    // @ts-expect-error spanBar type Tag needs a tag
    tempoDatasource({ name: "T8", spanBar: { type: "Tag" } });
    expect(wrong).toHaveLength(7);
  });
});
