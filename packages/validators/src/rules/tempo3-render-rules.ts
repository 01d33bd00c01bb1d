import { tempoVersionOf } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { isRecord } from "@lgtm-gitops/diagnostics";
import { documentedRule, finding, type Rule } from "../engine.js";
import { type TempoInstall, tempoInstalls } from "../model.js";
import { asBoolean, asNumber, asString } from "../values.js";

/**
 * Values that make grafana-community tempo-distributed 3.x fail to render or run, from its templates (tag
 * tempo-distributed-3.x: `templates/validate.yaml`, `templates/backend-worker/poddisruptionbudget-backend-worker.yaml`)
 * and Tempo v3.0.3's Kafka client (`pkg/ingest/config.go`, `pkg/ingest/writer_client.go`: one seed broker, no TLS).
 */

/** Whether the install's chart is a Tempo 3 chart (its templates decide, whatever Tempo image it runs). */
function isTempo3(i: TempoInstall): boolean {
  const v = tempoVersionOf(i.doc.chart);
  return v !== undefined && Number.parseInt(v.replace(/^v/, ""), 10) >= 3;
}
const tempo3 = (ctx: Parameters<Rule["run"]>[0]) => tempoInstalls(ctx).filter(isTempo3);

/** `host:port`, nothing else: Tempo passes the address to franz-go as one seed broker. */
const HOST_PORT = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;

export const tempo3KafkaAddress = documentedRule(
  {
    id: "tempo3/kafka-address",
    severity: "error",
    title: "Tempo 3.0 without a usable Kafka address",
    checks:
      "On a chart running Tempo 3: `ingest.kafka.address` is set whenever `liveStore` or `blockBuilder` is enabled (the chart's `templates/validate.yaml`), and is one `host:port` (no scheme, no list).",
    why: "Without it the chart refuses to render (`ingest.kafka.address is required when blockBuilder or liveStore is enabled`); with a scheme or a comma-separated list, Tempo hands the string to its Kafka client as a single seed broker, which cannot be dialled (grafana/tempo v3.0.3 `pkg/ingest/writer_client.go`).",
    fix: "Set `ingest.kafka.address` to one broker as `host:9092` (e.g. a Strimzi cluster's `<name>-kafka-bootstrap.<ns>.svc.cluster.local:9092`).",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      const at = ["ingest", "kafka", "address"];
      const address = asString(i.get(at)) ?? "";
      const consumers = ["liveStore", "blockBuilder"].filter((c) => asBoolean(i.get([c, "enabled"])) !== false);
      if (address === "") {
        if (consumers.length > 0)
          out.push(
            finding(tempo3KafkaAddress, i.doc, i.at(at), {
              message: `\`${i.doc.name(i.at(at))}\` is empty while ${consumers.join(" and ")} ${consumers.length > 1 ? "are" : "is"} enabled: the chart refuses to render ("ingest.kafka.address is required").`,
              fallbackPath: i.at(["ingest"]),
            }),
          );
        continue;
      }
      if (!HOST_PORT.test(address))
        out.push(
          finding(tempo3KafkaAddress, i.doc, i.at(at), {
            message: `\`${i.doc.name(i.at(at))}\` is "${address}": Tempo dials it as one seed broker, so it must be a single host:port without a scheme.`,
            fix: `Write one broker, e.g. "${address
              .replace(/^[a-z]+:\/\//i, "")
              .split(",")[0]
              ?.trim()}"${/:\d+$/.test(address) ? "" : " with its port (9092)"}.`,
          }),
        );
    }
    return out;
  },
);

export const tempo3MinioSubchart = documentedRule(
  {
    id: "tempo3/minio-subchart",
    severity: "error",
    title: "The MinIO subchart on tempo-distributed 3.x",
    checks: "`minio.enabled` on a chart running Tempo 3.",
    why: "tempo-distributed 3.x has no MinIO subchart: its `templates/validate.yaml` fails the render when `minio.enabled` is true.",
    fix: "Remove `minio`, and point `storage.trace` at an object store you run (s3 with `endpoint`, `insecure`, `forcepathstyle` for a MinIO of your own).",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx))
      if (asBoolean(i.get(["minio", "enabled"])) === true)
        out.push(
          finding(tempo3MinioSubchart, i.doc, i.at(["minio", "enabled"]), {
            message: `\`${i.doc.name(i.at(["minio", "enabled"]))}\` is true, but tempo-distributed 3.x has no MinIO subchart: the chart refuses to render.`,
          }),
        );
    return out;
  },
);

export const tempo3BackendWorkerPdb = documentedRule(
  {
    id: "tempo3/backend-worker-pdb",
    severity: "error",
    title: "Several backend-workers without `backendWorker.podDisruptionBudget`",
    checks:
      "`backendWorker.replicas` above 1 on a chart running Tempo 3, with `backendWorker.podDisruptionBudget` missing.",
    why: "From 2 workers the chart's PodDisruptionBudget template reads `backendWorker.podDisruptionBudget.enabled`, a key its values.yaml does not have: the render fails on a nil pointer (grafana-community tempo-distributed 3.x `templates/backend-worker/poddisruptionbudget-backend-worker.yaml`).",
    fix: "Add `backendWorker.podDisruptionBudget: { enabled: true }` and `backendWorker.maxUnavailable: 1` (or `enabled: false`).",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      const replicas = asNumber(i.get(["backendWorker", "replicas"])) ?? 1;
      if (replicas > 1 && !isRecord(i.get(["backendWorker", "podDisruptionBudget"])))
        out.push(
          finding(tempo3BackendWorkerPdb, i.doc, i.at(["backendWorker", "replicas"]), {
            message: `${replicas} backend-workers without \`${i.doc.name(i.at(["backendWorker", "podDisruptionBudget"]))}\`: the chart's PodDisruptionBudget template fails the render on a nil pointer.`,
          }),
        );
    }
    return out;
  },
);

/** The render-failure rules of Tempo 3 charts, for the catalogue. */
export const TEMPO3_RENDER_RULES: readonly Rule[] = [tempo3KafkaAddress, tempo3MinioSubchart, tempo3BackendWorkerPdb];
