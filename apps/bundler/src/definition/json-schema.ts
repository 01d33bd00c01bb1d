import { z } from "zod";
import { definitionSchema } from "./schema.js";

/** Where the committed copy of the schema lives, relative to the bundler package. */
export const SCHEMA_FILE = "schema/cluster-definition.schema.json";

/**
 * The JSON Schema (draft 2020-12) of a cluster definition as users write it (`io: "input"`: fields with
 * defaults are optional), pretty-printed with a trailing newline. Deterministic.
 */
export function definitionJsonSchema(): string {
  const schema = z.toJSONSchema(definitionSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const out = {
    $schema: schema.$schema,
    $id: "https://lgtm-gitops.invalid/schema/cluster-definition.schema.json",
    title: "lgtm-gitops cluster definition",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
