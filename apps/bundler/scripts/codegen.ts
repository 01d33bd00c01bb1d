/**
 * The bundler's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes or checks the
 * files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON — the cluster
 * definition's JSON Schema and reference (from the definition schema) and docs/cli-errors.md (from the code catalogue).
 */
import { CODES_DOC, renderCodesMarkdown } from "../src/codes.js";
import { definitionJsonSchema, SCHEMA_FILE } from "../src/definition/json-schema.js";
import { definitionReferenceMarkdown, REFERENCE_DOC } from "../src/definition/reference-doc.js";

const files = {
  [`apps/bundler/${SCHEMA_FILE}`]: definitionJsonSchema(),
  [REFERENCE_DOC]: definitionReferenceMarkdown(),
  [CODES_DOC]: renderCodesMarkdown(),
};
process.stdout.write(JSON.stringify({ files, errors: [] }));
