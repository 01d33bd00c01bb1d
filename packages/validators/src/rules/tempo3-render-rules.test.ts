// Values that stop grafana-community tempo-distributed 3.x from rendering, from its templates (tag
// tempo-distributed-3.3.0: templates/validate.yaml, templates/backend-worker/poddisruptionbudget-backend-worker.yaml;
// reproduced by rendering the chart, /work research notes) and Tempo v3.0.3's Kafka client (pkg/ingest).
import type { ChartId } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateDocuments } from "../lint.js";

const T3: ChartId = "tempo-distributed@3.3.0";
const T2: ChartId = "tempo-distributed@1.61.3";
const KAFKA = "ingest:\n  kafka:\n    address: kafka-kafka-bootstrap.kafka.svc.cluster.local:9092\n";

function run(chart: ChartId, yaml: string): Diagnostic[] {
  return validateDocuments([{ file: "values.yaml", chart, values: parse(yaml) as unknown, text: yaml }]);
}
const of = (ds: Diagnostic[], id: string) => ds.filter((d) => d.ruleId === id);

describe("tempo3/kafka-address", () => {
  it("an empty address with the chart's default live-stores and block-builders: the render fails", () => {
    const found = of(run(T3, "storage:\n  trace:\n    backend: s3\n"), "tempo3/kafka-address");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("liveStore and blockBuilder are enabled");
    expect(of(run(T3, KAFKA), "tempo3/kafka-address")).toEqual([]);
    // With both consumers off the chart renders (the distributors still need Kafka at run time).
    expect(
      of(run(T3, "liveStore:\n  enabled: false\nblockBuilder:\n  enabled: false\n"), "tempo3/kafka-address"),
    ).toEqual([]);
  });

  it("a scheme or a list of brokers is not one seed broker", () => {
    const scheme = of(run(T3, "ingest:\n  kafka:\n    address: kafka://broker:9092\n"), "tempo3/kafka-address");
    expect(scheme[0]?.fix).toContain('"broker:9092"');
    expect(scheme[0]?.line).toBe(3);
    const list = of(run(T3, "ingest:\n  kafka:\n    address: b1:9092,b2:9092\n"), "tempo3/kafka-address");
    expect(list[0]?.fix).toContain('"b1:9092"');
  });

  it("is a Tempo 3 rule only", () => {
    expect(of(run(T2, "storage:\n  trace:\n    backend: s3\n"), "tempo3/kafka-address")).toEqual([]);
  });
});

describe("tempo3/minio-subchart", () => {
  it("minio.enabled on 3.x fails the render; on 1.x it is the dev subchart", () => {
    const yaml = `${KAFKA}minio:\n  enabled: true\n`;
    expect(of(run(T3, yaml), "tempo3/minio-subchart")).toHaveLength(1);
    expect(of(run(T2, yaml), "tempo3/minio-subchart")).toEqual([]);
  });
});

describe("tempo3/backend-worker-pdb", () => {
  it("2 workers need the PodDisruptionBudget keys the template dereferences", () => {
    const bare = of(run(T3, `${KAFKA}backendWorker:\n  replicas: 2\n`), "tempo3/backend-worker-pdb");
    expect(bare).toHaveLength(1);
    expect(bare[0]?.line).toBe(5);
    const declared = `${KAFKA}backendWorker:\n  replicas: 2\n  podDisruptionBudget:\n    enabled: true\n  maxUnavailable: 1\n`;
    expect(of(run(T3, declared), "tempo3/backend-worker-pdb")).toEqual([]);
    expect(of(run(T3, `${KAFKA}backendWorker:\n  replicas: 1\n`), "tempo3/backend-worker-pdb")).toEqual([]);
  });
});
