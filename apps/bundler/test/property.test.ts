// Property tests (fast-check): the linter and the definition parser never throw on arbitrary YAML/JSON, every YAML
// we write parses back to the same data, and generate is deterministic and idempotent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { toYaml, toYamlDocument } from "@lgtm-gitops/kustomize";
import { lintDocuments } from "@lgtm-gitops/validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { runCli } from "../src/cli.js";
import { parseDefinitions } from "../src/definition/parse.js";
import { discoverDefinitions } from "../src/fleet/discover.js";
import { loadDefinitions } from "../src/fleet/load.js";
import { scanForSecrets } from "../src/safety/secret-scan.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const exampleFleet = path.join(repoRoot, "apps/bundler/fleet");
const CHARTS = ["lgtm-distributed@3.0.1", "tempo-distributed@1.61.3", "kube-prometheus-stack@88.5.3"] as const;

/** JSON values, including keys that are dangerous in JavaScript and strings YAML would read as other types. */
const trickyKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "<<",
  "yes",
  "on",
  "null",
  "0777",
  "1e3",
  "",
);
const key = fc.oneof(fc.string({ maxLength: 12 }), trickyKey);
const trickyString = fc.constantFrom(
  "yes",
  "no",
  "on",
  "off",
  "~",
  "null",
  "0x1F",
  "0777",
  ".inf",
  "-.nan",
  "1:20",
  "",
  " ",
  "a: b",
  "- x",
  "#c",
  "*ref",
  "&a",
  "!tag",
  "\uFEFFbom",
  "line\nbreak",
  "tab\there",
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 20 }),
    trickyString,
    fc.array(tie("any"), { maxLength: 4 }),
    fc.dictionary(key, tie("any"), { maxKeys: 4 }),
  ),
})).any;
/** Chart-shaped values: real top-level keys with arbitrary contents, so the chart rules actually run. */
const chartShaped = fc.dictionary(
  fc.constantFrom(
    "tempo",
    "grafana",
    "loki",
    "mimir",
    "global",
    "ingester",
    "distributor",
    "storage",
    "gateway",
    "metricsGenerator",
    "traces",
    "server",
  ),
  value,
  { maxKeys: 5 },
);

/** JSON.stringify equality: -0 and 0 are the same number in YAML and JSON. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe("lintDocuments never throws", () => {
  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(undefined, ...CHARTS), (text, chart) => {
        const result = lintDocuments([{ file: "x.yaml", text }], chart ? { chart } : {});
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary YAML and JSON values, for every chart", () => {
    fc.assert(
      fc.property(
        fc.oneof(value, chartShaped),
        fc.constantFrom(undefined, ...CHARTS),
        fc.boolean(),
        (v, chart, json) => {
          const text = json ? JSON.stringify(v) : stringify(v);
          const result = lintDocuments([{ file: json ? "x.json" : "x.yaml", text }], chart ? { chart } : {});
          for (const d of result.diagnostics) {
            expect(d.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
            expect(typeof d.message).toBe("string");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the definition parser never throws", () => {
  it("on arbitrary values (as TypeScript definitions export them)", () => {
    fc.assert(
      fc.property(fc.oneof(value, chartShaped), (input) => {
        const result = parseDefinitions([
          { file: "/fleet/x.ts", stem: "x", format: "ts", input, locate: () => undefined },
        ]);
        expect(result.diagnostics.length + result.definitions.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary YAML and JSON files read from disk", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-property-"));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            value.map((v) => stringify(v)),
            value.map((v) => JSON.stringify(v) ?? "null"),
            fc.string({ maxLength: 300 }),
          ),
          async (text) => {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "x.yaml"), text);
            const loaded = await loadDefinitions(discoverDefinitions(dir));
            const parsed = parseDefinitions(loaded.definitions);
            expect(loaded.diagnostics.length + parsed.diagnostics.length).toBeGreaterThan(0);
            expect(scanForSecrets({ "x.yaml": text })).toBeInstanceOf(Array);
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("every YAML we write parses back to the same data", () => {
  const generatedBy = "lgtm-gitops (property test)";
  it("toYamlDocument (values files)", () => {
    fc.assert(
      fc.property(value, (v) => {
        const docs = parseAllDocuments(toYamlDocument(v, { generatedBy }));
        const list = Array.isArray(docs) ? docs : [docs];
        expect(list).toHaveLength(1);
        expect(list[0]!.errors).toEqual([]);
        expect(same(list[0]!.toJS(), v), JSON.stringify(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("toYaml (multi-document Kubernetes files)", () => {
    const object = fc.record({
      apiVersion: fc.constantFrom("v1", "argoproj.io/v1alpha1", "kustomize.config.k8s.io/v1beta1"),
      kind: fc.constantFrom("Namespace", "Application", "Kustomization"),
      metadata: fc.record({
        name: fc.string({ minLength: 1, maxLength: 10 }),
        labels: fc.dictionary(key, fc.string()),
      }),
      spec: value,
    });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 3 }), (objects) => {
        const docs = parseAllDocuments(toYaml(objects, { generatedBy }));
        const list = Array.isArray(docs) ? docs : [docs];
        expect(list).toHaveLength(objects.length);
        list.forEach((d, i) => {
          expect(d.errors).toEqual([]);
          expect(same(sortKeys(d.toJS()), sortKeys(objects[i])), JSON.stringify(objects[i])).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** Top-level and metadata keys are reordered by toYaml: compare with sorted keys. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort())
    Object.defineProperty(out, k, { value: sortKeys((v as Record<string, unknown>)[k]), enumerable: true });
  return out;
}

describe("generate is deterministic and idempotent", () => {
  async function generate(out: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const o: string[] = [];
    const e: string[] = [];
    const code = await runCli(["generate", "--fleet", exampleFleet, "--out", out], {
      cwd: repoRoot,
      root: repoRoot,
      stdout: { write: (s: string) => o.push(s) },
      stderr: { write: (s: string) => e.push(s) },
    });
    return { code, stdout: o.join(""), stderr: e.join("") };
  }
  function tree(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
      if (e.isFile())
        out[path.relative(dir, path.join(e.parentPath, e.name))] = fs.readFileSync(
          path.join(e.parentPath, e.name),
          "utf8",
        );
    return out;
  }

  it("two runs into fresh directories give identical bytes; a second run in place writes nothing", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-determinism-"));
    try {
      const a = path.join(base, "a");
      const b = path.join(base, "b");
      const first = await generate(a);
      expect(first.code, first.stderr).toBe(0);
      const second = await generate(b);
      expect(second.code, second.stderr).toBe(0);
      const ta = tree(a);
      expect(Object.keys(ta).length).toBeGreaterThan(10);
      expect(tree(b)).toEqual(ta);
      const again = await generate(a);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/: 0 written, \d+ unchanged, 0 deleted/);
      expect(tree(a)).toEqual(ta);
      // Every generated YAML file parses, and no generated file holds a credential.
      for (const [rel, text] of Object.entries(ta)) {
        if (!rel.endsWith(".yaml")) continue;
        const docs = parseAllDocuments(text);
        for (const d of Array.isArray(docs) ? docs : [docs]) expect(d.errors, rel).toEqual([]);
      }
      expect(scanForSecrets(ta)).toEqual([]);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);
});
