import { type ChartId, dnsResolver, findChart, lokiEndpoints } from "@lgtm-gitops/charts";
import { type ClusterDefinition, LOGS_CHART } from "../definition/schema.js";
import { WAVES } from "./argo.js";
import { type ReleaseSpec, releaseOf } from "./releases.js";
import { sectionTypedSource, type TypedSource } from "./source-map.js";

/**
 * Loki deployed by a bundle as its own Application (definition `loki:`): grafana-community's loki chart in its
 * monolithic mode, one StatefulSet of single binaries behind the chart's nginx gateway (`<fullname>-gateway:80`),
 * storing chunks in S3 with the TSDB index (schema v13). What the chart needs for that, from its values.yaml and
 * templates/validate.yaml: the scalable targets at 0 replicas, a schemaConfig, the bucket names; its 8 GiB chunks
 * cache, results cache, canary and Helm test are switched off, and its RBAC stays namespaced (no ClusterRole).
 */

type Values = Record<string, unknown>;

/** The Loki release, when the bundle deploys Loki. */
export function lokiRelease(def: ClusterDefinition): ReleaseSpec | undefined {
  if (def.loki === undefined) return undefined;
  return releaseOf(findChart(LOGS_CHART, def.loki.version) as ChartId, def.loki, WAVES.stack, false);
}

/** Where Grafana reads the bundle's Loki: its gateway (or `undefined` when the bundle deploys none). */
export function deployedLokiUrl(def: ClusterDefinition): string | undefined {
  return def.loki === undefined
    ? undefined
    : lokiEndpoints({ release: def.loki.release, namespace: def.loki.namespace }).gateway.url;
}

/** The environment variables Loki's S3 keys reach its pods in (from the Secret), expanded by `-config.expand-env`. */
const LOKI_ENV = { accessKey: "LOKI_S3_ACCESS_KEY", secretKey: "LOKI_S3_SECRET_KEY" } as const;

/** The first day of the schema (any day before the first deployment; TSDB and schema v13 are Loki 3's defaults). */
const SCHEMA_FROM = "2024-04-01";

/** The loki chart's values for the bundle's Loki. */
export function lokiValues(def: ClusterDefinition): Values | undefined {
  const l = def.loki;
  if (l === undefined) return undefined;
  const s3: Values = {
    ...(l.storage.endpoint === undefined ? {} : { endpoint: l.storage.endpoint }),
    ...(l.storage.region === undefined ? {} : { region: l.storage.region }),
    ...(l.storage.credentials === undefined
      ? {}
      : { accessKeyId: `\${${LOKI_ENV.accessKey}}`, secretAccessKey: `\${${LOKI_ENV.secretKey}}` }),
    s3ForcePathStyle: l.storage.forcePathStyle,
    insecure: l.storage.insecure,
  };
  const creds = l.storage.credentials;
  const singleBinary: Values = {
    replicas: l.replicas,
    persistence: {
      size: l.persistence.size,
      ...(l.persistence.storageClass === undefined ? {} : { storageClass: l.persistence.storageClass }),
    },
    ...(creds === undefined
      ? {}
      : {
          extraArgs: ["-config.expand-env=true"],
          extraEnv: [
            {
              name: LOKI_ENV.accessKey,
              valueFrom: { secretKeyRef: { name: creds.secretName, key: creds.accessKeyKey } },
            },
            {
              name: LOKI_ENV.secretKey,
              valueFrom: { secretKeyRef: { name: creds.secretName, key: creds.secretKeyKey } },
            },
          ],
        }),
  };
  const dns = dnsResolver(def.distribution);
  return {
    ...(dns.isDefault ? {} : { global: { dnsService: dns.dnsService, dnsNamespace: dns.dnsNamespace } }),
    deploymentMode: "Monolithic",
    loki: {
      // A tenant in the definition means Grafana sends X-Scope-OrgID: Loki then checks it.
      auth_enabled: def.datasources.tenant !== undefined,
      commonConfig: { replication_factor: l.replicas >= 3 ? 3 : 1 },
      schemaConfig: {
        configs: [
          {
            from: SCHEMA_FROM,
            store: "tsdb",
            object_store: "s3",
            schema: "v13",
            index: { prefix: "loki_index_", period: "24h" },
          },
        ],
      },
      storage: { type: "s3", bucketNames: { chunks: l.storage.buckets.chunks, ruler: l.storage.buckets.ruler }, s3 },
      limits_config: { retention_period: l.retention },
      compactor: { retention_enabled: true, delete_request_store: "s3" },
    },
    singleBinary,
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    rbac: { namespaced: true },
    gateway: { enabled: true },
  };
}

/**
 * Which definition field each of {@link lokiValues}' values comes from, longest prefix first: the typed `loki:` fields
 * that the value is (so the cluster README can show an overridden one), the distribution (DNS) and the tenant (auth).
 * The rest of what the bundle generates (the monolithic layout, the schema, the replication factor derived from the
 * replicas, the caches switched off, namespaced RBAC) is the `loki` section itself.
 */
const LOKI_SOURCES: readonly (readonly [values: string, definition: string])[] = [
  ["global", "distribution"],
  ["loki.auth_enabled", "datasources.tenant"],
  ["loki.storage.bucketNames.chunks", "loki.storage.buckets.chunks"],
  ["loki.storage.bucketNames.ruler", "loki.storage.buckets.ruler"],
  ["loki.storage.s3.endpoint", "loki.storage.endpoint"],
  ["loki.storage.s3.region", "loki.storage.region"],
  ["loki.storage.s3.accessKeyId", "loki.storage.credentials"],
  ["loki.storage.s3.secretAccessKey", "loki.storage.credentials"],
  ["loki.storage.s3.s3ForcePathStyle", "loki.storage.forcePathStyle"],
  ["loki.storage.s3.insecure", "loki.storage.insecure"],
  ["loki.storage", "loki.storage"],
  ["loki.limits_config.retention_period", "loki.retention"],
  ["singleBinary.replicas", "loki.replicas"],
  ["singleBinary.persistence.size", "loki.persistence.size"],
  ["singleBinary.persistence.storageClass", "loki.persistence.storageClass"],
  ["singleBinary.extraArgs", "loki.storage.credentials"],
  ["singleBinary.extraEnv", "loki.storage.credentials"],
];

/** Where a value of {@link lokiValues} comes from in the definition (a path it does not generate: `values.loki`). */
export function lokiTypedSource(generated: unknown): TypedSource {
  return sectionTypedSource("loki", generated, LOKI_SOURCES);
}
