import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { TUTORIAL_DIR } from "../../../fixtures/tutorial.js";
import { runCli } from "./cli.js";
import { BUNDLER_CODES, CODES_DOC, renderCodesMarkdown } from "./codes.js";
import { SCHEMA_FILE } from "./definition/json-schema.js";
import { definitionReferenceMarkdown, normalizeMarkdown, REFERENCE_DOC } from "./definition/reference-doc.js";
import { decodeDefinition, decodeText, MAX_LINT_BYTES } from "./safety/input-guards.js";

const pkgDir = path.resolve(import.meta.dirname, "..");
const repoRoot = path.resolve(pkgDir, "../..");

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
      'lgtm-gitops: unknown command "frobnicate" (usage/unknown-command)\n  fix: Run "lgtm-gitops --help"; commands are generate, check, lint, migrate, explain, schema.\n',
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
    // Regenerate with: pnpm codegen
    expect(isDeepStrictEqual(committed, printed)).toBe(true);
  });
  it("docs/cluster-definition.md is current with the schema", () => {
    const committed = fs.readFileSync(path.join(repoRoot, REFERENCE_DOC), "utf8");
    // Regenerate with: pnpm codegen
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
      /^lgtm-gitops: no rule or code "tempo\/replication-quorom" in the catalogue \(explain\/unknown-rule\)\n {2}fix: Did you mean "tempo\//,
    );
  });
  it("a part of an id names the ids that contain it", async () => {
    const r = await run(["explain", "quorum"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "tempo/replication-quorum"');
    const several = await run(["explain", "unknown"]);
    expect(several.stderr).toMatch(
      /Did you mean "[a-z0-9]+\/[a-z-]*unknown[a-z-]*"( or "[a-z0-9]+\/[a-z-]*unknown[a-z-]*")+\?/,
    );
  });
  it("--list prints every rule id and error code with its severity and title, one line each", async () => {
    const r = await run(["explain", "--list"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(50);
    const ids = lines.map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(lines.find((l) => l.startsWith("tempo/replication-quorum "))).toMatch(
      /^tempo\/replication-quorum +error +\S/,
    );
    // Every listed id is explainable, and JSON gives the same list.
    for (const id of ids.slice(0, 200)) expect((await run(["explain", id!])).code, id).toBe(0);
    const j = JSON.parse((await run(["explain", "--list", "--format", "json"])).stdout) as { id: string }[];
    expect(j.map((e) => e.id)).toEqual(ids);
    expect((await run(["explain", "--list", "tempo/x"])).code).toBe(2);
  });
});

describe("explain: the bundler's own codes", () => {
  const srcDir = path.join(pkgDir, "src");
  /** Every `"area/name"` literal the bundler's sources emit as a rule id or error code (tests excluded). */
  function emittedCodes(): Set<string> {
    const found = new Set<string>();
    const areas = /^(bootstrap|check|definition|explain|fleet|generate|internal|lint|output|secret|usage)\//;
    for (const e of fs.readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith(".ts") || e.name.endsWith(".test.ts") || e.name === "codes.ts") continue;
      const text = fs.readFileSync(path.join(e.parentPath, e.name), "utf8");
      for (const m of text.matchAll(/"([a-z0-9-]+\/[a-z0-9-]+)"/g)) if (areas.test(m[1]!)) found.add(m[1]!);
    }
    // The codes input-guards builds as `${kind}/${name}`: produce them from real bad bytes, the way the CLI calls it
    // (MAX_LINT_BYTES + 1 is over both limits).
    const bad = [Buffer.from([0x61, 0]), Buffer.from([0x61, 0xe9]), Buffer.alloc(MAX_LINT_BYTES + 1, 0x61)];
    for (const bytes of bad) {
      for (const d of [decodeDefinition("f.yaml", bytes), decodeText("f.yaml", bytes, "lint", MAX_LINT_BYTES)])
        if (!d.ok) found.add(d.diagnostic.ruleId);
    }
    return found;
  }

  it("every code the bundler can emit is explainable (from the validators' rules or the bundler's catalogue)", async () => {
    const codes = emittedCodes();
    for (const id of ["definition/encoding", "lint/encoding", "lint/not-text", "fleet/load-failed", "output/locked"])
      expect(codes, id).toContain(id);
    expect(codes.size).toBeGreaterThan(30);
    const unexplained: string[] = [];
    for (const id of [...codes].sort()) {
      const r = await run(["explain", id]);
      if (r.code !== 0 || !r.stdout.includes(id) || !r.stdout.includes("How to fix")) unexplained.push(id);
    }
    expect(unexplained).toEqual([]);
  });
  it("the catalogue holds no stale code (each one is emitted somewhere) and no id twice", () => {
    const codes = emittedCodes();
    const ids = BUNDLER_CODES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !codes.has(id))).toEqual([]);
    for (const c of BUNDLER_CODES) {
      expect(c.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      for (const t of [c.title, c.docs.checks, c.docs.why, c.docs.fix]) expect(t.length, c.id).toBeGreaterThan(10);
    }
  });
  it("an unknown bundler code gets the closest known one as a suggestion", async () => {
    const r = await run(["explain", "fleet/load-faild"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean "fleet/load-failed"?');
  });
  it("validators' rules come first: a validators id prints the validators' text", async () => {
    const r = await run(["explain", "secret/plaintext"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# `secret\/plaintext` /);
    // The output scan's id is the validators' rule (one credential table for generate and lint).
    const shared = await run(["explain", "secret/plaintext-credential"]);
    expect(shared.code).toBe(0);
    expect(shared.stdout).toMatch(/^# `secret\/plaintext-credential` /);
    const own = await run(["explain", "fleet/ignored-file"]);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^# `fleet\/ignored-file` \(diagnostic, severity warning\)/);
  });
  it("docs/cli-errors.md is generated from the catalogue (run pnpm codegen when this fails)", () => {
    const committed = fs.readFileSync(path.join(repoRoot, CODES_DOC), "utf8");
    expect(normalizeMarkdown(committed)).toBe(normalizeMarkdown(renderCodesMarkdown()));
  });
});

describe("lint", () => {
  it("refuses a file that is not UTF-8 with lint/encoding, the byte offset and file:line:column (exit 2)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-lint-"));
    try {
      const file = path.join(dir, "latin1.yaml");
      fs.writeFileSync(file, Buffer.from([...Buffer.from("a: 1\nb: caf"), 0xe9, 0x0a]));
      const r = await run(["lint", file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        /^lgtm-gitops: .*latin1\.yaml:2:7: the file is not UTF-8 text \(byte 0xe9 at offset 11\) \(lint\/encoding\)\n {2}fix: Save the file as UTF-8/,
      );
      // A UTF-8 file with a byte-order mark is still read.
      fs.writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("a: 1\n")]));
      const bom = await run(["lint", file, "--chart", "tempo-distributed@1.61.3"]);
      expect(bom.stderr).not.toContain("lint/encoding");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("finds the tutorial's errors with positions and exits 1", async () => {
    const file = path.join(TUTORIAL_DIR, "lgtm-values.yaml");
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
