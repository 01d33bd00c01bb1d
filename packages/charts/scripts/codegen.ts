/**
 * The charts package's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes or
 * checks the files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON.
 *
 * - default: `src/catalog.gen.ts` from `sources/<id>.json`, one per row of the descriptor table;
 * - `--from-sources <dir>`: `sources/<id>.json` extracted from the chart files in `<dir>` (one folder per chart version,
 *   `../shared/reference/charts` or a chart-source checkout), each checked against its descriptor row.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHART_DESCRIPTORS } from "../src/descriptors.js";
import { buildCatalog, descriptorMismatches, renderCatalogModule } from "./catalog-builder.js";
import { type ChartFacts, extractAllChartFacts } from "./chart-facts.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fromRoot = (rel: string) => path.posix.join("packages/charts", rel);
/** Where the facts of a chart version are committed. */
export const factsFile = (id: string) => `sources/${id}.json`;

/** Our JSON layout: two-space indent, a final newline (stable, reviewable diffs). */
export const renderFacts = (facts: ChartFacts) => `${JSON.stringify(facts, null, 2)}\n`;

function generate(): { files: Record<string, string>; errors: string[] } {
  const errors: string[] = [];
  const facts: ChartFacts[] = [];
  for (const d of CHART_DESCRIPTORS) {
    const file = path.join(packageDir, factsFile(d.id));
    if (!existsSync(file)) {
      errors.push(
        `${fromRoot(factsFile(d.id))} is missing for the descriptor row ${d.id}: extract it with \`pnpm codegen --from-sources <chart files>\``,
      );
      continue;
    }
    const f = JSON.parse(readFileSync(file, "utf8")) as ChartFacts;
    errors.push(...descriptorMismatches(f).map((m) => `${m} (packages/charts/src/descriptors.ts)`));
    facts.push(f);
  }
  return { files: { [fromRoot("src/catalog.gen.ts")]: renderCatalogModule(facts.map(buildCatalog)) }, errors };
}

function fromSources(dir: string): { files: Record<string, string>; errors: string[] } {
  if (!existsSync(dir)) return { files: {}, errors: [`chart files not found at ${dir}`] };
  const { facts, missing } = extractAllChartFacts(dir);
  return {
    files: Object.fromEntries(facts.map((f) => [fromRoot(factsFile(f.id)), renderFacts(f)])),
    errors: [...missing, ...facts.flatMap(descriptorMismatches)],
  };
}

const i = process.argv.indexOf("--from-sources");
const result = i >= 0 ? fromSources(path.resolve(process.argv[i + 1] ?? "")) : generate();
process.stdout.write(JSON.stringify(result));
