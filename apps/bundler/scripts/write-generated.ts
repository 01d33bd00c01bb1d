// Writes the files generated from the definition schema (apps/bundler/schema/cluster-definition.schema.json,
// docs/cluster-definition.md) and from the bundler's code catalogue (docs/cli-errors.md). Run: pnpm --filter @lgtm-gitops/bundler generate:docs (tests fail when they drift).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { CODES_DOC, renderCodesMarkdown } from "../src/codes.js";
import { definitionJsonSchema, SCHEMA_FILE } from "../src/definition/json-schema.js";
import { definitionReferenceMarkdown, normalizeMarkdown, REFERENCE_DOC } from "../src/definition/reference-doc.js";

const pkg = path.resolve(import.meta.dirname, "..");
const root = path.resolve(pkg, "../..");

const schemaFile = path.join(pkg, SCHEMA_FILE);
const schema = definitionJsonSchema();
const current = fs.existsSync(schemaFile) ? (JSON.parse(fs.readFileSync(schemaFile, "utf8")) as unknown) : undefined;
if (isDeepStrictEqual(current, JSON.parse(schema)))
  process.stdout.write(`unchanged ${path.relative(root, schemaFile)}\n`);
else {
  fs.mkdirSync(path.dirname(schemaFile), { recursive: true });
  fs.writeFileSync(schemaFile, schema);
  // The repository formats JSON with Biome; keep the committed copy formatted.
  spawnSync("pnpm", ["exec", "biome", "format", "--write", schemaFile], { cwd: root, stdio: "ignore" });
  process.stdout.write(`wrote ${path.relative(root, schemaFile)}\n`);
}

const docFile = path.join(root, REFERENCE_DOC);
const doc = definitionReferenceMarkdown();
const before = fs.existsSync(docFile) ? fs.readFileSync(docFile, "utf8") : undefined;
if (before !== undefined && normalizeMarkdown(before) === normalizeMarkdown(doc))
  process.stdout.write(`unchanged ${REFERENCE_DOC}\n`);
else {
  fs.writeFileSync(docFile, doc);
  spawnSync("pnpm", ["exec", "biome", "format", "--write", docFile], { cwd: root, stdio: "ignore" });
  process.stdout.write(`wrote ${REFERENCE_DOC}\n`);
}

const codesFile = path.join(root, CODES_DOC);
const codes = renderCodesMarkdown();
const codesBefore = fs.existsSync(codesFile) ? fs.readFileSync(codesFile, "utf8") : undefined;
if (codesBefore !== undefined && normalizeMarkdown(codesBefore) === normalizeMarkdown(codes))
  process.stdout.write(`unchanged ${CODES_DOC}\n`);
else {
  fs.writeFileSync(codesFile, codes);
  spawnSync("pnpm", ["exec", "biome", "format", "--write", codesFile], { cwd: root, stdio: "ignore" });
  process.stdout.write(`wrote ${CODES_DOC}\n`);
}
