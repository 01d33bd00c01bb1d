import {
  componentPrefix,
  DEFAULT_DNS,
  type Distribution,
  dnsResolver,
  resolveKey,
  type StackChartId,
  tempoPrefix,
} from "@lgtm-gitops/charts";
import { type Diagnostic, fail, formatPath, hasErrors, ok, type Result } from "@lgtm-gitops/diagnostics";
import { quantityValue } from "./duration.js";
import { deepMerge } from "./merge.js";
import { defaultsBlock, tenantBlock } from "./overrides-values.js";
import { parseTempoSpec } from "./parse-spec.js";
import { TEMPO_GRPC_MAX_MSG_BYTES } from "./semantic-checks.js";
import { SPEC_RULES } from "./spec-rules.js";
import type { Resources, TempoSpec } from "./spec-schema.js";
import { checkExpandEnvReferences, type EnvVar, storageValues } from "./storage-values.js";
import { checkVerbatimTempoConfig } from "./verbatim-check.js";

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

/** The gRPC limit tempo-distributed sets (`server.grpc_server_max_recv_msg_size`). */
const CHART_GRPC_MAX_MSG_BYTES = 4_194_304;

type Values = Record<string, unknown>;

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

function protocolValues(p: { enabled: boolean; config?: Record<string, unknown> | undefined }): Values {
  return p.config ? { enabled: p.enabled, receiverConfig: p.config } : { enabled: p.enabled };
}

/** The tempo-distributed values of the target's Tempo (without `global`). */
function tempoDistributedValues(spec: TempoSpec, options: ChartValuesOptions, target: StackChartId): Values {
  // A chart that also installs Mimir runs Mimir's MinIO under the default name: Tempo's gets its own.
  const storage = storageValues(spec, options.release, componentPrefix(target, "mimir") !== undefined);
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
  if (storage.minio) values.minio = storage.minio;
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
 * Compiles a parsed spec into the values of a Tempo stack chart: for lgtm-distributed, `{ global, tempo: {...} }`
 * (Tempo is the `tempo:` subchart, its descriptor's Tempo prefix); for tempo-distributed, the chart's top-level values plus `global`
 * when needed. Every key emitted is one the chart reads (checked against the chart catalog: an unknown key is an
 * error here, never silently dropped by Helm). Credentials appear only as Secret references. Never throws.
 */
export function toChartValues(
  spec: TempoSpec,
  target: StackChartId,
  options: ChartValuesOptions,
): Result<Record<string, unknown>> {
  // Re-validate: a TempoSpec built by hand (not by parseTempoSpec) must not make us throw.
  const reparsed = parseTempoSpec(spec);
  if (!reparsed.ok) return reparsed;
  spec = reparsed.value;
  const diagnostics: Diagnostic[] = [...reparsed.diagnostics];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.release) || options.release.length > 53) {
    diagnostics.push({
      ruleId: SPEC_RULES.invalidRelease,
      severity: "error",
      path: ["release"],
      message: `"${options.release}" is not a valid Helm release name`,
      fix: "use lower-case letters, digits and '-', at most 53 characters",
    });
  }
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const td = tempoDistributedValues(spec, options, target);
  if ((td.distributor as Values).extraArgs !== undefined) diagnostics.push(...checkExpandEnvReferences(spec));
  // What reaches Tempo verbatim must pass Tempo's strict parsing (a defect here would crash-loop every pod).
  const prefix = [...(tempoPrefix(target) ?? [])];
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
  // Tempo as a subchart (lgtm-distributed `tempo:`) is switched on and nested under its alias.
  let tempo: Values = td;
  for (const key of [...prefix].reverse()) tempo = { [String(key)]: { enabled: true, ...tempo } };
  const values: Values = Object.keys(global).length > 0 ? { global, ...tempo } : tempo;
  for (const path of emittedKeyPaths(values)) {
    const res = resolveKey(target, path);
    if (res.kind === "unknown") {
      diagnostics.push({
        ruleId: SPEC_RULES.emittedUnknownKey,
        severity: "error",
        path: path,
        message: `internal: ${target} does not read ${formatPath(path)}; Helm would drop it silently`,
        fix: "this is a bug in @lgtm-gitops/tempo-config (the values were not written): report it with the spec",
      });
    }
  }
  return hasErrors(diagnostics) ? fail(diagnostics) : ok(values, diagnostics);
}
