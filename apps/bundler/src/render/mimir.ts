import { type ChartId, dnsResolver, findChart, mimirGatewayEndpoints } from "@lgtm-gitops/charts";
import { type ClusterDefinition, METRICS_CHART } from "../definition/schema.js";
import { WAVES } from "./argo.js";
import { type ReleaseSpec, releaseOf } from "./releases.js";
import { sectionTypedSource, type TypedSource } from "./source-map.js";

/**
 * Mimir deployed by a bundle as its own Application (definition `mimir:`): grafana/mimir-distributed in its classic
 * architecture (no Kafka in 5.x), every component in one zone, behind the chart's `gateway:` nginx
 * (`<fullname>-gateway:80`, see `mimirGatewayEndpoints`), storing blocks, rules and alertmanager state in S3. What the
 * chart needs for that, from its values.yaml: MinIO off (`minio.enabled` is true by default), the deprecated
 * `nginx:` off and the `gateway:` on for Mimir without GEM (`gateway.enabledNonEnterprise`), zone-aware replication off
 * for the ingesters and store-gateways (on by default) and with it the rollout-operator subchart. The S3 keys reach
 * every Mimir container as environment variables from the Secret (`global.extraEnv`), expanded in the configuration:
 * the chart starts every component with `-config.expand-env=true` (its values.yaml shows `${AWS_ACCESS_KEY_ID}` in
 * `mimir.structuredConfig`).
 */

type Values = Record<string, unknown>;

/** The Mimir release, when the bundle deploys Mimir. */
export function mimirRelease(def: ClusterDefinition): ReleaseSpec | undefined {
  if (def.mimir === undefined) return undefined;
  return releaseOf(findChart(METRICS_CHART, def.mimir.version) as ChartId, def.mimir, WAVES.stack, false);
}

/** Where Grafana and Tempo's metrics-generator reach the bundle's Mimir: its gateway (`undefined` without `mimir:`). */
export function deployedMimir(def: ClusterDefinition): { prometheusUrl: string; pushUrl: string } | undefined {
  return def.mimir === undefined
    ? undefined
    : mimirGatewayEndpoints({ release: def.mimir.release, namespace: def.mimir.namespace });
}

/** The environment variables Mimir's S3 keys reach its containers in (from the Secret), expanded by `-config.expand-env`. */
export const MIMIR_ENV = { accessKey: "MIMIR_S3_ACCESS_KEY", secretKey: "MIMIR_S3_SECRET_KEY" } as const;

/** Mimir's replication factor for `n` pods of a ring: 3 (Mimir's default) from 3 pods, else every pod. */
export const replicationFactor = (n: number): number => Math.min(3, n);

/** The mimir-distributed chart's values for the bundle's Mimir. */
export function mimirValues(def: ClusterDefinition): Values | undefined {
  const m = def.mimir;
  if (m === undefined) return undefined;
  const s = m.storage;
  const creds = s.credentials;
  const s3: Values = {
    endpoint: s.endpoint ?? `s3.${s.region}.amazonaws.com`,
    ...(s.region === undefined ? {} : { region: s.region }),
    insecure: s.insecure,
    ...(creds === undefined
      ? {}
      : { access_key_id: `\${${MIMIR_ENV.accessKey}}`, secret_access_key: `\${${MIMIR_ENV.secretKey}}` }),
  };
  const alertmanager = s.buckets.alertmanager !== undefined;
  const volume = (size: string): Values => ({
    size,
    ...(m.persistence.storageClass === undefined ? {} : { storageClass: m.persistence.storageClass }),
  });
  const r = m.replicas;
  const dns = dnsResolver(def.distribution);
  const global: Values = {
    ...(dns.isDefault ? {} : { dnsService: dns.dnsService, dnsNamespace: dns.dnsNamespace }),
    ...(creds === undefined
      ? {}
      : {
          extraEnv: [
            {
              name: MIMIR_ENV.accessKey,
              valueFrom: { secretKeyRef: { name: creds.secretName, key: creds.accessKeyKey } },
            },
            {
              name: MIMIR_ENV.secretKey,
              valueFrom: { secretKeyRef: { name: creds.secretName, key: creds.secretKeyKey } },
            },
          ],
        }),
  };
  return {
    ...(Object.keys(global).length === 0 ? {} : { global }),
    mimir: {
      structuredConfig: {
        common: { storage: { backend: "s3", s3 } },
        blocks_storage: { s3: { bucket_name: s.buckets.blocks } },
        ruler_storage: { s3: { bucket_name: s.buckets.ruler } },
        ...(alertmanager ? { alertmanager_storage: { s3: { bucket_name: s.buckets.alertmanager } } } : {}),
        limits: { compactor_blocks_retention_period: m.retention },
        ingester: { ring: { replication_factor: replicationFactor(r.ingester) } },
        store_gateway: { sharding_ring: { replication_factor: replicationFactor(r.storeGateway) } },
      },
    },
    minio: { enabled: false },
    rollout_operator: { enabled: false },
    nginx: { enabled: false },
    gateway: { enabledNonEnterprise: true, replicas: 1 },
    alertmanager: alertmanager ? { enabled: true, replicas: 1 } : { enabled: false },
    distributor: { replicas: r.distributor },
    ingester: {
      replicas: r.ingester,
      zoneAwareReplication: { enabled: false },
      persistentVolume: volume(m.persistence.size),
    },
    querier: { replicas: r.querier },
    query_frontend: { replicas: 1 },
    store_gateway: {
      replicas: r.storeGateway,
      zoneAwareReplication: { enabled: false },
      persistentVolume: volume(m.persistence.size),
    },
    compactor: { replicas: 1, persistentVolume: volume(m.persistence.size) },
  };
}

/**
 * Which definition field each of {@link mimirValues}' values comes from, longest prefix first: the typed `mimir:`
 * fields and the distribution (DNS). The rest of what the bundle generates (MinIO, nginx and the rollout-operator off,
 * the gateway on, one zone, the replication factors derived from the replicas) is the `mimir` section itself.
 */
const MIMIR_SOURCES: readonly (readonly [values: string, definition: string])[] = [
  ["global.dnsService", "distribution"],
  ["global.dnsNamespace", "distribution"],
  ["global.extraEnv", "mimir.storage.credentials"],
  ["mimir.structuredConfig.common.storage.s3.endpoint", "mimir.storage.endpoint"],
  ["mimir.structuredConfig.common.storage.s3.region", "mimir.storage.region"],
  ["mimir.structuredConfig.common.storage.s3.insecure", "mimir.storage.insecure"],
  ["mimir.structuredConfig.common.storage.s3.access_key_id", "mimir.storage.credentials"],
  ["mimir.structuredConfig.common.storage.s3.secret_access_key", "mimir.storage.credentials"],
  ["mimir.structuredConfig.common.storage", "mimir.storage"],
  ["mimir.structuredConfig.blocks_storage", "mimir.storage.buckets.blocks"],
  ["mimir.structuredConfig.ruler_storage", "mimir.storage.buckets.ruler"],
  ["mimir.structuredConfig.alertmanager_storage", "mimir.storage.buckets.alertmanager"],
  ["mimir.structuredConfig.limits.compactor_blocks_retention_period", "mimir.retention"],
  ["alertmanager", "mimir.storage.buckets.alertmanager"],
  ["distributor.replicas", "mimir.replicas.distributor"],
  ["ingester.replicas", "mimir.replicas.ingester"],
  ["ingester.persistentVolume", "mimir.persistence"],
  ["querier.replicas", "mimir.replicas.querier"],
  ["store_gateway.replicas", "mimir.replicas.storeGateway"],
  ["store_gateway.persistentVolume", "mimir.persistence"],
  ["compactor.persistentVolume", "mimir.persistence"],
];

/** Where a value of {@link mimirValues} comes from in the definition (a path it does not generate: `values.mimir`). */
export function mimirTypedSource(generated: unknown): TypedSource {
  return sectionTypedSource("mimir", generated, MIMIR_SOURCES);
}
