import { describe, expect, it } from "vitest";
import { appProject } from "./app-project.js";
import { application, gitSource, helmSource, valuesRefSource } from "./application.js";
import { applicationSet, clusterGenerator, gitDirectoryGenerator } from "./application-set.js";
import { IN_CLUSTER_SERVER, RESOURCES_FINALIZER } from "./argocd-constants.js";
import type { Issue } from "./issue.js";
import { component, kustomization } from "./kustomization.js";
import { namespace } from "./namespace.js";
import { validateBundle, validateObject } from "./validate.js";

const REPO = "https://git.example.com/org/gitops.git";

function lgtmApp() {
  return application({
    name: "lgtm",
    project: "observability",
    finalizers: [RESOURCES_FINALIZER],
    syncWave: 1,
    sources: [
      helmSource({
        repoURL: "https://grafana.github.io/helm-charts",
        chart: "lgtm-distributed",
        targetRevision: "2.1.0",
        releaseName: "lgtm",
        valueFiles: ["$values/clusters/c1/values/lgtm.yaml"],
      }),
      valuesRefSource({ repoURL: REPO, targetRevision: "main" }),
    ],
    destination: { name: "c1", namespace: "monitoring" },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
    },
  });
}

/** A deep copy the test may break. */
function clone<T>(v: T): T {
  return structuredClone(v);
}

function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code} ${i.path}`);
}

describe("validateObject: valid objects pass", () => {
  it("accepts what the builders make", () => {
    expect(validateObject(lgtmApp())).toEqual([]);
    expect(validateObject(namespace("monitoring", { syncWave: -1, labels: { team: "obs" } }))).toEqual([]);
    expect(
      validateObject(
        appProject({
          name: "observability",
          description: "LGTM stack",
          sourceRepos: [REPO, "https://grafana.github.io/helm-charts"],
          destinations: [{ name: "c1", namespace: "monitoring" }],
          clusterResourceWhitelist: [{ group: "*", kind: "*" }],
          finalizers: [RESOURCES_FINALIZER],
        }),
      ),
    ).toEqual([]);
    expect(
      validateObject(
        applicationSet({
          name: "cluster-roots",
          generators: [gitDirectoryGenerator({ repoURL: REPO, directories: [{ path: "clusters/*" }] })],
          template: {
            metadata: { name: "{{.path.basename}}-root", finalizers: [RESOURCES_FINALIZER] },
            spec: {
              project: "default",
              source: gitSource({ repoURL: REPO, path: "{{.path.path}}" }),
              destination: { name: "in-cluster", namespace: "argocd" },
            },
          },
        }),
      ),
    ).toEqual([]);
    expect(
      validateObject(
        applicationSet({
          name: "per-cluster",
          generators: [clusterGenerator({ selector: { matchLabels: { lgtm: "enabled" } } })],
          template: {
            metadata: { name: "{{.name}}-apps" },
            spec: {
              project: "default",
              source: gitSource({ repoURL: REPO, path: "clusters/{{.name}}" }),
              destination: { server: "{{.server}}", namespace: "argocd" },
            },
          },
        }),
      ),
    ).toEqual([]);
    expect(
      validateObject(
        kustomization({
          resources: ["namespaces.yaml"],
          components: ["../components/wave"],
          labels: [{ pairs: { "app.kubernetes.io/part-of": "lgtm" }, includeSelectors: false }],
          commonAnnotations: { team: "obs" },
          configMapGenerator: [{ name: "bundle-info", literals: ["cluster=c1"] }],
          generatorOptions: { disableNameSuffixHash: true },
          patches: [{ patch: "- op: add\n  path: /x\n  value: 1\n", target: { kind: "Application" } }],
          images: [{ name: "nginx", newTag: "1.27" }],
          replacements: [
            {
              source: { kind: "ConfigMap", name: "bundle-info", fieldPath: "data.cluster" },
              targets: [{ select: { kind: "Application" }, fieldPaths: ["spec.destination.name"] }],
            },
          ],
        }),
      ),
    ).toEqual([]);
    expect(validateObject(component({ patches: [{ path: "wave.yaml" }] }))).toEqual([]);
  });

  it("checks only labels and annotations of kinds it does not model", () => {
    expect(validateObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "Whatever_Name" } })).toEqual([]);
    expect(
      codes(
        validateObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels: { "bad key!": "v" } } }),
      ),
    ).toEqual(['k8s/label metadata.labels["bad key!"]']);
  });
});

describe("validateObject: argocd/destination (server xor name)", () => {
  it("rejects both server and name, with the path", () => {
    const app = clone(lgtmApp());
    app.spec.destination.server = IN_CLUSTER_SERVER;
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/destination spec.destination"]);
    expect(issues[0]?.message).toMatch(/^spec\.destination: sets both server/);
    expect(issues[0]?.fix).toBeDefined();
  });
  it("rejects neither", () => {
    const app = clone(lgtmApp());
    app.spec.destination = { namespace: "monitoring" };
    expect(codes(validateObject(app))).toEqual(["argocd/destination spec.destination"]);
  });
  it("accepts server alone", () => {
    const app = clone(lgtmApp());
    app.spec.destination = { server: IN_CLUSTER_SERVER, namespace: "monitoring" };
    expect(validateObject(app)).toEqual([]);
  });
  it("applies to ApplicationSet templates too", () => {
    const set = applicationSet({
      name: "s",
      generators: [clusterGenerator()],
      template: {
        metadata: { name: "{{.name}}" },
        spec: {
          project: "default",
          source: gitSource({ repoURL: REPO, path: "x" }),
          destination: { name: "{{.name}}", server: "{{.server}}" },
        },
      },
    });
    expect(codes(validateObject(set))).toEqual(["argocd/destination spec.template.spec.destination"]);
  });
});

describe("validateObject: argocd/values-ref ($values only at the start, and defined)", () => {
  it("rejects $values in the middle of a value file", () => {
    const app = clone(lgtmApp());
    app.spec.sources![0]!.helm!.valueFiles = ["clusters/$values/c1/lgtm.yaml"];
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/values-ref spec.sources[0].helm.valueFiles[0]"]);
    expect(issues[0]?.fix).toContain('"$values/c1/lgtm.yaml"');
  });
  it("rejects a ref that no source defines", () => {
    const app = clone(lgtmApp());
    app.spec.sources![0]!.helm!.valueFiles = ["$config/c1.yaml"];
    expect(codes(validateObject(app))).toEqual(["argocd/values-ref spec.sources[0].helm.valueFiles[0]"]);
  });
  it("rejects $values in a single-source Application", () => {
    const app = application({
      name: "x",
      project: "p",
      source: helmSource({ repoURL: "https://c", chart: "c", targetRevision: "1", valueFiles: ["$values/a.yaml"] }),
      destination: { name: "c1" },
    });
    expect(codes(validateObject(app))).toEqual(["argocd/values-ref spec.source.helm.valueFiles[0]"]);
  });
  it("accepts plain relative value files and $values at the start", () => {
    const app = clone(lgtmApp());
    app.spec.sources![0]!.helm!.valueFiles = ["values.yaml", "$values/clusters/c1/values/lgtm.yaml"];
    expect(validateObject(app)).toEqual([]);
  });
});

describe("validateObject: argocd/ref-with-chart", () => {
  it("rejects a ref source with a chart", () => {
    const app = clone(lgtmApp());
    app.spec.sources![1]!.chart = "lgtm-distributed";
    expect(codes(validateObject(app))).toEqual(["argocd/ref-with-chart spec.sources[1].chart"]);
  });
  it("accepts a ref source without one", () => {
    expect(validateObject(lgtmApp())).toEqual([]);
  });
});

describe("validateObject: argocd/sources", () => {
  it("rejects an Application with no source", () => {
    const app = clone(lgtmApp());
    delete app.spec.sources;
    expect(codes(validateObject(app))).toEqual(["argocd/sources spec"]);
  });
  it("warns when source is ignored because sources is set", () => {
    const app = clone(lgtmApp());
    app.spec.source = gitSource({ repoURL: REPO, path: "x" });
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/sources spec.source"]);
    expect(issues[0]?.severity).toBe("warning");
  });
});

describe("validateObject: argocd/sync-option", () => {
  it("rejects unknown options and bad values, suggesting the right spelling", () => {
    const app = clone(lgtmApp());
    app.spec.syncPolicy!.syncOptions = [
      "CreateNamespace=true",
      "ServerSideAply=true",
      "PrunePropagationPolicy=later",
      "PruneLast",
    ];
    const issues = validateObject(app);
    expect(codes(issues)).toEqual([
      "argocd/sync-option spec.syncPolicy.syncOptions[1]",
      "argocd/sync-option spec.syncPolicy.syncOptions[2]",
      "argocd/sync-option spec.syncPolicy.syncOptions[3]",
    ]);
    expect(issues[0]?.fix).toBe('Did you mean "ServerSideApply=true"?');
  });
  it("accepts every known option", () => {
    const app = clone(lgtmApp());
    app.spec.syncPolicy!.syncOptions = [
      "CreateNamespace=true",
      "ServerSideApply=true",
      "PruneLast=true",
      "ApplyOutOfSyncOnly=true",
      "RespectIgnoreDifferences=true",
      "SkipDryRunOnMissingResource=true",
      "PrunePropagationPolicy=foreground",
      "Validate=false",
      "FailOnSharedResource=true",
      "ClientSideApplyMigration=false",
      "Replace=true",
    ];
    expect(validateObject(app)).toEqual([]);
  });
  it("warns about managedNamespaceMetadata without CreateNamespace=true", () => {
    const app = clone(lgtmApp());
    app.spec.syncPolicy = { syncOptions: ["ServerSideApply=true"], managedNamespaceMetadata: { labels: { a: "b" } } };
    expect(codes(validateObject(app))).toEqual([
      "argocd/managed-namespace-metadata spec.syncPolicy.managedNamespaceMetadata",
    ]);
    app.spec.syncPolicy.syncOptions = ["CreateNamespace=true"];
    expect(validateObject(app)).toEqual([]);
  });
});

describe("validateObject: names are DNS-1123", () => {
  it("rejects a bad Application, Namespace and destination namespace name", () => {
    const app = clone(lgtmApp());
    app.metadata.name = "LGTM_Stack";
    app.spec.destination.namespace = "Monitoring";
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["k8s/dns-name metadata.name", "k8s/dns-name spec.destination.namespace"]);
    expect(issues[0]?.fix).toBe('Use "lgtm-stack".');
    expect(codes(validateObject(namespace("monitoring.v2")))).toEqual(["k8s/dns-name metadata.name"]);
    expect(codes(validateObject(namespace("x".repeat(64))))).toEqual(["k8s/dns-name metadata.name"]);
    expect(validateObject(namespace("x".repeat(63)))).toEqual([]);
  });
  it("rejects a bad generator name in a kustomization", () => {
    expect(codes(validateObject(kustomization({ configMapGenerator: [{ name: "Bundle_Info" }] })))).toEqual([
      "k8s/dns-name configMapGenerator[0].name",
    ]);
  });
  it("warns on Application names longer than a label value allows", () => {
    const app = clone(lgtmApp());
    app.metadata.name = "a".repeat(64);
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["k8s/dns-name metadata.name"]);
    expect(issues[0]?.severity).toBe("warning");
  });
});

describe("validateObject: argocd/sync-wave", () => {
  it("rejects a non-integer wave and accepts negative ones", () => {
    expect(codes(validateObject(namespace("a", { annotations: { "argocd.argoproj.io/sync-wave": "first" } })))).toEqual(
      ['argocd/sync-wave metadata.annotations["argocd.argoproj.io/sync-wave"]'],
    );
    expect(validateObject(namespace("a", { syncWave: -5 }))).toEqual([]);
  });
  it("rejects an unquoted number (annotations are strings)", () => {
    const ns = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "a", annotations: { "argocd.argoproj.io/sync-wave": 1 } },
    };
    expect(codes(validateObject(ns))).toEqual(['k8s/schema metadata.annotations["argocd.argoproj.io/sync-wave"]']);
  });
});

describe("validateObject: CRD schema (unknown fields and types)", () => {
  it("catches an unknown field in an Application spec with its path and a suggestion", () => {
    const app = clone(lgtmApp()) as unknown as { spec: Record<string, unknown> };
    app.spec.sourcez = [];
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/unknown-field spec.sourcez"]);
    expect(issues[0]?.message).toMatch(/^spec\.sourcez: is not a field of Application/);
    expect(issues[0]?.fix).toBe('Did you mean "source"?');
  });
  it("catches a typo deep inside a source's helm block", () => {
    const app = clone(lgtmApp()) as unknown as { spec: { sources: { helm?: Record<string, unknown> }[] } };
    app.spec.sources[0]!.helm!.valuesObj = { a: 1 };
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/unknown-field spec.sources[0].helm.valuesObj"]);
    expect(issues[0]?.fix).toBe('Did you mean "valuesObject"?');
  });
  it("lets anything through inside valuesObject (preserve-unknown-fields)", () => {
    const app = clone(lgtmApp());
    app.spec.sources![0]!.helm!.valuesObject = { anything: { at: ["all", 1, true] } };
    expect(validateObject(app)).toEqual([]);
  });
  it("reports wrong types and missing required fields once, from the CRD", () => {
    const app = clone(lgtmApp()) as unknown as {
      spec: Record<string, unknown> & { syncPolicy: { automated: Record<string, unknown> } };
    };
    app.spec.syncPolicy.automated.prune = "yes";
    delete app.spec.project;
    expect(codes(validateObject(app))).toEqual([
      "argocd/crd-schema spec.project",
      "argocd/crd-schema spec.syncPolicy.automated.prune",
    ]);
  });
  it("catches unknown fields in AppProject and ApplicationSet too", () => {
    const project = clone(appProject({ name: "p", sourceRepos: [REPO] })) as unknown as {
      spec: Record<string, unknown>;
    };
    project.spec.sourceRepo = [REPO];
    expect(codes(validateObject(project))).toEqual(["argocd/unknown-field spec.sourceRepo"]);
    const set = clone(
      applicationSet({
        name: "s",
        generators: [gitDirectoryGenerator({ repoURL: REPO, directories: [{ path: "clusters/*" }] })],
        template: {
          metadata: { name: "{{.path.basename}}" },
          spec: { project: "p", source: gitSource({ repoURL: REPO, path: "x" }), destination: { name: "in-cluster" } },
        },
      }),
    ) as unknown as { spec: { generators: { git: Record<string, unknown> }[] } };
    set.spec.generators[0]!.git.directory = [];
    expect(codes(validateObject(set))).toEqual(["argocd/unknown-field spec.generators[0].git.directory"]);
  });
  it("rejects typos in metadata (not covered by the CRD) through the model", () => {
    const app = clone(lgtmApp()) as unknown as { metadata: Record<string, unknown> };
    app.metadata.annotation = { a: "b" };
    expect(codes(validateObject(app))).toEqual(["argocd/unknown-field metadata.annotation"]);
  });
});

describe("validateObject: kustomize", () => {
  it("rejects unknown kustomization fields like kustomize does", () => {
    const k = { ...kustomization({ resources: ["a.yaml"] }), resource: ["b.yaml"] };
    expect(codes(validateObject(k))).toEqual(["kustomize/unknown-field resource"]);
    const h = kustomization({ helmCharts: [{ name: "x", valuesInline: {} }] }) as unknown as {
      helmCharts: Record<string, unknown>[];
    };
    h.helmCharts[0]!.valuesInLine = {};
    expect(codes(validateObject(h))).toContain("kustomize/unknown-field helmCharts[0].valuesInLine");
  });
  it("reports the closest patch shape when a patch is malformed", () => {
    const k = { ...kustomization({}), patches: [{ patch: 1 }] };
    expect(codes(validateObject(k))).toEqual(["kustomize/schema patches[0].patch"]);
  });
  it("flags helmCharts as needing --enable-helm in Argo CD", () => {
    const issues = validateObject(
      kustomization({
        helmCharts: [{ name: "tempo", repo: "https://grafana.github.io/helm-charts", version: "1.61.3" }],
      }),
    );
    expect(codes(issues)).toEqual(["kustomize/helm-charts helmCharts"]);
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.message).toContain("--enable-helm");
  });
  it("rejects a non-object", () => {
    expect(codes(validateObject("apiVersion: v1"))).toEqual(["k8s/not-an-object "]);
    expect(codes(validateObject({ kind: "Namespace" }))).toEqual(["k8s/not-an-object "]);
  });
});

describe("validateBundle", () => {
  const files = () => ({
    "clusters/c1/kustomization.yaml": [kustomization({ resources: ["namespaces.yaml", "applications"] })],
    "clusters/c1/namespaces.yaml": [namespace("monitoring")],
    "clusters/c1/applications/kustomization.yaml": [kustomization({ resources: ["lgtm.yaml"] })],
    "clusters/c1/applications/lgtm.yaml": [lgtmApp()],
    "clusters/c1/values/lgtm.yaml": [{ grafana: { enabled: true } }],
    "clusters/c1/values/empty.yaml": [null],
  });

  it("accepts a consistent bundle (values files are data and skipped)", () => {
    expect(validateBundle(files())).toEqual([]);
  });

  it("rejects namespace: in a kustomization that lists Applications, directly or through a directory", () => {
    const f = files();
    f["clusters/c1/kustomization.yaml"] = [
      kustomization({ namespace: "monitoring", resources: ["namespaces.yaml", "applications"] }),
    ];
    f["clusters/c1/applications/kustomization.yaml"] = [
      kustomization({ namespace: "monitoring", resources: ["lgtm.yaml"] }),
    ];
    const issues = validateBundle(f);
    expect(issues.map((i) => `${i.file} ${i.code} ${i.path}`)).toEqual([
      "clusters/c1/kustomization.yaml kustomize/namespace-with-applications namespace",
      "clusters/c1/applications/kustomization.yaml kustomize/namespace-with-applications namespace",
    ]);
    expect(issues[0]?.message).toContain("Application/lgtm (clusters/c1/applications/lgtm.yaml)");
  });

  it("rejects a namespace set by an included Component", () => {
    const f = files();
    f["clusters/c1/kustomization.yaml"] = [
      kustomization({ resources: ["applications"], components: ["components/ns"] }),
    ];
    Object.assign(f, { "clusters/c1/components/ns/kustomization.yaml": [component({ namespace: "monitoring" })] });
    const issues = validateBundle(f);
    expect(issues.map((i) => `${i.file} ${i.code} ${i.path}`)).toEqual([
      "clusters/c1/kustomization.yaml kustomize/namespace-with-applications components[0]",
    ]);
    expect(issues[0]?.message).toContain("set by the component in clusters/c1/components/ns/kustomization.yaml");
  });

  it("rejects a listed directory without a kustomization", () => {
    const f = files();
    delete (f as Record<string, unknown>)["clusters/c1/applications/kustomization.yaml"];
    expect(validateBundle(f).map((i) => `${i.file} ${i.code} ${i.path}`)).toEqual([
      "clusters/c1/kustomization.yaml kustomize/missing-resource resources[1]",
    ]);
  });

  it("accepts namespace: in a kustomization without Argo CD objects", () => {
    const f = files();
    f["clusters/c1/kustomization.yaml"] = [kustomization({ resources: ["applications", "infra"] })];
    Object.assign(f, {
      "clusters/c1/infra/kustomization.yaml": [kustomization({ namespace: "monitoring", resources: ["cm.yaml"] })],
      "clusters/c1/infra/cm.yaml": [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }],
    });
    expect(validateBundle(f)).toEqual([]);
  });

  it("reports resources that are not in the bundle, and object issues with their file", () => {
    const f = files();
    f["clusters/c1/kustomization.yaml"] = [
      kustomization({ resources: ["namespace.yaml", "applications", "https://example.com/x.yaml", "../../base"] }),
    ];
    f["clusters/c1/namespaces.yaml"] = [namespace("Monitoring")];
    expect(validateBundle(f).map((i) => `${i.file}#${i.document} ${i.code} ${i.path}`)).toEqual([
      "clusters/c1/namespaces.yaml#0 k8s/dns-name metadata.name",
      "clusters/c1/kustomization.yaml#0 kustomize/missing-resource resources[0]",
    ]);
  });
});
