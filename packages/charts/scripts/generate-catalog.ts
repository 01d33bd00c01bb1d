/**
 * Regenerates the chart key catalogs (`data/*.json`, `src/catalog.gen.ts`) from `../shared/reference/charts`, one per
 * row of the descriptor table (`src/descriptors.ts`), and checks each row against its Chart.yaml.
 * Usage (from packages/charts): `npx tsx scripts/generate-catalog.ts [referenceDir]` or `pnpm generate`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildAllCatalogs,
  chartSources,
  defaultReferenceDir,
  descriptorMismatches,
  renderCatalogFiles,
} from "./catalog-builder.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const referenceDir = process.argv[2] ?? defaultReferenceDir(packageDir);
if (!existsSync(referenceDir)) {
  process.stderr.write(`generate-catalog: reference charts not found at ${referenceDir}\n`);
  process.exit(1);
}
const mismatches = chartSources(referenceDir).flatMap((s) => {
  const chartYaml = path.join(referenceDir, s.folder, "Chart.yaml");
  if (!existsSync(chartYaml)) return [`${s.id}: no reference folder (looked for ${s.folder}/Chart.yaml)`];
  return descriptorMismatches(s.id, readFileSync(chartYaml, "utf8"));
});
if (mismatches.length > 0) {
  process.stderr.write(
    `generate-catalog: fix the descriptor rows in src/descriptors.ts:\n  ${mismatches.join("\n  ")}\n`,
  );
  process.exit(1);
}
const files = renderCatalogFiles(buildAllCatalogs(referenceDir));
for (const [rel, text] of files) {
  const out = path.join(packageDir, rel);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stdout.write(`wrote ${rel} (${text.length} bytes)\n`);
}
