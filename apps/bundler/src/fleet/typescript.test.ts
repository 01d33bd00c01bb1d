import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as zod from "zod";
import { compileDefinitions, DefinitionThrew, importCompiled, packageOf } from "./typescript.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A directory outside the repository (no node_modules, no package.json) holding `files`. */
function fleet(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-ts-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const bundlerDir = fileURLToPath(new URL("../..", import.meta.url));

describe("compileDefinitions", () => {
  it("compiles every definition in one build, bundling local imports and handing over the CLI's own packages", async () => {
    const dir = fleet({
      "_shared.ts": "export const repo: string = 'https://github.com/acme/gitops.git';\n",
      "a.ts":
        'import { defineCluster } from "@lgtm-gitops/bundler";\nimport { repo } from "./_shared.js";\nexport default defineCluster({ name: "a", argocd: { repoURL: repo } } as never);\n',
      "b.mts":
        'import { z } from "zod";\nexport { z };\nexport default { name: "b", url: import.meta.url, dir: import.meta.dirname };\n',
    });
    const files = ["a.ts", "b.mts"].map((f) => path.join(dir, f));
    const r = await compileDefinitions(files);
    if (!r.ok) throw new Error(r.message);
    expect([...r.compiled.keys()].sort()).toEqual(files);
    const a = r.compiled.get(files[0]!)!;
    // The helper is inside the module; the bundler is the namespace this process loaded, not a copy of its files.
    expect(a.code).toContain("https://github.com/acme/gitops.git");
    expect(a.code).not.toContain("defineCluster(def)");
    expect((await importCompiled(a)).default).toEqual({
      name: "a",
      argocd: { repoURL: "https://github.com/acme/gitops.git" },
    });
    const b = await importCompiled(r.compiled.get(files[1]!)!);
    // import.meta still names the source file although the module is imported from memory.
    expect(b.default).toEqual({ name: "b", url: pathToFileURL(files[1]!).href, dir });
    // zod is the very copy this process loaded: one copy of each dependency in memory.
    expect(b.z).toBe(zod.z);
  });

  it("imports another entry point of a CLI package from the file the CLI would load", async () => {
    const dir = fleet({
      "c.ts":
        'import { kubectlAvailable } from "@lgtm-gitops/kustomize/testing";\nexport default { name: typeof kubectlAvailable };\n',
    });
    const file = path.join(dir, "c.ts");
    const r = await compileDefinitions([file]);
    if (!r.ok) throw new Error(r.message);
    const c = r.compiled.get(file)!;
    expect(c.code).toContain(pathToFileURL(path.join(bundlerDir, "../../packages/kustomize/dist/testing.js")).href);
    expect((await importCompiled(c)).default).toEqual({ name: "function" });
  });

  it("names the file, line and column of a syntax error or an import that does not resolve", async () => {
    const dir = fleet({
      "ok.ts": "export default { name: 'ok' };\n",
      "broken.ts": "const a = 1;\nexport default {{{ ;\n",
      "lost.ts": 'import { x } from "./missing.js";\nexport default x;\n',
    });
    const broken = await compileDefinitions([path.join(dir, "ok.ts"), path.join(dir, "broken.ts")]);
    expect(broken).toEqual({
      ok: false,
      where: `${path.join(dir, "broken.ts")}:2:17`,
      message: 'Expected identifier but found "{"',
    });
    const lost = await compileDefinitions([path.join(dir, "lost.ts")]);
    expect(lost).toMatchObject({ ok: false, where: `${path.join(dir, "lost.ts")}:1:19` });
    expect(lost.ok ? "" : lost.message).toContain('Could not resolve "./missing.js"');
  });

  it("reports where a definition threw, in its own source (through the source map)", async () => {
    const dir = fleet({
      "throws.ts":
        'type T = { a: number };\nconst t: T = { a: 1 };\nif (t.a === 1) throw new RangeError("exploded");\nexport default t;\n',
    });
    const file = path.join(dir, "throws.ts");
    const r = await compileDefinitions([file]);
    if (!r.ok) throw new Error(r.message);
    const e = await importCompiled(r.compiled.get(file)!).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DefinitionThrew);
    expect((e as DefinitionThrew).thrown).toBeInstanceOf(RangeError);
    expect((e as DefinitionThrew).site).toBe(`${file}:3:22`);
  });

  it("compiles nothing when there is no TypeScript definition", async () => {
    expect(await compileDefinitions([])).toEqual({ ok: true, compiled: new Map() });
  });
});

describe("packageOf", () => {
  it("gives the package name of a bare specifier and nothing for paths and URLs", () => {
    expect(packageOf("zod")).toBe("zod");
    expect(packageOf("zod/v4")).toBe("zod");
    expect(packageOf("@lgtm-gitops/kustomize/testing")).toBe("@lgtm-gitops/kustomize");
    expect(packageOf("./x.js")).toBeUndefined();
    expect(packageOf("/abs/x.js")).toBeUndefined();
    expect(packageOf("node:fs")).toBeUndefined();
  });
});
