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

/** A fleet directory whose package.json has no `"type": "module"`: tsx compiles its `.ts` files to CommonJS. */
function commonJsFleet(packageJson: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-cjs-"));
  dirs.push(dir);
  if (packageJson !== undefined) fs.writeFileSync(path.join(dir, "package.json"), packageJson);
  fs.writeFileSync(
    path.join(dir, "cjs.ts"),
    `const def = ${JSON.stringify(DEFINITION)};\nexport const other = 1;\nexport default def;\n`,
  );
  return dir;
}

describe("loadDefinitions: TypeScript through CommonJS interop", () => {
  for (const [label, pkg] of [
    ['package.json without "type"', '{ "private": true }\n'],
    ['"type": "commonjs"', '{ "private": true, "type": "commonjs" }\n'],
  ] as const)
    it(`unwraps default.default (${label})`, async () => {
      const loaded = await loadDefinitions(discoverDefinitions(commonJsFleet(pkg)));
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
