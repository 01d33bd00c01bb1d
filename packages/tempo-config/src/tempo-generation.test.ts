// Tempo 3.0 on grafana-community tempo-distributed 3.x: what toChartValues writes and what it refuses. The facts are
// those of the chart's own sources (grafana-community/helm-charts, tag tempo-distributed-3.3.0: values.yaml
// `ingest.kafka`, `liveStore`, `blockBuilder`, `backendScheduler.config.provider.compaction.compaction`,
// templates/validate.yaml "ingest.kafka.address is required", templates/backend-worker/poddisruptionbudget-…yaml) and
// of Tempo v3.0.3 (docs/sources/tempo/set-up-for-tracing/setup-tempo/upgrade: one live-store and one block-builder
// per partition).
import { resolveKey, type StackChartId } from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { generatesFor, refusedBecause } from "./chart-mapping.js";
import { emittedKeyPaths, toChartValues } from "./chart-values.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import type { TempoSpec, TempoSpecInput } from "./spec-schema.js";
import { tempoMajorOf } from "./tempo-generation.js";

const T3 = "tempo-distributed@3.3.0" as StackChartId;
const T2 = "tempo-distributed@1.61.3" as StackChartId;
const install = { release: "tempo", namespace: "tempo" };
const BROKER = "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092";

function parsed(input: TempoSpecInput): TempoSpec {
  const r = parseTempoSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.value;
}

const s3 = { backend: "s3", bucket: "tempo", endpoint: "s3.eu-west-1.amazonaws.com" } as const;
const tempo3: TempoSpecInput = {
  storage: s3,
  retention: "336h",
  kafka: { address: BROKER, partitions: 4 },
  liveStore: { resources: { limits: { memory: "2Gi" } } },
  backendWorker: { replicas: 2 },
  metricsGenerator: {
    enabled: true,
    remoteWrite: [{ url: "http://mimir-gateway.mimir.svc.cluster.local/api/v1/push" }],
  },
};

const ruleIds = (r: { diagnostics: readonly { ruleId: string; severity: string }[] }) =>
  r.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId);

describe("Tempo 3.0 (tempo-distributed 3.x)", () => {
  it("runs Tempo 3 on 3.x and Tempo 2 on 1.x", () => {
    expect(tempoMajorOf(T3)).toBe(3);
    expect(tempoMajorOf(T2)).toBe(2);
  });

  it("writes the Kafka write path: topic created outside Tempo, one live-store and one block-builder per partition", () => {
    const r = toChartValues(parsed(tempo3), T3, install);
    expect(ruleIds(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.value.ingest).toEqual({
      kafka: {
        address: BROKER,
        topic: "tempo-traces",
        auto_create_topic_enabled: false,
        auto_create_topic_default_partitions: 4,
      },
    });
    expect(getPath(r.value, ["liveStore", "replicas"])).toBe(4);
    expect(getPath(r.value, ["blockBuilder", "replicas"])).toBe(4);
    expect(getPath(r.value, ["blockBuilder", "config", "partitions_per_instance"])).toBe(1);
    expect(r.value.ingester).toBeUndefined();
    expect(r.value.compactor).toBeUndefined();
  });

  it("puts retention in the backend-scheduler's compaction block (the chart copies it to the backend-workers)", () => {
    const r = toChartValues(parsed(tempo3), T3, install);
    expect(r.ok && getPath(r.value, ["backendScheduler", "config", "provider", "compaction", "compaction"])).toEqual({
      block_retention: "336h",
      compacted_block_retention: "1h",
      compaction_window: "1h",
      retention_concurrency: 10,
    });
  });

  it("gives 2+ backend-workers the PodDisruptionBudget keys the chart's template dereferences", () => {
    const two = toChartValues(parsed(tempo3), T3, install);
    expect(two.ok && two.value.backendWorker).toEqual({
      replicas: 2,
      podDisruptionBudget: { enabled: true },
      maxUnavailable: 1,
    });
    const one = toChartValues(parsed({ ...tempo3, backendWorker: undefined }), T3, install);
    expect(one.ok && one.value.backendWorker).toEqual({ replicas: 1 });
  });

  it("leaves GOMEMLIMIT to the chart, which derives it from the memory limit itself (global.goSettings)", () => {
    const r = toChartValues(parsed(tempo3), T3, install);
    expect(r.ok && getPath(r.value, ["liveStore", "extraEnv"])).toBeUndefined();
    const old = toChartValues(
      parsed({ ...presets.dev(), ingester: { resources: { limits: { memory: "1Gi" } } } }),
      T2,
      install,
    );
    expect(old.ok && getPath(old.value, ["ingester", "extraEnv"])).toContainEqual({
      name: "GOMEMLIMIT",
      value: "870MiB",
    });
  });

  it("writes only keys the 3.3.0 chart reads", () => {
    const r = toChartValues(parsed(tempo3), T3, install);
    if (!r.ok) throw new Error("not compiled");
    const outside = emittedKeyPaths(r.value).filter((p) => resolveKey(T3, p).kind === "unknown");
    expect(outside).toEqual([]);
  });

  it("takes the broker the bundle deploys when the spec names none, and refuses Tempo 3 without one", () => {
    const spec = parsed({ ...tempo3, kafka: { partitions: 1 } });
    const deployed = toChartValues(spec, T3, { ...install, kafkaAddress: "kafka-kafka-bootstrap.kafka.svc:9092" });
    expect(deployed.ok && getPath(deployed.value, ["ingest", "kafka", "address"])).toBe(
      "kafka-kafka-bootstrap.kafka.svc:9092",
    );
    const none = toChartValues(spec, T3, install);
    expect(none.ok).toBe(false);
    expect(none.diagnostics[0]).toMatchObject({ ruleId: "tempo/kafka-address-missing", path: ["kafka", "address"] });
    expect(none.diagnostics[0]?.message).toContain("ingest.kafka.address is required");
  });

  it("refuses Tempo 2 sections on Tempo 3, each with its replacement", () => {
    const r = toChartValues(
      parsed({
        ...presets.dev(),
        compactor: { replicas: 2 },
        kafka: { address: BROKER },
        metricsGenerator: { processors: ["local-blocks"] },
      }),
      T3,
      install,
    );
    expect(r.ok).toBe(false);
    const paths = r.diagnostics.map((d) => d.path.join("."));
    // (an untouched section equal to its defaults, like presets.dev's compactor of 1, changes nothing and passes)
    expect(paths).toEqual(["ingester", "compactor", "storage.backend", "metricsGenerator.processors"]);
    expect(r.diagnostics[0]?.fix).toContain("kafka.partitions");
    expect(r.diagnostics[1]?.fix).toContain("backendWorker");
    expect(r.diagnostics[2]?.message).toContain("no MinIO subchart");
  });

  it("refuses Tempo 3 sections on Tempo 2", () => {
    const r = toChartValues(parsed({ ...presets.dev(), kafka: { address: BROKER }, backendWorker: {} }), T2, install);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.ruleId, d.path.join(".")])).toEqual([
      ["tempo/other-tempo-generation", "kafka"],
      ["tempo/other-tempo-generation", "backendWorker"],
    ]);
    expect(r.diagnostics[0]?.message).toContain("runs Tempo 2.9.0");
  });

  it("refuses 3.0.0-3.0.2, whose template renders metrics_generator.traces_storage (Tempo 3.0 exits on it)", () => {
    for (const v of ["3.0.0", "3.0.1", "3.0.2"]) {
      const id = `tempo-distributed@${v}` as StackChartId;
      expect(generatesFor(id), v).toBe(false);
      expect(refusedBecause(id), v).toContain("traces_storage");
      const r = toChartValues(parsed(tempo3), id, install);
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.message).toContain("traces_storage");
      expect(r.diagnostics[0]?.fix).toContain("tempo-distributed@3.3.0");
    }
    expect(generatesFor("tempo-distributed@3.0.3" as StackChartId)).toBe(true);
    // Community 2.x has live-stores and ingesters side by side: still Tempo 2's mapping.
    expect(generatesFor("tempo-distributed@2.26.2" as StackChartId)).toBe(true);
    expect(refusedBecause("tempo-distributed@2.26.2" as StackChartId)).toBeUndefined();
  });
});
