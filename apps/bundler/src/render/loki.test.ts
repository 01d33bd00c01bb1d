// Loki deployed by a bundle as its own Application (grafana-community loki chart, monolithic). Facts from the chart's
// sources (grafana-community/helm-charts charts/loki 18.11.0): values.yaml (deploymentMode, singleBinary, the 8 GiB
// chunks cache, auth_enabled: true by default), templates/validate.yaml (scalable targets must be 0 with a single
// binary; a schemaConfig is required), templates/backend/clusterrole.yaml (no ClusterRole with rbac.namespaced).
import { DISTRIBUTIONS, findChart, renderedKinds } from "@lgtm-gitops/charts";
import { validateDocuments } from "@lgtm-gitops/validators";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { definitionSchema, LOGS_CHART, lokiDeploymentSchema } from "../definition/schema.js";
import { definitionErrors, TEMPO3_BASE, TEMPO3_STORAGE } from "./__fixtures__/tempo3-definition.js";
import { renderCluster } from "./cluster.js";

const input = {
  ...TEMPO3_BASE,
  distribution: "rke2",
  tempo: {
    storage: TEMPO3_STORAGE,
    kafka: { address: "kafka.example:9092", partitions: 1 },
  },
  datasources: { mimirUrl: "http://mimir-gateway.mimir.svc.cluster.local/prometheus" },
  loki: {
    storage: {
      backend: "s3",
      buckets: { chunks: "logs-chunks", ruler: "logs-ruler" },
      endpoint: "minio.storage:9000",
      insecure: true,
      forcePathStyle: true,
      credentials: { secretName: "loki-s3" },
    },
  },
};

type Values = Record<string, Record<string, unknown>>;

function render(over: Record<string, unknown> = {}) {
  const r = renderCluster(definitionSchema.parse({ ...input, ...over }));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.value;
}

describe("a bundle with its own Loki", () => {
  const files = render();
  const loki = parseYaml(files.get("values/loki.yaml")!) as Values;

  it("adds the loki release (Application and values) and wires Grafana's Loki datasource to its gateway", () => {
    expect(files.has("applications/loki.yaml")).toBe(true);
    const kps = files.get("values/kube-prometheus-stack.yaml")!;
    expect(kps).toContain("url: http://loki-gateway.loki.svc.cluster.local");
  });

  it("runs the single binary only, with the chart's heavy defaults off and namespaced RBAC", () => {
    expect(loki.deploymentMode).toBe("Monolithic");
    expect(loki.singleBinary).toMatchObject({ replicas: 1, extraArgs: ["-config.expand-env=true"] });
    for (const target of ["read", "write", "backend"]) expect(loki[target]).toEqual({ replicas: 0 });
    expect(loki.chunksCache).toEqual({ enabled: false });
    expect(loki.rbac).toEqual({ namespaced: true });
    expect(renderedKinds(findChart(LOGS_CHART, "18.11.0")!, loki).cluster).toEqual([]);
  });

  it("keeps S3 keys in a Secret and expands them at start-up", () => {
    const storage = loki.loki?.storage as { s3: Record<string, unknown>; bucketNames: Record<string, string> };
    expect(storage.bucketNames).toEqual({ chunks: "logs-chunks", ruler: "logs-ruler" });
    expect(storage.s3).toMatchObject({
      endpoint: "minio.storage:9000",
      accessKeyId: "${LOKI_S3_ACCESS_KEY}",
      secretAccessKey: "${LOKI_S3_SECRET_KEY}",
      s3ForcePathStyle: true,
      insecure: true,
    });
    expect(JSON.stringify(loki.singleBinary)).toContain('"secretKeyRef":{"name":"loki-s3","key":"access_key_secret"}');
  });

  it("resolves the gateway's upstreams through the distribution's DNS (RKE2)", () => {
    expect(loki.global).toEqual({ dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" });
  });

  it("turns Loki's tenant check on exactly when Grafana sends a tenant", () => {
    expect(loki.loki?.auth_enabled).toBe(false);
    const tenanted = parseYaml(
      render({ datasources: { ...input.datasources, tenant: "ops" } }).get("values/loki.yaml")!,
    ) as Values;
    expect(tenanted.loki?.auth_enabled).toBe(true);
  });

  it("replicates 3 ways from 3 pods", () => {
    const three = parseYaml(render({ loki: { ...input.loki, replicas: 3 } }).get("values/loki.yaml")!) as Values;
    expect(three.loki?.commonConfig).toEqual({ replication_factor: 3 });
  });

  it("writes values the loki chart reads: lint finds nothing", () => {
    const diags = validateDocuments([{ file: "loki.yaml", chart: findChart(LOGS_CHART, "18.11.0")!, values: loki }], {
      distribution: "rke2",
    });
    expect(diags).toEqual([]);
  });
});

describe("Loki definitions that cannot work", () => {
  const errors = (over: Record<string, unknown>) => definitionErrors({ ...input, ...over });

  it("a second Loki: lgtm-distributed installs one, or datasources.lokiUrl names one", () => {
    expect(errors({ stack: { chart: "lgtm-distributed" }, tempo: { storage: input.tempo.storage } })).toContainEqual([
      "definition/loki-twice",
      "loki",
    ]);
    expect(errors({ datasources: { ...input.datasources, lokiUrl: "http://loki.elsewhere" } })).toEqual([
      ["definition/loki-twice", "datasources.lokiUrl"],
    ]);
  });

  it("the same bucket for chunks and ruler, an endpoint with a scheme", () => {
    const storage = input.loki.storage;
    expect(errors({ loki: { storage: { ...storage, buckets: { chunks: "logs-same", ruler: "logs-same" } } } })).toEqual(
      [["definition/invalid", "loki.storage.buckets.ruler"]],
    );
    expect(errors({ loki: { storage: { ...storage, endpoint: "http://minio:9000" } } })).toEqual([
      ["definition/invalid", "loki.storage.endpoint"],
    ]);
  });
});

describe("values.loki: pass-through values for the loki chart", () => {
  const irsa = { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/loki-s3" };
  // IRSA: no S3 keys in a Secret, the pod's identity from the annotated ServiceAccount.
  const { credentials: _credentials, ...irsaStorage } = input.loki.storage;
  const withValues = (loki: Record<string, unknown>, storage: Record<string, unknown> = irsaStorage) =>
    renderCluster(
      definitionSchema.parse({
        ...input,
        distribution: "eks",
        loki: { ...input.loki, storage: { ...storage, endpoint: undefined, insecure: false, region: "eu-west-1" } },
        values: { loki },
      }),
    );
  const at = (r: ReturnType<typeof withValues>, ruleId: string) =>
    r.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => [d.severity, d.path.join(".")]);

  it("annotates Loki's ServiceAccount for IRSA: merged over the generated values, nothing reported", () => {
    const r = withValues({ serviceAccount: { annotations: irsa } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
    // (The Tempo stack's own warnings, memory limits its definition leaves to the chart, are not Loki's.)
    expect(r.diagnostics.filter((d) => d.path[0] !== "tempo")).toEqual([]);
    const values = parseYaml(r.value.get("values/loki.yaml")!) as Values;
    expect(values.serviceAccount).toEqual({ annotations: irsa });
    // The rest is the generated values, untouched.
    expect(values.deploymentMode).toBe("Monolithic");
    expect(values.singleBinary).toEqual({ replicas: 1, persistence: { size: "10Gi" } });
  });

  it("refuses a key the chart version does not read, at values.loki, with the nearest key", () => {
    const r = withValues({ serviceAcount: { annotations: irsa } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "chart/unknown-key",
        severity: "error",
        path: ["values", "loki", "serviceAcount"],
        fix: "Rename it to `values.loki.serviceAccount`.",
      }),
    );
  });

  it("refuses an S3 secret key written in plain text, at the values.loki field that writes it", () => {
    const r = withValues({
      loki: { storage: { s3: { secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } } },
    });
    expect(r.ok).toBe(false);
    expect(at(r, "secret/plaintext-credential")).toEqual([["error", "values.loki.loki.storage.s3.secretAccessKey"]]);
  });

  it("warns when it replaces what the typed loki: fields generate (bucket names, the monolithic layout), naming them", () => {
    const r = withValues({
      loki: { storage: { bucketNames: { chunks: "other-chunks" } } },
      deploymentMode: "SimpleScalable",
    });
    const warnings = r.diagnostics.filter((d) => d.ruleId === "definition/values-override");
    expect(warnings.map((d) => [d.severity, d.path.join(".")])).toEqual([
      ["warning", "values.loki.deploymentMode"],
      ["warning", "values.loki.loki.storage.bucketNames.chunks"],
    ]);
    expect(warnings[1]?.message).toContain(
      '`loki.storage.buckets.chunks` gives "logs-chunks", the chart gets "other-chunks"',
    );
    expect(warnings[0]?.message).toContain('`loki` gives "Monolithic", the chart gets "SimpleScalable"');
  });

  it("the cluster README shows what the chart gets when values.loki replaces a typed loki: value", () => {
    const r = withValues({ singleBinary: { replicas: 2 }, loki: { limits_config: { retention_period: "168h" } } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
    const readme = r.value.get("README.md")!;
    expect(readme).toContain("monolithic: 2 single-binary pod(s)");
    expect(readme).toContain("keeps logs 168h");
    expect(r.diagnostics.filter((d) => d.ruleId === "definition/values-override").map((d) => d.path.join("."))).toEqual(
      ["values.loki.loki.limits_config.retention_period", "values.loki.singleBinary.replicas"],
    );
  });

  it("without loki: there is no Loki Application to pass values to: refused", () => {
    const { loki: _loki, ...noLoki } = input;
    expect(
      definitionErrors({
        ...noLoki,
        datasources: { ...input.datasources, lokiUrl: "http://loki.elsewhere" },
        values: { loki: { serviceAccount: { annotations: irsa } } },
      }),
    ).toEqual([["definition/values-unused", "values.loki"]]);
  });
});

describe("the DNS rules on the bundle's Loki gateway", () => {
  const versions = lokiDeploymentSchema.shape.version.unwrap().options;
  const renderOn = (distribution: string, over: Record<string, unknown> = {}) =>
    renderCluster(definitionSchema.parse({ ...input, distribution, ...over }));

  it("the generated loki values lint clean on every distribution, for every loki version generate writes", () => {
    expect(versions.length).toBeGreaterThan(0);
    for (const distribution of DISTRIBUTIONS)
      for (const version of versions) {
        const r = renderOn(distribution, { loki: { ...input.loki, version } });
        const dns = r.diagnostics.filter((d) => d.ruleId.startsWith("dns/"));
        expect([distribution, version, r.ok, dns]).toEqual([distribution, version, true, []]);
      }
  });

  it("a resolver passed through values.loki that the distribution does not have is an error there, with the fix", () => {
    const openshift = renderOn("openshift", {
      values: { loki: { gateway: { nginxConfig: { resolver: "kube-dns.kube-system.svc.cluster.local." } } } },
    });
    expect(openshift.ok).toBe(false);
    expect(openshift.diagnostics.filter((d) => d.ruleId.startsWith("dns/"))).toEqual([
      expect.objectContaining({
        ruleId: "dns/gateway-resolver",
        severity: "error",
        path: ["values", "loki", "gateway", "nginxConfig", "resolver"],
        fix: "Set `values.loki.gateway.nginxConfig.resolver: dns-default.openshift-dns.svc.cluster.local.` or remove it and set `global.dnsService: dns-default`.",
      }),
    ]);
    const aks = renderOn("aks", {
      values: {
        loki: { gateway: { nginxConfig: { resolver: "rke2-coredns-rke2-coredns.kube-system.svc.cluster.local." } } },
      },
    });
    expect(aks.ok).toBe(false);
    expect(aks.diagnostics.filter((d) => d.ruleId.startsWith("dns/")).map((d) => [d.ruleId, d.path.join(".")])).toEqual(
      [
        ["dns/distribution-mismatch", "values.loki.gateway.nginxConfig.resolver"],
        ["dns/gateway-resolver", "values.loki.gateway.nginxConfig.resolver"],
      ],
    );
  });

  it("a basic-auth password passed through values.loki is refused (the gateway's secret check)", () => {
    const r = renderCluster(
      definitionSchema.parse({
        ...input,
        values: {
          loki: { gateway: { basicAuth: { enabled: true, username: "grafana", password: "hunter2hunter2" } } },
        },
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.filter((d) => d.ruleId === "secret/plaintext").map((d) => d.path.join("."))).toEqual([
      "values.loki.gateway.basicAuth.password",
    ]);
  });
});
