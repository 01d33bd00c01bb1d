import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appProject } from "./app-project.js";
import { application, gitSource, helmSource } from "./application.js";
import { applicationSet, gitDirectoryGenerator } from "./application-set.js";
import { component, kustomization } from "./kustomization.js";
import { SYNC_WAVE_ANNOTATION } from "./metadata.js";
import { namespace } from "./namespace.js";
import { lgtmApp, REPO } from "./sample-application.fixture.js";
import { kubectlAvailable, kustomizeBuild } from "./testing.js";
import { validateBundle } from "./validate.js";
import { toYaml, toYamlDocument } from "./yaml-writer.js";

const gen = { generatedBy: "lgtm-gitops (pnpm gitops generate)" };
const hasKubectl = kubectlAvailable();
const SKIP = hasKubectl ? "" : " [SKIPPED: kubectl not found on PATH or $KUBECTL]";
if (!hasKubectl) console.warn("kubectl not found (PATH or $KUBECTL): the kubectl kustomize tests are skipped");

type Obj = {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

/** A per-cluster bundle as the bundler lays it out, as objects per file. */
function sampleBundle(): Record<string, unknown[]> {
  return {
    "kustomization.yaml": [
      kustomization({
        resources: ["namespaces.yaml", "project.yaml", "applications/lgtm.yaml", "applications/kps.yaml"],
        components: ["components/late-wave"],
        labels: [{ pairs: { "app.kubernetes.io/part-of": "lgtm-gitops" }, includeSelectors: false }],
        commonAnnotations: { "lgtm-gitops/cluster": "c1" },
        configMapGenerator: [{ name: "bundle-info", namespace: "argocd", literals: ["cluster=c1"] }],
        generatorOptions: { disableNameSuffixHash: true },
        patches: [
          {
            patch: "- op: add\n  path: /spec/revisionHistoryLimit\n  value: 3\n",
            target: { group: "argoproj.io", kind: "Application" },
          },
        ],
      }),
    ],
    "namespaces.yaml": [namespace("monitoring", { syncWave: -1 }), namespace("tracing", { syncWave: -1 })],
    "project.yaml": [
      appProject({
        name: "observability",
        sourceRepos: [
          REPO,
          "https://grafana.github.io/helm-charts",
          "https://prometheus-community.github.io/helm-charts",
        ],
        destinations: [
          { name: "c1", namespace: "monitoring" },
          { name: "c1", namespace: "tracing" },
        ],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      }),
    ],
    "applications/lgtm.yaml": [lgtmApp()],
    "applications/kps.yaml": [
      application({
        name: "kube-prometheus-stack",
        project: "observability",
        source: helmSource({
          repoURL: "https://prometheus-community.github.io/helm-charts",
          chart: "kube-prometheus-stack",
          targetRevision: "88.5.3",
          releaseName: "kps",
          valuesObject: { grafana: { enabled: true, adminPassword: "" } },
        }),
        destination: { name: "c1", namespace: "monitoring" },
        syncPolicy: { syncOptions: ["ServerSideApply=true"] },
        ignoreDifferences: [
          {
            group: "admissionregistration.k8s.io",
            kind: "MutatingWebhookConfiguration",
            jqPathExpressions: [".webhooks[]?.clientConfig.caBundle"],
          },
        ],
      }),
    ],
    "components/late-wave/kustomization.yaml": [
      component({
        patches: [
          {
            patch: `- op: replace\n  path: /metadata/annotations/${SYNC_WAVE_ANNOTATION.replace("/", "~1")}\n  value: "5"\n`,
            target: { kind: "Application", name: "kube-prometheus-stack" },
          },
        ],
      }),
    ],
    "values/lgtm.yaml": [{ grafana: { enabled: false }, tempo: { ingester: { replicas: 3 } } }],
  };
}

function render(bundle: Record<string, unknown[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bundle).map(([path, docs]) => [
      path,
      path.startsWith("values/") ? toYamlDocument(docs[0], gen) : toYaml(docs, gen),
    ]),
  );
}

describe("sample bundle", () => {
  it("is valid", () => {
    expect(validateBundle(sampleBundle())).toEqual([]);
  });

  it(`builds with kubectl kustomize, keeping Argo CD fields intact${SKIP}`, { skip: !hasKubectl }, async () => {
    const r = await kustomizeBuild(render(sampleBundle()));
    if (!r.ok) throw new Error(r.error);
    const objects = r.objects as Obj[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "Namespace/monitoring",
      "Namespace/tracing",
      "ConfigMap/bundle-info",
      "AppProject/observability",
      "Application/kube-prometheus-stack",
      "Application/lgtm",
    ]);
    const lgtm = objects.find((o) => o.metadata.name === "lgtm")!;
    expect(lgtm.metadata.namespace).toBe("argocd");
    expect(lgtm.metadata.labels).toEqual({ "app.kubernetes.io/part-of": "lgtm-gitops" });
    expect(lgtm.metadata.annotations).toEqual({ [SYNC_WAVE_ANNOTATION]: "1", "lgtm-gitops/cluster": "c1" });
    expect(lgtm.spec).toEqual({ ...lgtmApp().spec, revisionHistoryLimit: 3 });
    const kps = objects.find((o) => o.metadata.name === "kube-prometheus-stack")!;
    expect(kps.metadata.annotations?.[SYNC_WAVE_ANNOTATION]).toBe("5");
    expect(objects.find((o) => o.kind === "ConfigMap")?.data).toEqual({ cluster: "c1" });
  });

  it(`builds to the same bytes every time${SKIP}`, { skip: !hasKubectl }, async () => {
    const a = await kustomizeBuild(render(sampleBundle()));
    const b = await kustomizeBuild(render(sampleBundle()));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.output).toBe(a.output);
  });

  it(`builds the bootstrap folder (root Application + ApplicationSet)${SKIP}`, { skip: !hasKubectl }, async () => {
    const root = application({
      name: "c1-root",
      project: "default",
      source: gitSource({ repoURL: REPO, path: "clusters/c1", targetRevision: "main" }),
      destination: { name: "in-cluster", namespace: "argocd" },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    const set = applicationSet({
      name: "cluster-roots",
      generators: [
        gitDirectoryGenerator({
          repoURL: REPO,
          revision: "main",
          directories: [{ path: "clusters/*" }, { path: "clusters/bootstrap", exclude: true }],
        }),
      ],
      template: {
        metadata: { name: "{{.path.basename}}-root" },
        spec: {
          project: "default",
          source: gitSource({ repoURL: REPO, path: "{{.path.path}}", targetRevision: "main" }),
          destination: { name: "in-cluster", namespace: "argocd" },
        },
      },
    });
    const files = {
      "kustomization.yaml": [kustomization({ resources: ["roots.yaml", "appset.yaml"] })],
      "roots.yaml": [root],
      "appset.yaml": [set],
    };
    expect(validateBundle(files)).toEqual([]);
    const r = await kustomizeBuild(render(files));
    if (!r.ok) throw new Error(r.error);
    expect(r.objects).toEqual([root, set]);
  });
});

describe("why the bundle rules exist (kubectl kustomize behaviour)", () => {
  it(`namespace: in the kustomization moves Applications out of argocd, and validateBundle rejects it${SKIP}`, {
    skip: !hasKubectl,
  }, async () => {
    const bundle = sampleBundle();
    bundle["kustomization.yaml"] = [kustomization({ namespace: "monitoring", resources: ["applications/lgtm.yaml"] })];
    const r = await kustomizeBuild(render(bundle));
    if (!r.ok) throw new Error(r.error);
    expect((r.objects as Obj[])[0]?.metadata.namespace).toBe("monitoring");
    expect(validateBundle(bundle).map((i) => i.ruleId)).toEqual(["kustomize/namespace-with-applications"]);
  });

  it(`a Component's namespace: moves them too, and validateBundle rejects it${SKIP}`, {
    skip: !hasKubectl,
  }, async () => {
    const bundle = sampleBundle();
    bundle["kustomization.yaml"] = [
      kustomization({ resources: ["applications/lgtm.yaml"], components: ["components/ns"] }),
    ];
    bundle["components/ns/kustomization.yaml"] = [component({ namespace: "monitoring" })];
    const r = await kustomizeBuild(render(bundle));
    if (!r.ok) throw new Error(r.error);
    expect((r.objects as Obj[])[0]?.metadata.namespace).toBe("monitoring");
    expect(validateBundle(bundle).map((i) => `${i.ruleId} ${formatPath(i.path)}`)).toEqual([
      "kustomize/namespace-with-applications components[0]",
    ]);
  });

  it(`helmCharts fails without --enable-helm, and validateObject warns about it${SKIP}`, {
    skip: !hasKubectl,
  }, async () => {
    const k = kustomization({
      helmCharts: [{ name: "tempo-distributed", repo: "https://grafana.github.io/helm-charts", version: "1.61.3" }],
    });
    const r = await kustomizeBuild({ "kustomization.yaml": toYaml([k], gen) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("--enable-helm");
    expect(validateBundle({ "kustomization.yaml": [k] }).map((i) => i.ruleId)).toEqual(["kustomize/helm-charts"]);
  });

  it(`an unknown kustomization field fails the build, and validateObject reports it first${SKIP}`, {
    skip: !hasKubectl,
  }, async () => {
    const text = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresource:\n  - a.yaml\n";
    const r = await kustomizeBuild({ "kustomization.yaml": text });
    expect(r.ok).toBe(false);
    expect(
      validateBundle({ "kustomization.yaml": [parse(text)] }).map((i) => `${i.ruleId} ${formatPath(i.path)}`),
    ).toEqual(["kustomize/unknown-field resource"]);
  });
});

describe("kustomizeBuild", () => {
  it("refuses paths outside its folder without running kubectl", async () => {
    const r = await kustomizeBuild({ "../escape.yaml": "x: 1\n" });
    expect(r).toEqual({
      ok: false,
      error: 'file path "../escape.yaml" must be relative and stay inside the build folder',
    });
  });

  it(`returns kubectl's error for a broken kustomization${SKIP}`, { skip: !hasKubectl }, async () => {
    const r = await kustomizeBuild({
      "kustomization.yaml": toYaml([kustomization({ resources: ["missing.yaml"] })], gen),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("missing.yaml");
  });
});
