import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { chartDefaults, packageDir, tutorialDir, walkPaths } from "../test/support.js";
import { childKeys, defaultValue, type KeyResolution, lazyCatalogAt, mergedCatalog, resolveKey } from "./catalog.js";
import { catalogAt } from "./catalog-format.js";
import { CHART_FAMILIES } from "./chart-families.js";
import { type ChartId, chartDescriptor, SUPPORTED_CHARTS } from "./chart-id.js";

const LGTM: ChartId = "lgtm-distributed@3.0.1";
const TEMPO: ChartId = "tempo-distributed@1.61.3";
const LGTM_TEMPO: ChartId = "tempo-distributed@1.52.5"; // what lgtm-distributed 3.0.1 pulls in
const KPS: ChartId = "kube-prometheus-stack@88.5.3";

const p = (dotted: string): (string | number)[] => dotted.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
const kind = (chart: ChartId, dotted: string): KeyResolution["kind"] => resolveKey(chart, p(dotted)).kind;

describe("resolveKey: the tutorial's Tempo mistakes (lgtm-distributed)", () => {
  it.each([
    "tempo.tempo.retention_period",
    "tempo.tempo.storage",
    "tempo.tempo.storage.backend",
    "tempo.tempo.multitenancy_enabled",
    "tempo.tempo.query_frontend.max_query_length",
    "tempo.distributor.config.receivers",
    "tempo.distributor.config.receivers.otlp.protocols.grpc.endpoint",
    "tempo.query_frontend",
    "tempo.query_frontend.replicas",
  ])("%s is unknown", (key) => {
    expect(kind(LGTM, key)).toBe("unknown");
  });

  it("says where the unknown key sits and what the chart reads there", () => {
    expect(resolveKey(LGTM, p("tempo.query_frontend.replicas"))).toMatchObject({
      kind: "unknown",
      parent: "tempo",
      chart: LGTM_TEMPO,
      siblings: expect.arrayContaining(["queryFrontend", "ingester", "enabled", "traces"]),
    });
    const r = resolveKey(LGTM, p("tempo.tempo.retention_period"));
    expect(r).toMatchObject({ kind: "unknown", parent: "tempo.tempo", chart: LGTM_TEMPO });
    expect(r.kind === "unknown" && r.siblings).toEqual(
      expect.arrayContaining(["image", "structuredConfig", "memberlist", "service"]),
    );
    const d = resolveKey(LGTM, p("tempo.distributor.config.receivers"));
    expect(d.kind === "unknown" && d.siblings).toEqual([
      "cost_attribution",
      "extend_writes",
      "log_discarded_spans",
      "log_received_spans",
      "log_received_traces",
      "max_attribute_bytes",
    ]);
  });

  it.each([
    "tempo.enabled",
    "tempo.ingester.replicas",
    "tempo.ingester.resources",
    "tempo.ingester.persistence.enabled",
    "tempo.ingester.persistence.size",
    "tempo.gateway.enabled",
    "tempo.gateway.nginxConfig.resolver",
    "tempo.traces.otlp.grpc.enabled",
    "tempo.traces.jaeger.thriftHttp.enabled",
    "tempo.compactor.config.compaction.block_retention",
    "tempo.ingester.config.replication_factor",
    "tempo.multitenancyEnabled",
    "tempo.storage.trace.backend",
    "tempo.queryFrontend.config.max_outstanding_per_tenant",
    "tempo.metricsGenerator.enabled",
    "tempo.tempo.structuredConfig",
    "global.dnsService",
    "global.dnsNamespace",
    "global.clusterDomain",
  ])("%s is known", (key) => {
    expect(kind(LGTM, key)).toBe("known");
  });

  it.each([
    ["tempo.metricsGenerator.config.storage.remote_write", "tempo.metricsGenerator.config.storage"],
    ["tempo.overrides.defaults.ingestion.rate_limit_bytes", "tempo.overrides"],
    ["tempo.per_tenant_overrides.tenant-a.ingestion.rate_limit_bytes", "tempo.per_tenant_overrides"],
    ["tempo.tempo.structuredConfig.query_frontend.search.max_duration", "tempo.tempo.structuredConfig"],
    ["tempo.ingester.resources.limits.memory", "tempo.ingester.resources"],
    ["tempo.storage.trace.s3.bucket", "tempo.storage.trace.s3"],
    ["tempo.traces.otlp.grpc.receiverConfig.max_recv_msg_size_mib", "tempo.traces.otlp.grpc.receiverConfig"],
    ["tempo.metricsGenerator.config.storage.remote_write.0.url", "tempo.metricsGenerator.config.storage"],
  ])("%s is free-form under %s", (key, under) => {
    expect(resolveKey(LGTM, p(key))).toEqual({ kind: "free-form", under, chart: LGTM_TEMPO });
  });

  it("reports the key's type, default, source and answering chart", () => {
    expect(resolveKey(LGTM, p("tempo.ingester.config.replication_factor"))).toEqual({
      kind: "known",
      key: {
        path: "tempo.ingester.config.replication_factor",
        chartPath: "ingester.config.replication_factor",
        type: "number",
        default: 3,
        freeForm: false,
        source: "values",
        chart: LGTM_TEMPO,
      },
    });
    // lgtm-distributed's own values override the subchart default.
    const replicas = resolveKey(LGTM, p("tempo.ingester.replicas"));
    expect(replicas.kind === "known" && replicas.key).toMatchObject({ chart: LGTM, default: 1, type: "number" });
    const sc = resolveKey(LGTM, p("tempo.tempo.structuredConfig"));
    expect(sc.kind === "known" && sc.key).toMatchObject({ freeForm: true, type: "object", default: {} });
  });
});

describe("resolveKey: subcharts, globals and lists", () => {
  it("treats lgtm-distributed's mimir: as unchecked, except the keys lgtm sets itself", () => {
    const r = resolveKey(LGTM, p("mimir.ingester.zoneAwareReplication.typo"));
    expect(r.kind).toBe("unchecked");
    expect(r.kind === "unchecked" && r.under).toBe("mimir");
    expect(r.kind === "unchecked" && r.reason).toContain("not catalogued");
    expect(kind(LGTM, "mimir.ingester.replicas")).toBe("known");
    expect(kind(LGTM, "mimir")).toBe("known");
    expect(kind(LGTM, "grafana-oncall.enabled")).toBe("known");
    expect(kind(LGTM, "grafana-oncall.engine.replicas")).toBe("unchecked");
  });

  it("follows loki: and grafana: in lgtm-distributed", () => {
    expect(resolveKey(LGTM, p("loki.gateway.enabled"))).toMatchObject({
      kind: "known",
      key: { chart: "loki-distributed@0.80.6" },
    });
    expect(resolveKey(LGTM, p("grafana.adminPassword"))).toMatchObject({
      kind: "known",
      key: { chart: "grafana@10.1.4" },
    });
    expect(kind(LGTM, "loki.gatewy")).toBe("unknown");
  });

  it("checks global: against every subchart, unchecked only when no catalogued one reads it", () => {
    expect(kind(LGTM, "global")).toBe("known");
    expect(kind(LGTM, "global.typo")).toBe("unchecked"); // mimir-distributed might read it
    expect(kind(TEMPO, "global.typo")).toBe("unchecked"); // minio etc. are not catalogued
    expect(kind("grafana@12.11.1", "global.typo")).toBe("unknown");
    expect(kind(TEMPO, "tempo.global")).toBe("unknown");
  });

  it("kube-prometheus-stack grafana: reaches grafana 12.11.1 and kps's own keys", () => {
    expect(kind(KPS, "grafana.adminPassword")).toBe("known");
    expect(kind(KPS, "grafana.additionalDataSources")).toBe("known");
    expect(kind(KPS, "grafana.admin.existingSecret")).toBe("known");
    expect(resolveKey(KPS, p("grafana.persistence.size"))).toMatchObject({
      kind: "known",
      key: {
        chart: "grafana@12.11.1",
        default: "10Gi",
        chartPath: "persistence.size",
        path: "grafana.persistence.size",
      },
    });
    expect(resolveKey(KPS, p("grafana.additionalDataSources.0.uid"))).toEqual({
      kind: "free-form",
      under: "grafana.additionalDataSources",
      chart: KPS,
    });
    expect(kind(KPS, "grafana.adminPasword")).toBe("unknown");
    expect(kind(KPS, "kube-state-metrics.replicas")).toBe("unchecked");
  });

  it.each([
    [KPS, "prometheus.prometheusSpec.retention", "known"],
    [KPS, "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage", "free-form"],
    [KPS, "grafana.grafana\\.ini.server.root_url", "free-form"],
    [KPS, "grafana.admin.userKey", "known"],
    [KPS, "grafana.sidecar.datasources.defaultDatasourceEnabled", "known"],
    [KPS, "alertmanager.config.route.receiver", "free-form"],
    [LGTM, "loki.loki.structuredConfig.limits_config.retention_period", "free-form"],
    [LGTM, "loki.gateway.nginxConfig.resolver", "known"],
    [LGTM, "grafana.datasources.datasources\\.yaml.datasources.0.uid", "free-form"],
    [LGTM, "tempo.gateway.basicAuth.existingSecret", "known"],
    [LGTM, "tempo.storage.trace.backend", "known"],
    [LGTM, "tempo.server.http_listen_port", "unknown"],
    [LGTM, "tempo.queryFrontend.config.search.concurrent_jobs", "known"],
  ] as const)("%s %s is %s", (chart, dotted, expected) => {
    // `\\.` keeps a dot inside a key (`grafana.ini`, `datasources.yaml`).
    const segs = dotted.split(/(?<!\\)\./).map((x) => x.replace(/\\\./g, "."));
    expect(
      resolveKey(
        chart,
        segs.map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      ).kind,
    ).toBe(expected);
  });

  it("does not mistake Object methods for keys", () => {
    expect(kind(TEMPO, "constructor")).toBe("unknown");
    expect(kind(TEMPO, "ingester.toString")).toBe("unknown");
    expect(defaultValue(TEMPO, p("overrides.constructor"))).toBeUndefined();
  });

  it("a key under a scalar is unknown; a list index steps into free-form items", () => {
    expect(resolveKey(TEMPO, p("ingester.replicas.foo"))).toEqual({
      kind: "unknown",
      parent: "ingester.replicas",
      siblings: [],
      chart: TEMPO,
    });
    expect(resolveKey(TEMPO, ["global", "extraEnv", 0, "name"])).toMatchObject({
      kind: "free-form",
      under: "global.extraEnv",
    });
  });
});

describe("childKeys, defaultValue", () => {
  it("lists the keys at a level, subchart aliases and global included", () => {
    expect(childKeys(TEMPO, ["traces", "otlp"])).toEqual(["grpc", "http"]);
    expect(childKeys(LGTM, [])).toEqual(["global", "grafana", "grafana-oncall", "loki", "mimir", "tempo"]);
    expect(childKeys(LGTM, ["tempo"])).toEqual(
      expect.arrayContaining(["enabled", "queryFrontend", "traces", "overrides"]),
    );
    expect(childKeys(LGTM, ["global"])).toEqual(
      expect.arrayContaining(["dnsService", "dnsNamespace", "clusterDomain"]),
    );
    expect(childKeys(TEMPO, ["overrides"])).toEqual(["defaults", "per_tenant_override_config"]);
    expect(childKeys(TEMPO, ["nope"])).toEqual([]);
  });

  it("gives chart defaults, the parent's values winning", () => {
    expect(defaultValue(TEMPO, p("ingester.config.replication_factor"))).toBe(3);
    expect(defaultValue(TEMPO, p("ingester.replicas"))).toBe(3);
    expect(defaultValue(LGTM, p("tempo.ingester.replicas"))).toBe(1);
    expect(defaultValue(LGTM, p("tempo.ingester"))).toMatchObject({ replicas: 1, config: { replication_factor: 3 } });
    expect(defaultValue(LGTM, p("tempo.compactor.config.compaction.block_retention"))).toBe("48h");
    expect(defaultValue(LGTM, p("global.dnsService"))).toBe("kube-dns");
    expect(defaultValue(TEMPO, p("storage.trace.backend"))).toBe("local");
    expect(defaultValue(TEMPO, p("overrides.per_tenant_override_config"))).toBe("/runtime-config/overrides.yaml");
    expect(defaultValue(TEMPO, p("traces.otlp.grpc.enabled"))).toBe(false);
    expect(defaultValue(TEMPO, p("gateway.enabled"))).toBe(false);
    expect(defaultValue(KPS, p("grafana.sidecar.datasources.enabled"))).toBe(true);
    expect(defaultValue(TEMPO, p("no.such.key"))).toBeUndefined();
  });

  it("keeps the shipped catalogs small: every version of a chart in one merged file", () => {
    const shipped = Object.keys(CHART_FAMILIES).map((name) => `catalogs/${name}.gen.json`);
    const total = shipped.reduce((n, f) => n + readFileSync(path.join(packageDir, f)).length, 0);
    expect(total).toBeLessThan(1_600_000);
  });
});

const valuesOf = (chart: ChartId): unknown => chartDefaults(chart);

// One test per chart (version family), each over every catalogued version of it: no default key of that version's
// values.yaml (as its committed catalog records it) is reported unknown.
describe(`no false "unknown" for any key of a chart's own values.yaml, in every catalogued version`, () => {
  it.each(Object.keys(CHART_FAMILIES))("%s", (name) => {
    const versions = SUPPORTED_CHARTS.filter((c) => chartDescriptor(c).name === name);
    expect(versions.length).toBeGreaterThan(0);
    for (const chart of versions) {
      const unknown: string[] = [];
      let n = 0;
      for (const path of walkPaths(valuesOf(chart))) {
        n++;
        if (resolveKey(chart, path).kind === "unknown") unknown.push(path.join("."));
      }
      expect(n, chart).toBeGreaterThan(name === "lgtm-distributed" ? 10 : 50);
      expect(unknown, chart).toEqual([]);
    }
  });

  it("every key of a subchart's values.yaml is read under its alias, for every parent version", () => {
    for (const parent of SUPPORTED_CHARTS)
      for (const [alias, sub] of Object.entries(chartDescriptor(parent).subcharts)) {
        if (sub === "unchecked") continue;
        const unknown: string[] = [];
        for (const path of walkPaths(valuesOf(sub as ChartId)))
          if (resolveKey(parent, [alias, ...path]).kind === "unknown") unknown.push(path.join("."));
        expect(unknown, `${parent} ${alias}`).toEqual([]);
      }
  });

  it("resolves lgtm-distributed's subcharts to what its releases pulled in", () => {
    expect(chartDescriptor("kube-prometheus-stack@88.5.3").subcharts.grafana).toBe("grafana@12.11.1");
    // 3.0.1's Chart.yaml ranges (^1.48.0, ^10.0.0), resolved against the index of 2025-11-01 (no Chart.lock)
    expect(chartDescriptor(LGTM).subcharts).toMatchObject({
      tempo: "tempo-distributed@1.52.5",
      grafana: "grafana@10.1.4",
      loki: "loki-distributed@0.80.6",
      mimir: "unchecked",
    });
  });
});

describe("the tutorial files, walked key by key", () => {
  const load = (f: string): unknown => parse(readFileSync(path.join(tutorialDir, f), "utf8"));

  it("lgtm-values.yaml: exactly the keys the chart drops are unknown", () => {
    const unknown = [...walkPaths(load("lgtm-values.yaml"))]
      .filter((k) => resolveKey(LGTM, k).kind === "unknown")
      .map((k) => k.join("."));
    // Report each dropped subtree once: drop paths whose parent is already unknown.
    const roots = unknown.filter((k) => !unknown.some((u) => k.startsWith(`${u}.`)));
    expect(roots.sort()).toEqual(
      [
        "tempo.distributor.config.receivers",
        "tempo.query_frontend",
        "tempo.tempo.compactor",
        "tempo.tempo.ingestion",
        "tempo.tempo.multitenancy_enabled",
        "tempo.tempo.query_frontend",
        "tempo.tempo.retention_period",
        "tempo.tempo.storage",
      ].sort(),
    );
  });

  it("prometheus-values.yaml: every key is read by kube-prometheus-stack", () => {
    const kinds = new Set([...walkPaths(load("prometheus-values.yaml"))].map((k) => resolveKey(KPS, k).kind));
    expect(kinds).not.toContain("unknown");
    expect(kinds).toContain("known");
    expect(kinds).toContain("free-form");
  });
});

describe("lazyCatalogAt", () => {
  it("builds the same tree as catalogAt, level by level", () => {
    for (const name of ["tempo-distributed", "lgtm-distributed", "grafana"]) {
      const store = mergedCatalog(name);
      for (const v of [
        store.versions[0],
        store.versions[Math.floor(store.versions.length / 2)],
        store.versions.at(-1),
      ]) {
        const version = v as string;
        expect(JSON.parse(JSON.stringify(lazyCatalogAt(store, version))), `${name}@${version}`).toEqual(
          catalogAt(store, version)?.root,
        );
      }
    }
    expect(lazyCatalogAt(mergedCatalog("grafana"), "0.0.0")).toBeUndefined();
  });
});

describe("mimir-distributed 5.7.0 (from values.yaml alone: its commit holds no template)", () => {
  const MIMIR: ChartId = "mimir-distributed@5.7.0";
  it.each([
    ["gateway.enabledNonEnterprise", "known"],
    ["gateway.service.port", "known"],
    ["nginx.enabled", "known"],
    ["ingester.zoneAwareReplication.enabled", "known"],
    ["global.extraEnv", "known"],
    // empty maps of values.yaml are taken as passed through whole
    ["mimir.structuredConfig.blocks_storage.s3.bucket_name", "free-form"],
    ["ingester.nodeSelector.zone", "free-form"],
    // Kubernetes object fields are passed through whole
    ["ingester.resources.limits.memory", "free-form"],
    ["gateway.enabledNonEnterpise", "unknown"],
    ["ingester.replica", "unknown"],
  ] as const)("%s is %s", (key, expected) => {
    expect(kind(MIMIR, key)).toBe(expected);
  });

  it("knows the defaults a bundle turns off", () => {
    expect(defaultValue(MIMIR, ["minio", "enabled"])).toBe(true);
    expect(defaultValue(MIMIR, ["nginx", "enabled"])).toBe(true);
    expect(defaultValue(MIMIR, ["gateway", "enabledNonEnterprise"])).toBe(false);
    expect(defaultValue(MIMIR, ["rollout_operator", "enabled"])).toBe(true);
    expect(defaultValue(MIMIR, ["gateway", "service", "port"])).toBe(80);
  });
});
