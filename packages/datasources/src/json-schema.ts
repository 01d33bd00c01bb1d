import { z } from "zod";
import { provisioningFileSchema } from "./entry-schema.js";

/**
 * JSON Schema of a Grafana datasource provisioning file (`apiVersion: 1`), generated from
 * {@link provisioningFileSchema}. Shipped as `@lgtm-gitops/datasources/schema.json` for YAML editors.
 */
export function provisioningFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(provisioningFileSchema, { unrepresentable: "any", io: "input" }),
    title: "Grafana datasource provisioning file (apiVersion 1)",
  };
}
