#!/usr/bin/env node
// Last step of `build`: the CLI as one file instead of ~220 modules, and V8's code cache for it.
//   dist/cli.cjs         src/cli.ts and everything it runs (zod, yaml, the @lgtm-gitops packages), CommonJS, run by
//                        dist/main.js (the bin; src/main.ts) through vm.Script with
//   dist/cli.cjs.cache   the code V8 compiled while running a few commands here (src/code-cache.ts)
//   dist/fleet/worker.js a render worker thread, one ES module bundle (replaces tsc's output)
//   dist/build-info.json the build fingerprint, part of every verdict key (src/render/verdicts.ts)
//   *.map                where each bundle's code comes from (bench/profile.mjs; never loaded by the CLI)
// The library entry (dist/index.js, what `import … from "@lgtm-gitops/bundler"` loads) stays tsc's output. What the
// CLI prints and writes is the same either way; only start-up time differs (docs/performance.md).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const common = {
  absWorkingDir: pkg,
  bundle: true,
  platform: "node",
  target: "node20",
  // esbuild finds its native binary next to its own package; tsx only runs the worker from source (tests).
  external: ["esbuild", "tsx"],
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  // A .map next to each bundle, referenced by nothing: bench/profile.mjs maps profiles back to the sources with it.
  sourcemap: "external",
  sourcesContent: false,
  logLevel: "warning",
};
// The bundled worker sits at dist/fleet/worker.js, next to where tsc put it (see src/fleet/parallel.ts).
const define = { LGTM_GITOPS_WORKER: JSON.stringify("./fleet/worker.js"), LGTM_GITOPS_BUNDLED: "true" };
await esbuild.build({
  ...common,
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.cjs",
  format: "cjs",
  // import.meta.url, as an ES module would see it (the bundle's own URL: paths are relative to dist/).
  define: { ...define, "import.meta.url": "__lgtmImportMetaUrl" },
  banner: { js: 'var __lgtmImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  // The only other import.meta use, import.meta.resolve in src/fleet/parallel.ts, runs from source only (tests).
  logOverride: { "empty-import-meta": "silent" },
});
await esbuild.build({
  ...common,
  entryPoints: { "fleet/worker": "src/fleet/worker.ts" },
  outdir: "dist",
  allowOverwrite: true,
  format: "esm",
  define,
  // yaml is CommonJS: its require() of Node's built-in modules needs a require in an ES module.
  banner: {
    js: 'import { createRequire as __lgtmRequire } from "node:module"; const require = __lgtmRequire(import.meta.url);',
  },
});

const hash = createHash("sha256");
for (const f of ["dist/cli.cjs", "dist/fleet/worker.js"]) hash.update(fs.readFileSync(path.join(pkg, f)));
fs.writeFileSync(path.join(pkg, "dist/build-info.json"), `${JSON.stringify({ fingerprint: hash.digest("hex") })}\n`);

// The code cache: load the bundle as the bin does, run the commands users run most on the tests' fixture fleet
// (TypeScript and YAML definitions) and on values files, then keep what V8 compiled.
const { loadBundle } = await import(path.join(pkg, "dist/code-cache.js"));
const cli = path.join(pkg, "dist/cli.cjs");
fs.rmSync(`${cli}.cache`, { force: true });
const loaded = loadBundle(cli, `${cli}.cache`, (specifier) => import(specifier));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-gitops-bundle-"));
try {
  const io = {
    cwd: pkg,
    root: path.resolve(pkg, "../.."),
    stdout: { write: () => true },
    stderr: { write: () => true },
  };
  const fleet = path.join(pkg, "test/fixtures/fleet");
  const out = path.join(tmp, "clusters");
  const values = path.resolve(pkg, "../../packages/validators/src/__fixtures__/corrected");
  for (const argv of [
    ["generate", "--fleet", fleet, "--out", out, "--quiet"],
    ["check", "--fleet", fleet, "--out", out, "--quiet"],
    ["lint", ...fs.readdirSync(values).map((f) => path.join(values, f))],
    ["--version"],
  ])
    await loaded.exports.runCli(argv, io);
  fs.writeFileSync(`${cli}.cache`, loaded.script.createCachedData());
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
