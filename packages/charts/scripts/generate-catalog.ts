/**
 * Regenerates the chart key catalogs (`data/*.json`, `src/catalog.gen.ts`) from `../shared/reference/charts`.
 * Usage (from packages/charts): `npx tsx scripts/generate-catalog.ts [referenceDir]` or `pnpm generate`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAllCatalogs, defaultReferenceDir, renderCatalogFiles } from "./catalog-builder.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const referenceDir = process.argv[2] ?? defaultReferenceDir(packageDir);
if (!existsSync(referenceDir)) {
  process.stderr.write(`generate-catalog: reference charts not found at ${referenceDir}\n`);
  process.exit(1);
}
const files = renderCatalogFiles(buildAllCatalogs(referenceDir));
for (const [rel, text] of files) {
  const out = path.join(packageDir, rel);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stdout.write(`wrote ${rel} (${text.length} bytes)\n`);
}
