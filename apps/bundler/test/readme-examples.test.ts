// Every package README's TypeScript examples run as their README says — saved as example.ts in the package's
// folder, run with `npx --yes tsx example.ts` — with no terminal (stdin closed, output captured).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.js";

const COMMAND = "npx --yes tsx example.ts";

const packages = ["packages", "apps"].flatMap((d) =>
  fs
    .readdirSync(path.join(repoRoot, d))
    .map((name) => path.join(repoRoot, d, name))
    .filter((dir) => fs.existsSync(path.join(dir, "README.md"))),
);

describe("README examples run as written, without a terminal", () => {
  it("covers every workspace package", () => {
    expect(packages.map((p) => path.relative(repoRoot, p)).sort()).toEqual([
      "apps/bundler",
      "packages/charts",
      "packages/datasources",
      "packages/diagnostics",
      "packages/kustomize",
      "packages/tempo-config",
      "packages/validators",
    ]);
  });

  for (const dir of packages) {
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    it(`${path.relative(repoRoot, dir)}: ${blocks.length} block(s)`, () => {
      expect(blocks.length).toBeGreaterThan(0);
      expect(readme, "the README says how to run its examples").toContain(`run \`${COMMAND}\``);
      const file = path.join(dir, "example.ts");
      expect(fs.existsSync(file), `${file} is in the way`).toBe(false);
      try {
        for (const [i, code] of blocks.entries()) {
          fs.writeFileSync(file, code);
          const [cmd, ...args] = COMMAND.split(" ");
          const r = spawnSync(cmd!, args, {
            cwd: dir,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            timeout: 120_000,
          });
          expect(r.status, `block ${i + 1}:\n${code}\n${r.stderr}`).toBe(0);
          expect(r.stderr, `block ${i + 1}`).toBe("");
        }
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  }
});
