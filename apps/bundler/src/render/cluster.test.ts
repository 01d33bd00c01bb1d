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
        path: "values.stack.tempo.query_frontend",
        fix: "Did you mean values.stack.tempo.queryFrontend?",
      }),
    );
  });

  it("without the metrics-generator the service map would be empty: an error", () => {
    const r = render({ tempo: { ...input.tempo, metricsGenerator: { enabled: false } } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === "error" && /metricsGenerator/.test(`${d.message} ${d.fix}`))).toBe(
      true,
    );
  });

  it("rejects a plain-text admin password passed through", () => {
    const r = render({ values: { grafana: { grafana: { adminPassword: "admin123" } } } });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.severity === "error" && d.path === "grafana.adminPassword")).toBe(true);
  });

  it("merges accepted pass-through values over the generated ones", () => {
    const r = render({ values: { grafana: { grafana: { persistence: { enabled: true, size: "5Gi" } } } } });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const kps = parseYaml(r.value.get("values/kube-prometheus-stack.yaml")!) as { grafana: Record<string, unknown> };
    expect(kps.grafana.persistence).toEqual({ enabled: true, size: "5Gi" });
  });
});
