import type { ChartId } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { tutorialFile } from "../../../../fixtures/tutorial.js";
import { lintDocuments } from "../lint.js";

const lint = (text: string, chart?: ChartId): Diagnostic[] =>
  lintDocuments([{ file: "v.yaml", text }], chart ? { chart } : {}).diagnostics;
/** Every finding at `path`, as `ruleId severity`. */
const at = (diags: readonly Diagnostic[], path: string) =>
  diags.filter((d) => formatPath(d.path) === path).map((d) => `${d.ruleId} ${d.severity}`);

// The processor list written where the chart does not read it: in tempo-distributed the processors are per-tenant
// overrides (`overrides.defaults.metrics_generator.processors`), which is what grafana/tempo#1509 and #2051 (both
// tempo-distributed installs with a generator that produced no service-graph metrics) came down to; `ring` is a Tempo
// metrics_generator setting the chart's `config:` template does not copy.
const GENERATOR = `metricsGenerator:
  enabled: true
  config:
    processors: [service-graphs, span-metrics]
    ring:
      kvstore:
        store: memberlist
    processor:
      service_graphs:
        dimensionz: [http.method]
    storage:
      remote_write:
        - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push
`;

describe("metricsGenerator.config: a crash only where Tempo reads the key", () => {
  for (const chart of ["tempo-distributed@1.52.5", "tempo-distributed@3.3.0"] as ChartId[]) {
    it(`${chart}: \`processors\` is reported once, as ignored by the chart, never as a start-up crash`, () => {
      const diags = lint(GENERATOR, chart);
      expect(at(diags, "metricsGenerator.config.processors")).toEqual(["chart/unknown-key error"]);
      expect(diags.find((d) => formatPath(d.path) === "metricsGenerator.config.processors")?.fix).toBe(
        "Rename it to `metricsGenerator.config.processor`.",
      );
      // A Tempo setting the chart drops: once, with the structuredConfig fix.
      expect(at(diags, "metricsGenerator.config.ring")).toEqual(["tempo/metrics-generator-config-ignored warning"]);
      // What the chart renders is parsed as Tempo's: a typo there does stop Tempo.
      expect(at(diags, "metricsGenerator.config.processor.service_graphs.dimensionz")).toEqual([
        "tempo/unknown-config-key error",
      ]);
    });
  }

  it("uses each chart version's rendered keys and Tempo version: traces_storage is rendered by 1.x, unknown to 3.x and Tempo 3.0", () => {
    const text = "metricsGenerator:\n  enabled: true\n  config:\n    traces_storage:\n      path: /var/tempo/traces\n";
    expect(at(lint(text, "tempo-distributed@1.52.5"), "metricsGenerator.config.traces_storage")).toEqual([]);
    // tempo-distributed 3.x dropped it from its template and Tempo 3.0 from metrics_generator: ignored, said once.
    expect(at(lint(text, "tempo-distributed@3.3.0"), "metricsGenerator.config.traces_storage")).toEqual([
      "chart/unknown-key error",
    ]);
    // On 3.x with Tempo pinned to 2.9 (`tempo.image.tag`), Tempo has it: dropped by the chart, with the fix.
    const pinned = `${text}tempo:\n  image:\n    tag: 2.9.0\n`;
    expect(at(lint(pinned, "tempo-distributed@3.3.0"), "metricsGenerator.config.traces_storage")).toEqual([
      "tempo/metrics-generator-config-ignored warning",
    ]);
  });

  it("does the same under lgtm-distributed's `tempo:` (the tutorial with the generator block added)", () => {
    const text = tutorialFile("lgtm-values.yaml").replace(
      "  # === Tempo 各元件配置 ===\n",
      `${GENERATOR.replace(/^/gm, "  ").trimEnd()}\n  # === Tempo 各元件配置 ===\n`,
    );
    const diags = lint(text);
    expect(at(diags, "tempo.metricsGenerator.config.processors")).toEqual(["chart/unknown-key error"]);
    expect(at(diags, "tempo.metricsGenerator.config.ring")).toEqual(["tempo/metrics-generator-config-ignored warning"]);
  });
});
