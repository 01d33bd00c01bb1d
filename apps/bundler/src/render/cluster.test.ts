import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { definitionSchema } from "../definition/schema.js";
import { renderCluster } from "./cluster.js";

const input = {
  name: "c1",
  distribution: "rke2",
  argocd: {
    repoURL: "https://git.example.com/org/gitops.git",
    destination: { server: "https://kubernetes.default.svc" },
  },
  stack: { chart: "lgtm-distributed" },
  tempo: {
    storage: { backend: "s3", bucket: "b", endpoint: "minio:9000", credentials: { secretName: "s3" } },
    receivers: { otlp: { grpc: { enabled: true }, http: { enabled: true } } },
    // Grafana's service map (in the lgtm datasource preset) needs the generator's metrics in Mimir.
    metricsGenerator: {
      enabled: true,
      remoteWrite: [{ url: "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push" }],
    },
  },
  grafana: { adminSecret: { name: "grafana-admin" } },
};

function render(over: Record<string, unknown> = {}) {
  return renderCluster(definitionSchema.parse({ ...input, ...over }));
}

describe("renderCluster", () => {
  it("renders the bundle layout, deterministically", () => {
    const a = render();
    const b = render();
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect([...a.value.keys()]).toEqual([
      "README.md",
      "applications/kube-prometheus-stack.yaml",
      "applications/lgtm-stack.yaml",
      "kustomization.yaml",
      "namespaces.yaml",
      "project.yaml",
      "values/kube-prometheus-stack.yaml",
      "values/lgtm-stack.yaml",
    ]);
    expect([...a.value.entries()]).toEqual([...b.value.entries()]);
  });

  it("sets the RKE2 resolver once for every gateway, switches lgtm's own Grafana off, and keeps the admin password in a Secret", () => {
    const r = render();
    if (!r.ok) throw new Error("render failed");
    const stack = parseYaml(r.value.get("values/lgtm-stack.yaml")!) as Record<string, Record<string, unknown>>;
    expect(stack.global).toMatchObject({ dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" });
    expect(stack.grafana).toEqual({ enabled: false });
    const kps = parseYaml(r.value.get("values/kube-prometheus-stack.yaml")!) as { grafana: Record<string, unknown> };
    expect(kps.grafana.admin).toEqual({
      existingSecret: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    expect(kps.grafana).not.toHaveProperty("adminPassword");
  });

  it("every datasource uid a datasource links to exists", () => {
    const r = render();
    if (!r.ok) throw new Error("render failed");
    const kps = parseYaml(r.value.get("values/kube-prometheus-stack.yaml")!) as {
      grafana: { additionalDataSources: { uid: string; jsonData?: unknown }[] };
    };
    const uids = new Set(["prometheus", "alertmanager", ...kps.grafana.additionalDataSources.map((d) => d.uid)]);
    const linked = JSON.stringify(kps.grafana.additionalDataSources).matchAll(/"datasourceUid":"([^"]+)"/g);
    let n = 0;
    for (const m of linked) {
      expect(uids.has(m[1]!), m[1]).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(3);
  });

  it("rejects pass-through values the chart does not read, with a did-you-mean", () => {
    const r = render({ values: { stack: { tempo: { query_frontend: { replicas: 2 } } } } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "chart/unknown-key",
        path: ["values", "stack", "tempo", "query_frontend"],
        fix: "Move it to `values.stack.tempo.queryFrontend`.",
      }),
    );
  });

  it("without the metrics-generator, leaves out the service map and span-metric links instead of linking to nothing", () => {
    const r = render({ tempo: { ...input.tempo, metricsGenerator: { enabled: false } } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const kps = r.value.get("values/kube-prometheus-stack.yaml")!;
    expect(kps).toContain("tracesToLogsV2");
    expect(kps).not.toContain("serviceMap");
    expect(kps).not.toContain("tracesToMetrics");
    // with the generator on, both links are there
    const on = render();
    if (!on.ok) throw new Error(JSON.stringify(on.diagnostics));
    expect(on.value.get("values/kube-prometheus-stack.yaml")).toContain("serviceMap");
  });

  it("rejects a plain-text admin password passed through, at the definition field that sets it", () => {
    const r = render({ values: { grafana: { grafana: { adminPassword: "admin123" } } } });
    expect(r.ok).toBe(false);
    const found = r.diagnostics.filter((d) => d.ruleId === "secret/plaintext");
    expect(found.map((d) => [d.severity, d.file, formatPath(d.path)])).toEqual([
      ["error", "<definition>", "values.grafana.grafana.adminPassword"],
    ]);
    // The message names the path as the definition writes it.
    expect(found[0]?.message).toContain("`values.grafana.grafana.adminPassword`");
  });

  it("merges accepted pass-through values over the generated ones", () => {
    const r = render({ values: { grafana: { grafana: { persistence: { enabled: true, size: "5Gi" } } } } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const kps = parseYaml(r.value.get("values/kube-prometheus-stack.yaml")!) as { grafana: Record<string, unknown> };
    expect(kps.grafana.persistence).toEqual({ enabled: true, size: "5Gi" });
  });

  it("in-cluster: namespaces.yaml is in the kustomization (the root Application creates them), no namespaces Application", () => {
    for (const destination of [{ server: "https://kubernetes.default.svc" }, { name: "in-cluster" }]) {
      const r = render({ argocd: { ...input.argocd, destination } });
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const k = parseYaml(r.value.get("kustomization.yaml")!) as { resources: string[] };
      expect(k.resources).toEqual([
        "namespaces.yaml",
        "project.yaml",
        "applications/kube-prometheus-stack.yaml",
        "applications/lgtm-stack.yaml",
      ]);
      expect(r.value.has("applications/namespaces.yaml")).toBe(false);
    }
  });

  it("remote: the namespaces go to the target cluster through <cluster>-namespaces, not through the root Application", () => {
    for (const destination of [{ name: "c1" }, { server: "https://c1.example.com:6443" }]) {
      const r = render({ argocd: { ...input.argocd, destination } });
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const k = parseYaml(r.value.get("kustomization.yaml")!) as { resources: string[] };
      expect(k.resources).not.toContain("namespaces.yaml");
      expect(k.resources).toContain("applications/namespaces.yaml");
      expect(r.value.has("namespaces.yaml"), "the layout keeps namespaces.yaml").toBe(true);
      const app = parseYaml(r.value.get("applications/namespaces.yaml")!) as {
        metadata: { name: string; namespace: string; annotations: Record<string, string> };
        spec: {
          project: string;
          source: { repoURL: string; path: string; directory: { include: string } };
          destination: Record<string, string>;
        };
      };
      expect(app.metadata).toMatchObject({
        name: "c1-namespaces",
        namespace: "argocd",
        annotations: { "argocd.argoproj.io/sync-wave": "-1" },
      });
      expect(app.spec.project).toBe("c1");
      expect(app.spec.source).toMatchObject({
        repoURL: input.argocd.repoURL,
        path: "clusters/c1",
        directory: { include: "namespaces.yaml" },
      });
      expect(app.spec.destination).toEqual({ ...destination, namespace: "lgtm-stack" });
      // The AppProject allows it: this repository, this destination and namespace, and Namespaces.
      const project = parseYaml(r.value.get("project.yaml")!) as {
        spec: {
          sourceRepos: string[];
          destinations: Record<string, string>[];
          clusterResourceWhitelist: { group: string; kind: string }[];
        };
      };
      expect(project.spec.sourceRepos).toContain(input.argocd.repoURL);
      expect(project.spec.destinations).toContainEqual({ ...destination, namespace: "lgtm-stack" });
      expect(project.spec.clusterResourceWhitelist).toContainEqual({ group: "", kind: "Namespace" });
      expect(r.value.get("README.md")).toContain("c1-namespaces");
    }
  });

  it('refuses a release named "namespaces" (reserved for the namespaces Application)', () => {
    const parsed = definitionSchema.safeParse({ ...input, stack: { ...input.stack, release: "namespaces" } });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("definition/reserved-release");
  });
});
