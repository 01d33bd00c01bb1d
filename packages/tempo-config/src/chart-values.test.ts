import { resolveKey, type StackChartId } from "@lgtm-gitops/charts";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GENERATED_STACK_CHARTS } from "./chart-mapping.js";
import { emittedKeyPaths, toChartValues } from "./chart-values.js";
import { tutorialFile } from "./fixtures.test-util.js";
import { parseTempoSpec } from "./parse-spec.js";
import { presets } from "./presets.js";
import type { TempoSpec, TempoSpecInput } from "./spec-schema.js";
import { tempoMajorOf } from "./tempo-generation.js";
import { checkVerbatimTempoConfig } from "./verbatim-check.js";

type Obj = Record<string, unknown>;

function parsed(input: TempoSpecInput): TempoSpec {
  const r = parseTempoSpec(input);
  if (!r.ok) throw new Error(`spec rejected: ${JSON.stringify(r.diagnostics, null, 2)}`);
  return r.value;
}

function at(values: unknown, dotted: string): unknown {
  let v: unknown = values;
  for (const seg of dotted.split(".")) v = (v as Obj | undefined)?.[seg];
  return v;
}

const install = { release: "lgtm-stack", namespace: "lgtm-stack" };

/** Specs every target must compile with only catalogued keys. */
const fixtures: Record<string, TempoSpecInput> = {
  dev: presets.dev(),
  prod: presets.prod(),
  "dev, everything on": presets.dev({
    multitenancy: true,
    receivers: {
      jaeger: {
        grpc: { enabled: true },
        thriftHttp: { enabled: true },
        thriftCompact: { enabled: true },
        thriftBinary: { enabled: true },
      },
      zipkin: { enabled: true },
      otlp: { grpc: { enabled: true, config: { max_recv_msg_size_mib: 16 } } },
    },
    gateway: { enabled: true, basicAuth: { existingSecret: "tempo-gateway-htpasswd" } },
    metricsGenerator: {
      enabled: true,
      remoteWrite: [{ url: "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push", tenantId: "ops" }],
      externalLabels: { cluster: "dev" },
    },
    tenants: { team_a: { ingestion: { rateLimitBytes: 1_000_000 }, retention: "72h" } },
    query: { maxSearchDuration: "24h" },
    structuredConfig: { query_frontend: { search: { max_duration: "24h" } } },
  }),
  "prod on gcs": presets.prod({
    storage: { backend: "gcs", bucketName: "traces", credentials: { secretName: "tempo-gcs" } },
  }),
  "prod on azure": presets.prod({
    storage: {
      backend: "azure",
      containerName: "traces",
      storageAccountName: "acct",
      credentials: { secretName: "tempo-azure" },
    },
  }),
};

/**
 * The tutorial's intent (examples/tutorial/lgtm-values.yaml) as a TempoSpec: 24h retention, 2h compaction window,
 * 15 MB/s ingestion, OTLP and Jaeger receivers, one replica each, a 5Gi ingester volume, the gateway on RKE2,
 * one tenant. Resources are read from the tutorial file itself. Storage: the tutorial's `filesystem` cannot work
 * in a distributed install, so it becomes an in-cluster S3 endpoint with credentials from a Secret (the MinIO
 * subchart would collide with Mimir's MinIO inside lgtm-distributed).
 */
function tutorialIntent(): TempoSpecInput {
  const t = (parse(tutorialFile("lgtm-values.yaml")) as { tempo: Obj }).tempo;
  type ResourcesInput = NonNullable<NonNullable<TempoSpecInput["querier"]>["resources"]>;
  const res = (component: string) => (t[component] as { resources: ResourcesInput }).resources;
  const inner = t.tempo as Obj;
  const ingestion = inner.ingestion as Obj;
  const compactor = inner.compactor as Obj;
  const qf = inner.query_frontend as Obj;
  return {
    multitenancy: inner.multitenancy_enabled as boolean,
    storage: {
      backend: "s3",
      bucket: "tempo-traces",
      endpoint: "minio.storage.svc.cluster.local:9000",
      insecure: true,
      forcePathStyle: true,
      credentials: { secretName: "tempo-s3" },
    },
    retention: inner.retention_period as string,
    compaction: {
      window: compactor.compaction_window as string,
      retentionConcurrency: compactor.retention_concurrency as number,
    },
    ingestion: { rateLimitBytes: ingestion.rate_limit_bytes as number },
    query: {
      maxOutstandingPerTenant: qf.max_outstanding_per_tenant as number,
      maxSearchDuration: qf.max_query_length as string,
    },
    receivers: {
      otlp: { grpc: { enabled: true }, http: { enabled: true } },
      jaeger: { grpc: { enabled: true }, thriftHttp: { enabled: true } },
    },
    distributor: { replicas: 1, resources: res("distributor") },
    ingester: {
      replicas: 1,
      replicationFactor: 1,
      resources: res("ingester"),
      persistence: {
        enabled: (t.ingester as { persistence: { enabled: boolean } }).persistence.enabled,
        size: (t.ingester as { persistence: { size: string } }).persistence.size,
      },
    },
    querier: { replicas: 1, resources: res("querier") },
    queryFrontend: { replicas: 1, resources: res("query_frontend") },
    compactor: { replicas: 1, resources: res("compactor") },
    gateway: { enabled: true, replicas: 1, resources: res("gateway") },
  };
}

/**
 * A fixture as the Tempo generation of `target` takes it: Tempo 3.0 has no ingesters, compactors, MinIO subchart or
 * local-blocks processor, and needs a broker.
 */
function forGeneration(input: TempoSpecInput, target: StackChartId): TempoSpecInput {
  if (tempoMajorOf(target) < 3) return input;
  const { ingester: _i, compactor: _c, ...rest } = input;
  return {
    ...rest,
    storage:
      input.storage?.backend === "minio"
        ? { backend: "s3", bucket: "tempo", endpoint: "minio.storage:9000", insecure: true }
        : input.storage,
    kafka: { address: "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092", partitions: 2 },
  } as TempoSpecInput;
}

describe("toChartValues: every emitted key is one the chart reads", () => {
  for (const [name, input] of Object.entries(fixtures)) {
    for (const target of GENERATED_STACK_CHARTS) {
      it(`${name} → ${target}`, () => {
        const result = toChartValues(parsed(forGeneration(input, target)), target, {
          ...install,
          distribution: "rke2",
        });
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        if (!result.ok) return;
        const paths = emittedKeyPaths(result.value);
        expect(paths.length).toBeGreaterThan(20);
        // `tempo.minio.fullnameOverride` is read by the minio subchart, which the catalog does not cover.
        const outside = paths
          .map((p) => ({ path: p.join("."), kind: resolveKey(target, p).kind }))
          .filter((r) => r.kind !== "known" && r.kind !== "free-form")
          .filter((r) => !(r.kind === "unchecked" && r.path === "tempo.minio.fullnameOverride"));
        expect(outside).toEqual([]);
      });
    }
  }
});

describe("toChartValues: chart versions", () => {
  const spec = parsed(presets.dev());
  it("writes a setting the version does not read itself to structuredConfig (streamOverHTTPEnabled from 1.58.1)", () => {
    const old = toChartValues(spec, "tempo-distributed@1.52.5", install);
    expect(old.ok && at(old.value, "tempo.structuredConfig.stream_over_http_enabled")).toBe(true);
    expect(old.ok && at(old.value, "streamOverHTTPEnabled")).toBeUndefined();
    const recent = toChartValues(spec, "tempo-distributed@1.58.1", install);
    expect(recent.ok && at(recent.value, "streamOverHTTPEnabled")).toBe(true);
  });

  const everything = parsed(fixtures["dev, everything on"] as TempoSpecInput);

  it("writes the overrides where each older layout reads them (global_overrides before 1.33)", () => {
    const v = toChartValues(everything, "tempo-distributed@1.32.7", install);
    expect(v.ok && at(v.value, "global_overrides.defaults.ingestion.rate_limit_bytes")).toBe(15_000_000);
    expect(v.ok && at(v.value, "global_overrides.defaults.metrics_generator.processors")).toEqual([
      "service-graphs",
      "span-metrics",
    ]);
    expect(v.ok && at(v.value, "overrides.team_a.ingestion.rate_limit_bytes")).toBe(1_000_000);
    expect(v.ok && at(v.value, "per_tenant_overrides")).toBeUndefined();
  });

  it("writes per-tenant overrides as the YAML text tempo-distributed < 1.18 renders (lgtm-distributed 2.x)", () => {
    const v = toChartValues(everything, "lgtm-distributed@2.1.0", install);
    expect(v.ok && at(v.value, "tempo.global_overrides.defaults.global.max_bytes_per_trace")).toBe(5_000_000);
    const text = v.ok ? at(v.value, "tempo.overrides") : undefined;
    expect(typeof text).toBe("string");
    expect(parse(text as string)).toEqual({
      overrides: {
        team_a: {
          ingestion: {
            rate_strategy: "local",
            rate_limit_bytes: 1_000_000,
            burst_size_bytes: 20_000_000,
            max_traces_per_user: 10_000,
          },
          global: { max_bytes_per_trace: 5_000_000 },
          read: { max_search_duration: "24h" },
          compaction: { block_retention: "72h" },
          metrics_generator: { processors: ["service-graphs", "span-metrics"] },
        },
      },
    });
  });

  it("writes the legacy flat overrides Tempo 2.2 reads on tempo-distributed 1.6–1.7 (lgtm-distributed 1.0.x)", () => {
    const v = toChartValues(everything, "lgtm-distributed@1.0.0", install);
    expect(v.ok && at(v.value, "tempo.global_overrides")).toEqual({
      ingestion_rate_strategy: "local",
      ingestion_rate_limit_bytes: 15_000_000,
      ingestion_burst_size_bytes: 20_000_000,
      max_traces_per_user: 10_000,
      max_bytes_per_trace: 5_000_000,
      max_search_duration: "24h",
      metrics_generator_processors: ["service-graphs", "span-metrics"],
    });
    const tenants = parse((v.ok ? at(v.value, "tempo.overrides") : "") as string) as Obj;
    expect(at(tenants, "overrides.team_a.ingestion_rate_limit_bytes")).toBe(1_000_000);
    expect(at(tenants, "overrides.team_a.block_retention")).toBe("72h");
  });

  it("refuses a setting the chart version's Tempo does not have, naming the versions that can set it", () => {
    const old = parsed(presets.dev({ query: { maxMetricsDuration: "6h", maxSpansPerSpanSet: 500 } }));
    const r = toChartValues(old, "tempo-distributed@1.7.5", install);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.ruleId, formatPath(d.path)])).toEqual([
      ["tempo/unsupported-setting", "query.maxMetricsDuration"],
      ["tempo/unsupported-setting", "query.maxSpansPerSpanSet"],
    ]);
    expect(r.diagnostics[1]?.message).toContain(
      "chart tempo-distributed@1.7.5 has no way to set query.maxSpansPerSpanSet",
    );
    // The Tempo that added the key, from the per-release config schemas (2.7.0; 2.5.0 in the legacy flat format).
    expect(r.diagnostics[1]?.message).toContain(
      "it runs Tempo 2.3.1, which has no `query_frontend.search.max_spans_per_span_set` (Tempo 2.7 added it)",
    );
    expect(r.diagnostics[0]?.message).toContain("which has no `overrides.max_metrics_duration` (Tempo 2.5 added it)");
    expect(r.diagnostics[1]?.fix).toContain("use tempo-distributed ≥ 1.29.0 (Tempo 2.7.0)");
    expect(r.diagnostics[0]?.fix).toContain("use tempo-distributed ≥ 1.10.0 (Tempo 2.5.0)");
    // At the spec's default the setting is left to that Tempo; a chart whose Tempo has it gets it.
    const quiet = toChartValues(parsed(presets.dev()), "tempo-distributed@1.28.2", install);
    expect(quiet.ok && JSON.stringify(quiet.value)).not.toContain("max_spans_per_span_set");
    const recent = toChartValues(old, "tempo-distributed@1.29.0", install);
    expect(recent.ok && at(recent.value, "tempo.structuredConfig.query_frontend.search.max_spans_per_span_set")).toBe(
      500,
    );
    // Per tenant too.
    const tenant = parsed(presets.dev({ multitenancy: true, tenants: { a: { query: { maxMetricsDuration: "1h" } } } }));
    const t = toChartValues(tenant, "lgtm-distributed@1.0.1", install);
    expect(t.diagnostics.map((d) => formatPath(d.path))).toEqual(["tenants.a.query.maxMetricsDuration"]);
  });
});

describe("toChartValues: shape per target", () => {
  const spec = parsed(presets.dev());
  it("lgtm-distributed nests Tempo under tempo: and sets global only when needed", () => {
    const plain = toChartValues(spec, "lgtm-distributed@3.0.1", install);
    expect(plain.ok && Object.keys(plain.value)).toEqual(["tempo"]);
    const eks = toChartValues(spec, "lgtm-distributed@3.0.1", { ...install, distribution: "eks" });
    expect(eks.ok && Object.keys(eks.value)).toEqual(["tempo"]);
    const openshift = toChartValues(spec, "lgtm-distributed@3.0.1", {
      ...install,
      distribution: "openshift",
      clusterDomain: "corp.local",
    });
    expect(openshift.ok && openshift.value.global).toEqual({
      dnsService: "dns-default",
      dnsNamespace: "openshift-dns",
      clusterDomain: "corp.local",
    });
    expect(at(openshift.ok && openshift.value, "tempo.enabled")).toBe(true);
  });
  it("tempo-distributed gets top-level values", () => {
    const r = toChartValues(spec, "tempo-distributed@1.61.3", { ...install, distribution: "rke2" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(at(r.value, "global.dnsService")).toBe("rke2-coredns-rke2-coredns");
    expect(at(r.value, "ingester.config.replication_factor")).toBe(1);
    expect(r.value.tempo).toBeUndefined();
  });
});

describe("toChartValues: credentials only through Secrets", () => {
  it(`S3 keys become \${VAR} expanded by Tempo from secretKeyRef env on every Tempo component`, () => {
    const spec = parsed(
      presets.prod({
        storage: {
          backend: "s3",
          bucket: "traces",
          endpoint: "s3.eu-west-1.amazonaws.com",
          credentials: { secretName: "tempo-s3", accessKeyKey: "id", secretKeyKey: "key" },
        },
        metricsGenerator: { enabled: true, remoteWrite: [{ url: "http://prometheus:9090/api/v1/write" }] },
      }),
    );
    const r = toChartValues(spec, "tempo-distributed@1.61.3", install);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(at(r.value, "storage.trace.s3")).toEqual({
      bucket: "traces",
      endpoint: "s3.eu-west-1.amazonaws.com",
      access_key: `\${TEMPO_S3_ACCESS_KEY}`,
      secret_key: `\${TEMPO_S3_SECRET_KEY}`,
    });
    // Every pod that loads tempo.yaml: an unexpanded ${VAR} would reach S3 as the literal key.
    for (const c of ["distributor", "ingester", "querier", "queryFrontend", "compactor", "metricsGenerator"]) {
      expect(at(r.value, `${c}.extraArgs`)).toEqual(["-config.expand-env=true"]);
      expect(at(r.value, `${c}.extraEnv`)).toContainEqual({
        name: "TEMPO_S3_SECRET_KEY",
        valueFrom: { secretKeyRef: { name: "tempo-s3", key: "key" } },
      });
    }
  });
  it("MinIO reads the subchart's own Secret and enables the subchart", () => {
    const r = toChartValues(parsed(presets.dev()), "tempo-distributed@1.61.3", install);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.minio).toEqual({ enabled: true });
    expect(at(r.value, "storage.trace.s3.endpoint")).toBe("lgtm-stack-minio:9000");
    expect(at(r.value, "storage.trace.s3.bucket")).toBe("tempo-traces");
    expect(at(r.value, "ingester.extraEnv")).toContainEqual({
      name: "TEMPO_S3_ACCESS_KEY",
      valueFrom: { secretKeyRef: { name: "lgtm-stack-minio", key: "rootUser" } },
    });
  });
  it("in lgtm-distributed, Tempo's MinIO is renamed so it does not collide with Mimir's <release>-minio", () => {
    const r = toChartValues(parsed(presets.dev()), "lgtm-distributed@3.0.1", install);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(at(r.value, "tempo.minio")).toEqual({ enabled: true, fullnameOverride: "lgtm-stack-tempo-minio" });
    expect(at(r.value, "tempo.storage.trace.s3.endpoint")).toBe("lgtm-stack-tempo-minio:9000");
    for (const c of ["distributor", "ingester", "querier", "queryFrontend", "compactor"]) {
      expect(at(r.value, `tempo.${c}.extraEnv`)).toContainEqual({
        name: "TEMPO_S3_SECRET_KEY",
        valueFrom: { secretKeyRef: { name: "lgtm-stack-tempo-minio", key: "rootPassword" } },
      });
    }
  });
  it("a MinIO bucket other than tempo-traces is created by the subchart", () => {
    const spec = parsed(presets.dev({ storage: { backend: "minio", bucket: "traces-dev" } }));
    const r = toChartValues(spec, "tempo-distributed@1.61.3", install);
    expect(r.ok && r.value.minio).toEqual({
      enabled: true,
      buckets: [{ name: "traces-dev", policy: "none", purge: false }],
    });
    expect(r.ok && at(r.value, "storage.trace.s3.bucket")).toBe("traces-dev");
  });
  it("S3 without an endpoint gets AWS's (Tempo passes an empty endpoint to minio-go, which refuses it)", () => {
    const bucketOnly = toChartValues(parsed(presets.prod()), "tempo-distributed@1.61.3", install);
    expect(bucketOnly.ok && at(bucketOnly.value, "storage.trace.s3.endpoint")).toBe("s3.amazonaws.com");
    const regional = parsed(presets.prod({ storage: { backend: "s3", bucket: "t", region: "eu-west-1" } }));
    const r = toChartValues(regional, "tempo-distributed@1.61.3", install);
    expect(r.ok && at(r.value, "storage.trace.s3")).toEqual({
      bucket: "t",
      endpoint: "s3.eu-west-1.amazonaws.com",
      region: "eu-west-1",
    });
  });
  it("gateway basic auth is an existingSecret only", () => {
    const spec = parsed(presets.dev({ gateway: { enabled: true, basicAuth: { existingSecret: "gw-htpasswd" } } }));
    const r = toChartValues(spec, "tempo-distributed@1.61.3", install);
    expect(r.ok && at(r.value, "gateway.basicAuth")).toEqual({ enabled: true, existingSecret: "gw-htpasswd" });
    const literal = parseTempoSpec(presets.dev({ gateway: { enabled: true, basicAuth: { password: "x" } as never } }));
    expect(literal.ok).toBe(false);
    expect(literal.diagnostics.map((d) => [d.ruleId, formatPath(d.path)])).toContainEqual([
      "tempo/literal-secret",
      "gateway.basicAuth.password",
    ]);
  });
  it("warns about $ references that -config.expand-env would replace, only when env expansion is on", () => {
    const input = {
      structuredConfig: { metrics_generator: { registry: { external_labels: { source: "$1" } } } },
    } as const;
    const withSecret = toChartValues(parsed(presets.prod(input)), "tempo-distributed@1.61.3", install);
    expect(withSecret.diagnostics.filter((d) => d.ruleId === "tempo/expand-env-reference")).toEqual([
      expect.objectContaining({
        severity: "warning",
        path: ["structuredConfig", "metrics_generator", "registry", "external_labels", "source"],
        message: expect.stringContaining('contains "$1"'),
      }),
    ]);
    const podIdentity = parsed(
      presets.prod({ ...input, storage: { backend: "s3", bucket: "t", region: "eu-west-1" } }),
    );
    const r = toChartValues(podIdentity, "tempo-distributed@1.61.3", install);
    expect(r.ok && at(r.value, "ingester.extraArgs")).toBeUndefined();
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain("tempo/expand-env-reference");
  });
  it("a memory limit sets GOMEMLIMIT to 85%", () => {
    const spec = parsed(presets.dev({ ingester: { resources: { limits: { memory: "1Gi" } } } }));
    const r = toChartValues(spec, "tempo-distributed@1.61.3", install);
    expect(r.ok && at(r.value, "ingester.extraEnv")).toContainEqual({ name: "GOMEMLIMIT", value: "870MiB" });
  });
});

describe("toChartValues: overrides and metrics-generator", () => {
  const spec = parsed(fixtures["dev, everything on"] as TempoSpecInput);
  const r = toChartValues(spec, "tempo-distributed@1.61.3", install);
  const values = r.ok ? r.value : {};
  it("enables processors through overrides.defaults and writes remote_write with the tenant header", () => {
    expect(at(values, "overrides.defaults.metrics_generator.processors")).toEqual(["service-graphs", "span-metrics"]);
    expect(at(values, "metricsGenerator.config.storage.remote_write")).toEqual([
      {
        url: "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push",
        send_exemplars: true,
        headers: { "X-Scope-OrgID": "ops" },
      },
    ]);
  });
  it("emits complete tenant blocks (Tempo does not merge them with the defaults)", () => {
    const block = at(values, "per_tenant_overrides.team_a") as Obj;
    expect(block).toEqual({
      ingestion: {
        rate_strategy: "local",
        rate_limit_bytes: 1_000_000,
        burst_size_bytes: 20_000_000,
        max_traces_per_user: 10_000,
      },
      global: { max_bytes_per_trace: 5_000_000 },
      read: { max_search_duration: "24h" },
      compaction: { block_retention: "72h" },
      metrics_generator: { processors: ["service-graphs", "span-metrics"] },
    });
    expect(checkVerbatimTempoConfig(at(values, "per_tenant_overrides"), "per_tenant_overrides", [])).toEqual([]);
    expect(checkVerbatimTempoConfig(at(values, "overrides"), "overrides", [])).toEqual([]);
  });
  it("passes receiver settings as receiverConfig and structuredConfig verbatim", () => {
    expect(at(values, "traces.otlp.grpc")).toEqual({ enabled: true, receiverConfig: { max_recv_msg_size_mib: 16 } });
    expect(at(values, "traces.jaeger.thriftCompact.enabled")).toBe(true);
    expect(at(values, "tempo.structuredConfig")).toEqual({ query_frontend: { search: { max_duration: "24h" } } });
    expect(at(values, "multitenancyEnabled")).toBe(true);
  });
});

describe("toChartValues refuses what cannot work", () => {
  it("returns diagnostics instead of values for a spec it cannot compile or an invalid release", () => {
    const spec = parsed(presets.dev());
    // Only reachable from JavaScript: the type system accepts only a parsed TempoSpec.
    const handMade = JSON.parse(JSON.stringify({ ...spec, ingester: undefined })) as typeof spec;
    const r = toChartValues(handMade, "lgtm-distributed@3.0.1", install);
    expect(r).toMatchObject({ ok: false, diagnostics: [{ ruleId: "tempo/invalid-spec" }] });
    const badRelease = toChartValues(spec, "lgtm-distributed@3.0.1", { release: "Bad_Name", namespace: "x" });
    expect(badRelease.ok).toBe(false);
  });
});

describe("the tutorial's intent compiles to keys lgtm-distributed reads", () => {
  it("places every setting where the chart reads it", () => {
    const spec = parsed(tutorialIntent());
    const r = toChartValues(spec, "lgtm-distributed@3.0.1", { ...install, distribution: "rke2" });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    const expected: Record<string, unknown> = {
      "global.dnsService": "rke2-coredns-rke2-coredns",
      "global.dnsNamespace": "kube-system",
      "tempo.enabled": true,
      "tempo.multitenancyEnabled": false,
      "tempo.compactor.config.compaction.block_retention": "24h",
      "tempo.compactor.config.compaction.compaction_window": "2h",
      "tempo.compactor.config.compaction.retention_concurrency": 20,
      "tempo.overrides.defaults.ingestion.rate_limit_bytes": 15_000_000,
      "tempo.overrides.defaults.read.max_search_duration": "24h",
      "tempo.queryFrontend.config.max_outstanding_per_tenant": 100,
      "tempo.traces.otlp.grpc.enabled": true,
      "tempo.traces.otlp.http.enabled": true,
      "tempo.traces.jaeger.grpc.enabled": true,
      "tempo.traces.jaeger.thriftHttp.enabled": true,
      "tempo.distributor.replicas": 1,
      "tempo.ingester.replicas": 1,
      "tempo.ingester.config.replication_factor": 1,
      "tempo.ingester.persistence.enabled": true,
      "tempo.ingester.persistence.size": "5Gi",
      "tempo.querier.replicas": 1,
      "tempo.queryFrontend.replicas": 1,
      "tempo.compactor.replicas": 1,
      "tempo.gateway.enabled": true,
      "tempo.gateway.replicas": 1,
      "tempo.queryFrontend.resources.limits.memory": "512Mi",
      "tempo.storage.trace.backend": "s3",
    };
    for (const [path, value] of Object.entries(expected)) expect({ path, value: at(v, path) }).toEqual({ path, value });
    // Nothing lands where the tutorial put it (ignored by the chart); tempo.tempo holds only structuredConfig, where
    // lgtm-distributed 3.0.1's tempo-distributed 1.52.5 takes stream_over_http_enabled (it has no streamOverHTTPEnabled).
    expect(at(v, "tempo.tempo")).toEqual({ structuredConfig: { stream_over_http_enabled: false } });
    expect(at(v, "tempo.query_frontend")).toBeUndefined();
    expect(at(v, "tempo.distributor.config")).toBeUndefined();
    for (const p of emittedKeyPaths(v)) {
      expect({ path: p.join("."), kind: resolveKey("lgtm-distributed@3.0.1", p).kind }).toMatchObject({
        kind: expect.stringMatching(/^(known|free-form)$/),
      });
    }
  });
});

describe("toChartValues on a spec parseTempoSpec returned", () => {
  it("gives what it gives for an equal spec built by hand (its parse is reused, not redone)", () => {
    const parsed = parseTempoSpec(
      presets.prod({ storage: { backend: "s3", bucket: "b", credentials: { secretName: "s" } }, multitenancy: true }),
    );
    if (!parsed.ok) throw new Error("the preset does not parse");
    const options = { distribution: "eks" as const, release: "lgtm", namespace: "obs" };
    const byHand = structuredClone(parsed.value);
    for (const target of ["lgtm-distributed@3.0.1", "tempo-distributed@1.61.3"] as const)
      expect(toChartValues(parsed.value, target, options)).toEqual(toChartValues(byHand, target, options));
  });
});
