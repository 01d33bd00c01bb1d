import { describe, expect, it } from "vitest";
import type { SNode } from "./schema-node.js";
import { compareVersions, inRange, mergeVersions, schemaAt } from "./store.js";

describe("mergeVersions / schemaAt", () => {
  const versions = ["1.0.0", "1.1.0", "1.2.0", "2.0.0"];
  const per: Record<string, SNode>[] = [
    { config: { a: "int", b: { x: "duration" }, gone: "bool" } },
    { config: { a: "int", b: { x: "duration", y: "string" }, gone: "bool" } },
    { config: { a: "uint", b: "string", back: "bool" }, extra: { k: "bool" } },
    { config: { a: "uint", b: { x: "model_duration" }, gone: "bool", back: "bool" } },
  ];
  const merged = mergeVersions(versions, per);

  it("reconstructs every version exactly", () => {
    for (const [i, v] of versions.entries()) expect(schemaAt(merged, v)).toEqual(per[i]);
  });
  it("shares unchanged nodes and records ranges only where they differ", () => {
    const config = merged.roots.config as Record<string, unknown>;
    expect(config.a).toEqual([
      ["1.0.0-1.1.0", "int"],
      ["1.2.0-2.0.0", "uint"],
    ]);
    expect(config.gone).toEqual([["1.0.0-1.1.0,2.0.0", "bool"]]);
    expect(merged.roots.extra).toEqual([["1.2.0", { k: "bool" }]]);
  });
  it("accepts a leading v and rejects unknown versions", () => {
    expect(schemaAt(merged, "v1.2.0")).toEqual(per[2]);
    expect(() => schemaAt(merged, "1.3.0")).toThrow(/not in the data set/);
  });
  it("ranges and version order", () => {
    expect(inRange("1.0.0-1.1.0,2.0.0", 3, versions)).toBe(true);
    expect(inRange("1.0.0-1.1.0,2.0.0", 2, versions)).toBe(false);
    expect(["2.10.0", "2.9.5", "3.0.0", "2.2.0"].sort(compareVersions)).toEqual(["2.2.0", "2.9.5", "2.10.0", "3.0.0"]);
  });
});
