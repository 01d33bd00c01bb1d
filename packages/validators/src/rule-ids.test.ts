// Every rule id a package of this repository can emit is documented in the catalogue, and the catalogue documents
// no id that nothing emits: one problem, one id, one `explain` page.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DATASOURCE_RULE_IDS } from "@lgtm-gitops/datasources";
import {
  CHECK_CONFIG_RULES,
  INVALID_DURATION,
  INVALID_SPEC,
  LITERAL_SECRET,
  SPEC_RULES,
  VERBATIM_RULES,
} from "@lgtm-gitops/tempo-config";
import { describe, expect, it } from "vitest";
import { explainRule } from "./catalogue.js";
import { EXTERNAL_RULES } from "./rules/external-rules.js";

const packagesDir = path.resolve(import.meta.dirname, "../..");
/** The packages whose ids the catalogue covers (charts too: it reports `chart/unsupported-chart`). */
const PACKAGES = ["charts", "tempo-config", "datasources", "kustomize", "validators"] as const;

const RULE_ID = /^[a-z0-9]+\/[a-z0-9-]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("__fixtures__"))
    .map((f) => path.join(dir, f));
}

/** Ids written as literals where a diagnostic or issue is built: `ruleId: "a/b"`, `code: "a/b"`. */
function literalIds(pkg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sourceFiles(path.join(packagesDir, pkg, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\b(?:ruleId|code): (?:[^"\n]*\? )?"([a-z0-9]+\/[a-z0-9-]+)"/g))
      if (m[1]) out.set(m[1], path.relative(packagesDir, file));
  }
  return out;
}

/** The values of kustomize's exported `RULES` map (validators does not depend on kustomize, so read its source). */
function kustomizeRules(): string[] {
  const text = readFileSync(path.join(packagesDir, "kustomize/src/rules.ts"), "utf8");
  const block = /export const RULES = \{([\s\S]*?)\} as const;/.exec(text)?.[1] ?? "";
  return [...block.matchAll(/^\s+\w+: "([^"]+)",$/gm)].map((m) => m[1] ?? "");
}

/** Ids in the first column of the rule-id tables of a package README. */
function readmeIds(pkg: string): string[] {
  const text = readFileSync(path.join(packagesDir, pkg, "README.md"), "utf8");
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    const first = /^\|([^|]+)\|/.exec(line)?.[1] ?? "";
    for (const m of first.matchAll(/`([a-z0-9]+\/[a-z0-9-]+)`/g)) if (m[1]) ids.push(m[1]);
  }
  return ids;
}

/** Every id the packages can emit, with where it was found. */
function emittedIds(): Map<string, string> {
  const ids = new Map<string, string>();
  const add = (where: string, list: Iterable<string>) => {
    for (const id of list) if (!ids.has(id)) ids.set(id, where);
  };
  add("tempo-config CHECK_CONFIG_RULES", Object.values(CHECK_CONFIG_RULES));
  add("tempo-config VERBATIM_RULES", Object.values(VERBATIM_RULES));
  add("tempo-config SPEC_RULES", Object.values(SPEC_RULES));
  add("tempo-config constants", [INVALID_SPEC, INVALID_DURATION, LITERAL_SECRET]);
  add("datasources DATASOURCE_RULE_IDS", DATASOURCE_RULE_IDS);
  add("kustomize RULES", kustomizeRules());
  for (const pkg of PACKAGES) {
    for (const [id, file] of literalIds(pkg)) if (!ids.has(id)) ids.set(id, file);
    if (pkg !== "validators" && pkg !== "charts") add(`${pkg}/README.md`, readmeIds(pkg));
  }
  return ids;
}

describe("rule ids across packages", () => {
  const emitted = emittedIds();

  it("finds the ids of every package (the collection itself works)", () => {
    expect(emitted.size).toBeGreaterThan(80);
    for (const id of [
      "tempo/minio-dev-only",
      "tempo/receiver-port-mismatch",
      "tempo/expand-env-reference",
      "datasource/dangling-uid",
      "argocd/helm-values-ignored",
      "kustomize/namespace-with-applications",
      "chart/unsupported-chart",
    ])
      expect(emitted.has(id), id).toBe(true);
    for (const id of emitted.keys()) expect(id).toMatch(RULE_ID);
  });

  it("documents every emitted id in the catalogue (explainRule)", () => {
    const missing = [...emitted].filter(([id]) => explainRule(id) === undefined).map(([id, at]) => `${id} (${at})`);
    expect(missing).toEqual([]);
  });

  it("documents no id that no package emits (documentation-only entries)", () => {
    const stale = EXTERNAL_RULES.map((r) => r.id).filter((id) => !emitted.has(id));
    expect(stale).toEqual([]);
  });

  it("no longer knows the ids that were merged into validators' ids", () => {
    for (const old of [
      "tempo/local-storage-distributed",
      "tempo/metrics-generator-disabled",
      "tempo/metrics-generator-no-remote-write",
      "tempo/metrics-generator-no-processors",
      "tempo/trace-larger-than-grpc-limit",
      "tempo/no-receivers",
      "tempo/memory-limit-missing",
      // Covered on the compiled values: tempo/startup-error ("Compaction window can't be 0"), chart/unknown-key.
      "tempo/compaction-window-zero",
      "tempo/emitted-unknown-key",
    ]) {
      expect(emitted.has(old), old).toBe(false);
      expect(explainRule(old), old).toBeUndefined();
    }
  });
});
