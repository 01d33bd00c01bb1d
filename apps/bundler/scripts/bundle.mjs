#!/usr/bin/env node
// Last step of `build`: replaces the CLI's two entry points that tsc emitted, dist/main.js (the `lgtm-gitops` bin)
// and dist/fleet/worker.js (a render worker thread), with one esbuild bundle each, so a run loads one file instead
// of ~220 modules. The library entry (dist/index.js, what `import … from "@lgtm-gitops/bundler"` loads) stays
// tsc's output. The output of the CLI is the same either way; only start-up time differs (docs/performance.md).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await esbuild.build({
  absWorkingDir: pkg,
  entryPoints: { main: "src/main.ts", "fleet/worker": "src/fleet/worker.ts" },
  outdir: "dist",
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // esbuild finds its native binary next to its own package; tsx only runs the worker from source (tests).
  external: ["esbuild", "tsx"],
  // The bundled worker sits at dist/fleet/worker.js, next to where tsc put it (see src/fleet/parallel.ts).
  define: { LGTM_GITOPS_WORKER: JSON.stringify("./fleet/worker.js"), LGTM_GITOPS_BUNDLED: "true" },
  // yaml is CommonJS: its require() of Node's built-in modules needs a require in an ES module.
  banner: {
    js: 'import { createRequire as __lgtmRequire } from "node:module"; const require = __lgtmRequire(import.meta.url);',
  },
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});

// The build fingerprint: any change of code or data the CLI runs (all of it is in these two files) changes it, and
// with it every verdict key (src/render/verdicts.ts).
const hash = createHash("sha256");
for (const f of ["dist/main.js", "dist/fleet/worker.js"]) hash.update(fs.readFileSync(path.join(pkg, f)));
fs.writeFileSync(path.join(pkg, "dist/build-info.json"), `${JSON.stringify({ fingerprint: hash.digest("hex") })}\n`);
