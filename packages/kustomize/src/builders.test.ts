import { describe, expect, it } from "vitest";
import { appProject } from "./app-project.js";
import { application, gitSource, helmSource, valuesRefSource } from "./application.js";
import { applicationSet, clusterGenerator, gitDirectoryGenerator } from "./application-set.js";
import { component, kustomization } from "./kustomization.js";
import { dns1123LabelError, dns1123SubdomainError, labelValueError, qualifiedNameError } from "./names.js";
import { namespace } from "./namespace.js";

describe("builders", () => {
  it("application: Argo CD namespace by default, metadata in order, only the fields given", () => {
    const app = application({
      name: "kps",
      project: "observability",
      source: helmSource({
        repoURL: "https://prometheus-community.github.io/helm-charts",
        chart: "kube-prometheus-stack",
        targetRevision: "88.5.3",
      }),
      destination: { server: "https://kubernetes.default.svc", namespace: "monitoring" },
      syncWave: 2,
      annotations: { "argocd.argoproj.io/compare-options": "ServerSideDiff=true" },
      labels: { team: "obs" },
    });
    expect(app).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: {
        name: "kps",
        namespace: "argocd",
        labels: { team: "obs" },
        annotations: {
          "argocd.argoproj.io/sync-wave": "2",
          "argocd.argoproj.io/compare-options": "ServerSideDiff=true",
        },
      },
      spec: {
        project: "observability",
        source: {
          repoURL: "https://prometheus-community.github.io/helm-charts",
          chart: "kube-prometheus-stack",
          targetRevision: "88.5.3",
        },
        destination: { server: "https://kubernetes.default.svc", namespace: "monitoring" },
      },
    });
    expect(Object.keys(app.spec)).toEqual(["project", "source", "destination"]);
  });

  it("helmSource / valuesRefSource / gitSource", () => {
    expect(
      helmSource({
        repoURL: "r",
        chart: "c",
        targetRevision: "1",
        releaseName: "x",
        valueFiles: ["$values/a.yaml"],
        valuesObject: { a: 1 },
        ignoreMissingValueFiles: true,
      }),
    ).toEqual({
      repoURL: "r",
      chart: "c",
      targetRevision: "1",
      helm: { releaseName: "x", valueFiles: ["$values/a.yaml"], ignoreMissingValueFiles: true, valuesObject: { a: 1 } },
    });
    expect(valuesRefSource({ repoURL: "g" })).toEqual({ repoURL: "g", targetRevision: "HEAD", ref: "values" });
    expect(gitSource({ repoURL: "g", path: "clusters/c1", directory: { recurse: true } })).toEqual({
      repoURL: "g",
      targetRevision: "HEAD",
      path: "clusters/c1",
      directory: { recurse: true },
    });
  });

  it("applicationSet: Go templates with missingkey=error by default; generators", () => {
    const set = applicationSet({
      name: "s",
      generators: [gitDirectoryGenerator({ repoURL: "g", directories: [{ path: "clusters/*" }] }), clusterGenerator()],
      template: { metadata: { name: "{{.name}}" }, spec: { project: "p", destination: { name: "{{.name}}" } } },
      syncPolicy: { preserveResourcesOnDeletion: true },
    });
    expect(set.spec).toEqual({
      goTemplate: true,
      goTemplateOptions: ["missingkey=error"],
      generators: [
        { git: { repoURL: "g", revision: "HEAD", directories: [{ path: "clusters/*" }] } },
        { clusters: {} },
      ],
      template: { metadata: { name: "{{.name}}" }, spec: { project: "p", destination: { name: "{{.name}}" } } },
      syncPolicy: { preserveResourcesOnDeletion: true },
    });
    expect(
      applicationSet({ name: "s", goTemplate: false, generators: [], template: set.spec.template }).spec,
    ).not.toHaveProperty("goTemplateOptions");
    expect(clusterGenerator({ selector: { matchLabels: { env: "prod" } }, values: { tier: "1" } })).toEqual({
      clusters: { selector: { matchLabels: { env: "prod" } }, values: { tier: "1" } },
    });
  });

  it("appProject writes spec keys in schema order whatever the option order", () => {
    const p = appProject({
      clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      name: "p",
      sourceRepos: ["g"],
      description: "d",
    });
    expect(Object.keys(p.spec)).toEqual(["description", "sourceRepos", "clusterResourceWhitelist"]);
    expect(p.metadata).toEqual({ name: "p", namespace: "argocd" });
  });

  it("namespace, kustomization, component", () => {
    expect(namespace("monitoring", { syncWave: -1, finalizers: ["x"] })).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "monitoring", annotations: { "argocd.argoproj.io/sync-wave": "-1" }, finalizers: ["x"] },
    });
    expect(kustomization({ resources: ["a.yaml"] })).toEqual({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: ["a.yaml"],
    });
    expect(component({}).apiVersion).toBe("kustomize.config.k8s.io/v1alpha1");
  });
});

describe("name formats", () => {
  it("DNS-1123 label and subdomain", () => {
    expect(dns1123LabelError("monitoring")).toBeUndefined();
    expect(dns1123LabelError("a.b")).toBeDefined();
    expect(dns1123LabelError("-a")).toBeDefined();
    expect(dns1123LabelError("")).toBeDefined();
    expect(dns1123SubdomainError("a.b-c")).toBeUndefined();
    expect(dns1123SubdomainError("A")).toBeDefined();
    expect(dns1123SubdomainError(`${"a".repeat(63)}.${"b".repeat(189)}`)).toBeUndefined();
    expect(dns1123SubdomainError("a".repeat(254))).toBeDefined();
  });
  it("label keys and values", () => {
    expect(qualifiedNameError("app.kubernetes.io/name")).toBeUndefined();
    expect(qualifiedNameError("Team_Name")).toBeUndefined();
    expect(qualifiedNameError("Bad.Prefix/name")).toBeDefined();
    expect(qualifiedNameError("a/")).toBeDefined();
    expect(labelValueError("")).toBeUndefined();
    expect(labelValueError("v1.2_x")).toBeUndefined();
    expect(labelValueError("a b")).toBeDefined();
    expect(labelValueError("x".repeat(64))).toBeDefined();
  });
});
