import { z } from "zod";
import { applicationSpecSchema } from "./application.js";
import { ARGOCD_API_VERSION, ARGOCD_NAMESPACE } from "./argocd-constants.js";
import { buildMetadata, type MetadataOptions, objectMetaSchema } from "./metadata.js";

const stringMap = z.record(z.string(), z.string());

/** A Kubernetes label selector (cluster generator). */
export const labelSelectorSchema = z.object({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

/** Git generator: one parameter set per matching directory (or file). */
export const gitGeneratorSchema = z.object({
  repoURL: z.string().min(1),
  revision: z.string(),
  directories: z.array(z.object({ path: z.string(), exclude: z.boolean().optional() })).optional(),
  files: z.array(z.object({ path: z.string(), exclude: z.boolean().optional() })).optional(),
  pathParamPrefix: z.string().optional(),
  values: stringMap.optional(),
  requeueAfterSeconds: z.number().int().optional(),
});

/** Cluster generator: one parameter set per cluster Secret matching the selector (all when omitted). */
export const clusterGeneratorSchema = z.object({
  selector: labelSelectorSchema.optional(),
  values: stringMap.optional(),
  flatList: z.boolean().optional(),
});

/** One `spec.generators` entry (git and clusters are modelled; other generators pass to the CRD check). */
export const generatorSchema = z.object({
  git: gitGeneratorSchema.optional(),
  clusters: clusterGeneratorSchema.optional(),
  list: z.object({ elements: z.array(z.unknown()) }).optional(),
  matrix: z.record(z.string(), z.unknown()).optional(),
  merge: z.record(z.string(), z.unknown()).optional(),
});

/** `spec.template`: the Application each parameter set produces (strings may hold `{{ }}` templates). */
export const applicationSetTemplateSchema = z.object({
  metadata: objectMetaSchema.partial({ name: true }),
  spec: applicationSpecSchema,
});

/** `spec` of an ApplicationSet. */
export const applicationSetSpecSchema = z.object({
  /** @default false (Argo CD); the builder sets true */
  goTemplate: z.boolean().optional(),
  goTemplateOptions: z.array(z.string()).optional(),
  generators: z.array(generatorSchema),
  template: applicationSetTemplateSchema,
  templatePatch: z.string().optional(),
  syncPolicy: z
    .object({
      /** Keep the Applications' resources when the ApplicationSet is deleted. @default false */
      preserveResourcesOnDeletion: z.boolean().optional(),
      applicationsSync: z.enum(["create-only", "create-update", "create-delete", "sync"]).optional(),
    })
    .optional(),
});

/** An Argo CD ApplicationSet (`argoproj.io/v1alpha1`). */
export const applicationSetSchema = z.object({
  apiVersion: z.literal(ARGOCD_API_VERSION),
  kind: z.literal("ApplicationSet"),
  metadata: objectMetaSchema,
  spec: applicationSetSpecSchema,
});

/** An ApplicationSet. */
export type ApplicationSet = z.infer<typeof applicationSetSchema>;
/** An ApplicationSet's spec. */
export type ApplicationSetSpec = z.infer<typeof applicationSetSpecSchema>;
/** One generator. */
export type Generator = z.infer<typeof generatorSchema>;
/** The template of an ApplicationSet. */
export type ApplicationSetTemplate = z.infer<typeof applicationSetTemplateSchema>;

/** Options of {@link applicationSet}. */
export type ApplicationSetOptions = MetadataOptions & {
  readonly name: string;
  /** @default "argocd" */
  readonly namespace?: string;
  readonly generators: readonly Generator[];
  readonly template: ApplicationSetTemplate;
  /** Use Go templates (`{{.path.basename}}`). @default true */
  readonly goTemplate?: boolean;
  /** @default ["missingkey=error"] when goTemplate is true */
  readonly goTemplateOptions?: readonly string[];
  /** @default none */
  readonly syncPolicy?: ApplicationSetSpec["syncPolicy"];
  /** @default none */
  readonly templatePatch?: string;
};

/**
 * Builds an ApplicationSet (Go templates on, `missingkey=error`, unless told otherwise).
 *
 * @example
 * applicationSet({
 *   name: "cluster-roots",
 *   generators: [gitDirectoryGenerator({ repoURL: "https://git.example.com/org/gitops.git", directories: [{ path: "clusters/*" }] })],
 *   template: { metadata: { name: "{{.path.basename}}-root" }, spec: { project: "default",
 *     source: { repoURL: "https://git.example.com/org/gitops.git", targetRevision: "HEAD", path: "{{.path.path}}" },
 *     destination: { name: "in-cluster", namespace: "argocd" } } },
 * })
 */
export function applicationSet(options: ApplicationSetOptions): ApplicationSet {
  const goTemplate = options.goTemplate ?? true;
  const goTemplateOptions = options.goTemplateOptions ?? (goTemplate ? ["missingkey=error"] : undefined);
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "ApplicationSet",
    metadata: buildMetadata(options.name, options.namespace ?? ARGOCD_NAMESPACE, options),
    spec: {
      goTemplate,
      ...(goTemplateOptions !== undefined ? { goTemplateOptions: [...goTemplateOptions] } : {}),
      generators: [...options.generators],
      template: options.template,
      ...(options.templatePatch !== undefined ? { templatePatch: options.templatePatch } : {}),
      ...(options.syncPolicy !== undefined ? { syncPolicy: options.syncPolicy } : {}),
    },
  };
}

/** Options of {@link gitDirectoryGenerator}. */
export interface GitDirectoryGeneratorInput {
  readonly repoURL: string;
  /** @default "HEAD" */
  readonly revision?: string;
  /** Directory globs (`clusters/*`); `exclude: true` skips matches. */
  readonly directories: readonly { readonly path: string; readonly exclude?: boolean }[];
  /** @default none */
  readonly pathParamPrefix?: string;
}

/** A git directory generator: params `.path.path`, `.path.basename`, ... for every matching directory. */
export function gitDirectoryGenerator(input: GitDirectoryGeneratorInput): Generator {
  return {
    git: {
      repoURL: input.repoURL,
      revision: input.revision ?? "HEAD",
      directories: input.directories.map((d) => ({ ...d })),
      ...(input.pathParamPrefix !== undefined ? { pathParamPrefix: input.pathParamPrefix } : {}),
    },
  };
}

/** Options of {@link clusterGenerator}. */
export interface ClusterGeneratorInput {
  /** @default all clusters registered in Argo CD (a selector excludes `in-cluster`, which has no Secret) */
  readonly selector?: z.infer<typeof labelSelectorSchema>;
  /** @default none */
  readonly values?: Readonly<Record<string, string>>;
}

/** A cluster generator: params `.name`, `.server`, `.metadata.labels.<k>` for every matching cluster. */
export function clusterGenerator(input: ClusterGeneratorInput = {}): Generator {
  return {
    clusters: {
      ...(input.selector !== undefined ? { selector: input.selector } : {}),
      ...(input.values !== undefined ? { values: { ...input.values } } : {}),
    },
  };
}
