import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import {
  type Application,
  type ApplicationSet,
  application,
  applicationSet,
  gitDirectoryGenerator,
  gitSource,
  IN_CLUSTER_SERVER,
  kustomization,
  RESOURCES_FINALIZER,
} from "@lgtm-gitops/kustomize";
import type { ClusterDefinition } from "../definition/schema.js";

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
    project: "default",
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
        project: "default",
        source: { repoURL, targetRevision, path: "{{.path.path}}" },
        destination: { server: IN_CLUSTER_SERVER, namespace },
        syncPolicy: { ...ROOT_SYNC, syncOptions: [...ROOT_SYNC.syncOptions] },
      },
    },
    syncPolicy: { preserveResourcesOnDeletion: true },
  });
  return { object, diagnostics, differing };
}

/** `clusters/bootstrap/kustomization.yaml`: the root Applications only (the ApplicationSet is the alternative). */
export function bootstrapKustomization(defs: readonly ClusterDefinition[]) {
  return kustomization({ resources: defs.map((d) => `${d.name}.yaml`) });
}
