import { z } from "zod";
import { ARGOCD_API_VERSION, ARGOCD_NAMESPACE } from "./argocd-constants.js";
import { buildMetadata, type MetadataOptions, objectMetaSchema } from "./metadata.js";

/** A group/kind (and optional name) an AppProject allows or denies; `*` globs allowed. */
export const groupKindSchema = z.object({ group: z.string(), kind: z.string(), name: z.string().optional() });

/** A destination an AppProject allows: cluster by `server` or `name` (globs allowed), and a namespace glob. */
export const projectDestinationSchema = z.object({
  server: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

/** One `spec.syncWindows` entry. */
export const syncWindowSchema = z.object({
  kind: z.enum(["allow", "deny"]),
  schedule: z.string(),
  duration: z.string(),
  applications: z.array(z.string()).optional(),
  namespaces: z.array(z.string()).optional(),
  clusters: z.array(z.string()).optional(),
  /** @default false */
  manualSync: z.boolean().optional(),
  timeZone: z.string().optional(),
});

/** One `spec.roles` entry. */
export const projectRoleSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  policies: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
});

/** `spec` of an AppProject. */
export const appProjectSpecSchema = z.object({
  description: z.string().optional(),
  /** Repositories Applications of this project may use (chart repositories AND the Git repository). @default none */
  sourceRepos: z.array(z.string()).optional(),
  /** @default none */
  destinations: z.array(projectDestinationSchema).optional(),
  /** Cluster-scoped kinds allowed; empty means none (an allow list). @default none */
  clusterResourceWhitelist: z.array(groupKindSchema).optional(),
  clusterResourceBlacklist: z.array(groupKindSchema).optional(),
  namespaceResourceWhitelist: z.array(groupKindSchema).optional(),
  namespaceResourceBlacklist: z.array(groupKindSchema).optional(),
  sourceNamespaces: z.array(z.string()).optional(),
  roles: z.array(projectRoleSchema).optional(),
  syncWindows: z.array(syncWindowSchema).optional(),
  orphanedResources: z.object({ warn: z.boolean().optional() }).optional(),
  /** @default false */
  permitOnlyProjectScopedClusters: z.boolean().optional(),
});

/** An Argo CD AppProject (`argoproj.io/v1alpha1`). */
export const appProjectSchema = z.object({
  apiVersion: z.literal(ARGOCD_API_VERSION),
  kind: z.literal("AppProject"),
  metadata: objectMetaSchema,
  spec: appProjectSpecSchema,
});

/** An AppProject. */
export type AppProject = z.infer<typeof appProjectSchema>;
/** An AppProject's spec. */
export type AppProjectSpec = z.infer<typeof appProjectSpecSchema>;

/** Options of {@link appProject}: name, namespace, metadata options, and the spec fields. */
export type AppProjectOptions = MetadataOptions &
  AppProjectSpec & {
    readonly name: string;
    /** @default "argocd" */
    readonly namespace?: string;
  };

const SPEC_KEYS = Object.keys(appProjectSpecSchema.shape) as (keyof AppProjectSpec)[];

/**
 * Builds an AppProject; spec keys are written in the schema's order (description, sourceRepos,
 * destinations, cluster/namespace resource lists, ...).
 *
 * @example
 * appProject({ name: "observability", sourceRepos: ["https://grafana.github.io/helm-charts"],
 *   destinations: [{ name: "c1", namespace: "monitoring" }], clusterResourceWhitelist: [{ group: "*", kind: "*" }] })
 */
export function appProject(options: AppProjectOptions): AppProject {
  const spec: Record<string, unknown> = {};
  for (const key of SPEC_KEYS) {
    if (options[key] !== undefined) spec[key] = options[key];
  }
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "AppProject",
    metadata: buildMetadata(options.name, options.namespace ?? ARGOCD_NAMESPACE, options),
    spec: spec as AppProjectSpec,
  };
}
