#!/usr/bin/env node
// `pnpm release`: publishes the packages, but only
//   1. when no changeset is pending (a pending one would still bump a version about to be published: run
//      `pnpm version-packages` and commit first), and
//   2. after the test command passes (scripts/verify.mjs: build, typecheck, lint, tests, clusters/ current).
// Then `changeset publish`. Exit 1 with the reason when it refuses; nothing is published then.
//
// LGTM_RELEASE_VERIFY and LGTM_RELEASE_PUBLISH replace the two commands (JSON arrays), for the release tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const command = (env, fallback) => (process.env[env] ? JSON.parse(process.env[env]) : fallback);
const verify = command("LGTM_RELEASE_VERIFY", [process.execPath, path.join(root, "scripts/verify.mjs")]);
const publish = command("LGTM_RELEASE_PUBLISH", [
  process.execPath,
  path.join(root, "node_modules/@changesets/cli/bin.js"),
  "publish",
]);

function refuse(message, fix) {
  console.error(`release: ${message}\n  fix: ${fix}`);
  process.exit(1);
}

/** Pending changesets: file → the packages it bumps (`"name": major|minor|patch`). */
function pendingChangesets() {
  const dir = path.join(root, ".changeset");
  const out = [];
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    if (!f.endsWith(".md") || f === "README.md") continue;
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const front = /^---\s*\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
    const bumps = [...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => ({
      name: m[1],
      bump: m[2],
    }));
    if (bumps.length > 0) out.push({ file: `.changeset/${f}`, bumps });
  }
  return out;
}

/** Current version of each workspace package, by name. */
function versions() {
  const out = new Map();
  for (const d of ["packages", "apps"])
    for (const name of fs.readdirSync(path.join(root, d))) {
      const file = path.join(root, d, name, "package.json");
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      out.set(pkg.name, pkg.version);
    }
  return out;
}

const pending = pendingChangesets();
if (pending.length > 0) {
  const current = versions();
  const lines = pending.flatMap((c) =>
    c.bumps.map((b) => `${b.name}@${current.get(b.name) ?? "?"} (${b.bump} pending in ${c.file})`),
  );
  refuse(
    `${pending.length} pending changeset${pending.length === 1 ? "" : "s"} would still bump the versions about to be published:\n  ${[...new Set(lines)].join("\n  ")}`,
    'Run "pnpm version-packages", review and commit the version bumps and changelogs, then "pnpm release".',
  );
}

console.log(`$ ${verify.join(" ")}`);
const tests = spawnSync(verify[0], verify.slice(1), { cwd: root, stdio: "inherit" });
if (tests.status !== 0)
  refuse("the tests failed (see above); nothing was published", 'Fix what "pnpm verify" reports, then "pnpm release".');

console.log(`$ ${publish.join(" ")}`);
const published = spawnSync(publish[0], publish.slice(1), { cwd: root, stdio: "inherit" });
process.exit(published.status ?? 1);
