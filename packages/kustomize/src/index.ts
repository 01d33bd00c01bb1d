export { type AppProject, appProject } from "./app-project.js";
export {
  type Application,
  type ApplicationDestination,
  type ApplicationSource,
  application,
  gitSource,
  helmSource,
  valuesRefSource,
} from "./application.js";
export { type ApplicationSet, applicationSet, clusterGenerator, gitDirectoryGenerator } from "./application-set.js";
export { IN_CLUSTER_SERVER, RESOURCES_FINALIZER } from "./argocd-constants.js";
export { type Kustomization, type KustomizationFields, kustomization } from "./kustomization.js";
export { type Namespace, namespace } from "./namespace.js";
export { type BundleDiagnostic, validateBundle, validateObject } from "./validate.js";
export { type ToYamlOptions, toYaml, toYamlDocument } from "./yaml-writer.js";
