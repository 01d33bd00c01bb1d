#!/usr/bin/env node
// The test command: build, typecheck, lint and test every workspace package, check that every generated file is
// current (`pnpm codegen --check`) and that the committed bundles under clusters/ are current, then print one
// closing line "N passed, N failed" summed from every package's vitest JSON report. Exits non-zero on any failure.
//
// A green run prints no task output (turbo shows the logs of failed tasks only), and no colour codes when stdout
// is not a terminal. A failing run ends with what failed (steps, turbo tasks, tests), just before the last line.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tty = process.stdout.isTTY === true;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
if (!tty) {
  // Every tool we run (turbo, vitest, biome, the CLI) reads NO_COLOR; FORCE_COLOR would win over it.
  env.NO_COLOR = "1";
  delete env.FORCE_COLOR;
}
const reportDirs = ["packages", "apps"].flatMap((d) =>
  fs.readdirSync(path.join(root, d)).map((name) => path.join(root, d, name, "test-results")),
);
for (const dir of reportDirs) fs.rmSync(dir, { recursive: true, force: true });

/** What failed, for the end of the output. */
const failures = [];

/** Runs a command with its output shown as it comes; resolves to its exit status and its stdout. */
function run(label, cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["inherit", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      process.stdout.write(d);
      out += d.toString("utf8");
    });
    child.on("close", (code) => {
      if (code !== 0) failures.push(label);
      resolve({ ok: code === 0, out });
    });
    child.on("error", (e) => {
      failures.push(`${label} (${e.message})`);
      resolve({ ok: false, out });
    });
  });
}

let ok = true;
ok = (await run("biome check", "pnpm", ["exec", "biome", "check", ...(tty ? [] : ["--colors=off"]), "."])).ok && ok;
const turbo = await run("turbo", "pnpm", [
  "turbo",
  "run",
  "build",
  "typecheck",
  "lint",
  "test",
  "--continue",
  "--output-logs=errors-only",
  ...(tty ? [] : ["--no-color"]),
]);
ok = turbo.ok && ok;
if (!turbo.ok) {
  // turbo's summary names the failed tasks: "Failed:    @lgtm-gitops/bundler#test, …"
  const failed = /^\s*Failed:\s+(.+)$/m.exec(turbo.out)?.[1];
  if (failed)
    failures.splice(failures.indexOf("turbo"), 1, ...failed.split(/,\s*/).map((t) => `turbo task ${t.trim()}`));
}
// Every generated file (*.gen.ts, schemas, generated docs) is what `pnpm codegen` writes from the repository's inputs.
ok = (await run("generated files current (pnpm codegen --check)", "node", ["scripts/codegen.mjs", "--check"])).ok && ok;
if (fs.existsSync(path.join(root, "clusters"))) {
  // --diff: a drifted file is shown as the change generate would make.
  ok = (await run("clusters/ current (pnpm gitops check)", "node", ["scripts/gitops.mjs", "check", "--diff"])).ok && ok;
}

let passed = 0;
let failed = 0;
let reports = 0;
for (const dir of reportDirs) {
  const file = path.join(dir, "vitest.json");
  if (!fs.existsSync(file)) continue;
  const j = JSON.parse(fs.readFileSync(file, "utf8"));
  const pkg = path.relative(root, path.dirname(dir));
  reports++;
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  for (const suite of j.testResults ?? []) {
    const rel = path.relative(path.dirname(dir), suite.name ?? "");
    const assertions = suite.assertionResults ?? [];
    // A suite that fails to load counts its tests as neither passed nor failed; count it as a failure.
    if (suite.status === "failed" && assertions.length === 0) {
      failed++;
      failures.push(`${pkg}: ${rel} did not load`);
    }
    for (const a of assertions) if (a.status === "failed") failures.push(`${pkg}: ${rel} > ${a.fullName}`);
  }
}
if (reports === 0 || passed === 0) {
  ok = false;
  failures.push("no test ran (no vitest report with a passed test)");
}
if (failed > 0) ok = false;
console.log(`\n${reports} test reports read; overall ${ok ? "OK" : "FAILED"}`);
if (!ok) console.log(`What failed:\n${[...new Set(failures)].map((f) => `  - ${f}`).join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
