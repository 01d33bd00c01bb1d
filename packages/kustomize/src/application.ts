import { z } from "zod";
import { ARGOCD_API_VERSION, ARGOCD_NAMESPACE } from "./argocd-constants.js";
import { buildMetadata, type MetadataOptions, objectMetaSchema } from "./metadata.js";

const stringMap = z.record(z.string(), z.string());

/** `source.helm` of an Application. */
export const helmSourceOptionsSchema = z.object({
  /** @default the Application name */
  releaseName: z.string().optional(),
  /** Values files, in order (last wins); `$<ref>/path` reads from the source with `ref: <ref>`. */
  valueFiles: z.array(z.string()).optional(),
  /** Values as an object; takes precedence over `values` and `valueFiles`. */
  valuesObject: z.record(z.string(), z.unknown()).optional(),
  /** Values as a YAML string (ignored when `valuesObject` is set). */
  values: z.string().optional(),
  /** `--set` style parameters (highest precedence). */
  parameters: z
    .array(z.object({ name: z.string(), value: z.string(), forceString: z.boolean().optional() }))
    .optional(),
  fileParameters: z.array(z.object({ name: z.string(), path: z.string() })).optional(),
  /** Skip value files that do not exist instead of failing. @default false */
  ignoreMissingValueFiles: z.boolean().optional(),
  /** @default false */
  skipCrds: z.boolean().optional(),
  /** @default false */
  skipTests: z.boolean().optional(),
  /** @default false */
  skipSchemaValidation: z.boolean().optional(),
  /** @default false */
  passCredentials: z.boolean().optional(),
  /** Helm version (`v3`). @default "v3" */
  version: z.string().optional(),
  /** @default the destination namespace */
  namespace: z.string().optional(),
  kubeVersion: z.string().optional(),
  apiVersions: z.array(z.string()).optional(),
});

/** `source.kustomize` of an Application (Argo CD's own kustomize overrides). */
export const kustomizeSourceOptionsSchema = z.object({
  namePrefix: z.string().optional(),
  nameSuffix: z.string().optional(),
  namespace: z.string().optional(),
  images: z.array(z.string()).optional(),
  commonLabels: stringMap.optional(),
  commonAnnotations: stringMap.optional(),
  components: z.array(z.string()).optional(),
  /** @default false */
  ignoreMissingComponents: z.boolean().optional(),
  patches: z.array(z.record(z.string(), z.unknown())).optional(),
  version: z.string().optional(),
});

/** `source.directory` of an Application (plain manifests). */
export const directorySourceOptionsSchema = z.object({
  /** @default false */
  recurse: z.boolean().optional(),
  include: z.string().optional(),
  exclude: z.string().optional(),
});

/** One Application source: a Helm chart (`chart`), a Git path (`path`), or a values reference (`ref`). */
export const applicationSourceSchema = z.object({
  repoURL: z.string().min(1),
  /** Git revision, or the chart version for Helm repositories. @default "HEAD" */
  targetRevision: z.string().optional(),
  /** Chart name; only for Helm (or OCI) chart repositories. */
  chart: z.string().optional(),
  /** Directory in a Git repository. */
  path: z.string().optional(),
  /** Names this source so value files can read from it as `$<ref>/...` (multi-source only). */
  ref: z.string().optional(),
  name: z.string().optional(),
  helm: helmSourceOptionsSchema.optional(),
  kustomize: kustomizeSourceOptionsSchema.optional(),
  directory: directorySourceOptionsSchema.optional(),
  plugin: z.record(z.string(), z.unknown()).optional(),
});

/** Where an Application deploys: a cluster by `server` URL **or** by `name` (never both), and a namespace. */
export const applicationDestinationSchema = z.object({
  server: z.string().optional(),
  name: z.string().optional(),
  /** Namespace for namespaced resources that have none. */
  namespace: z.string().optional(),
});

/** `spec.syncPolicy` of an Application. */
export const syncPolicySchema = z.object({
  /** Sync automatically when Git changes. @default manual sync */
  automated: z
    .object({
      /** Delete resources that are no longer in Git. @default false */
      prune: z.boolean().optional(),
      /** Revert changes made in the cluster. @default false */
      selfHeal: z.boolean().optional(),
      /** @default false */
      allowEmpty: z.boolean().optional(),
      /** @default true */
      enabled: z.boolean().optional(),
    })
    .optional(),
  /** From {@link KNOWN_SYNC_OPTIONS}, as `Name=value`. */
  syncOptions: z.array(z.string()).optional(),
  retry: z
    .object({
      limit: z.number().int().optional(),
      backoff: z
        .object({
          duration: z.string().optional(),
          factor: z.number().int().optional(),
          maxDuration: z.string().optional(),
        })
        .optional(),
      refresh: z.boolean().optional(),
    })
    .optional(),
  /** Labels/annotations of the namespace created by `CreateNamespace=true` (only with it). */
  managedNamespaceMetadata: z.object({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
});

/** One `spec.ignoreDifferences` entry. */
export const ignoreDifferenceSchema = z.object({
  group: z.string().optional(),
  kind: z.string(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  jsonPointers: z.array(z.string()).optional(),
  jqPathExpressions: z.array(z.string()).optional(),
  managedFieldsManagers: z.array(z.string()).optional(),
});

/** `spec` of an Application (and of an ApplicationSet template). */
export const applicationSpecSchema = z.object({
  project: z.string().min(1),
  source: applicationSourceSchema.optional(),
  sources: z.array(applicationSourceSchema).optional(),
  destination: applicationDestinationSchema,
  syncPolicy: syncPolicySchema.optional(),
  ignoreDifferences: z.array(ignoreDifferenceSchema).optional(),
  /** @default 10 */
  revisionHistoryLimit: z.number().int().optional(),
  info: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});

/** An Argo CD Application (`argoproj.io/v1alpha1`). Unmodelled CRD fields are checked by the CRD schema. */
export const applicationSchema = z.object({
  apiVersion: z.literal(ARGOCD_API_VERSION),
  kind: z.literal("Application"),
  metadata: objectMetaSchema,
  spec: applicationSpecSchema,
});

/** An Application. */
export type Application = z.infer<typeof applicationSchema>;
/** An Application's spec. */
export type ApplicationSpec = z.infer<typeof applicationSpecSchema>;
/** One Application source. */
export type ApplicationSource = z.infer<typeof applicationSourceSchema>;
/** `source.helm`. */
export type HelmSourceOptions = z.infer<typeof helmSourceOptionsSchema>;
/** An Application destination. */
export type ApplicationDestination = z.infer<typeof applicationDestinationSchema>;
/** `spec.syncPolicy`. */
export type SyncPolicy = z.infer<typeof syncPolicySchema>;
/** One `spec.ignoreDifferences` entry. */
export type IgnoreDifference = z.infer<typeof ignoreDifferenceSchema>;

/** Exactly one of `source` / `sources`. */
export type ApplicationSources =
  | { readonly source: ApplicationSource; readonly sources?: never }
  | { readonly sources: readonly ApplicationSource[]; readonly source?: never };

/** Options of {@link application}. */
export type ApplicationOptions = MetadataOptions &
  ApplicationSources & {
    readonly name: string;
    /** Namespace of the Application object itself (Argo CD's). @default "argocd" */
    readonly namespace?: string;
    readonly project: string;
    readonly destination: ApplicationDestination;
    /** @default manual sync, no options */
    readonly syncPolicy?: SyncPolicy;
    /** @default none */
    readonly ignoreDifferences?: readonly IgnoreDifference[];
    /** @default 10 (Argo CD's) */
    readonly revisionHistoryLimit?: number;
  };

/** Builds `spec` in the conventional order (project, source(s), destination, syncPolicy, ignoreDifferences). */
function buildSpec(o: ApplicationOptions): ApplicationSpec {
  return {
    project: o.project,
    ...(o.source !== undefined ? { source: o.source } : {}),
    ...(o.sources !== undefined ? { sources: [...o.sources] } : {}),
    destination: { ...o.destination },
    ...(o.syncPolicy !== undefined ? { syncPolicy: o.syncPolicy } : {}),
    ...(o.ignoreDifferences !== undefined ? { ignoreDifferences: [...o.ignoreDifferences] } : {}),
    ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
  };
}

/**
 * Builds an Argo CD Application (a plain object; check it with `validateObject`).
 *
 * @example
 * application({
 *   name: "lgtm", project: "observability", syncWave: 1, finalizers: [RESOURCES_FINALIZER],
 *   sources: [
 *     helmSource({ repoURL: "https://grafana.github.io/helm-charts", chart: "lgtm-distributed",
 *       targetRevision: "1.2.3", releaseName: "lgtm", valueFiles: ["$values/clusters/c1/values/lgtm.yaml"] }),
 *     valuesRefSource({ repoURL: "https://git.example.com/org/gitops.git", targetRevision: "main" }),
 *   ],
 *   destination: { name: "c1", namespace: "monitoring" },
 *   syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["CreateNamespace=true"] },
 * })
 */
export function application(options: ApplicationOptions): Application {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "Application",
    metadata: buildMetadata(options.name, options.namespace ?? ARGOCD_NAMESPACE, options),
    spec: buildSpec(options),
  };
}

/** Options of {@link helmSource}. */
export interface HelmSourceInput {
  /** Helm repository URL (OCI: without `oci://`). */
  readonly repoURL: string;
  readonly chart: string;
  /** Chart version. */
  readonly targetRevision: string;
  /** @default the Application name */
  readonly releaseName?: string;
  /** @default none */
  readonly valueFiles?: readonly string[];
  /** @default none */
  readonly valuesObject?: Readonly<Record<string, unknown>>;
  /** @default false */
  readonly ignoreMissingValueFiles?: boolean;
  /** @default false */
  readonly skipCrds?: boolean;
  /** Helm version. @default "v3" */
  readonly version?: string;
}

/** Builds a Helm-chart source; `helm` is present only when one of its options is given. */
export function helmSource(input: HelmSourceInput): ApplicationSource {
  const helm: HelmSourceOptions = {};
  if (input.releaseName !== undefined) helm.releaseName = input.releaseName;
  if (input.valueFiles !== undefined) helm.valueFiles = [...input.valueFiles];
  if (input.ignoreMissingValueFiles !== undefined) helm.ignoreMissingValueFiles = input.ignoreMissingValueFiles;
  if (input.valuesObject !== undefined) helm.valuesObject = { ...input.valuesObject };
  if (input.skipCrds !== undefined) helm.skipCrds = input.skipCrds;
  if (input.version !== undefined) helm.version = input.version;
  const source: ApplicationSource = {
    repoURL: input.repoURL,
    chart: input.chart,
    targetRevision: input.targetRevision,
  };
  if (Object.keys(helm).length > 0) source.helm = helm;
  return source;
}

/** Options of {@link valuesRefSource}. */
export interface ValuesRefSourceInput {
  /** The Git repository holding the values files. */
  readonly repoURL: string;
  /** @default "HEAD" */
  readonly targetRevision?: string;
  /** Value files refer to this repository's root as `$<ref>/...`. @default "values" */
  readonly ref?: string;
}

/** Builds a values-only source (`ref: values`, no `path`, no `chart`) for multi-source Applications. */
export function valuesRefSource(input: ValuesRefSourceInput): ApplicationSource {
  return { repoURL: input.repoURL, targetRevision: input.targetRevision ?? "HEAD", ref: input.ref ?? "values" };
}

/** Options of {@link gitSource}. */
export interface GitSourceInput {
  readonly repoURL: string;
  /** Directory in the repository (rendered with kustomize when it holds a kustomization.yaml). */
  readonly path: string;
  /** @default "HEAD" */
  readonly targetRevision?: string;
  /** @default none */
  readonly directory?: z.infer<typeof directorySourceOptionsSchema>;
}

/** Builds a Git directory source (e.g. the root Application of an app-of-apps pointing at `clusters/<c>`). */
export function gitSource(input: GitSourceInput): ApplicationSource {
  const source: ApplicationSource = {
    repoURL: input.repoURL,
    targetRevision: input.targetRevision ?? "HEAD",
    path: input.path,
  };
  if (input.directory !== undefined) source.directory = input.directory;
  return source;
}
