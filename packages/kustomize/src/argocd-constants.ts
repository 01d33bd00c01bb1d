/** `apiVersion` of Argo CD's Application, ApplicationSet and AppProject. */
export const ARGOCD_API_VERSION = "argoproj.io/v1alpha1";
/** The namespace Argo CD runs in and watches for Applications, ApplicationSets and AppProjects. */
export const ARGOCD_NAMESPACE = "argocd";
/** Finalizer that makes deleting an Application also delete its resources (foreground cascade). */
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
/** Destination server of the cluster Argo CD runs in. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

/**
 * The Application-level `syncPolicy.syncOptions` Argo CD v3.5 knows, with their accepted values
 * (docs/user-guide/sync-options.md). Argo CD ignores anything else silently. `Prune` and `Delete` are
 * application-level defaults since Argo CD 3.1 (argoproj/argo-cd#23370: `Prune=false`, `Delete=confirm`, …);
 * `Force=true` is a per-resource annotation only and is not listed.
 */
export const KNOWN_SYNC_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  Prune: ["true", "false", "confirm"],
  Delete: ["true", "false", "confirm"],
  CreateNamespace: ["true", "false"],
  ServerSideApply: ["true", "false"],
  Replace: ["true", "false"],
  PruneLast: ["true", "false"],
  ApplyOutOfSyncOnly: ["true", "false"],
  RespectIgnoreDifferences: ["true", "false"],
  SkipDryRunOnMissingResource: ["true", "false"],
  PrunePropagationPolicy: ["foreground", "background", "orphan"],
  Validate: ["true", "false"],
  FailOnSharedResource: ["true", "false"],
  ClientSideApplyMigration: ["true", "false"],
};
