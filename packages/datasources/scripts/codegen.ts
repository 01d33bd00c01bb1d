/**
 * The datasources package's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes or
 * checks the files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON —
 * `schema.gen.json`, the JSON Schema of a provisioning file, from the zod schema.
 */
import { provisioningFileJsonSchema } from "../src/json-schema.js";

const files = { "packages/datasources/schema.gen.json": `${JSON.stringify(provisioningFileJsonSchema(), null, 2)}\n` };
process.stdout.write(JSON.stringify({ files, errors: [] }));
