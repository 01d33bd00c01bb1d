import {
  type ChartId,
  DEFAULT_DNS,
  type Diagnostic,
  type Distribution,
  dnsResolver,
  fail,
  formatPath,
  hasErrors,
  helmFullname,
  ok,
  type Result,
  resolveKey,
} from "@lgtm-gitops/charts";
import { quantityValue } from "./duration.js";
import { parseTempoSpec } from "./parse-spec.js";
import { TEMPO_GRPC_MAX_MSG_BYTES } from "./semantic-checks.js";
import type { Resources, TempoSpec } from "./spec-schema.js";
import { checkVerbatimTempoConfig } from "./verbatim-check.js";

/** The charts `toChartValues` can emit values for. */
export type TempoTarget = "lgtm-distributed@3.0.1" | "tempo-distributed@1.61.3";

/** Every {@link TempoTarget}. */
export const TEMPO_TARGETS: readonly TempoTarget[] = Object.freeze([
  "lgtm-distributed@3.0.1",
  "tempo-distributed@1.61.3",
] as const);

/** Where and how the chart is installed. */
export interface ChartValuesOptions {
  /** Kubernetes distribution; sets `global.dnsService`/`global.dnsNamespace` when its DNS Service is not `kube-dns`. @default none (chart default kube-dns) */
  distribution?: Distribution;
  /** Helm release name (names Services and the MinIO Secret). */
  release: string;
  /** Namespace of the release. */
  namespace: string;
  /** Cluster DNS domain; sets `global.clusterDomain` when not `cluster.local`. @default "cluster.local" */
  clusterDomain?: string;
}

/** Environment variables Tempo expands (`-config.expand-env=true`) into storage credentials. */
export const CREDENTIAL_ENV = {
  s3AccessKey: "TEMPO_S3_ACCESS_KEY",
  s3SecretKey: "TEMPO_S3_SECRET_KEY",
  azureAccountKey: "TEMPO_AZURE_ACCOUNT_KEY",
  gcsCredentialsFile: "GOOGLE_APPLICATION_CREDENTIALS",
} as const;

const GCS_MOUNT = "/var/secrets/tempo-gcs";
const MINIO_PORT = 9000;
/** The gRPC limit tempo-distributed sets (`server.grpc_server_max_recv_msg_size`). */
const CHART_GRPC_MAX_MSG_BYTES = 4_194_304;

type Values = Record<string, unknown>;
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

function secretEnv(name: string, secret: string, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

function resources(r: Resources | undefined): Values | undefined {
  if (!r) return undefined;
  const out: Values = {};
  if (r.requests) out.requests = { ...r.requests };
  if (r.limits) out.limits = { ...r.limits };
  return out;
}

/** GOMEMLIMIT at 85% of the memory limit (Tempo guidance: keep the Go heap below the container limit). */
function goMemLimit(r: Resources | undefined): EnvVar | undefined {
  const limit = r?.limits?.memory;
  if (limit === undefined) return undefined;
  const bytes = quantityValue(limit);
  if (bytes === undefined || bytes <= 0) return undefined;
  return { name: "GOMEMLIMIT", value: `${Math.floor((bytes * 0.85) / 1024 / 1024)}MiB` };
}

interface StorageValues {
  trace: Values;
  env: EnvVar[];
  volumes: Values[];
  mounts: Values[];
  minio: boolean;
}

function storageValues(spec: TempoSpec, options: ChartValuesOptions): StorageValues {
  const st = spec.storage;
  const out: StorageValues = { trace: {}, env: [], volumes: [], mounts: [], minio: false };
  switch (st.backend) {
    case "s3": {
      const s3: Values = { bucket: st.bucket };
      if (st.endpoint) s3.endpoint = st.endpoint;
      if (st.region) s3.region = st.region;
      if (st.prefix) s3.prefix = st.prefix;
      if (st.insecure) s3.insecure = true;
      if (st.forcePathStyle) s3.forcepathstyle = true;
      if (st.credentials) {
        s3.access_key = `\${${CREDENTIAL_ENV.s3AccessKey}}`;
        s3.secret_key = `\${${CREDENTIAL_ENV.s3SecretKey}}`;
        out.env.push(
          secretEnv(CREDENTIAL_ENV.s3AccessKey, st.credentials.secretName, st.credentials.accessKeyKey),
          secretEnv(CREDENTIAL_ENV.s3SecretKey, st.credentials.secretName, st.credentials.secretKeyKey),
        );
      }
      out.trace = { backend: "s3", s3 };
      break;
    }
    case "minio": {
      // The MinIO subchart (minio 4.1.0) stores its root credentials in Secret `<release>-minio`, keys rootUser/rootPassword.
      const secret = helmFullname(options.release, "minio");
      out.minio = true;
      out.trace = {
        backend: "s3",
        s3: {
          bucket: st.bucket,
          endpoint: `${secret}:${MINIO_PORT}`,
          insecure: true,
          forcepathstyle: true,
          access_key: `\${${CREDENTIAL_ENV.s3AccessKey}}`,
          secret_key: `\${${CREDENTIAL_ENV.s3SecretKey}}`,
        },
      };
      out.env.push(
        secretEnv(CREDENTIAL_ENV.s3AccessKey, secret, "rootUser"),
        secretEnv(CREDENTIAL_ENV.s3SecretKey, secret, "rootPassword"),
      );
      break;
    }
    case "gcs": {
      const gcs: Values = { bucket_name: st.bucketName };
      if (st.prefix) gcs.prefix = st.prefix;
      if (st.credentials) {
        out.volumes.push({ name: "tempo-gcs-credentials", secret: { secretName: st.credentials.secretName } });
        out.mounts.push({ name: "tempo-gcs-credentials", mountPath: GCS_MOUNT, readOnly: true });
        out.env.push({ name: CREDENTIAL_ENV.gcsCredentialsFile, value: `${GCS_MOUNT}/${st.credentials.key}` });
      }
      out.trace = { backend: "gcs", gcs };
      break;
    }
    case "azure": {
      const azure: Values = { container_name: st.containerName, storage_account_name: st.storageAccountName };
      if (st.prefix) azure.prefix = st.prefix;
      if (st.endpointSuffix) azure.endpoint_suffix = st.endpointSuffix;
      if (st.useManagedIdentity) azure.use_managed_identity = true;
      if (st.useFederatedToken) azure.use_federated_token = true;
      if (st.credentials) {
        azure.storage_account_key = `\${${CREDENTIAL_ENV.azureAccountKey}}`;
        out.env.push(
          secretEnv(CREDENTIAL_ENV.azureAccountKey, st.credentials.secretName, st.credentials.accountKeyKey),
        );
      }
      out.trace = { backend: "azure", azure };
      break;
    }
    case "local":
      out.trace = { backend: "local" };
      break;
  }
  return out;
}

function protocolValues(p: { enabled: boolean; config?: Record<string, unknown> | undefined }): Values {
  return p.config ? { enabled: p.enabled, receiverConfig: p.config } : { enabled: p.enabled };
}

/** The complete `<Overrides>` block of the defaults (new format). */
function defaultsBlock(spec: TempoSpec): Values {
  const i = spec.ingestion;
  const block: Values = {
    ingestion: {
      rate_strategy: i.rateStrategy,
      rate_limit_bytes: i.rateLimitBytes,
      burst_size_bytes: i.burstSizeBytes,
      max_traces_per_user: i.maxTracesPerUser,
    },
    global: { max_bytes_per_trace: i.maxBytesPerTrace },
  };
  const read = readBlock(spec.query);
  if (read) block.read = read;
  if (spec.metricsGenerator.enabled) block.metrics_generator = { processors: [...spec.metricsGenerator.processors] };
  return block;
}

function readBlock(q: {
  maxSearchDuration?: string | undefined;
  maxMetricsDuration?: string | undefined;
  maxBytesPerTagValuesQuery?: number | undefined;
}): Values | undefined {
  const read: Values = {};
  if (q.maxSearchDuration !== undefined) read.max_search_duration = q.maxSearchDuration;
  if (q.maxMetricsDuration !== undefined) read.max_metrics_duration = q.maxMetricsDuration;
  if (q.maxBytesPerTagValuesQuery !== undefined) read.max_bytes_per_tag_values_query = q.maxBytesPerTagValuesQuery;
  return Object.keys(read).length > 0 ? read : undefined;
}

/** A complete tenant block: the defaults with the tenant's settings laid over them (Tempo does not merge). */
function tenantBlock(spec: TempoSpec, tenant: TempoSpec["tenants"][string]): Values {
  const i = { ...spec.ingestion, ...tenant.ingestion };
  const block: Values = {
    ingestion: {
      rate_strategy: i.rateStrategy,
      rate_limit_bytes: i.rateLimitBytes,
      burst_size_bytes: i.burstSizeBytes,
      max_traces_per_user: i.maxTracesPerUser,
    },
    global: { max_bytes_per_trace: i.maxBytesPerTrace },
  };
  const read = readBlock({ ...spec.query, ...tenant.query });
  if (read) block.read = read;
  if (tenant.retention !== undefined) block.compaction = { block_retention: tenant.retention };
  const processors =
    tenant.metricsGeneratorProcessors ?? (spec.metricsGenerator.enabled ? spec.metricsGenerator.processors : undefined);
  if (processors !== undefined) block.metrics_generator = { processors: [...processors] };
  return block;
}

function deepMerge(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)
        ? deepMerge(b as Values, v as Values)
        : v;
  }
  return out;
}

/** tempo-distributed 1.61.3 top-level values (without `global`). */
function tempoDistributedValues(spec: TempoSpec, options: ChartValuesOptions): Values {
  const storage = storageValues(spec, options);
  const r = spec.receivers;
  const componentValues = (base: Values, res: Resources | undefined): Values => {
    const out: Values = { ...base };
    const rv = resources(res);
    if (rv) out.resources = rv;
    // Fresh objects per component: shared references would serialise as YAML anchors.
    const env: EnvVar[] = structuredClone(storage.env);
    const mem = goMemLimit(res);
    if (mem) env.push(mem);
    if (storage.env.some((e) => e.valueFrom)) out.extraArgs = ["-config.expand-env=true"];
    if (env.length > 0) out.extraEnv = env;
    if (storage.volumes.length > 0) {
      out.extraVolumes = structuredClone(storage.volumes);
      out.extraVolumeMounts = structuredClone(storage.mounts);
    }
    return out;
  };

  const values: Values = {
    multitenancyEnabled: spec.multitenancy,
    streamOverHTTPEnabled: spec.streamOverHttp,
    reportingEnabled: spec.usageReport,
    traces: {
      otlp: { grpc: protocolValues(r.otlp.grpc), http: protocolValues(r.otlp.http) },
      jaeger: {
        grpc: protocolValues(r.jaeger.grpc),
        thriftHttp: protocolValues(r.jaeger.thriftHttp),
        thriftCompact: protocolValues(r.jaeger.thriftCompact),
        thriftBinary: protocolValues(r.jaeger.thriftBinary),
      },
      zipkin: protocolValues(r.zipkin),
    },
    storage: { trace: storage.trace },
    overrides: { defaults: defaultsBlock(spec) },
  };
  const tenants = Object.entries(spec.tenants);
  if (tenants.length > 0) {
    values.per_tenant_overrides = Object.fromEntries(tenants.map(([id, t]) => [id, tenantBlock(spec, t)]));
  }
  if (spec.ingestion.maxBytesPerTrace > CHART_GRPC_MAX_MSG_BYTES) {
    // The chart caps gRPC messages at 4 MiB; a trace above that cannot be fetched. Restore Tempo's own 16 MiB.
    values.server = {
      grpc_server_max_recv_msg_size: TEMPO_GRPC_MAX_MSG_BYTES,
      grpc_server_max_send_msg_size: TEMPO_GRPC_MAX_MSG_BYTES,
    };
  }
  values.distributor = componentValues({ replicas: spec.distributor.replicas }, spec.distributor.resources);
  const persistence: Values = { enabled: spec.ingester.persistence.enabled, size: spec.ingester.persistence.size };
  if (spec.ingester.persistence.storageClass) persistence.storageClass = spec.ingester.persistence.storageClass;
  values.ingester = componentValues(
    {
      replicas: spec.ingester.replicas,
      config: { replication_factor: spec.ingester.replicationFactor },
      persistence,
    },
    spec.ingester.resources,
  );
  values.querier = componentValues(
    { replicas: spec.querier.replicas, config: { max_concurrent_queries: spec.query.maxConcurrentQueries } },
    spec.querier.resources,
  );
  values.queryFrontend = componentValues(
    {
      replicas: spec.queryFrontend.replicas,
      config: {
        max_outstanding_per_tenant: spec.query.maxOutstandingPerTenant,
        search: { max_spans_per_span_set: spec.query.maxSpansPerSpanSet },
      },
    },
    spec.queryFrontend.resources,
  );
  values.compactor = componentValues(
    {
      replicas: spec.compactor.replicas,
      config: {
        compaction: {
          block_retention: spec.retention,
          compacted_block_retention: spec.compaction.compactedBlockRetention,
          compaction_window: spec.compaction.window,
          retention_concurrency: spec.compaction.retentionConcurrency,
        },
      },
    },
    spec.compactor.resources,
  );

  const mg = spec.metricsGenerator;
  if (mg.enabled) {
    const config: Values = {
      storage: {
        remote_write: mg.remoteWrite.map((rw) => {
          const headers: Record<string, string> = { ...rw.headers };
          if (rw.tenantId) headers["X-Scope-OrgID"] = rw.tenantId;
          const item: Values = { url: rw.url, send_exemplars: rw.sendExemplars };
          if (Object.keys(headers).length > 0) item.headers = headers;
          return item;
        }),
      },
    };
    if (mg.externalLabels) config.registry = { external_labels: { ...mg.externalLabels } };
    values.metricsGenerator = componentValues(
      { enabled: true, replicas: mg.replicas, config: mg.config ? deepMerge(config, mg.config) : config },
      mg.resources,
    );
  } else {
    values.metricsGenerator = { enabled: false };
  }

  const gw = spec.gateway;
  if (gw.enabled) {
    const gateway: Values = { enabled: true, replicas: gw.replicas };
    const rv = resources(gw.resources);
    if (rv) gateway.resources = rv;
    if (gw.basicAuth) gateway.basicAuth = { enabled: true, existingSecret: gw.basicAuth.existingSecret };
    values.gateway = gateway;
  } else {
    values.gateway = { enabled: false };
  }
  if (storage.minio) values.minio = { enabled: true };
  if (spec.structuredConfig) values.tempo = { structuredConfig: spec.structuredConfig };
  return values;
}

function globalValues(options: ChartValuesOptions): Values {
  const g: Values = {};
  if (options.distribution) {
    const dns = dnsResolver(options.distribution);
    if (!dns.isDefault) {
      g.dnsService = dns.dnsService;
      g.dnsNamespace = dns.dnsNamespace;
    }
  }
  if (options.clusterDomain && options.clusterDomain !== DEFAULT_DNS.clusterDomain) {
    g.clusterDomain = options.clusterDomain;
  }
  return g;
}

/** Dot paths (as segments) of every value a values object sets: leaves, lists and empty maps. */
export function emittedKeyPaths(values: Values): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
    } else {
      out.push(path);
    }
  };
  walk(values, []);
  return out;
}

/**
 * Compiles a parsed spec into the values of a chart: for `lgtm-distributed@3.0.1`, `{ global, tempo: {...} }`
 * (Tempo is the `tempo:` subchart); for `tempo-distributed@1.61.3`, the chart's top-level values plus `global`
 * when needed. Every key emitted is one the chart reads (checked against the chart catalog: an unknown key is an
 * error here, never silently dropped by Helm). Credentials appear only as Secret references. Never throws.
 */
export function toChartValues(
  spec: TempoSpec,
  target: TempoTarget,
  options: ChartValuesOptions,
): Result<Record<string, unknown>> {
  // Re-validate: a TempoSpec built by hand (not by parseTempoSpec) must not make us throw.
  const reparsed = parseTempoSpec(spec);
  if (!reparsed.ok) return reparsed;
  spec = reparsed.value;
  const diagnostics: Diagnostic[] = [...reparsed.diagnostics];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.release) || options.release.length > 53) {
    diagnostics.push({
      ruleId: "tempo/invalid-release",
      severity: "error",
      path: "release",
      message: `"${options.release}" is not a valid Helm release name`,
      fix: "use lower-case letters, digits and '-', at most 53 characters",
    });
  }
  if (target === "lgtm-distributed@3.0.1" && spec.storage.backend === "minio") {
    const name = helmFullname(options.release, "minio");
    diagnostics.push({
      ruleId: "tempo/minio-name-collision",
      severity: "warning",
      path: "storage.backend",
      message: `in lgtm-distributed the Mimir subchart runs its own MinIO (lgtm sets mimir.minio), and both MinIO subcharts name their Service, Secret and PVC ${name}: the two collide and the Service may route Tempo to Mimir's MinIO, which has no tempo-traces bucket (inferred from the charts' naming; mimir-distributed's defaults are not in our reference)`,
      fix: "use storage.backend: s3 against an object store of your own (credentials from a Secret), or install Tempo with tempo-distributed@1.61.3",
    });
  }
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const td = tempoDistributedValues(spec, options);
  // What reaches Tempo verbatim must pass Tempo's strict parsing (a defect here would crash-loop every pod).
  const prefix = target === "lgtm-distributed@3.0.1" ? ["tempo"] : [];
  const storage = td.storage as Values;
  diagnostics.push(
    ...checkVerbatimTempoConfig({ storage }, "structuredConfig", prefix),
    ...checkVerbatimTempoConfig(td.overrides, "overrides", [...prefix, "overrides"]),
  );
  if (td.per_tenant_overrides !== undefined) {
    diagnostics.push(
      ...checkVerbatimTempoConfig(td.per_tenant_overrides, "per_tenant_overrides", [...prefix, "per_tenant_overrides"]),
    );
  }
  const generatorConfig = (td.metricsGenerator as Values).config;
  // A user's metricsGenerator.config was already checked (checkSpecVerbatim); check only what we generated.
  if (generatorConfig !== undefined && spec.metricsGenerator.config === undefined) {
    diagnostics.push(
      ...checkVerbatimTempoConfig(generatorConfig, "metricsGenerator.config", [
        ...prefix,
        "metricsGenerator",
        "config",
      ]),
    );
  }
  const global = globalValues(options);
  let values: Values;
  if (target === "lgtm-distributed@3.0.1") {
    values =
      Object.keys(global).length > 0
        ? { global, tempo: { enabled: true, ...td } }
        : { tempo: { enabled: true, ...td } };
  } else {
    values = Object.keys(global).length > 0 ? { global, ...td } : td;
  }
  const chart: ChartId = target;
  for (const path of emittedKeyPaths(values)) {
    const res = resolveKey(chart, path);
    if (res.kind === "unknown") {
      diagnostics.push({
        ruleId: "tempo/emitted-unknown-key",
        severity: "error",
        path: formatPath(path),
        message: `internal: ${target} does not read ${formatPath(path)}; Helm would drop it silently`,
      });
    }
  }
  return hasErrors(diagnostics) ? fail(diagnostics) : ok(values, diagnostics);
}
