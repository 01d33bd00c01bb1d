import { preferredChart, STACK_CHART_NAMES, type StackChartId } from "@lgtm-gitops/charts";
import type { PathSegments } from "@lgtm-gitops/diagnostics";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { chartValueSource, parseTempoSpec, toChartValues } from "@lgtm-gitops/tempo-config";
import { describe, expect, it } from "vitest";
import type { DocumentOrigin } from "./engine.js";
import { validateDocuments } from "./lint.js";

const S3 = { backend: "s3", bucket: "traces", endpoint: "s3.example.com", credentials: { secretName: "tempo-s3" } };

/**
 * A Tempo spec compiled to chart values and checked once by the value rules, with an origin (a source map back to the
 * spec): what the bundler does for a cluster definition. Findings must land in the spec, in the spec's words.
 */
function checkSpec(input: Record<string, unknown>) {
  const parsed = parseTempoSpec({ storage: S3, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const results = [];
  // The preferred version of each stack chart: what a definition without a version gets.
  for (const chart of STACK_CHART_NAMES.map((n) => preferredChart(n) as StackChartId)) {
    const built = toChartValues(parsed.value, chart, { release: "tempo", namespace: "tempo", distribution: "rke2" });
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    const lines: string[] = [];
    const origin: DocumentOrigin = {
      file: "cluster.yaml",
      path: (p: PathSegments) => {
        const source = chartValueSource(chart, p);
        return source && "spec" in source ? ["tempo", ...source.spec] : ["tempo"];
      },
      position: (p) => {
        lines.push(formatPath(p));
        return { line: lines.length, column: 3 };
      },
    };
    results.push({
      chart,
      lines,
      diagnostics: validateDocuments([{ file: "values.yaml", chart, values: built.value, origin }], {
        chart,
        distribution: "rke2",
      }),
    });
  }
  return results;
}

describe("value rules on a compiled spec, reported through its origin", () => {
  it("reports 2 ingesters at RF 3 once, at the spec's ingester.replicas, naming the spec's fields", () => {
    for (const { chart, diagnostics } of checkSpec({ ingester: { replicas: 2, replicationFactor: 3 } })) {
      const ring = diagnostics.filter((d) => d.ruleId.startsWith("tempo/replication"));
      expect(
        ring.map((d) => d.ruleId),
        chart,
      ).toEqual(["tempo/replication-below-rf"]);
      const [d] = ring;
      expect(d).toMatchObject({ file: "cluster.yaml", path: ["tempo", "ingester", "replicas"], column: 3 });
      expect(d!.message).toContain("`tempo.ingester.replicationFactor`");
      expect(d!.fix).toContain("`tempo.ingester.replicas: 3`");
      expect(d!.message).not.toContain("replication_factor");
    }
  });

  it("reports a single ingester at RF 3 as a quorum error and RF 2 as the factor-two warning", () => {
    for (const { chart, diagnostics } of checkSpec({ ingester: { replicas: 1, replicationFactor: 3 } })) {
      expect(
        diagnostics.filter((d) => d.ruleId.startsWith("tempo/replication")).map((d) => [d.ruleId, d.file, d.path]),
        chart,
      ).toEqual([["tempo/replication-quorum", "cluster.yaml", ["tempo", "ingester", "replicas"]]]);
    }
    for (const { chart, diagnostics } of checkSpec({ ingester: { replicas: 2, replicationFactor: 2 } })) {
      expect(
        diagnostics.filter((d) => d.ruleId.startsWith("tempo/replication")).map((d) => [d.ruleId, d.path]),
        chart,
      ).toEqual([["tempo/replication-factor-two", ["tempo", "ingester", "replicationFactor"]]]);
    }
  });

  it("reports local storage and a spec without receivers at the spec fields that chose them", () => {
    for (const { chart, diagnostics } of checkSpec({
      storage: { backend: "local" },
      receivers: { otlp: { grpc: { enabled: false }, http: { enabled: false } } },
    })) {
      const local = diagnostics.find((d) => d.ruleId === "tempo/local-storage");
      expect(local?.path, chart).toEqual(["tempo", "storage", "backend"]);
      const none = diagnostics.find((d) => d.ruleId === "tempo/no-receiver");
      expect(none?.path, chart).toEqual(["tempo", "receivers"]);
      expect(none?.file).toBe("cluster.yaml");
    }
  });

  it("asks the origin for the position of the path it reports, and gives the line it answered", () => {
    for (const { lines, diagnostics } of checkSpec({ ingester: { replicas: 1, replicationFactor: 3 } })) {
      const d = diagnostics.find((x) => x.ruleId === "tempo/replication-quorum")!;
      expect(lines[d.line! - 1]).toBe("tempo.ingester.replicas");
    }
  });

  it("a healthy spec gives no ring findings", () => {
    for (const { diagnostics } of checkSpec({ ingester: { replicas: 3, replicationFactor: 3 } })) {
      expect(diagnostics.filter((d) => d.ruleId.startsWith("tempo/replication"))).toEqual([]);
    }
  });
});
