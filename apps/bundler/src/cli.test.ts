import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { SCHEMA_FILE } from "./definition/json-schema.js";
import { definitionReferenceMarkdown, normalizeMarkdown, REFERENCE_DOC } from "./definition/reference-doc.js";

const pkgDir = path.resolve(import.meta.dirname, "..");
const repoRoot = path.resolve(pkgDir, "../..");
const tutorial = path.resolve(repoRoot, "../shared/examples/tutorial");
const hasTutorial = fs.existsSync(tutorial);

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd: repoRoot,
    root: repoRoot,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("runCli: help, version, usage errors", () => {
  it("prints help and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["generate", "check", "lint", "explain", "schema"]) expect(r.stdout).toContain(c);
  });
  it("prints each command's help", async () => {
    const r = await run(["generate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lgtm-gitops generate/);
  });
  it("prints the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
    expect((await run(["--version"])).stdout).toBe(`${pkg.version}\n`);
  });
  it("rejects an unknown command with exit 2 and a fix line", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'lgtm-gitops: unknown command "frobnicate" (usage/unknown-command)\n  fix: Run "lgtm-gitops --help"; commands are generate, check, lint, explain, schema.\n',
    );
  });
  it("a missing fleet directory is an input error (exit 2), not a crash", async () => {
    const r = await run(["check", "--fleet", "/nonexistent/fleet"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^lgtm-gitops: fleet directory \/nonexistent\/fleet does not exist \(fleet\/not-found\)\n {2}fix: /,
    );
  });
});

describe("schema", () => {
  it("prints the JSON Schema, equal to the committed apps/bundler/schema copy", async () => {
    const r = await run(["schema"]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(printed.properties)).toEqual(
      expect.arrayContaining(["name", "distribution", "argocd", "stack", "tempo", "grafana", "datasources", "values"]),
    );
    expect(printed.additionalProperties).toBe(false);
    const committed = JSON.parse(fs.readFileSync(path.join(pkgDir, SCHEMA_FILE), "utf8")) as unknown;
    // Regenerate with: pnpm --filter @lgtm-gitops/bundler generate:docs
    expect(isDeepStrictEqual(committed, printed)).toBe(true);
  });
  it("docs/cluster-definition.md is current with the schema", () => {
    const committed = fs.readFileSync(path.join(repoRoot, REFERENCE_DOC), "utf8");
    // Regenerate with: pnpm --filter @lgtm-gitops/bundler generate:docs
    expect(normalizeMarkdown(committed)).toBe(normalizeMarkdown(definitionReferenceMarkdown()));
    expect(committed).toContain("`tempo.ingester.replicationFactor`");
  });
});

describe("explain", () => {
  it("explains a rule from the catalogue", async () => {
    const r = await run(["explain", "tempo/replication-quorum"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("tempo/replication-quorum");
  });
  it("an unknown rule id exits 2 with a suggestion", async () => {
    const r = await run(["explain", "tempo/replication-quorom"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^lgtm-gitops: no rule "tempo\/replication-quorom" in the catalogue \(explain\/unknown-rule\)\n {2}fix: Did you mean "tempo\//,
    );
  });
});

describe("lint", () => {
  it.skipIf(!hasTutorial)("finds the tutorial's errors with positions and exits 1 (needs ../shared)", async () => {
    const file = path.join(tutorial, "lgtm-values.yaml");
    const r = await run([
      "lint",
      file,
      "--chart",
      "lgtm-distributed@3.0.1",
      "--distribution",
      "rke2",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout) as {
      file: string;
      line: number;
      column: number;
      ruleId: string;
      severity: string;
    }[];
    expect(diags.some((d) => d.severity === "error")).toBe(true);
    for (const d of diags.filter((x) => x.severity === "error")) {
      expect(d.file).toBe(file);
      expect(d.line).toBeGreaterThan(0);
      expect(d.ruleId).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
    }
    const text = await run(["lint", file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/lgtm-values\.yaml:\d+:\d+ {2}error/);
  });
  it("usage errors exit 2: unknown chart, unknown distribution, missing file", async () => {
    const chart = await run(["lint", "x.yaml", "--chart", "tempo-distributed@9.9.9"]);
    expect(chart.code).toBe(2);
    expect(chart.stderr).toContain("(usage/unsupported-chart)");
    const dist = await run(["lint", "x.yaml", "--distribution", "minikube"]);
    expect(dist.code).toBe(2);
    expect(dist.stderr).toContain("(usage/unknown-distribution)");
    const missing = await run(["lint", "does-not-exist.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "lgtm-gitops: does-not-exist.yaml does not exist (usage/unreadable-file)\n  fix: Give the path of a Helm values file (YAML or JSON), relative to the current directory.\n",
    );
  });
});
