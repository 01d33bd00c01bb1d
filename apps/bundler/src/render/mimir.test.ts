// Mimir deployed by a bundle as its own Application (grafana/mimir-distributed 5.7.0, classic architecture). Facts from
// the chart's values.yaml at grafana/mimir@5c776e42 (the catalog's source): minio.enabled, nginx.enabled,
// rollout_operator.enabled and the ingesters' and store-gateways' zoneAwareReplication.enabled are true by default,
// gateway.enabledNonEnterprise false, gateway.service.port 80.
import { findChart, renderedKinds } from "@lgtm-gitops/charts";
import { validateDocuments } from "@lgtm-gitops/validators";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { fillDefinition } from "../definition/fill.js";
import { definitionSchema, METRICS_CHART } from "../definition/schema.js";
import { definitionErrors, TEMPO3_BASE, TEMPO3_STORAGE } from "./__fixtures__/tempo3-definition.js";
import { renderCluster } from "./cluster.js";

const input = {
  ...TEMPO3_BASE,
  distribution: "rke2",
  tempo: {
    storage: TEMPO3_STORAGE,
    kafka: { address: "kafka.example:9092", partitions: 1 },
    metricsGenerator: { enabled: true },
  },
  datasources: { lokiUrl: "http://loki-gateway.loki.svc.cluster.local" },
  mimir: {
    storage: {
      backend: "s3",
      buckets: { blocks: "metrics-blocks", ruler: "metrics-ruler" },
      region: "eu-west-1",
      credentials: { secretName: "mimir-s3" },
    },
  },
};

type Values = Record<string, Record<string, unknown>>;

function render(over: Record<string, unknown> = {}) {
  // As `generate` reads a definition: what the bundler fills in (the metrics-generator's remote write) first.
  const r = renderCluster(definitionSchema.parse(fillDefinition({ ...input, ...over })));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.value;
}

const MIMIR = findChart(METRICS_CHART, "5.7.0")!;

describe("a bundle with its own Mimir", () => {
  const files = render();
  const mimir = parseYaml(files.get("values/mimir.yaml")!) as Values;

  it("adds the mimir release and wires Grafana's Mimir datasource and Tempo's remote write to its gateway", () => {
    expect(parseYaml(files.get("applications/mimir.yaml")!)).toMatchObject({
      metadata: { name: "t3-mimir", annotations: { "argocd.argoproj.io/sync-wave": "1" } },
      spec: { sources: [{ chart: "mimir-distributed", targetRevision: "5.7.0" }, { ref: "values" }] },
    });
    expect(files.get("values/kube-prometheus-stack.yaml")).toContain(
      "url: http://mimir-gateway.mimir.svc.cluster.local/prometheus",
    );
    expect(files.get("values/tempo.yaml")).toContain("url: http://mimir-gateway.mimir.svc.cluster.local/api/v1/push");
  });

  it("runs the classic architecture in one zone behind the gateway, without MinIO", () => {
    expect(mimir.minio).toEqual({ enabled: false });
    expect(mimir.nginx).toEqual({ enabled: false });
    expect(mimir.gateway).toMatchObject({ enabledNonEnterprise: true });
    expect(mimir.rollout_operator).toEqual({ enabled: false });
    expect(mimir.ingester).toMatchObject({ replicas: 3, zoneAwareReplication: { enabled: false } });
    expect(mimir.store_gateway).toMatchObject({ replicas: 1, zoneAwareReplication: { enabled: false } });
    expect(mimir.alertmanager).toEqual({ enabled: false });
    expect(renderedKinds(MIMIR, mimir).cluster).toEqual([]);
  });

  it("stores in S3 with the keys from a Secret, expanded at start-up", () => {
    const config = (mimir.mimir?.structuredConfig ?? {}) as Record<string, Record<string, unknown>>;
    expect(config.common).toEqual({
      storage: {
        backend: "s3",
        s3: {
          endpoint: "s3.eu-west-1.amazonaws.com",
          region: "eu-west-1",
          insecure: false,
          access_key_id: "${MIMIR_S3_ACCESS_KEY}",
          secret_access_key: "${MIMIR_S3_SECRET_KEY}",
        },
      },
    });
    expect(config.blocks_storage).toEqual({ s3: { bucket_name: "metrics-blocks" } });
    expect(config.ruler_storage).toEqual({ s3: { bucket_name: "metrics-ruler" } });
    expect(config.limits).toEqual({ compactor_blocks_retention_period: "744h" });
    expect(JSON.stringify(mimir.global)).toContain('"secretKeyRef":{"name":"mimir-s3","key":"access_key_secret"}');
    expect(files.get("README.md")).toContain("| `mimir-s3` | mimir | `access_key_id`, `access_key_secret` |");
  });

  it("replicates 3 ways from 3 pods, else to every pod; an alertmanager bucket runs the Alertmanager", () => {
    const one = parseYaml(
      render({ mimir: { ...input.mimir, replicas: { ingester: 1 } } }).get("values/mimir.yaml")!,
    ) as Values;
    const config = one.mimir?.structuredConfig as Record<string, unknown>;
    expect(config.ingester).toEqual({ ring: { replication_factor: 1 } });
    const am = parseYaml(
      render({
        mimir: { storage: { ...input.mimir.storage, buckets: { blocks: "b-1", ruler: "b-2", alertmanager: "b-3" } } },
      }).get("values/mimir.yaml")!,
    ) as Values;
    expect(am.alertmanager).toEqual({ enabled: true, replicas: 1 });
    expect(am.mimir?.structuredConfig).toMatchObject({ alertmanager_storage: { s3: { bucket_name: "b-3" } } });
  });

  it("resolves the gateway's upstreams through the distribution's DNS (RKE2)", () => {
    expect(mimir.global).toMatchObject({ dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" });
  });

  it("keeps a remote write the definition sets, and refuses one to another Prometheus (the service map reads Mimir)", () => {
    const defOf = (url: string) =>
      definitionSchema.parse(
        fillDefinition({
          ...input,
          tempo: { ...input.tempo, metricsGenerator: { enabled: true, remoteWrite: [{ url }] } },
        }),
      );
    const same = renderCluster(defOf("http://mimir-gateway.mimir.svc.cluster.local/api/v1/push"));
    expect(same.ok).toBe(true);
    const other = renderCluster(defOf("http://prom.example/push"));
    expect(other.ok).toBe(false);
    expect(other.diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId)).toEqual([
      "tempo/metrics-generator-wiring",
    ]);
  });

  it("writes values the mimir-distributed chart reads: lint finds nothing", () => {
    const diags = validateDocuments([{ file: "mimir.yaml", chart: MIMIR, values: mimir }], { distribution: "rke2" });
    expect(diags).toEqual([]);
  });
});

describe("Mimir definitions that cannot work", () => {
  const errors = (over: Record<string, unknown>) => definitionErrors({ ...input, ...over });

  it("a second Mimir: lgtm-distributed installs one, or datasources.mimirUrl names one", () => {
    expect(errors({ stack: { chart: "lgtm-distributed" }, tempo: { storage: input.tempo.storage } })).toContainEqual([
      "definition/mimir-twice",
      "mimir",
    ]);
    expect(errors({ datasources: { ...input.datasources, mimirUrl: "http://mimir.elsewhere/prometheus" } })).toEqual([
      ["definition/mimir-twice", "datasources.mimirUrl"],
    ]);
  });

  it("a bucket twice, no region nor endpoint, a release name taken", () => {
    const storage = input.mimir.storage;
    expect(errors({ mimir: { storage: { ...storage, buckets: { blocks: "same-b", ruler: "same-b" } } } })).toEqual([
      ["definition/invalid", "mimir.storage.buckets"],
    ]);
    expect(errors({ mimir: { storage: { ...storage, region: undefined } } })).toEqual([
      ["definition/invalid", "mimir.storage.region"],
    ]);
    expect(errors({ mimir: { ...input.mimir, release: "kube-prometheus-stack" } })).toContainEqual([
      "definition/duplicate-release",
      "mimir.release",
    ]);
  });
});

describe("values.mimir: pass-through values for the mimir-distributed chart", () => {
  const withValues = (mimir: Record<string, unknown>) =>
    renderCluster(definitionSchema.parse(fillDefinition({ ...input, values: { mimir } })));
  const at = (r: ReturnType<typeof withValues>, ruleId: string) =>
    r.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => [d.severity, d.path.join(".")]);

  it("sizes a component the typed fields leave to the chart: merged over the generated values, nothing reported", () => {
    const resources = { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } };
    const r = withValues({ ingester: { resources } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
    expect(r.diagnostics.filter((d) => d.path[0] !== "tempo")).toEqual([]);
    const values = parseYaml(r.value.get("values/mimir.yaml")!) as Values;
    expect(values.ingester).toMatchObject({ replicas: 3, resources, zoneAwareReplication: { enabled: false } });
  });

  it("refuses a key the chart version does not read, at values.mimir, with the nearest key", () => {
    const r = withValues({ ingester: { replica: 5 } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "chart/unknown-key",
        severity: "error",
        path: ["values", "mimir", "ingester", "replica"],
      }),
    );
  });

  it("refuses an S3 secret key in plain text, and warns when it replaces what mimir: generates", () => {
    const plain = withValues({
      mimir: {
        structuredConfig: {
          common: { storage: { s3: { secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } } },
        },
      },
    });
    expect(plain.ok).toBe(false);
    expect(at(plain, "secret/plaintext-credential")).toContainEqual([
      "error",
      "values.mimir.mimir.structuredConfig.common.storage.s3.secret_access_key",
    ]);
    const r = withValues({ ingester: { replicas: 5 } });
    const warnings = r.diagnostics.filter((d) => d.ruleId === "definition/values-override");
    expect(warnings.map((d) => [d.severity, d.path.join(".")])).toEqual([
      ["warning", "values.mimir.ingester.replicas"],
    ]);
    expect(warnings[0]?.message).toContain("`mimir.replicas.ingester` gives 3, the chart gets 5");
    // the cluster README shows what runs
    expect(r.ok && r.value.get("README.md")).toContain("5 ingester(s)");
    // a replication factor is derived from the replicas: replacing it is the section's, not `mimir.replicas.ingester`
    const rf = withValues({ mimir: { structuredConfig: { ingester: { ring: { replication_factor: 2 } } } } });
    const rfWarnings = rf.diagnostics.filter((d) => d.ruleId === "definition/values-override");
    expect(rfWarnings.map((d) => d.message).join("\n")).not.toContain("mimir.replicas.ingester");
  });

  it("without mimir: there is no Mimir Application to pass values to: refused", () => {
    const { mimir: _mimir, ...noMimir } = input;
    expect(
      definitionErrors({
        ...noMimir,
        datasources: { ...input.datasources, mimirUrl: "http://mimir.elsewhere/prometheus" },
        values: { mimir: { ingester: { replicas: 5 } } },
      }),
    ).toEqual([["definition/values-unused", "values.mimir"]]);
  });
});
