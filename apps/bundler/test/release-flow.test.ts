// The release flow on a temporary copy of the repository: pending changesets are valid, `pnpm release` refuses
// while they are pending, `changeset version` bumps every package and writes CHANGELOG.md files, and then
// `pnpm release` runs the tests before publishing (stand-ins for both commands: the real ones need the whole
// build and registry credentials).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "../../..");
const changesetBin = path.join(repo, "node_modules/@changesets/cli/bin.js");
let tmp = "";

function sh(cmd: string, args: string[], cwd = tmp): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-release-"));
  const files = sh("git", ["ls-files", "--cached", "--others", "--exclude-standard"], repo).split("\n").filter(Boolean);
  for (const f of files) {
    if (f.startsWith("clusters/") || !fs.existsSync(path.join(repo, f))) continue;
    fs.mkdirSync(path.join(tmp, path.dirname(f)), { recursive: true });
    fs.copyFileSync(path.join(repo, f), path.join(tmp, f));
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(tmp, "node_modules"));
  sh("git", ["init", "-q", "-b", "main"]);
  sh("git", ["-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "add", "-A"]);
  sh("git", ["-c", "user.email=ci@example.invalid", "-c", "user.name=ci", "commit", "-qm", "snapshot"]);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** `node scripts/release.mjs` in the copy, with stand-ins for the test command and `changeset publish`. */
function release(verifyExit: number): { status: number | null; stdout: string; stderr: string } {
  const marker = path.join(tmp, "published");
  const r = spawnSync(process.execPath, ["scripts/release.mjs"], {
    cwd: tmp,
    encoding: "utf8",
    env: {
      ...process.env,
      LGTM_RELEASE_VERIFY: JSON.stringify([
        process.execPath,
        "-e",
        `console.log("tests ran"); process.exit(${verifyExit})`,
      ]),
      LGTM_RELEASE_PUBLISH: JSON.stringify([
        process.execPath,
        "-e",
        `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`,
      ]),
    },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pkgVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(tmp, dir, "package.json"), "utf8")) as { version: string }).version;
}

describe("release flow (changesets)", () => {
  const libs = ["charts", "tempo-config", "datasources", "validators", "kustomize"].map((p) => `packages/${p}`);

  it("has at least one pending changeset and `changeset status` accepts it", () => {
    const pending = fs.readdirSync(path.join(tmp, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(pending.length).toBeGreaterThan(0);
    const out = sh("node", [changesetBin, "status", "--verbose"]);
    expect(out).toMatch(/@lgtm-gitops\/charts/);
  });

  it("`pnpm release` refuses to publish while a changeset would still bump the versions, before running anything", () => {
    const r = release(0);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^release: \d+ pending changesets? would still bump the versions about to be published:/);
    expect(r.stderr).toMatch(/@lgtm-gitops\/charts@\d+\.\d+\.\d+ \(minor pending in \.changeset\/.+\.md\)/);
    expect(r.stderr).toContain('fix: Run "pnpm version-packages"');
    expect(r.stdout).not.toContain("tests ran");
    expect(fs.existsSync(path.join(tmp, "published"))).toBe(false);
  });

  it("`changeset version` bumps versions and writes changelogs", () => {
    const before = Object.fromEntries(libs.map((d) => [d, pkgVersion(d)]));
    sh("node", [changesetBin, "version"]);
    for (const d of libs) {
      expect(pkgVersion(d), d).not.toBe(before[d]);
      const changelog = fs.readFileSync(path.join(tmp, d, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${pkgVersion(d)}`);
    }
    // internal dependencies stay on the workspace protocol
    const validators = JSON.parse(fs.readFileSync(path.join(tmp, "packages/validators/package.json"), "utf8"));
    expect(validators.dependencies["@lgtm-gitops/charts"]).toBe("workspace:*");
    expect(fs.readdirSync(path.join(tmp, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")).toEqual(
      [],
    );
  });

  it("then `pnpm release` runs the tests first and publishes only when they pass", () => {
    const failing = release(1);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("tests ran");
    expect(failing.stderr).toContain("release: the tests failed (see above); nothing was published");
    expect(fs.existsSync(path.join(tmp, "published"))).toBe(false);
    const passing = release(0);
    expect(passing.status, passing.stderr).toBe(0);
    expect(passing.stdout).toContain("tests ran");
    expect(fs.existsSync(path.join(tmp, "published"))).toBe(true);
  });
});
