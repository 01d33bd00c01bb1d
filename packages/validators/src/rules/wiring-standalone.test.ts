import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { tutorialFile } from "../../../../fixtures/tutorial.js";
import { lintDocuments } from "../lint.js";

const WIRING = "tempo/metrics-generator-wiring";
const wiring = (diags: readonly Diagnostic[]) =>
  diags
    .filter((d) => d.ruleId === WIRING)
    .map((d) => ({ file: d.file, path: formatPath(d.path), severity: d.severity, message: d.message }));

/** The tutorial's lgtm-values.yaml with a block added to its `tempo:` section (indented two spaces). */
const tutorialWith = (tempoBlock: string) =>
  tutorialFile("lgtm-values.yaml").replace(
    "  # === Tempo 各元件配置 ===\n",
    `${tempoBlock.replace(/^(?=.)/gm, "  ")}  # === Tempo 各元件配置 ===\n`,
  );
const lint = (...files: [string, string][]) => lintDocuments(files.map(([file, text]) => ({ file, text }))).diagnostics;

// The generator switched on as the Tempo docs' metrics-generator page describes it (processors in the overrides), but
// without the `storage.remote_write` the same page requires: grafana/tempo#1896 and #2051 are such installs, with
// "No service graph data" in Grafana.
const GENERATOR_ON = `metricsGenerator:
  enabled: true
overrides:
  defaults:
    metrics_generator:
      processors: [service-graphs, span-metrics]
`;

describe("tempo/metrics-generator-wiring without Grafana (issue 16)", () => {
  it("reports a generator with processors and no remote_write on its own, with no Grafana datasource in sight", () => {
    const tempo = lint(["lgtm-values.yaml", tutorialWith(GENERATOR_ON)]);
    expect(wiring(tempo).filter((d) => d.path === "tempo.metricsGenerator.config.storage.remote_write")).toEqual([
      expect.objectContaining({
        severity: "error",
        message: expect.stringContaining(
          "is enabled with processors service-graphs, span-metrics but has no remote_write",
        ),
      }),
    ]);
    // The same values as tempo-distributed's own file.
    const td = lintDocuments([{ file: "tempo.yaml", text: GENERATOR_ON }], { chart: "tempo-distributed@1.61.3" });
    expect(wiring(td.diagnostics).map((d) => [d.path, d.severity])).toEqual([
      ["metricsGenerator.config.storage.remote_write", "error"],
    ]);
  });

  it("passes once the remote_write is there, and warns about a generator that lists no processor", () => {
    const rw = `metricsGenerator:
  enabled: true
  config:
    storage:
      remote_write:
        - url: http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push
`;
    const chart = { chart: "tempo-distributed@1.61.3" } as const;
    const withProcessors = `${rw}overrides:\n  defaults:\n    metrics_generator:\n      processors: [service-graphs]\n`;
    expect(wiring(lintDocuments([{ file: "t.yaml", text: withProcessors }], chart).diagnostics)).toEqual([]);
    expect(wiring(lintDocuments([{ file: "t.yaml", text: rw }], chart).diagnostics)).toEqual([
      expect.objectContaining({ path: "metricsGenerator.enabled", severity: "warning" }),
    ]);
    // remote_write set while the generator is off.
    const off = rw.replace("enabled: true", "enabled: false");
    expect(wiring(lintDocuments([{ file: "t.yaml", text: off }], chart).diagnostics)).toEqual([
      expect.objectContaining({ path: "metricsGenerator.enabled", severity: "warning" }),
    ]);
  });

  it("reports a remote_write to a Prometheus no datasource of the tutorial's Grafana reads", () => {
    // tempo-distributed values next to the tutorial's prometheus-values.yaml, whose Grafana reads Mimir; the generator
    // writes to a Prometheus. (The tutorial's Tempo datasource names a uid that does not exist, so it cannot say which
    // datasource its service map reads: the generator's target is compared with every metrics datasource instead.)
    const tempo = `${GENERATOR_ON.replace("  enabled: true\n", "  enabled: true\n  config:\n    storage:\n      remote_write:\n        - url: http://prometheus-operated.monitoring.svc:9090/api/v1/write\n")}traces:\n  otlp:\n    grpc:\n      enabled: true\n`;
    const diags = lint(["tempo.yaml", tempo], ["prometheus-values.yaml", tutorialFile("prometheus-values.yaml")]);
    expect(wiring(diags).filter((d) => d.path.endsWith("remote_write[0].url"))).toEqual([
      expect.objectContaining({
        file: "tempo.yaml",
        severity: "warning",
        message: expect.stringContaining(
          "no Prometheus/Mimir datasource of the Grafana in these files reads that Service",
        ),
      }),
    ]);
    // Written to the Mimir that Grafana reads: nothing to report there.
    const mimir = tempo.replace(
      "http://prometheus-operated.monitoring.svc:9090/api/v1/write",
      "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push",
    );
    const ok = lint(["tempo.yaml", mimir], ["prometheus-values.yaml", tutorialFile("prometheus-values.yaml")]);
    expect(wiring(ok).filter((d) => d.path.endsWith("remote_write[0].url"))).toEqual([]);
  });

  it("reports each problem of the tutorial's service map on its own, not the first one only", () => {
    // Generator on (so "disabled" is gone) with only span-metrics and no remote_write: the service map lacks its
    // processor (at the datasource) and the metrics are stored nowhere (at the generator): two findings.
    const tempo = tutorialWith(GENERATOR_ON.replace("[service-graphs, span-metrics]", "[span-metrics]"));
    const diags = lint(["lgtm-values.yaml", tempo], ["prometheus-values.yaml", tutorialFile("prometheus-values.yaml")]);
    const user = wiring(diags).filter(
      (d) => d.path.startsWith("grafana.additionalDataSources") || d.path.includes("remote_write"),
    );
    expect(user.map((d) => [d.file, d.path, d.severity])).toEqual([
      ["lgtm-values.yaml", "tempo.metricsGenerator.config.storage.remote_write", "error"],
      ["prometheus-values.yaml", "grafana.additionalDataSources[2].jsonData.serviceMap", "error"],
    ]);
    expect(user[1]?.message).toContain("runs no `service-graphs` processor");
  });
});
