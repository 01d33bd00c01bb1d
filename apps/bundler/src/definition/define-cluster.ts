import type { ClusterDefinitionInput } from "./schema.js";

/**
 * Declares one cluster in a TypeScript fleet file. An identity function: it only gives editors the definition's
 * type (completion, errors as you type). The CLI validates the value when it loads the file.
 *
 * @example
 * import { defineCluster, presets } from "@lgtm-gitops/bundler";
 * export default defineCluster({ name: "dev", distribution: "k3s", tempo: presets.dev(), ... });
 */
export function defineCluster<const T extends ClusterDefinitionInput>(definition: T): T {
  return definition;
}
