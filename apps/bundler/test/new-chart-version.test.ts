// Adding a chart version is rebuilding the catalogs and regenerating the descriptor rows, nothing else. This test does
// exactly that to a copy of the workspace (a fake tempo-distributed 1.99.0 with 1.61.3's keys): its key catalog merged
// into the chart's store and its entry in the catalogs' index (what the catalog builder writes from a chart's sources),
// then the descriptor rows `pnpm codegen` generates from them. It builds the copy and shows that `lint --chart` and
// `generate` accept the new version while the real workspace refuses it. Nothing outside the repository is needed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const WORKSPACES = [
  "packages/diagnostics",
  "packages/charts",
  "packages/tempo-config",
  "packages/datasources",
  "packages/kustomize",
  "packages/validators",
  "apps/bundler",
];
const NEW = "tempo-distributed@1.99.0";

/** Copies a workspace's sources and configuration (no tests, no build output); node_modules keep their symlinks. */
function copyWorkspace(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (["dist", "test-results", "test", ".turbo"].includes(entry.name)) continue;
    if (entry.name === "node_modules") {
      fs.mkdirSync(dst, { recursive: true });
      for (const dep of fs.readdirSync(src, { withFileTypes: true })) {
        if (dep.name.startsWith(".")) continue;
        const scoped = dep.isDirectory() && !dep.isSymbolicLink();
        const names = scoped ? fs.readdirSync(path.join(src, dep.name)).map((n) => path.join(dep.name, n)) : [dep.name];
        for (const n of names) {
          fs.mkdirSync(path.dirname(path.join(dst, n)), { recursive: true });
          // Relative links: `../../../node_modules/.pnpm/…` and `../../../charts` resolve inside the copy.
          fs.symlinkSync(fs.readlinkSync(path.join(src, n)), path.join(dst, n));
        }
      }
    } else if (entry.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      copyWorkspace(src, dst);
    } else if (!entry.name.endsWith(".test.ts")) fs.copyFileSync(src, dst);
  }
}

function run(cmd: string, args: readonly string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of the copy that differs from the real workspace (or is new), relative to the root. */
function changedFiles(copy: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(copy, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (["node_modules", "dist"].includes(e.name)) continue;
      if (e.isDirectory()) walk(rel);
      else if (
        !fs.existsSync(path.join(repoRoot, rel)) ||
        !fs.readFileSync(path.join(repoRoot, rel)).equals(fs.readFileSync(path.join(copy, rel)))
      )
        out.push(rel);
    }
  };
  for (const ws of WORKSPACES) walk(ws);
  return out.sort();
}

describe("a new chart version: its catalog and the descriptor row generated from it", () => {
  let copy = "";
  const cli = () => path.join(copy, "apps/bundler/dist/main.js");
  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-new-version-"));
    for (const f of ["package.json", "pnpm-workspace.yaml", "tsconfig.base.json"])
      fs.copyFileSync(path.join(repoRoot, f), path.join(copy, f));
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(copy, "node_modules"));
    for (const ws of WORKSPACES) {
      fs.mkdirSync(path.join(copy, ws), { recursive: true });
      copyWorkspace(path.join(repoRoot, ws), path.join(copy, ws));
    }
    // 1-2. The catalogs as the builder (`pnpm --filter @lgtm-gitops/charts catalogs`) would write them for a new
    // release: 1.61.3's key catalog under the new version, merged into the chart's store, and its index entry.
    const addVersion = path.join(copy, "packages/charts/add-version.ts");
    fs.writeFileSync(
      addVersion,
      [
        'import { readFileSync, writeFileSync } from "node:fs";',
        'import { catalogAt, type MergedCatalog, mergeCatalogs } from "./scripts/chart-sources/merge.js";',
        'const file = "catalogs/tempo-distributed.gen.json";',
        'const store = JSON.parse(readFileSync(file, "utf8")) as MergedCatalog;',
        "const catalogs = store.versions.map((v) => catalogAt(store, v)!);",
        'catalogs.push({ ...catalogAt(store, "1.61.3")!, version: "1.99.0" });',
        'writeFileSync(file, JSON.stringify(mergeCatalogs(store.chart, catalogs, [...store.versions, "1.99.0"])));',
        'const index = JSON.parse(readFileSync("catalogs/versions.gen.json", "utf8"));',
        'const rows = index.charts["tempo-distributed"];',
        'rows.push({ ...rows.find((r: { version: string }) => r.version === "1.61.3"), version: "1.99.0" });',
        'writeFileSync("catalogs/versions.gen.json", JSON.stringify(index, null, 2) + "\\n");',
      ].join("\n"),
    );
    const added = run(path.join(repoRoot, "node_modules/.bin/tsx"), [addVersion], path.join(copy, "packages/charts"));
    expect(added.stderr).toBe("");
    fs.rmSync(addVersion);
    // 3. The catalog `pnpm codegen` builds from them (the charts package's generator, written as the root runner would).
    const gen = run(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      ["scripts/codegen.ts"],
      path.join(copy, "packages/charts"),
    );
    expect(gen.stderr).toBe("");
    expect(gen.status).toBe(0);
    const generated = JSON.parse(gen.stdout) as { files: Record<string, string>; errors: string[] };
    expect(generated.errors).toEqual([]);
    for (const [file, content] of Object.entries(generated.files)) fs.writeFileSync(path.join(copy, file), content);
    // Build the copy as `pnpm build` would.
    for (const ws of WORKSPACES) {
      const b = run(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], path.join(copy, ws));
      expect(`${ws}: ${b.stdout}${b.stderr}`).toBe(`${ws}: `);
    }
  }, 240_000);
  afterAll(() => {
    if (copy !== "") fs.rmSync(copy, { recursive: true, force: true });
  });

  it("changes only the catalogs and the descriptor rows generated from them", () => {
    expect(changedFiles(copy)).toEqual([
      "packages/charts/README.md", // its generated list of the catalogued versions
      "packages/charts/catalogs/tempo-distributed.gen.json",
      "packages/charts/catalogs/versions.gen.json",
      "packages/charts/src/descriptors.gen.ts",
    ]);
  });

  it("lint --chart accepts the new version and checks values against its catalog", () => {
    const values = path.join(copy, "tempo-values.yaml");
    fs.writeFileSync(values, "query_frontend:\n  replicas: 2\ntraces:\n  otlp:\n    grpc:\n      enabled: true\n");
    const real = run("node", [path.join(repoRoot, "apps/bundler/dist/main.js"), "lint", values, "--chart", NEW], copy);
    expect(real.status).toBe(2);
    expect(real.stderr).toContain("not catalogued");
    const r = run("node", [cli(), "lint", values, "--chart", NEW, "--format", "json"], copy);
    expect(r.stderr).toBe("");
    const diags = JSON.parse(r.stdout) as { ruleId: string; path: string; message: string }[];
    expect(diags).toContainEqual(
      expect.objectContaining({
        ruleId: "chart/unknown-key",
        path: "query_frontend",
        message: expect.stringContaining("tempo-distributed 1.99.0"),
      }),
    );
  });

  it("generate accepts a definition on the new version and deploys it", () => {
    const fleet = path.join(copy, "fleet");
    fs.mkdirSync(fleet);
    const staging = fs.readFileSync(path.join(repoRoot, "apps/bundler/fleet/staging-k3s.yaml"), "utf8");
    fs.writeFileSync(path.join(fleet, "staging-k3s.yaml"), staging.replace(/version: 1\.61\.3/, "version: 1.99.0"));
    const out = path.join(copy, "clusters");
    const r = run("node", [cli(), "generate", "--fleet", fleet, "--out", out, "--quiet"], copy);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const app = parse(fs.readFileSync(path.join(out, "staging-k3s/applications/tempo.yaml"), "utf8")) as {
      spec: { sources: { chart?: string; targetRevision: string }[] };
    };
    expect(app.spec.sources[0]).toMatchObject({ chart: "tempo-distributed", targetRevision: "1.99.0" });
    const readme = fs.readFileSync(path.join(out, "staging-k3s/README.md"), "utf8");
    expect(readme).toContain("| tempo | tempo-distributed | 1.99.0 |");
  });
});
