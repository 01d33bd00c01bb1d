#!/usr/bin/env node
// `pnpm codegen`: regenerates every generated file of the repository (*.gen.ts, schema JSON, generated docs) from
// inputs inside the repository. Each package's scripts/codegen.ts prints the files it generates (path → content);
// this script formats them as the repository does (Biome) and writes those that changed.
//
//   pnpm codegen                         write what changed
//   pnpm codegen --check                 write nothing; exit 1 naming every file that is not what codegen writes
//   pnpm codegen --from-sources [DIR]    first extract the committed source data (packages/*/sources/*.json) from
//                                        the upstream files in DIR (default ../shared/reference: chart files, Tempo
//                                        manifests, Argo CD CRDs), then regenerate; with --check, only compare
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };

/**
 * Every generator, in dependency order (a generator that imports another workspace package runs after that package is
 * rebuilt). `sources`: the folder under the reference directory its `--from-sources` step reads.
 */
const GENERATORS = [
  { pkg: "@lgtm-gitops/charts", dir: "packages/charts" },
  { pkg: "@lgtm-gitops/tempo-config", dir: "packages/tempo-config", sources: "tempo" },
  { pkg: "@lgtm-gitops/kustomize", dir: "packages/kustomize", sources: "crds" },
  { pkg: "@lgtm-gitops/datasources", dir: "packages/datasources" },
  { pkg: "@lgtm-gitops/validators", dir: "packages/validators" },
  { pkg: "@lgtm-gitops/bundler", dir: "apps/bundler" },
];

const args = process.argv.slice(2);
const check = args.includes("--check");
const fromSourcesAt = args.indexOf("--from-sources");
const fromSources = fromSourcesAt >= 0;
const referenceDir = path.resolve(
  root,
  fromSources && args[fromSourcesAt + 1] && !args[fromSourcesAt + 1].startsWith("--")
    ? args[fromSourcesAt + 1]
    : "../shared/reference",
);
const FIX = fromSources ? "pnpm codegen --from-sources" : "pnpm codegen";

function fail(message) {
  process.stderr.write(`codegen: ${message}\n`);
  process.exit(1);
}

/** Builds the workspace packages `pkg` imports (turbo: cached when nothing changed), so its generator sees them. */
function buildDependencies(pkg) {
  const r = spawnSync("pnpm", ["turbo", "run", "build", `--filter=${pkg}^...`, "--output-logs=errors-only"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) fail(`building what ${pkg} needs failed:\n${r.stdout}${r.stderr}`);
}

/** Runs one package's scripts/codegen.ts: `{ files, errors }`. */
function runGenerator(g, extra) {
  const script = path.join(root, g.dir, "scripts/codegen.ts");
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), [script, ...extra], {
    cwd: path.join(root, g.dir),
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) fail(`${path.relative(root, script)} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The content as the repository formats it (Biome); files Biome ignores come back unchanged. */
function formatted(file, content) {
  const r = spawnSync(path.join(root, "node_modules/.bin/biome"), ["format", `--stdin-file-path=${file}`], {
    cwd: root,
    input: content,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) fail(`biome could not format ${file}:\n${r.stderr}`);
  return r.stdout;
}

/** Compares (and unless --check, writes) one generator's files; returns the files that were not current. */
function apply(g, result) {
  if (result.errors.length > 0) fail(`${g.dir}:\n  ${result.errors.join("\n  ")}`);
  const stale = [];
  for (const [file, raw] of Object.entries(result.files)) {
    const content = formatted(file, raw);
    const abs = path.join(root, file);
    const current = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : undefined;
    if (current === content) continue;
    stale.push(file);
    if (!check) {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  return stale;
}

const stale = [];
if (fromSources) {
  if (!fs.existsSync(referenceDir)) fail(`no reference files at ${referenceDir}`);
  for (const g of GENERATORS.filter((x) => x.sources))
    stale.push(...apply(g, runGenerator(g, ["--from-sources", path.join(referenceDir, g.sources)])));
}
if (!(fromSources && check)) {
  for (const g of GENERATORS) {
    buildDependencies(g.pkg);
    stale.push(...apply(g, runGenerator(g, [])));
  }
}
if (check && stale.length > 0) {
  for (const file of stale) process.stderr.write(`codegen: ${file} is not what codegen generates: run \`${FIX}\`\n`);
  process.exit(1);
}
process.stdout.write(
  check
    ? `codegen: every generated file is current${fromSources ? ` with ${path.relative(root, referenceDir)}` : ""}\n`
    : `codegen: ${stale.length} file(s) written\n`,
);
