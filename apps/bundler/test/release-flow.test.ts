// The release flow on a temporary copy of the repository: pending changesets are valid, and
// `changeset version` bumps every package and writes CHANGELOG.md files.
import { execFileSync } from "node:child_process";
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
});
