import type { CliIo } from "../cli.js";
import { definitionJsonSchema } from "../definition/json-schema.js";
import { EXIT } from "../errors.js";

/** `schema`: prints the JSON Schema of a cluster definition. */
export function runSchema(io: CliIo): number {
  io.stdout.write(definitionJsonSchema());
  return EXIT.ok;
}
