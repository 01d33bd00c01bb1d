import { type StackChartId, tempoVersionOf } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { SPEC_RULES } from "./spec-rules.js";
import { type TempoSpec, tempoSpecSchema } from "./spec-schema.js";

/** The major version of the Tempo that `target` runs (2 when unknown). */
export function tempoMajorOf(target: StackChartId): number {
  return Number((tempoVersionOf(target) ?? "2").split(".")[0]);
}

/** The spec sections only Tempo 3.0 has (Kafka write path, backend jobs), with what Tempo 2.x has instead. */
const TEMPO_3_SECTIONS: readonly {
  readonly field: "kafka" | "liveStore" | "blockBuilder" | "backendScheduler" | "backendWorker";
  readonly instead: string;
}[] = [
  { field: "kafka", instead: "ingesters (ingester.replicas, ingester.replicationFactor)" },
  { field: "liveStore", instead: "ingesters (ingester)" },
  { field: "blockBuilder", instead: "ingesters (ingester)" },
  { field: "backendScheduler", instead: "compactors (compactor)" },
  { field: "backendWorker", instead: "compactors (compactor)" },
];

/** The spec sections only Tempo 2.x has, with their Tempo 3.0 replacement. */
const TEMPO_2_SECTIONS: readonly { readonly field: "ingester" | "compactor"; readonly instead: string }[] = [
  {
    field: "ingester",
    instead:
      "live-stores and block-builders, one of each per Kafka partition: set kafka.partitions (and liveStore.resources, blockBuilder.resources)",
  },
  {
    field: "compactor",
    instead: "the backend-scheduler and backend-workers: set backendWorker.replicas and backendWorker.resources",
  },
];

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a parsed spec asks of the Tempo generation `target` runs: Tempo 3.0 (grafana-community tempo-distributed 3.x)
 * writes through Kafka and has no ingesters, compactors, MinIO subchart or local-blocks processor; Tempo 2.x has no
 * Kafka write path. `kafkaAddress` is the broker a bundle deploys, when it deploys one.
 */
export function checkTempoGeneration(spec: TempoSpec, target: StackChartId, kafkaAddress?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tempo = tempoVersionOf(target) ?? "?";
  const chart = target.replace("@", " ");
  if (tempoMajorOf(target) < 3) {
    for (const s of TEMPO_3_SECTIONS)
      if (spec[s.field] !== undefined)
        out.push({
          ruleId: SPEC_RULES.otherTempoGeneration,
          severity: "error",
          path: [s.field],
          message: `${s.field} is a Tempo 3.0 setting, but ${chart} runs Tempo ${tempo}, which has ${s.instead} instead: this setting would do nothing`,
          fix: `Remove ${s.field}, or move the stack to grafana-community tempo-distributed 3.x (Tempo 3.0; \`lgtm-gitops migrate\`).`,
        });
    return out;
  }
  for (const s of TEMPO_2_SECTIONS) {
    const defaults = tempoSpecSchema.shape[s.field].parse(undefined);
    if (!sameJson(spec[s.field], defaults))
      out.push({
        ruleId: SPEC_RULES.otherTempoGeneration,
        severity: "error",
        path: [s.field],
        message: `${chart} runs Tempo ${tempo}, which has no ${s.field}s: Tempo 3.0 replaced them with ${s.instead}`,
        fix: `Remove ${s.field} from the definition; ${s.instead}.`,
      });
  }
  if ((spec.kafka?.address ?? kafkaAddress) === undefined)
    out.push({
      ruleId: SPEC_RULES.kafkaAddressMissing,
      severity: "error",
      path: ["kafka", "address"],
      message: `${chart} runs Tempo ${tempo}, whose distributors write every span to Kafka: without a broker address the chart refuses to render ("ingest.kafka.address is required")`,
      fix: 'Set tempo.kafka.address to your broker ("host:9092"), or add `kafka: { deploy: strimzi }` to the definition so the bundle deploys one.',
    });
  if (spec.storage.backend === "minio")
    out.push({
      ruleId: SPEC_RULES.otherTempoGeneration,
      severity: "error",
      path: ["storage", "backend"],
      message: `${chart} has no MinIO subchart (its templates fail the render when minio.enabled is set)`,
      fix: "Use s3 (any S3-compatible store, e.g. a MinIO you run yourself: endpoint host:port, insecure, forcePathStyle), gcs or azure.",
    });
  const localBlocks = (list: readonly string[] | undefined) => list?.includes("local-blocks") === true;
  if (localBlocks(spec.metricsGenerator.processors))
    out.push(localBlocksRemoved(["metricsGenerator", "processors"], chart, tempo));
  for (const [id, t] of Object.entries(spec.tenants))
    if (localBlocks(t.metricsGeneratorProcessors))
      out.push(localBlocksRemoved(["tenants", id, "metricsGeneratorProcessors"], chart, tempo));
  return out;
}

function localBlocksRemoved(path: (string | number)[], chart: string, tempo: string): Diagnostic {
  return {
    ruleId: SPEC_RULES.otherTempoGeneration,
    severity: "error",
    path,
    message: `${chart} runs Tempo ${tempo}, which removed the local-blocks processor (block-builders write the blocks TraceQL metrics read)`,
    fix: "Remove local-blocks from the list (keep service-graphs, span-metrics).",
  };
}
