import { type ChartId, type ResourceKind, renderedKinds } from "@lgtm-gitops/charts";
import {
  type Application,
  type ApplicationDestination,
  type AppProject,
  application,
  appProject,
  gitSource,
  helmSource,
  IN_CLUSTER_SERVER,
  type Kustomization,
  kustomization,
  type Namespace,
  namespace,
  RESOURCES_FINALIZER,
  valuesRefSource,
} from "@lgtm-gitops/kustomize";
import type { ClusterDefinition } from "../definition/schema.js";
import type { ReleaseSpec } from "./releases.js";

/**
 * Sync waves inside one cluster's bundle: namespaces and the project first, kube-prometheus-stack (CRDs) before the
 * stack. `namespacesApplication` is the wave of the `<cluster>-namespaces` Application of a remote cluster. A bundle
 * that deploys Kafka for Tempo 3.0 installs the Strimzi operator (CRDs) with kube-prometheus-stack, the broker next,
 * and the stack after the broker (`stackAfterKafka`).
 */
export const WAVES = {
  namespaces: -2,
  project: -1,
  namespacesApplication: -1,
  grafana: 0,
  kafkaOperator: 0,
  stack: 1,
  kafka: 1,
  stackAfterKafka: 2,
} as const;

/** The Argo CD destination of the cluster's workloads (`server` or `name`). */
export function destinationOf(def: ClusterDefinition): { server: string } | { name: string } {
  const d = def.argocd.destination;
  return "server" in d ? { server: d.server } : { name: d.name };
}

/**
 * Cluster-scoped kinds every bundle itself creates (besides what its charts render): the release Namespaces
 * (`namespaces.yaml` through the root Application in-cluster, the `<cluster>-namespaces` Application on a remote
 * cluster, and `CreateNamespace=true`).
 */
export const BUNDLE_CLUSTER_KINDS: readonly ResourceKind[] = [{ group: "", kind: "Namespace" }];

/** A chart a bundle installs, with the values the bundle gives it. */
export interface ChartInstall {
  readonly chartId: ChartId;
  readonly values: unknown;
}

const kindKey = (k: ResourceKind) => `${k.group}/${k.kind}`;
const sortKinds = (ks: Iterable<ResourceKind>): ResourceKind[] => {
  const m = new Map<string, ResourceKind>();
  for (const k of ks) m.set(kindKey(k), { group: k.group, kind: k.kind });
  return [...m.values()].sort((a, b) =>
    a.group === b.group ? (a.kind < b.kind ? -1 : 1) : a.group < b.group ? -1 : 1,
  );
};

/**
 * The kinds a bundle's AppProject allows: cluster-scoped, the Namespaces plus what its charts render with the values
 * the bundle gives them (`@lgtm-gitops/charts` `renderedKinds`, derived from the chart templates); namespaced, every
 * kind its charts can render. Never `*`.
 */
export function projectKinds(
  installs: readonly ChartInstall[],
  declared: readonly ResourceKind[] = [],
): {
  cluster: ResourceKind[];
  namespaced: ResourceKind[];
} {
  const rendered = installs.map((i) => renderedKinds(i.chartId, i.values));
  return {
    cluster: sortKinds([...BUNDLE_CLUSTER_KINDS, ...rendered.flatMap((r) => r.cluster)]),
    namespaced: sortKinds([...rendered.flatMap((r) => r.namespaced), ...declared]),
  };
}

/** The AppProject's name: `argocd.project`, else the cluster name. */
export function projectName(def: ClusterDefinition): string {
  return def.argocd.project ?? def.name;
}

/** True when the stack is deployed into the cluster Argo CD runs in. */
export function isInCluster(def: ClusterDefinition): boolean {
  const d = def.argocd.destination;
  return "server" in d ? d.server === IN_CLUSTER_SERVER : d.name === "in-cluster";
}

/** Namespaces the cluster's releases run in (and its Kafka broker's), sorted and de-duplicated. */
export function workloadNamespaces(def: ClusterDefinition): string[] {
  return [
    ...new Set([
      def.stack.namespace,
      def.grafana.namespace,
      ...(def.kafka ? [def.kafka.namespace] : []),
      ...(def.loki ? [def.loki.namespace] : []),
      ...(def.mimir ? [def.mimir.namespace] : []),
    ]),
  ].sort();
}

/** The Namespace objects (wave -2, so they exist before anything is installed into them). */
export function namespaceObjects(def: ClusterDefinition): Namespace[] {
  return workloadNamespaces(def).map((ns) =>
    namespace(ns, {
      labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name },
      syncWave: WAVES.namespaces,
    }),
  );
}

/**
 * The AppProject: sources limited to this Git repository and the chart repositories it uses; destinations limited
 * to this cluster's namespaces (plus kube-system, where kube-prometheus-stack puts the Services that scrape the
 * control plane). Kinds: only those {@link projectKinds} lists for the charts and values of this bundle and the
 * namespaced kinds it `declared` in Git itself (the Kafka broker's Strimzi resources), never `*`.
 */
export function projectObject(
  def: ClusterDefinition,
  releases: readonly ReleaseSpec[],
  installs: readonly ChartInstall[],
  declared: readonly ResourceKind[] = [],
): AppProject {
  const kinds = projectKinds(installs, declared);
  const dest = destinationOf(def);
  const namespaces = [...new Set([...workloadNamespaces(def), "kube-system"])].sort();
  const repos = [...new Set([def.argocd.repoURL, ...releases.map((r) => r.repoURL)])].sort();
  return appProject({
    name: projectName(def),
    namespace: def.argocd.namespace,
    syncWave: WAVES.project,
    finalizers: [RESOURCES_FINALIZER],
    description: `lgtm-gitops: the LGTM stack of cluster ${def.name}`,
    sourceRepos: repos,
    destinations: namespaces.map((ns) => ({ ...dest, namespace: ns })),
    clusterResourceWhitelist: kinds.cluster,
    namespaceResourceWhitelist: kinds.namespaced,
  });
}

/** Path of a release's values file from the repository root, as Argo CD's `$values` ref sees it. */
export function valuesPath(def: ClusterDefinition, release: string): string {
  return `clusters/${def.name}/values/${release}.yaml`;
}

/**
 * One Application per release: multi-source (the chart from its Helm repository + `ref: values` to this Git
 * repository), automated sync with prune and self-heal, CreateNamespace, and ServerSideApply where the chart needs
 * it (kube-prometheus-stack's CRDs exceed the client-side apply annotation limit).
 */
export function applicationObject(def: ClusterDefinition, release: ReleaseSpec): Application {
  const destination: ApplicationDestination = { ...destinationOf(def), namespace: release.namespace };
  return application({
    name: `${def.name}-${release.release}`,
    namespace: def.argocd.namespace,
    project: projectName(def),
    syncWave: release.wave,
    finalizers: [RESOURCES_FINALIZER],
    labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name },
    sources: [
      helmSource({
        repoURL: release.repoURL,
        chart: release.chart,
        targetRevision: release.version,
        releaseName: release.release,
        valueFiles: [`$values/${valuesPath(def, release.release)}`],
      }),
      valuesRefSource({ repoURL: def.argocd.repoURL, targetRevision: def.argocd.targetRevision, ref: "values" }),
    ],
    destination,
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ["CreateNamespace=true", ...(release.serverSideApply ? ["ServerSideApply=true"] : [])],
      retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
    },
  });
}

/** Path of the namespaces Application of a remote cluster, relative to `clusters/<name>/`. */
export const NAMESPACES_APPLICATION_FILE = "applications/namespaces.yaml";

/**
 * The `<cluster>-namespaces` Application of a cluster that is not Argo CD's own (the root Application syncs
 * `clusters/<name>/` into Argo CD's cluster, so `namespaces.yaml` listed there would create the namespaces on the
 * wrong cluster). It deploys `clusters/<name>/namespaces.yaml` alone to the target cluster: the source sets
 * `directory` (an explicitly configured tool wins over the kustomization.yaml in that path, Argo CD
 * docs/user-guide/tool_detection.md) with `include: namespaces.yaml`. The destination namespace is the stack's (a
 * namespace the AppProject allows; Namespaces are cluster-scoped, so it only satisfies the project check).
 */
export function namespacesApplicationObject(def: ClusterDefinition): Application {
  return application({
    name: `${def.name}-namespaces`,
    namespace: def.argocd.namespace,
    project: projectName(def),
    syncWave: WAVES.namespacesApplication,
    finalizers: [RESOURCES_FINALIZER],
    labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name },
    source: gitSource({
      repoURL: def.argocd.repoURL,
      targetRevision: def.argocd.targetRevision,
      path: `clusters/${def.name}`,
      directory: { include: "namespaces.yaml" },
    }),
    destination: { ...destinationOf(def), namespace: def.stack.namespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
    },
  });
}

/** The cluster's kustomization: every file of the bundle, and no `namespace:` (it would move the Applications). */
export function clusterKustomization(resources: readonly string[]): Kustomization {
  return kustomization({ resources: [...resources] });
}
