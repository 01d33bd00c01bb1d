export { presets } from "@lgtm-gitops/tempo-config";
export { type CliIo, runCli } from "./cli.js";
export { BUNDLER_CODES, type BundlerCode, explainBundlerCode, findBundlerCode } from "./codes.js";
export { defineCluster } from "./definition/define-cluster.js";
export { definitionJsonSchema } from "./definition/json-schema.js";
export { type ParsedDefinition, parseDefinitions } from "./definition/parse.js";
export {
  type ClusterDefinition,
  type ClusterDefinitionInput,
  definitionSchema,
} from "./definition/schema.js";
export { type RenderClusterOptions, renderCluster } from "./render/cluster.js";
export { type RenderedFleet, type RenderFleetOptions, renderFleet } from "./render/fleet.js";
