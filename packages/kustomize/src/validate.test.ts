import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { appProject } from "./app-project.js";
import { application, gitSource, helmSource } from "./application.js";
import { applicationSet, clusterGenerator, gitDirectoryGenerator } from "./application-set.js";
import { IN_CLUSTER_SERVER, RESOURCES_FINALIZER } from "./argocd-constants.js";

import { component, kustomization } from "./kustomization.js";
import { namespace } from "./namespace.js";
import { lgtmApp, REPO } from "./sample-application.fixture.js";
import { validateBundle, validateObject } from "./validate.js";

/** Argo CD objects as people write them by hand, using many documented fields at once. */
const HAND_WRITTEN = `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: lgtm-c1
  namespace: argocd
  labels: { app.kubernetes.io/part-of: lgtm }
  annotations:
    argocd.argoproj.io/sync-wave: "1"
    argocd.argoproj.io/compare-options: ServerSideDiff=true
  finalizers: [resources-finalizer.argocd.argoproj.io/background]
spec:
  project: observability
  revisionHistoryLimit: 5
  sources:
    - repoURL: https://grafana.github.io/helm-charts
      chart: lgtm-distributed
      targetRevision: 3.0.1
      helm:
        releaseName: lgtm-stack
        valueFiles: [$values/clusters/c1/values/lgtm.yaml, $values/clusters/c1/values/*.yaml]
        ignoreMissingValueFiles: true
        parameters: [{ name: grafana.enabled, value: "false", forceString: true }]
        skipCrds: false
        passCredentials: false
        valuesObject: { loki: { enabled: true } }
    - repoURL: https://git.example.com/org/gitops.git
      targetRevision: main
      ref: values
    - repoURL: https://git.example.com/org/gitops.git
      targetRevision: main
      path: clusters/c1/extra
      kustomize:
        namePrefix: c1-
        commonLabels: { team: obs }
        images: [nginx=nginx:1.27]
        patches:
          - target: { kind: Deployment, name: x }
            patch: |-
              - op: replace
                path: /spec/replicas
                value: 2
  destination: { name: c1, namespace: lgtm-stack }
  ignoreDifferences:
    - group: admissionregistration.k8s.io
      kind: MutatingWebhookConfiguration
      jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle']
    - group: apps
      kind: Deployment
      name: lgtm-stack-grafana
      namespace: lgtm-stack
      jsonPointers: [/spec/replicas]
    - kind: Secret
      managedFieldsManagers: [kube-controller-manager]
  syncPolicy:
    automated: { prune: true, selfHeal: true, allowEmpty: false }
    syncOptions: [CreateNamespace=true, ServerSideApply=true, RespectIgnoreDifferences=true, PruneLast=true, ApplyOutOfSyncOnly=true, PrunePropagationPolicy=foreground, SkipDryRunOnMissingResource=true, Validate=false, FailOnSharedResource=true, Replace=false]
    managedNamespaceMetadata: { labels: { team: obs }, annotations: { a: b } }
    retry: { limit: 5, backoff: { duration: 5s, factor: 2, maxDuration: 3m } }
  info: [{ name: owner, value: obs }]
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: cluster-roots, namespace: argocd }
spec:
  goTemplate: true
  goTemplateOptions: ["missingkey=error"]
  syncPolicy: { preserveResourcesOnDeletion: true, applicationsSync: create-update }
  generators:
    - git:
        repoURL: https://git.example.com/org/gitops.git
        revision: HEAD
        directories:
          - path: clusters/*
          - path: clusters/legacy
            exclude: true
    - clusters:
        selector:
          matchLabels: { env: prod }
          matchExpressions: [{ key: tier, operator: In, values: [a, b] }]
        values: { revision: main }
  template:
    metadata:
      name: '{{.path.basename}}-root'
      labels: { cluster: '{{.path.basename}}' }
      annotations: { argocd.argoproj.io/sync-wave: "0" }
      finalizers: [resources-finalizer.argocd.argoproj.io]
    spec:
      project: default
      source: { repoURL: https://git.example.com/org/gitops.git, targetRevision: HEAD, path: '{{.path.path}}' }
      destination: { name: in-cluster, namespace: argocd }
      syncPolicy:
        automated: { prune: true, selfHeal: true }
        syncOptions: [CreateNamespace=true]
  templatePatch: |
    spec:
      source:
        targetRevision: '{{ .values.revision }}'
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: per-cluster, namespace: argocd }
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - git:
              repoURL: https://git.example.com/org/gitops.git
              revision: HEAD
              directories: [{ path: clusters/* }]
          - clusters: { selector: { matchLabels: { 'cluster-name': '{{.path.basename}}' } } }
  template:
    metadata: { name: 'lgtm-{{.name}}' }
    spec:
      project: observability
      sources:
        - repoURL: https://grafana.github.io/helm-charts
          chart: lgtm-distributed
          targetRevision: 3.0.1
          helm: { valueFiles: ['$values/{{.path.path}}/values/lgtm.yaml'] }
        - { repoURL: https://git.example.com/org/gitops.git, targetRevision: HEAD, ref: values }
      destination: { server: '{{.server}}', namespace: lgtm-stack }
---
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: observability, namespace: argocd, finalizers: [resources-finalizer.argocd.argoproj.io] }
spec:
  description: LGTM
  sourceRepos: [https://git.example.com/org/gitops.git, https://grafana.github.io/helm-charts]
  destinations: [{ name: c1, namespace: '*' }, { server: https://kubernetes.default.svc, namespace: argocd }]
  clusterResourceWhitelist: [{ group: '*', kind: '*' }]
  namespaceResourceBlacklist: [{ group: '', kind: ResourceQuota }]
  orphanedResources: { warn: false }
  sourceNamespaces: [argocd]
  syncWindows: [{ kind: allow, schedule: '10 1 * * *', duration: 1h, applications: ['*'], manualSync: true }]
  roles: [{ name: ci, policies: ['p, proj:observability:ci, applications, sync, observability/*, allow'], groups: [ops] }]
`;

/** A deep copy the test may break. */
function clone<T>(v: T): T {
  return structuredClone(v);
}

function codes(issues: readonly Diagnostic[]): string[] {
  return issues.map((i) => `${i.ruleId} ${formatPath(i.path)}`);
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

  it("accepts hand-written multi-source Applications, ApplicationSets and AppProjects Argo CD v3.5 accepts", () => {
    // Everything here is documented Argo CD usage (multiple_sources.md, sync-options.md, diffing.md,
    // Generators-Git.md, project.yaml): no false positives from the CRD schema, the model or the late rules.
    const docs = parseAllDocuments(HAND_WRITTEN).map((d) => d.toJS() as unknown);
    expect(docs.map((d) => (d as { kind: string }).kind)).toEqual([
      "Application",
      "ApplicationSet",
      "ApplicationSet",
      "AppProject",
    ]);
    for (const d of docs) expect(validateObject(d)).toEqual([]);
    expect(validateBundle({ "apps.yaml": docs })).toEqual([]);
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

describe("validateObject: argocd/helm-values-ignored", () => {
  it("warns when a Helm source sets both values and valuesObject (Argo CD ignores values)", () => {
    const app = clone(lgtmApp());
    const chart = app.spec.sources![0]!;
    chart.helm = { ...chart.helm, values: "tempo:\n  enabled: true\n", valuesObject: { tempo: { enabled: false } } };
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/helm-values-ignored spec.sources[0].helm.values"]);
    expect(issues[0]?.severity).toBe("warning");
  });
  it("applies to a single source, and not to values or valuesObject alone", () => {
    const single = application({
      name: "tempo",
      project: "default",
      destination: { server: IN_CLUSTER_SERVER, namespace: "tempo" },
      source: {
        ...helmSource({
          repoURL: "https://grafana.github.io/helm-charts",
          chart: "tempo-distributed",
          targetRevision: "1.61.3",
        }),
        helm: { values: "a: 1\n", valuesObject: { a: 2 } },
      },
    });
    expect(codes(validateObject(single))).toEqual(["argocd/helm-values-ignored spec.source.helm.values"]);
    const onlyValues = clone(single);
    delete onlyValues.spec.source!.helm!.valuesObject;
    expect(validateObject(onlyValues)).toEqual([]);
    const onlyObject = clone(single);
    delete onlyObject.spec.source!.helm!.values;
    expect(validateObject(onlyObject)).toEqual([]);
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
      // application-level defaults since Argo CD 3.1 (argoproj/argo-cd#23370)
      "Prune=false",
      "Delete=confirm",
    ];
    expect(validateObject(app)).toEqual([]);
    app.spec.syncPolicy!.syncOptions = ["Prune=confirm", "Delete=false", "Prune=maybe"];
    expect(validateObject(app).map((i) => `${formatPath(i.path)} ${i.fix}`)).toEqual([
      'spec.syncPolicy.syncOptions[2] Write "Prune=true".',
    ]);
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
    const issues = validateObject(ns);
    expect(codes(issues)).toEqual(['k8s/schema metadata.annotations["argocd.argoproj.io/sync-wave"]']);
    expect(issues[0]?.message).toBe(
      'metadata.annotations["argocd.argoproj.io/sync-wave"]: must be a string, got a number (1)',
    );
    expect(issues[0]?.fix).toBe('Quote it so YAML reads a string: "1".');
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
    const issues = validateObject(app);
    expect(codes(issues)).toEqual([
      "argocd/crd-schema spec.project",
      "argocd/crd-schema spec.syncPolicy.automated.prune",
    ]);
    expect(issues.map((i) => [i.message, i.fix])).toEqual([
      ["spec.project: is required (the API server rejects the Application without it)", "Add project under spec."],
      ['spec.syncPolicy.automated.prune: must be a boolean, got a string ("yes")', "Write a boolean here."],
    ]);
    app.spec.syncPolicy.automated.prune = "true";
    app.spec.project = "p";
    expect(validateObject(app).map((i) => i.fix)).toEqual(["Write it without quotes so YAML reads a boolean: true."]);
    // An unquoted version is a number to YAML, which already lost its trailing zero: the fix says so.
    const unquoted = parseAllDocuments(
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a, namespace: argocd}\nspec:\n  project: p\n  destination: {name: c1, namespace: x}\n  source: {repoURL: https://grafana.github.io/helm-charts, chart: lgtm-distributed, targetRevision: 1.10}\n",
    )[0]?.toJS();
    const [versionIssue] = validateObject(unquoted);
    expect(versionIssue?.path).toEqual(["spec", "source", "targetRevision"]);
    expect(versionIssue?.message).toBe("spec.source.targetRevision: must be a string, got a number (1.1)");
    expect(versionIssue?.fix).toContain("1.10 reads as 1.1");
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
    const issues = validateObject(app);
    expect(codes(issues)).toEqual(["argocd/unknown-field metadata.annotation"]);
    expect(issues[0]?.fix).toBe('Did you mean "annotations"?');
  });
});

describe("validateObject: kustomize", () => {
  it("rejects unknown kustomization fields like kustomize does", () => {
    const k = { ...kustomization({ resources: ["a.yaml"] }), resource: ["b.yaml"] };
    const [unknown] = validateObject(k);
    expect(codes([unknown!])).toEqual(["kustomize/unknown-field resource"]);
    expect(unknown?.message).toBe("resource: is not a known field here; kustomize fails the build on it");
    expect(unknown?.fix).toBe('Did you mean "resources"?');
    const nested = { ...kustomization({}), configMapGenerator: [{ name: "c", literal: ["a=b"] }] };
    expect(validateObject(nested).map((i) => `${formatPath(i.path)} ${i.fix}`)).toEqual([
      'configMapGenerator[0].literal Did you mean "literals"?',
    ]);
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
    expect(issues.map((i) => `${i.file} ${i.ruleId} ${formatPath(i.path)}`)).toEqual([
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
    expect(issues.map((i) => `${i.file} ${i.ruleId} ${formatPath(i.path)}`)).toEqual([
      "clusters/c1/kustomization.yaml kustomize/namespace-with-applications components[0]",
    ]);
    expect(issues[0]?.message).toContain("set by the component in clusters/c1/components/ns/kustomization.yaml");
  });

  it("rejects a listed directory without a kustomization", () => {
    const f = files();
    delete (f as Record<string, unknown>)["clusters/c1/applications/kustomization.yaml"];
    expect(validateBundle(f).map((i) => `${i.file} ${i.ruleId} ${formatPath(i.path)}`)).toEqual([
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
    expect(validateBundle(f).map((i) => `${i.file}#${i.document} ${i.ruleId} ${formatPath(i.path)}`)).toEqual([
      "clusters/c1/namespaces.yaml#0 k8s/dns-name metadata.name",
      "clusters/c1/kustomization.yaml#0 kustomize/missing-resource resources[0]",
    ]);
  });
});

describe("Strimzi objects against their CRD schemas (kafka.strimzi.io/v1)", () => {
  const topic = (spec: Record<string, unknown>) => ({
    apiVersion: "kafka.strimzi.io/v1",
    kind: "KafkaTopic",
    metadata: { name: "tempo-ingest", namespace: "kafka", labels: { "strimzi.io/cluster": "kafka" } },
    spec,
  });

  it("a valid KafkaTopic passes", () => {
    expect(validateObject(topic({ partitions: 2, replicas: 1 }))).toEqual([]);
  });

  it("reports under their own ids, not Argo CD's: k8s/unknown-field and k8s/crd-schema", () => {
    expect(codes(validateObject(topic({ partition: 2, replicas: 1 })))).toEqual(["k8s/unknown-field spec.partition"]);
    expect(codes(validateObject(topic({ partitions: "2", replicas: 1 })))).toEqual(["k8s/crd-schema spec.partitions"]);
    // (An Argo CD object keeps Argo CD's ids: "catches an unknown field in an Application spec" above.)
  });
});
