export {
  type AppProject,
  type AppProjectOptions,
  type AppProjectSpec,
  appProject,
  appProjectSchema,
} from "./app-project.js";
export {
  type Application,
  type ApplicationDestination,
  type ApplicationOptions,
  type ApplicationSource,
  type ApplicationSources,
  type ApplicationSpec,
  application,
  applicationDestinationSchema,
  applicationSchema,
  applicationSourceSchema,
  applicationSpecSchema,
  type GitSourceInput,
  gitSource,
  type HelmSourceInput,
  type HelmSourceOptions,
  helmSource,
  helmSourceOptionsSchema,
  type IgnoreDifference,
  ignoreDifferenceSchema,
  type SyncPolicy,
  syncPolicySchema,
  type ValuesRefSourceInput,
  valuesRefSource,
} from "./application.js";
export {
  type ApplicationSet,
  type ApplicationSetOptions,
  type ApplicationSetSpec,
  type ApplicationSetTemplate,
  applicationSet,
  applicationSetSchema,
  type ClusterGeneratorInput,
  clusterGenerator,
  type Generator,
  type GitDirectoryGeneratorInput,
  generatorSchema,
  gitDirectoryGenerator,
} from "./application-set.js";
export {
  ARGOCD_API_VERSION,
  ARGOCD_NAMESPACE,
  IN_CLUSTER_SERVER,
  KNOWN_SYNC_OPTIONS,
  RESOURCES_FINALIZER,
} from "./argocd-constants.js";
export type { CompactCrdKind, CompactCrdSchemas, CompactSchemaNode } from "./crd-schema-types.js";
export { argoCdCrdSchemas } from "./crd-schemas.gen.js";
export { validateAgainstCrd, validateArgoObject } from "./crd-validate.js";
export {
  COMPONENT_API_VERSION,
  type Component,
  type ConfigMapGenerator,
  component,
  componentSchema,
  type HelmChart,
  KUSTOMIZATION_API_VERSION,
  type Kustomization,
  type KustomizationFields,
  type KustomizePatch,
  kustomization,
  kustomizationSchema,
  type Replacement,
  type SecretGenerator,
} from "./kustomization.js";
export {
  type MetadataOptions,
  type ObjectMeta,
  objectMetaSchema,
  SYNC_WAVE_ANNOTATION,
  syncWaveAnnotation,
} from "./metadata.js";
export { dns1123LabelError, dns1123SubdomainError, labelValueError, qualifiedNameError } from "./names.js";
export { type Namespace, type NamespaceOptions, namespace, namespaceSchema } from "./namespace.js";
export { RULES, type RuleCode } from "./rules.js";
export { type BundleDiagnostic, validateBundle, validateObject } from "./validate.js";
export { orderKubernetesObject, type ToYamlOptions, toYaml, toYamlDocument } from "./yaml-writer.js";
