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
