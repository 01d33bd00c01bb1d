import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverDefinitions } from "./discover.js";
import { loadDefinitions, unwrapDefault } from "./load.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const DEFINITION = {
  name: "cjs",
  distribution: "k3s",
  argocd: { repoURL: "https://github.com/acme/gitops.git", destination: { name: "cjs" } },
  stack: { chart: "lgtm-distributed" },
};

/** A fleet directory holding one TypeScript definition `cjs.ts` with the given text. */
function fleetWith(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-cjs-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), '{ "private": true, "type": "commonjs" }\n');
  fs.writeFileSync(path.join(dir, "cjs.ts"), text);
  return dir;
}

describe("loadDefinitions: TypeScript written as CommonJS", () => {
  const def = JSON.stringify(DEFINITION);
  for (const [label, text] of [
    [
      "a transpiled ES module (exports.default + __esModule)",
      `Object.defineProperty(exports, "__esModule", { value: true });\nexports.other = 1;\nexports.default = ${def};\n`,
    ],
    ["module.exports", `module.exports = ${def};\n`],
    ["an ES module in a CommonJS package", `const def = ${def};\nexport const other = 1;\nexport default def;\n`],
  ] as const)
    it(`reads the definition (${label})`, async () => {
      const loaded = await loadDefinitions(discoverDefinitions(fleetWith(text)));
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.definitions).toHaveLength(1);
      expect(loaded.definitions[0]!.input).toEqual(DEFINITION);
    });
});

describe("unwrapDefault", () => {
  it("unwraps an __esModule wrapper and a lone default key, and leaves definitions alone", () => {
    const wrapped = Object.defineProperty({ default: DEFINITION }, "__esModule", { value: true });
    expect(unwrapDefault(wrapped)).toBe(DEFINITION);
    expect(unwrapDefault({ default: DEFINITION })).toBe(DEFINITION);
    expect(unwrapDefault(DEFINITION)).toBe(DEFINITION);
    // A definition that (wrongly) has a `default` key next to others is not unwrapped: the schema reports the key.
    const odd = { ...DEFINITION, default: 1 };
    expect(unwrapDefault(odd)).toBe(odd);
    expect(unwrapDefault(undefined)).toBeUndefined();
  });
});
