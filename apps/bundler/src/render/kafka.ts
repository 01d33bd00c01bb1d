import { KAFKA_OPERATOR_CHART, type ResourceKind } from "@lgtm-gitops/charts";
import {
  type Application,
  application,
  gitSource,
  type Kustomization,
  kustomization,
  RESOURCES_FINALIZER,
} from "@lgtm-gitops/kustomize";
import { durationToMs, kafkaOf } from "@lgtm-gitops/tempo-config";
import { type ClusterDefinition, KAFKA_RELEASES } from "../definition/schema.js";
import { destinationOf, projectName, WAVES } from "./argo.js";
import { type ReleaseSpec, releaseOf } from "./releases.js";
import { sectionTypedSource, type TypedSource } from "./source-map.js";

/**
 * The Kafka broker a Tempo 3.0 bundle deploys with Strimzi (definition `kafka: { deploy: strimzi }`): the operator
 * chart as its own Application (CRDs, wave {@link WAVES.kafkaOperator}), and a KRaft Kafka cluster with Tempo's topic
 * declared in Git under `clusters/<name>/kafka/` (a second Application, wave {@link WAVES.kafka}). Strimzi because it
 * is Apache-2.0 and CNCF, declares the topic (so its partition count is the one Tempo's live-stores and block-builders
 * are sized for), needs no cert-manager, and offers the plaintext listener Tempo 3.0's Kafka client needs (it has no
 * TLS settings). Facts: the strimzi-kafka-operator release @lgtm-gitops/charts catalogues (API kafka.strimzi.io/v1,
 * KRaft with node pools).
 */

/** The Strimzi custom resources the broker's Application creates (the AppProject allows exactly these). */
export const STRIMZI_KINDS: readonly ResourceKind[] = [
  { group: "kafka.strimzi.io", kind: "Kafka" },
  { group: "kafka.strimzi.io", kind: "KafkaNodePool" },
  { group: "kafka.strimzi.io", kind: "KafkaTopic" },
];

const API_VERSION = "kafka.strimzi.io/v1";
/** The plaintext listener Tempo connects to (Tempo 3.0's client has no TLS; restrict it with a NetworkPolicy). */
const PLAIN_PORT = 9092;
/** Tempo produces record batches up to 16,000,000 bytes (grafana/tempo pkg/ingest/config.go): the topic accepts 16 MiB. */
const MAX_MESSAGE_BYTES = 16_777_216;

/** The directory of the broker's manifests in a bundle, relative to `clusters/<name>/`. */
export const KAFKA_DIR = "kafka";

/** The broker's bootstrap address Tempo writes to, when the bundle deploys one. */
export function kafkaBootstrap(def: ClusterDefinition): string | undefined {
  const k = def.kafka;
  return k === undefined ? undefined : `${k.cluster}-kafka-bootstrap.${k.namespace}.svc.cluster.local:${PLAIN_PORT}`;
}

/** `{ kafkaAddress }` for a bundle that deploys its broker, else `{}` (options of toChartValues and the README). */
export function kafkaAddressOption(def: ClusterDefinition): { kafkaAddress?: string } {
  const address = kafkaBootstrap(def);
  return address === undefined ? {} : { kafkaAddress: address };
}

/** The Strimzi operator's Helm release, when the bundle deploys a broker. */
export function kafkaOperatorRelease(def: ClusterDefinition): ReleaseSpec | undefined {
  if (def.kafka === undefined || KAFKA_OPERATOR_CHART === undefined) return undefined;
  // Its CRDs (Kafka is 342 KB as YAML): server-side apply keeps them out of the last-applied annotation.
  const where = { release: KAFKA_RELEASES.operator, namespace: def.kafka.namespace };
  return releaseOf(KAFKA_OPERATOR_CHART, where, WAVES.kafkaOperator, true);
}

/** Where a value of {@link kafkaOperatorValues} comes from: the `kafka` section (a path it does not set: `values.kafka`). */
export function kafkaOperatorTypedSource(generated: unknown): TypedSource {
  return sectionTypedSource("kafka", generated, []);
}

/** The operator's values: it watches only its own namespace, where the broker is. */
export function kafkaOperatorValues(): Record<string, unknown> {
  return { watchNamespaces: [], watchAnyNamespace: false };
}

/** Replication of the broker's topics: 3 copies (2 in sync) from 3 nodes, else one per node. */
function replication(nodes: number): { factor: number; minInSync: number } {
  return nodes >= 3 ? { factor: 3, minInSync: 2 } : { factor: nodes, minInSync: 1 };
}

/** The KafkaNodePool, Kafka and KafkaTopic of the bundle's broker (empty without `kafka:`). */
export function kafkaObjects(def: ClusterDefinition): Record<string, unknown>[] {
  const k = def.kafka;
  if (k === undefined) return [];
  const topic = kafkaOf(def.tempo);
  const { factor, minInSync } = replication(k.nodes);
  const labels = { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name };
  const member = { ...labels, "strimzi.io/cluster": k.cluster };
  return [
    {
      apiVersion: API_VERSION,
      kind: "KafkaNodePool",
      metadata: { name: "dual-role", namespace: k.namespace, labels: member },
      spec: {
        replicas: k.nodes,
        roles: ["controller", "broker"],
        storage: {
          type: "jbod",
          volumes: [
            {
              id: 0,
              type: "persistent-claim",
              size: k.storage.size,
              ...(k.storage.storageClass === undefined ? {} : { class: k.storage.storageClass }),
              kraftMetadata: "shared",
              deleteClaim: false,
            },
          ],
        },
      },
    },
    {
      apiVersion: API_VERSION,
      kind: "Kafka",
      metadata: { name: k.cluster, namespace: k.namespace, labels },
      spec: {
        kafka: {
          listeners: [{ name: "plain", port: PLAIN_PORT, type: "internal", tls: false }],
          config: {
            // Topics come from KafkaTopic objects only: Tempo's own auto-creation would change num.partitions.
            "auto.create.topics.enable": false,
            "default.replication.factor": factor,
            "min.insync.replicas": minInSync,
            "offsets.topic.replication.factor": factor,
            "transaction.state.log.replication.factor": factor,
            "transaction.state.log.min.isr": minInSync,
          },
        },
        entityOperator: { topicOperator: {} },
      },
    },
    {
      apiVersion: API_VERSION,
      kind: "KafkaTopic",
      metadata: { name: topic.topic, namespace: k.namespace, labels: member },
      spec: {
        // One live-store and one block-builder per partition (tempo.kafka.partitions).
        partitions: topic.partitions,
        replicas: factor,
        config: {
          "retention.ms": durationToMs(k.retention),
          "max.message.bytes": MAX_MESSAGE_BYTES,
        },
      },
    },
  ];
}

/** `kafka/kustomization.yaml` of the bundle. */
export function kafkaKustomization(): Kustomization {
  return kustomization({ resources: [`${KAFKA_RELEASES.broker}.yaml`] });
}

/**
 * The broker's Application: `clusters/<name>/kafka/` from this repository. Never pruned automatically (deleting a
 * Kafka cluster loses every span not yet in object storage), and synced before Strimzi's CRDs may exist on the very
 * first sync (`SkipDryRunOnMissingResource`).
 */
export function kafkaApplicationObject(def: ClusterDefinition): Application | undefined {
  if (def.kafka === undefined) return undefined;
  return application({
    name: `${def.name}-${KAFKA_RELEASES.broker}`,
    namespace: def.argocd.namespace,
    project: projectName(def),
    syncWave: WAVES.kafka,
    finalizers: [RESOURCES_FINALIZER],
    labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name },
    source: gitSource({
      repoURL: def.argocd.repoURL,
      targetRevision: def.argocd.targetRevision,
      path: `clusters/${def.name}/${KAFKA_DIR}`,
    }),
    destination: { ...destinationOf(def), namespace: def.kafka.namespace },
    syncPolicy: {
      automated: { prune: false, selfHeal: true },
      syncOptions: ["SkipDryRunOnMissingResource=true"],
      retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
    },
  });
}
