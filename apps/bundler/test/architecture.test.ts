// Checks that hold across the workspace: which package may name which fact.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CHART_DESCRIPTORS } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";

describe("versions are named only here", () => {
  it("no source file outside packages/charts names a chart version (tests and fixtures excepted)", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const versions = [...new Set(CHART_DESCRIPTORS.map((d) => d.version))];
    const named = new RegExp(`(?<![\\w.])(${versions.map((v) => v.replace(/\./g, "\\.")).join("|")})(?![\\w.])`);
    const offenders: string[] = [];
    for (const group of ["packages", "apps"]) {
      for (const pkg of readdirSync(path.join(root, group))) {
        if (group === "packages" && pkg === "charts") continue;
        const src = path.join(root, group, pkg, "src");
        if (!existsSync(src)) continue;
        for (const file of readdirSync(src, { recursive: true, encoding: "utf8" })) {
          if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file.includes("__fixtures__")) continue;
          readFileSync(path.join(src, file), "utf8")
            .split("\n")
            .forEach((line, i) => {
              if (named.test(line)) offenders.push(`${group}/${pkg}/src/${file}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

/** Every package of the workspace with a barrel: its directory, its `src/index.ts` and its README. */
function barrels(): { dir: string; index: string; readme: string }[] {
  const root = path.resolve(import.meta.dirname, "../../..");
  return ["packages", "apps"].flatMap((group) =>
    readdirSync(path.join(root, group))
      .map((pkg) => path.join(root, group, pkg))
      .filter((dir) => existsSync(path.join(dir, "src/index.ts")) && existsSync(path.join(dir, "README.md")))
      .map((dir) => ({
        dir: path.relative(root, dir),
        index: readFileSync(path.join(dir, "src/index.ts"), "utf8"),
        readme: readFileSync(path.join(dir, "README.md"), "utf8"),
      })),
  );
}

/** The names a barrel exports (`export { a, type B } from …`). */
function exportedNames(index: string): string[] {
  return [...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
    (m[1] ?? "")
      .split(",")
      .map((n) => n.trim().replace(/^type\s+/, ""))
      .map((n) => n.split(/\s+as\s+/).pop() ?? "")
      .filter((n) => n !== ""),
  );
}

describe("public APIs", () => {
  it("each package's index exports what its README documents, nothing more", () => {
    const undocumented: string[] = [];
    for (const { dir, index, readme } of barrels()) {
      // Documented = named in code in the README: `name`, `name(…)`, `name<…>`, `Type.field`, or in a code block.
      const fenced = [...readme.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
      const prose = readme.replace(/```[^\n]*\n[\s\S]*?```/g, "");
      const code = [...fenced, ...[...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])].join(" ");
      for (const name of exportedNames(index))
        if (!new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code))
          undocumented.push(`${dir}: ${name}`);
    }
    expect(undocumented).toEqual([]);
  });

  it("a package's own tests import its modules, not its barrel", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const offenders: string[] = [];
    for (const { dir } of barrels()) {
      for (const sub of ["src", "test"]) {
        const base = path.join(root, dir, sub);
        if (!existsSync(base)) continue;
        for (const file of readdirSync(base, { recursive: true, encoding: "utf8" })) {
          if (!file.endsWith(".test.ts")) continue;
          const text = readFileSync(path.join(base, file), "utf8");
          if (/from\s+"(\.\.?\/)+(src\/)?index\.js"/.test(text)) offenders.push(`${dir}/${sub}/${file}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("a bare clone tests everything", () => {
  it("no test, test helper or generator outside `--from-sources` reads the shared folder beside the repository", () => {
    // Built, so that this file does not name it.
    const shared = new RegExp(`\\.\\./${"sha"}red\\b`);
    const root = path.resolve(import.meta.dirname, "../../..");
    const offenders: string[] = [];
    for (const group of ["packages", "apps"])
      for (const pkg of readdirSync(path.join(root, group)))
        for (const sub of ["src", "test", "scripts"]) {
          const base = path.join(root, group, pkg, sub);
          if (!existsSync(base)) continue;
          for (const file of readdirSync(base, { recursive: true, encoding: "utf8" })) {
            if (!file.endsWith(".ts")) continue;
            const code = readFileSync(path.join(base, file), "utf8")
              .split("\n")
              .filter((l) => !/^\s*(\*|\/\/)/.test(l)) // comments may say where --from-sources reads
              .join("\n");
            if (shared.test(code)) offenders.push(`${group}/${pkg}/${sub}/${file}`);
          }
        }
    expect(offenders).toEqual([]);
  });
});
