// Synthetic fleets for the benchmark: N YAML cluster definitions, varied the way a real fleet is (both stack
// charts, the tempo-config presets and sizings, multitenancy with per-tenant overrides, every distribution, every
// object-store backend, extra chart values). Deterministic: the same N gives byte-identical files.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { toYaml } from "./yaml.mjs";

/** Kubernetes distributions of the cluster-definition schema. */
const DISTRIBUTIONS = ["rke2", "k3s", "eks", "gke", "aks", "openshift", "kubeadm"];
const REPO = "https://github.com/example/lgtm-gitops.git";

/**
 * @typedef {object} TempoConfigApi
 * @property {{ dev(o?: object): object, prod(o?: object): object }} presets
 * @property {(input: { ingestMBps: number, ha?: boolean }) => { spec: object }} sizeFor
 * @property {(base: object, ...o: object[]) => object} mergeSpec
 */

/**
 * Loads the presets of @lgtm-gitops/tempo-config from its build, so the fleet uses exactly what `presets.dev()`,
 * `presets.prod()` and `sizeFor()` produce in a TypeScript definition.
 * @param {string} root repository root
 * @returns {Promise<TempoConfigApi>}
 */
export async function loadTempoConfig(root) {
  const entry = path.join(root, "packages/tempo-config/dist/index.js");
  return /** @type {TempoConfigApi} */ (await import(pathToFileURL(entry).href));
}

/**
 * @param {number} i
 * @returns {object} a storage block, cycling through the object-store backends
 */
function storage(i) {
  switch (i % 3) {
    case 0:
      return {
        backend: "s3",
        bucket: `tempo-${i}`,
        endpoint: "s3.eu-west-1.amazonaws.com",
        region: "eu-west-1",
        credentials: { secretName: "tempo-s3-credentials" },
      };
    case 1:
      return { backend: "gcs", bucketName: `tempo-${i}`, prefix: `cluster-${i}` };
    default:
      return {
        backend: "azure",
        containerName: `tempo-${i}`,
        storageAccountName: "acmetraces",
        useManagedIdentity: true,
      };
  }
}

/**
 * @param {number} i
 * @returns {Record<string, object>} per-tenant overrides (3 to 6 tenants)
 */
function tenants(i) {
  /** @type {Record<string, object>} */
  const out = { "*": { ingestion: { rateLimitBytes: 10_000_000 } } };
  const n = 2 + (i % 4);
  for (let t = 0; t < n; t++)
    out[`team-${t}`] = {
      retention: `${(t + 1) * 168}h`,
      ingestion: { rateLimitBytes: 5_000_000 * (t + 1), maxBytesPerTrace: 5_000_000 },
      query: { maxSearchDuration: `${(t + 1) * 24}h` },
      ...(t % 2 === 0 ? { metricsGeneratorProcessors: ["service-graphs", "span-metrics"] } : {}),
    };
  return out;
}

/**
 * One cluster definition, as a YAML-ready object.
 * @param {TempoConfigApi} tc
 * @param {number} i 0-based index in the fleet
 * @returns {Record<string, unknown>}
 */
export function clusterDefinition(tc, i) {
  const name = `bench-${String(i).padStart(4, "0")}`;
  const distribution = DISTRIBUTIONS[i % DISTRIBUTIONS.length];
  const lgtm = i % 3 !== 2; // two thirds lgtm-distributed, one third tempo-distributed
  const kind = i % 4; // 0 dev preset, 1 prod preset, 2 sized HA, 3 sized small
  const multitenant = kind === 1 || kind === 2;
  const remoteWriteUrl = lgtm
    ? "http://lgtm-mimir-nginx.observability.svc.cluster.local/api/v1/push"
    : "http://mimir-nginx.mimir.svc.cluster.local/api/v1/push";

  /** @type {object} */
  let tempo;
  const receivers = {
    otlp: { grpc: { enabled: true }, http: { enabled: true } },
    ...(i % 5 === 0 ? { jaeger: { grpc: { enabled: true }, thriftHttp: { enabled: true } } } : {}),
    ...(i % 7 === 0 ? { zipkin: { enabled: true } } : {}),
  };
  const metricsGenerator = {
    enabled: true,
    remoteWrite: [{ url: remoteWriteUrl, ...(multitenant ? {} : { tenantId: "anonymous" }) }],
  };
  if (kind === 0) {
    tempo = tc.presets.dev({ receivers, metricsGenerator, gateway: { enabled: i % 2 === 0 } });
    // The MinIO subchart is a tempo-distributed feature; lgtm-distributed clusters get a real bucket.
    if (lgtm) tempo = { ...tempo, storage: storage(i) };
  } else if (kind === 1) {
    tempo = tc.presets.prod({
      multitenancy: true,
      storage: storage(i),
      receivers,
      metricsGenerator: { ...metricsGenerator, replicas: 2 },
      tenants: tenants(i),
    });
  } else {
    const sized = tc.sizeFor({ ingestMBps: kind === 2 ? 5 + (i % 20) : 1, ha: kind === 2 }).spec;
    tempo = tc.mergeSpec(
      {
        storage: storage(i),
        retention: `${24 * (1 + (i % 14))}h`,
        streamOverHttp: true,
        ingester: { persistence: { enabled: true, size: "10Gi" } },
      },
      sized,
      {
        multitenancy: multitenant,
        receivers,
        metricsGenerator,
        ...(multitenant ? { tenants: tenants(i) } : {}),
        compaction: { window: "1h", retentionConcurrency: 10 + (i % 10) },
      },
    );
  }

  return {
    name,
    distribution,
    argocd: {
      repoURL: REPO,
      targetRevision: "main",
      destination: i % 2 === 0 ? { name } : { server: `https://${name}.k8s.example.com:6443` },
    },
    stack: lgtm
      ? { chart: "lgtm-distributed", version: "3.0.1", release: "lgtm", namespace: "observability" }
      : { chart: "tempo-distributed", version: "1.61.3", release: "tempo", namespace: "tempo" },
    tempo,
    grafana: {
      release: "kube-prometheus-stack",
      namespace: "monitoring",
      adminSecret: { name: "grafana-admin" },
    },
    datasources: {
      preset: "lgtm",
      ...(multitenant ? { tenant: "acme" } : {}),
      ...(lgtm
        ? {}
        : {
            lokiUrl: "http://loki-gateway.loki.svc.cluster.local",
            mimirUrl: "http://mimir-nginx.mimir.svc.cluster.local/prometheus",
          }),
    },
    ...(i % 6 === 0
      ? {
          values: {
            grafana: { grafana: { podAnnotations: { "example.com/team": `team-${i % 9}` } } },
          },
        }
      : {}),
  };
}

/**
 * Writes `n` cluster definitions into `dir` (created; existing files of the same names are replaced).
 * @param {TempoConfigApi} tc
 * @param {string} dir
 * @param {number} n
 * @returns {{ files: number, bytes: number, lgtm: number, tempoDistributed: number, multitenant: number }}
 */
export function writeFleet(tc, dir, n) {
  fs.mkdirSync(dir, { recursive: true });
  const stats = { files: 0, bytes: 0, lgtm: 0, tempoDistributed: 0, multitenant: 0 };
  for (let i = 0; i < n; i++) {
    const def = clusterDefinition(tc, i);
    const text = toYaml(
      def,
      "yaml-language-server: $schema=cluster-definition.schema.json\nSynthetic cluster written by bench/fleet.mjs",
    );
    fs.writeFileSync(path.join(dir, `${def.name}.yaml`), text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    if (/** @type {{chart: string}} */ (def.stack).chart === "lgtm-distributed") stats.lgtm++;
    else stats.tempoDistributed++;
    if (/** @type {{multitenancy?: boolean}} */ (def.tempo).multitenancy) stats.multitenant++;
  }
  return stats;
}
