import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHART_DESCRIPTORS, type ChartId, defaultValue, preferredChart } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { TUTORIAL_DIR } from "../../../../fixtures/tutorial.js";
import { lintDocuments } from "../lint.js";

const here = path.dirname(fileURLToPath(import.meta.url));

const read = (dir: string, f: string) => ({ file: f, text: readFileSync(path.join(dir, f), "utf8") });

function at(diags: readonly Diagnostic[], file: string, line: number, ruleId: string, pathIs?: string): Diagnostic {
  const hit = diags.find(
    (d) =>
      d.file === file &&
      d.line === line &&
      d.ruleId === ruleId &&
      (pathIs === undefined || formatPath(d.path) === pathIs),
  );
  if (!hit)
    throw new Error(
      `no ${ruleId} at ${file}:${line}${pathIs ? ` (${pathIs})` : ""}; got:\n${diags.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${formatPath(d.path)}`).join("\n")}`,
    );
  return hit;
}

describe("the tutorial pair (lgtm-values.yaml + prometheus-values.yaml)", () => {
  const result = lintDocuments([read(TUTORIAL_DIR, "lgtm-values.yaml"), read(TUTORIAL_DIR, "prometheus-values.yaml")]);
  const diags = result?.diagnostics ?? [];
  const L = "lgtm-values.yaml";
  const P = "prometheus-values.yaml";

  it("detects both charts from content and says why", () => {
    expect(result?.documents).toEqual([
      expect.objectContaining({
        file: L,
        chart: "lgtm-distributed@3.0.1",
        detectedBy: "content",
        reason: expect.stringContaining("tempo"),
      }),
      expect.objectContaining({
        file: P,
        chart: "kube-prometheus-stack@88.5.3",
        detectedBy: "content",
        reason: expect.stringContaining("additionalDataSources"),
      }),
    ]);
  });

  it("reports every ignored tempo.tempo.* key at its line with its real path", () => {
    const cases: [number, number, string, string][] = [
      [8, 5, "tempo.tempo.multitenancy_enabled", "tempo.multitenancyEnabled"],
      [12, 7, "tempo.tempo.storage.backend", "tempo.storage.trace.backend"],
      [14, 9, "tempo.tempo.storage.filesystem.path", "tempo.tempo.structuredConfig.storage.trace.local.path"],
      [19, 7, "tempo.tempo.ingestion.rate_limit_bytes", "tempo.overrides.defaults.ingestion.rate_limit_bytes"],
      [21, 7, "tempo.tempo.ingestion.max_spans_per_trace", "tempo.overrides.defaults.global.max_bytes_per_trace"],
      [24, 5, "tempo.tempo.retention_period", "tempo.compactor.config.compaction.block_retention"],
      [29, 7, "tempo.tempo.compactor.compaction_window", "tempo.compactor.config.compaction.compaction_window"],
      [31, 7, "tempo.tempo.compactor.retention_concurrency", "tempo.compactor.config.compaction.retention_concurrency"],
      [
        36,
        7,
        "tempo.tempo.query_frontend.max_outstanding_per_tenant",
        "tempo.queryFrontend.config.max_outstanding_per_tenant",
      ],
      [
        38,
        7,
        "tempo.tempo.query_frontend.max_query_length",
        "tempo.tempo.structuredConfig.query_frontend.search.max_duration",
      ],
    ];
    for (const [line, column, p, real] of cases) {
      const d = at(diags, L, line, "chart/unknown-key", p);
      expect(d.column).toBe(column);
      expect(d.severity).toBe("error");
      expect(d.message).toContain(`\`${real}\``);
    }
  });

  it("reports distributor.config.receivers with the traces.* switches to use", () => {
    const d = at(diags, L, 53, "chart/unknown-key", "tempo.distributor.config.receivers");
    expect(d.message).toContain("tempo.traces.*");
    expect(d.fix).toContain("tempo.traces.otlp.grpc.enabled: true");
    expect(d.fix).toContain("tempo.traces.jaeger.thriftHttp.enabled: true");
  });

  it("reports query_frontend → queryFrontend", () => {
    expect(at(diags, L, 105, "chart/unknown-key", "tempo.query_frontend").message).toContain("`tempo.queryFrontend`");
  });

  it("reports the three names Tempo does not have", () => {
    expect(at(diags, L, 21, "tempo/not-a-tempo-setting").message).toContain("max_spans_per_trace");
    expect(at(diags, L, 24, "tempo/not-a-tempo-setting").message).toContain("retention_period");
    expect(at(diags, L, 38, "tempo/not-a-tempo-setting").message).toContain("max_query_length");
  });

  it("reports no receiver enabled (effective chart default) at the ignored receivers", () => {
    const d = at(diags, L, 53, "tempo/no-receiver");
    expect(d.severity).toBe("error");
    expect(d.message).toMatch(/chart default/);
  });

  it("reports one ingester with replication factor 3", () => {
    const d = at(diags, L, 69, "tempo/replication-quorum");
    expect(d.message).toMatch(/1 ingester.*replication factor 3/);
    expect(d.fix).toContain("tempo.ingester.config.replication_factor: 1");
  });

  it("reports local storage (the chart default, since storage.backend is ignored)", () => {
    const d = at(diags, L, 12, "tempo/local-storage");
    expect(d.message).toMatch(/chart default/);
    expect(d.message).toContain("tempo.tempo.storage.backend");
  });

  it("reports the dangling loki and mimir uids", () => {
    expect(at(diags, P, 35, "datasource/dangling-uid").message).toContain('"loki"');
    expect(at(diags, P, 41, "datasource/dangling-uid").message).toContain('"mimir"');
    expect(at(diags, P, 48, "datasource/dangling-uid").message).toContain('"mimir"');
  });

  it("reports the service map without a metrics-generator, across the two files, each problem on its own", () => {
    const hits = diags.filter(
      (d) =>
        d.file === P &&
        d.ruleId === "tempo/metrics-generator-wiring" &&
        formatPath(d.path) === "grafana.additionalDataSources[2].jsonData.serviceMap",
    );
    // The generator is off (chart default), and no service-graphs processor is listed: two problems, two findings.
    expect(hits.map((d) => [d.line, d.severity])).toEqual([
      [47, "error"],
      [47, "error"],
    ]);
    const off = hits.find((d) => d.message.includes("is false"));
    expect(off?.message).toContain("lgtm-values.yaml");
    expect(off?.fix).toContain("tempo.metricsGenerator.enabled: true");
    expect(hits.find((d) => d.message.includes("runs no `service-graphs` processor"))?.fix).toContain(
      "tempo.overrides.defaults.metrics_generator.processors",
    );
  });

  it("reports the plaintext admin password", () => {
    const d = at(diags, P, 3, "secret/plaintext", "grafana.adminPassword");
    expect(d.fix).toContain("existingSecret");
  });

  it("reports Loki's and Mimir's gateways without the RKE2 resolver, saying the distribution was inferred", () => {
    const loki = at(diags, L, 128, "dns/gateway-resolver", "loki.gateway.nginxConfig.resolver");
    const mimir = at(diags, L, 128, "dns/gateway-resolver", "mimir.nginx.nginxConfig.resolver");
    for (const d of [loki, mimir]) {
      expect(d.message).toMatch(/RKE2 \(inferred from `tempo\.gateway\.nginxConfig\.resolver/);
      expect(d.fix).toContain("global.dnsService: rke2-coredns-rke2-coredns");
    }
    expect(diags.filter((d) => d.ruleId === "dns/gateway-resolver")).toHaveLength(2);
  });

  it("uses the given distribution and says so", () => {
    const r = lintDocuments([read(TUTORIAL_DIR, L)], { distribution: "openshift" });
    const dns = r.diagnostics.filter((d) => d.ruleId === "dns/gateway-resolver");
    expect(dns.map((d) => formatPath(d.path)).sort()).toEqual([
      "loki.gateway.nginxConfig.resolver",
      "mimir.nginx.nginxConfig.resolver",
      "tempo.gateway.nginxConfig.resolver",
    ]);
    expect(dns[0]?.message).toContain("OpenShift");
    expect(dns[0]?.message).not.toContain("inferred");
  });
});

describe("the corrected pair (src/__fixtures__/corrected)", () => {
  it("lints with no error and no warning", () => {
    const dir = path.join(here, "../__fixtures__/corrected");
    const r = lintDocuments([read(dir, "lgtm-values.yaml"), read(dir, "prometheus-values.yaml")]);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents.map((d) => d.chart)).toEqual(["lgtm-distributed@3.0.1", "kube-prometheus-stack@88.5.3"]);
  });
});

/** A chart's own defaults (values.yaml as data), as its committed key catalog records them. */
const chartDefaults = (chart: ChartId): unknown => defaultValue(chart, []);

/** The preferred version of every chart a bundle installs or hosts (the linted-only charts are not detected by shape). */
const PREFERRED = [...new Set(CHART_DESCRIPTORS.filter((d) => d.role !== "catalogued").map((d) => d.name))].map(
  (n) => preferredChart(n) as ChartId,
);

describe("every chart's default values.yaml, at its preferred version", () => {
  for (const chart of PREFERRED) {
    it(`${chart}: is detected and lints with no error or warning`, () => {
      const input = { file: "values.yaml", text: stringify(chartDefaults(chart)) };
      const detected = lintDocuments([input]);
      expect(detected.documents[0]?.chart.split("@")[0]).toBe(chart.split("@")[0]);
      const r = lintDocuments([input], { chart });
      expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    });
  }
});

describe("the tutorial linted with a --distribution its file contradicts (issue 16)", () => {
  // fixtures/tutorial/lgtm-values.yaml:128 sets the Tempo gateway's resolver to RKE2's CoreDNS (the tutorial runs RKE2).
  for (const distribution of ["k3s", "eks"] as const) {
    it(`--distribution ${distribution}: an error for the Tempo gateway and a warning that flag and file disagree`, () => {
      const { diagnostics } = lintDocuments([read(TUTORIAL_DIR, "lgtm-values.yaml")], { distribution });
      const dns = diagnostics.filter((d) => d.ruleId.startsWith("dns/"));
      const gw = at(dns, "lgtm-values.yaml", 128, "dns/gateway-resolver", "tempo.gateway.nginxConfig.resolver");
      expect(gw.severity).toBe("error");
      const mismatch = at(dns, "lgtm-values.yaml", 128, "dns/distribution-mismatch");
      expect(mismatch.severity).toBe("warning");
      expect(mismatch.message).toContain("disagree");
      expect(dns).toHaveLength(2);
    });
  }
  it("--distribution rke2 agrees with the file", () => {
    const { diagnostics } = lintDocuments([read(TUTORIAL_DIR, "lgtm-values.yaml")], { distribution: "rke2" });
    expect(diagnostics.filter((d) => d.ruleId === "dns/distribution-mismatch")).toEqual([]);
  });
});
