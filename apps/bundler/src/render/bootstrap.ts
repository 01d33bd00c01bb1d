import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import {
  type Application,
  type ApplicationSet,
  type AppProject,
  application,
  applicationSet,
  appProject,
  gitDirectoryGenerator,
  gitSource,
  IN_CLUSTER_SERVER,
  kustomization,
  RESOURCES_FINALIZER,
} from "@lgtm-gitops/kustomize";
import type { ClusterDefinition } from "../definition/schema.js";

/**
 * The AppProject of the root Applications and of the ApplicationSet's Applications (never Argo CD's `default`, which
 * allows any source, destination and kind): `clusters/bootstrap/project.yaml`.
 */
export const BOOTSTRAP_PROJECT = "lgtm-gitops-bootstrap";

/** What a root Application creates in Argo CD's namespace: each cluster's AppProject and Applications. */
const BOOTSTRAP_NAMESPACED_KINDS = [
  { group: "argoproj.io", kind: "AppProject" },
  { group: "argoproj.io", kind: "Application" },
] as const;

/**
 * One bootstrap AppProject per Argo CD namespace of the fleet (Argo CD reads projects from its own namespace): sources
 * only this fleet's repositories, destination only Argo CD's own cluster and namespace, kinds only AppProject and
 * Application — plus Namespace when a cluster of that Argo CD is in-cluster (its root Application applies
 * `namespaces.yaml`).
 */
export function bootstrapProjects(
  defs: readonly ClusterDefinition[],
  isInCluster: (d: ClusterDefinition) => boolean,
): AppProject[] {
  const byNamespace = new Map<string, ClusterDefinition[]>();
  for (const d of defs) byNamespace.set(d.argocd.namespace, [...(byNamespace.get(d.argocd.namespace) ?? []), d]);
  return [...byNamespace.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, ds]) =>
      appProject({
        name: BOOTSTRAP_PROJECT,
        namespace,
        labels: { "app.kubernetes.io/managed-by": "lgtm-gitops" },
        description: "lgtm-gitops: the root Applications of the fleet (each cluster's AppProject and Applications)",
        sourceRepos: [...new Set(ds.map((d) => d.argocd.repoURL))].sort(),
        destinations: [{ server: IN_CLUSTER_SERVER, namespace }],
        clusterResourceWhitelist: ds.some(isInCluster) ? [{ group: "", kind: "Namespace" }] : [],
        namespaceResourceWhitelist: BOOTSTRAP_NAMESPACED_KINDS.map((k) => ({ ...k })),
      }),
    );
}

/** Name of a cluster's root Application (the same name the ApplicationSet would give it). */
export function rootName(cluster: string): string {
  return `${cluster}-root`;
}

const ROOT_SYNC = {
  automated: { prune: true, selfHeal: true },
  syncOptions: ["PruneLast=true"],
} as const;

/**
 * The root Application of one cluster (app of apps): Argo CD renders `clusters/<name>/` with Kustomize in its own
 * cluster and namespace, which creates the cluster's AppProject and Applications.
 */
export function rootApplication(def: ClusterDefinition): Application {
  return application({
    name: rootName(def.name),
    namespace: def.argocd.namespace,
    project: BOOTSTRAP_PROJECT,
    finalizers: [RESOURCES_FINALIZER],
    labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": def.name },
    source: gitSource({
      repoURL: def.argocd.repoURL,
      targetRevision: def.argocd.targetRevision,
      path: `clusters/${def.name}`,
    }),
    destination: { server: IN_CLUSTER_SERVER, namespace: def.argocd.namespace },
    syncPolicy: { ...ROOT_SYNC, syncOptions: [...ROOT_SYNC.syncOptions] },
  });
}

/**
 * The ApplicationSet alternative to the root Applications, for large fleets: a git directory generator over
 * `clusters/*` (excluding `clusters/bootstrap`) makes one `<dir>-root` Application per bundle directory.
 * It uses the repository, revision and Argo CD namespace shared by the fleet; when definitions disagree,
 * the first cluster's are used and a warning says so.
 */
export function fleetApplicationSet(defs: readonly ClusterDefinition[]): {
  object: ApplicationSet;
  diagnostics: Diagnostic[];
  /** The clusters whose Argo CD settings the ApplicationSet does not use. */
  differing: readonly ClusterDefinition[];
} {
  const first = defs[0]!;
  const diagnostics: Diagnostic[] = [];
  const differing = defs.filter(
    (d) =>
      d.argocd.repoURL !== first.argocd.repoURL ||
      d.argocd.targetRevision !== first.argocd.targetRevision ||
      d.argocd.namespace !== first.argocd.namespace,
  );
  if (differing.length > 0)
    diagnostics.push({
      ruleId: "bootstrap/mixed-argocd-settings",
      severity: "warning",
      path: ["argocd"],
      message: `clusters ${differing.map((d) => d.name).join(", ")} use another repoURL, targetRevision or Argo CD namespace than ${first.name}; clusters/bootstrap/applicationset.yaml uses ${first.name}'s`,
      fix: "Use the root Applications (kubectl apply -k clusters/bootstrap) for such fleets, or give every cluster the same argocd settings.",
    });
  const { repoURL, targetRevision, namespace } = first.argocd;
  const object = applicationSet({
    name: "lgtm-gitops-clusters",
    namespace,
    labels: { "app.kubernetes.io/managed-by": "lgtm-gitops" },
    generators: [
      gitDirectoryGenerator({
        repoURL,
        revision: targetRevision,
        directories: [{ path: "clusters/*" }, { path: "clusters/bootstrap", exclude: true }],
      }),
    ],
    template: {
      metadata: {
        name: "{{.path.basename}}-root",
        labels: { "app.kubernetes.io/managed-by": "lgtm-gitops", "lgtm-gitops/cluster": "{{.path.basename}}" },
        finalizers: [RESOURCES_FINALIZER],
      },
      spec: {
        project: BOOTSTRAP_PROJECT,
        source: { repoURL, targetRevision, path: "{{.path.path}}" },
        destination: { server: IN_CLUSTER_SERVER, namespace },
        syncPolicy: { ...ROOT_SYNC, syncOptions: [...ROOT_SYNC.syncOptions] },
      },
    },
    syncPolicy: { preserveResourcesOnDeletion: true },
  });
  return { object, diagnostics, differing };
}

/**
 * `clusters/bootstrap/kustomization.yaml`: the bootstrap AppProject and the root Applications (the ApplicationSet is
 * the alternative; it needs `project.yaml` too).
 */
export function bootstrapKustomization(defs: readonly ClusterDefinition[]) {
  return kustomization({ resources: [BOOTSTRAP_PROJECT_FILE, ...defs.map((d) => `${d.name}.yaml`)] });
}

/** File of the bootstrap AppProject(s) in `clusters/bootstrap/`. */
export const BOOTSTRAP_PROJECT_FILE = "project.yaml";
