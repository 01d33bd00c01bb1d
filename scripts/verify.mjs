#!/usr/bin/env node
// The test command: build, typecheck, lint and test every workspace package, check that every generated file is
// current (`pnpm codegen --check`) and that the committed bundles under clusters/ are current, then print one
// closing line "N passed, N failed" summed from every package's vitest JSON report. Exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
const reportDirs = ["packages", "apps"].flatMap((d) =>
  fs.readdirSync(path.join(root, d)).map((name) => path.join(root, d, name, "test-results")),
);
for (const dir of reportDirs) fs.rmSync(dir, { recursive: true, force: true });

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  return r.status === 0;
}

let ok = true;
ok = run("pnpm", ["exec", "biome", "check", "."]) && ok;
ok = run("pnpm", ["turbo", "run", "build", "typecheck", "lint", "test", "--continue"]) && ok;
// Every generated file (*.gen.ts, schemas, generated docs) is what `pnpm codegen` writes from the repository's inputs.
ok = run("node", ["scripts/codegen.mjs", "--check"]) && ok;
if (fs.existsSync(path.join(root, "clusters"))) {
  ok = run("node", ["scripts/gitops.mjs", "check"]) && ok;
}

let passed = 0;
let failed = 0;
let reports = 0;
for (const dir of reportDirs) {
  const file = path.join(dir, "vitest.json");
  if (!fs.existsSync(file)) continue;
  const j = JSON.parse(fs.readFileSync(file, "utf8"));
  reports++;
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  // A suite that fails to load counts its tests as neither passed nor failed; count it as a failure.
  failed += (j.testResults ?? []).filter(
    (s) => s.status === "failed" && (s.assertionResults ?? []).length === 0,
  ).length;
}
if (reports === 0 || passed === 0) ok = false;
if (failed > 0) ok = false;
console.log(`\n${reports} test reports read; overall ${ok ? "OK" : "FAILED"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
