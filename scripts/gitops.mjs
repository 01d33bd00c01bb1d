#!/usr/bin/env node
// Runs the lgtm-gitops CLI from the repository root, building the workspace first when any source
// is newer than its build (so `pnpm gitops --help` works right after `pnpm install`).
// `--build-only` builds if needed and exits.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "apps/bundler/dist/main.js");
const workspaces = ["packages", "apps"].flatMap((d) =>
  fs
    .readdirSync(path.join(root, d), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(root, d, e.name)),
);

function newest(dir) {
  let max = 0;
  if (!fs.existsSync(dir)) return max;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const m = fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs;
    if (m > max) max = m;
  }
  return max;
}

function stale() {
  for (const ws of workspaces) {
    const built = path.join(ws, "dist/index.js");
    if (!fs.existsSync(built)) return true;
    const builtAt = fs.statSync(built).mtimeMs;
    const inputs = [path.join(ws, "src"), path.join(ws, "data"), path.join(ws, "package.json")];
    if (
      inputs.some((i) => (fs.existsSync(i) && fs.statSync(i).isFile() ? fs.statSync(i).mtimeMs : newest(i)) > builtAt)
    )
      return true;
  }
  return false;
}

const args = process.argv.slice(2);
if (stale()) {
  const r = spawnSync("pnpm", ["turbo", "run", "build", "--output-logs=errors-only"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  if (r.status !== 0) {
    process.stderr.write(
      `${r.stdout ?? ""}${r.stderr ?? ""}\nlgtm-gitops: the build failed; fix the errors above and run again.\n`,
    );
    process.exit(2);
  }
  // turbo restores cached outputs with their original mtimes; mark the build as current.
  const now = new Date();
  for (const ws of workspaces) {
    const built = path.join(ws, "dist/index.js");
    if (fs.existsSync(built)) fs.utimesSync(built, now, now);
  }
}
if (args[0] === "--build-only") process.exit(0);
const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: process.env.INIT_CWD ?? process.cwd() });
process.exit(r.status ?? 1);
