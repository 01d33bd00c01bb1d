import { z } from "zod";

/** `apiVersion` of a Kustomization file. */
export const KUSTOMIZATION_API_VERSION = "kustomize.config.k8s.io/v1beta1";
/** `apiVersion` of a Component file. */
export const COMPONENT_API_VERSION = "kustomize.config.k8s.io/v1alpha1";

const stringMap = z.record(z.string(), z.string());

/** A kustomize FieldSpec: which field of which kinds a transformer touches. */
export const fieldSpecSchema = z.strictObject({
  group: z.string().optional(),
  version: z.string().optional(),
  kind: z.string().optional(),
  path: z.string().optional(),
  /** @default false */
  create: z.boolean().optional(),
});

/** One entry of `labels`: label pairs and where they go. */
export const kustomizeLabelsSchema = z.strictObject({
  pairs: stringMap,
  /** Also add the labels to selectors (immutable on Deployments: changing it later breaks updates). @default false */
  includeSelectors: z.boolean().optional(),
  /** Also add the labels to pod templates. @default false */
  includeTemplates: z.boolean().optional(),
  fields: z.array(fieldSpecSchema).optional(),
});

/** Selects resources (patch targets, replacement targets). */
export const resourceSelectorSchema = z.strictObject({
  group: z.string().optional(),
  version: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  labelSelector: z.string().optional(),
  annotationSelector: z.string().optional(),
});

const patchOptionsSchema = z.strictObject({
  /** @default false */
  allowNameChange: z.boolean().optional(),
  /** @default false */
  allowKindChange: z.boolean().optional(),
});

/** One entry of `patches`: a patch file (`path`) or an inline strategic-merge/JSON6902 patch (`patch`). */
export const kustomizePatchSchema = z.union([
  z.strictObject({
    path: z.string(),
    target: resourceSelectorSchema.optional(),
    options: patchOptionsSchema.optional(),
  }),
  z.strictObject({
    patch: z.string(),
    target: resourceSelectorSchema.optional(),
    options: patchOptionsSchema.optional(),
  }),
]);

/** Options shared by all ConfigMap/Secret generators. */
export const generatorOptionsSchema = z.strictObject({
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  /** Without it, generated names get a content-hash suffix. @default false */
  disableNameSuffixHash: z.boolean().optional(),
  /** @default false */
  immutable: z.boolean().optional(),
});

const generatorFields = {
  name: z.string(),
  namespace: z.string().optional(),
  /** @default "create" */
  behavior: z.enum(["create", "replace", "merge"]).optional(),
  /** `key=value` pairs. */
  literals: z.array(z.string()).optional(),
  files: z.array(z.string()).optional(),
  envs: z.array(z.string()).optional(),
  options: generatorOptionsSchema.optional(),
};

/** One entry of `configMapGenerator`. */
export const configMapGeneratorSchema = z.strictObject(generatorFields);
/** One entry of `secretGenerator`. */
export const secretGeneratorSchema = z.strictObject({
  ...generatorFields,
  /** @default "Opaque" */
  type: z.string().optional(),
});

/** One entry of `images`. */
export const kustomizeImageSchema = z.strictObject({
  name: z.string(),
  newName: z.string().optional(),
  newTag: z.string().optional(),
  digest: z.string().optional(),
});

/** One entry of `replicas`. */
export const kustomizeReplicaSchema = z.strictObject({ name: z.string(), count: z.number().int().nonnegative() });

const replacementOptionsSchema = z.strictObject({
  delimiter: z.string().optional(),
  index: z.number().int().optional(),
  /** @default false */
  create: z.boolean().optional(),
});

/** One entry of `replacements`: a file, or a source field copied to target fields. */
export const replacementSchema = z.union([
  z.strictObject({ path: z.string() }),
  z.strictObject({
    source: z.strictObject({
      group: z.string().optional(),
      version: z.string().optional(),
      kind: z.string().optional(),
      name: z.string().optional(),
      namespace: z.string().optional(),
      /** @default "metadata.name" */
      fieldPath: z.string().optional(),
      options: replacementOptionsSchema.optional(),
    }),
    targets: z.array(
      z.strictObject({
        select: resourceSelectorSchema,
        reject: z.array(resourceSelectorSchema).optional(),
        fieldPaths: z.array(z.string()).optional(),
        options: replacementOptionsSchema.optional(),
      }),
    ),
  }),
]);

/** One entry of `helmCharts` (HelmChartInflationGenerator; needs `--enable-helm` and a `helm` binary). */
export const helmChartSchema = z.strictObject({
  name: z.string(),
  repo: z.string().optional(),
  version: z.string().optional(),
  releaseName: z.string().optional(),
  namespace: z.string().optional(),
  valuesFile: z.string().optional(),
  valuesInline: z.record(z.string(), z.unknown()).optional(),
  /** @default "override" */
  valuesMerge: z.enum(["merge", "override", "replace"]).optional(),
  additionalValuesFiles: z.array(z.string()).optional(),
  /** @default false */
  includeCRDs: z.boolean().optional(),
  /** @default false */
  skipHooks: z.boolean().optional(),
  /** @default false */
  skipTests: z.boolean().optional(),
  apiVersions: z.array(z.string()).optional(),
  kubeVersion: z.string().optional(),
  nameTemplate: z.string().optional(),
  digest: z.string().optional(),
  /** @default false */
  debug: z.boolean().optional(),
  /** @default false */
  devel: z.boolean().optional(),
});

/** `metadata` of a Kustomization (optional; kustomize ignores it apart from the name). */
export const kustomizationMetadataSchema = z.strictObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** Fields shared by Kustomization and Component (kustomize `api/types/kustomization.go`). */
const kustomizationFields = {
  metadata: kustomizationMetadataSchema.optional(),
  /** Files, directories with a kustomization, or remote URLs, relative to this file. */
  resources: z.array(z.string()).optional(),
  /** Directories whose kustomization is `kind: Component`. */
  components: z.array(z.string()).optional(),
  crds: z.array(z.string()).optional(),
  /** Overwrites `metadata.namespace` of EVERY resource, Argo CD Applications included. */
  namespace: z.string().optional(),
  namePrefix: z.string().optional(),
  nameSuffix: z.string().optional(),
  /** Deprecated in kustomize 5 (also changes selectors); prefer `labels`. */
  commonLabels: stringMap.optional(),
  labels: z.array(kustomizeLabelsSchema).optional(),
  commonAnnotations: stringMap.optional(),
  patches: z.array(kustomizePatchSchema).optional(),
  configMapGenerator: z.array(configMapGeneratorSchema).optional(),
  secretGenerator: z.array(secretGeneratorSchema).optional(),
  generatorOptions: generatorOptionsSchema.optional(),
  images: z.array(kustomizeImageSchema).optional(),
  replicas: z.array(kustomizeReplicaSchema).optional(),
  replacements: z.array(replacementSchema).optional(),
  helmCharts: z.array(helmChartSchema).optional(),
  helmGlobals: z
    .strictObject({
      /** @default "charts" */
      chartHome: z.string().optional(),
      configHome: z.string().optional(),
    })
    .optional(),
  buildMetadata: z.array(z.string()).optional(),
  sortOptions: z
    .union([
      z.strictObject({
        order: z.literal("legacy"),
        legacySortOptions: z
          .strictObject({
            orderFirst: z.array(z.string()).optional(),
            orderLast: z.array(z.string()).optional(),
          })
          .optional(),
      }),
      z.strictObject({ order: z.literal("fifo") }),
    ])
    .optional(),
  configurations: z.array(z.string()).optional(),
  generators: z.array(z.string()).optional(),
  transformers: z.array(z.string()).optional(),
  validators: z.array(z.string()).optional(),
  openapi: stringMap.optional(),
};

/** A `kustomization.yaml` (`kustomize.config.k8s.io/v1beta1`, `kind: Kustomization`). Unknown fields are rejected, as kustomize does. */
export const kustomizationSchema = z.strictObject({
  apiVersion: z.literal(KUSTOMIZATION_API_VERSION),
  kind: z.literal("Kustomization"),
  ...kustomizationFields,
});

/** A Component (`kustomize.config.k8s.io/v1alpha1`, `kind: Component`), included through `components:`. */
export const componentSchema = z.strictObject({
  apiVersion: z.literal(COMPONENT_API_VERSION),
  kind: z.literal("Component"),
  ...kustomizationFields,
});

/** A Kustomization file. */
export type Kustomization = z.infer<typeof kustomizationSchema>;
/** A Component file. */
export type Component = z.infer<typeof componentSchema>;
/** The fields of a Kustomization or Component, without `apiVersion`/`kind`. */
export type KustomizationFields = Omit<Kustomization, "apiVersion" | "kind">;

/**
 * Builds a Kustomization (`apiVersion`/`kind` set for you; fields kept in the order given).
 *
 * @example
 * kustomization({ resources: ["namespaces.yaml", "project.yaml", "applications/lgtm.yaml"] })
 */
export function kustomization(fields: KustomizationFields): Kustomization {
  return { apiVersion: KUSTOMIZATION_API_VERSION, kind: "Kustomization", ...fields };
}

/** Builds a Component (`kustomize.config.k8s.io/v1alpha1`), for use in another kustomization's `components:`. */
export function component(fields: KustomizationFields): Component {
  return { apiVersion: COMPONENT_API_VERSION, kind: "Component", ...fields };
}
