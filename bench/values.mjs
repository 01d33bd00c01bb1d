// A large but valid lgtm-distributed 3.0.1 values document for the `lint-5mb` figure: a sensible Tempo section
// whose bulk is free-form content the charts pass through whole (extraEnv lists, podAnnotations maps), as a
// fleet-wide values file with many injected settings looks.
import { toYaml } from "./yaml.mjs";

/** Tempo components of lgtm-distributed (under `tempo:`) that take extraEnv and podAnnotations. */
const COMPONENTS = ["distributor", "ingester", "querier", "queryFrontend", "compactor", "metricsGenerator"];

/**
 * @param {number} targetBytes size to reach (the result is at least this large, within one entry)
 * @returns {string} the YAML text
 */
export function largeValues(targetBytes) {
  const resources = { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } };
  /** @type {Record<string, Record<string, unknown> & { extraEnv: object[], podAnnotations: Record<string, string> }>} */
  const tempo = {};
  for (const c of COMPONENTS)
    tempo[c] = { replicas: c === "ingester" ? 3 : 2, resources, extraEnv: [], podAnnotations: {} };
  tempo.ingester.config = { replication_factor: 3 };
  tempo.metricsGenerator.enabled = true;
  tempo.metricsGenerator.config = {
    storage: { remote_write: [{ url: "http://lgtm-mimir-nginx.observability.svc.cluster.local/api/v1/push" }] },
  };
  // The same Tempo settings `generate` writes for an lgtm-distributed cluster with S3 storage.
  const doc = {
    tempo: {
      enabled: true,
      multitenancyEnabled: false,
      streamOverHTTPEnabled: true,
      traces: { otlp: { grpc: { enabled: true }, http: { enabled: true } } },
      storage: {
        trace: {
          backend: "s3",
          s3: { bucket: "tempo-traces", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" },
        },
      },
      ...tempo,
    },
    grafana: { enabled: false },
  };
  const header = "Synthetic lgtm-distributed values written by bench/values.mjs (lint-5mb)";
  // Each entry adds ~150 bytes of YAML.
  const entryBytes = 150;
  const n = Math.ceil(targetBytes / entryBytes);
  for (let i = 0; i < n; i++) {
    const c = COMPONENTS[i % COMPONENTS.length];
    const part = tempo[c];
    if (i % 4 === 0)
      part.podAnnotations[`bench.example.com/annotation-${i}`] =
        `owner=team-${i % 97}; cost-centre=${1000 + (i % 500)}`;
    else
      part.extraEnv.push({
        name: `BENCH_SETTING_${i}`,
        value: `value ${i} for ${c}: a long enough string to look like a real setting (${(i * 7919) % 100000})`,
      });
  }
  let text = toYaml(doc, header);
  // Top up (only if the estimate fell short) so the file is never below the target.
  for (let pad = 0; Buffer.byteLength(text) < targetBytes; pad++) {
    tempo.distributor.extraEnv.push({ name: `BENCH_PAD_${pad}`, value: "x".repeat(200) });
    if (pad % 100 === 99) text = toYaml(doc, header);
  }
  return text;
}
