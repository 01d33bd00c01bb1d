#!/usr/bin/env node
// The `lgtm-gitops` bin: the bundled CLI (dist/cli.cjs, with its code cache; scripts/bundle.mjs) when the
// package is built, else the CLI's modules as they are (tsc's output).
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { runCli as RunCli } from "./cli.js";
import { loadBundle } from "./code-cache.js";

const bundle = fileURLToPath(new URL("./cli.cjs", import.meta.url));
const runCli = fs.existsSync(bundle)
  ? (loadBundle(bundle, `${bundle}.cache`, (specifier) => import(specifier)).exports.runCli as typeof RunCli)
  : (await import("./cli.js")).runCli;

// A reader that stops early (`lgtm-gitops explain --list | head`) closes the pipe: stop quietly, as Unix tools do,
// instead of Node's unhandled-error stack trace. Other write errors stay loud.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
