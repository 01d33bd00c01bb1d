import { describe, expect, it } from "vitest";
import { canonicalJson, catalogAt, expandRanges, formatRanges, mergeCatalogs } from "./merge.js";
import type { VersionCatalog } from "./version-catalog.js";

const cat = (version: string, root: VersionCatalog["root"]): VersionCatalog => ({ chart: "x", version, root });

describe("merged catalogs", () => {
  const v1 = cat("1.0.0", { t: "object", c: { a: { t: "number", d: 1 }, old: { t: "string", d: "x" } } });
  const v2 = cat("1.1.0", { t: "object", c: { a: { t: "number", d: 2 }, neu: { t: "string", d: "x", if: ["a"] } } });
  const v3 = cat("1.2.0", { t: "object", c: { a: { t: "number", d: 2 }, neu: { t: "string", d: "x", if: ["a"] } } });
  const store = mergeCatalogs("x", [v3, v1, v2], ["1.0.0", "1.1.0", "1.2.0"]);

  it("round-trips every version exactly", () => {
    for (const v of [v1, v2, v3]) expect(canonicalJson(catalogAt(store, v.version))).toBe(canonicalJson(v));
    expect(catalogAt(store, "9.9.9")).toBeUndefined();
  });

  it("stores a key once with the versions it exists in, and variants only where attributes change", () => {
    expect(store.root.c?.old?.r).toBe("0");
    expect(store.root.c?.neu?.r).toBe("1-2");
    expect(store.root.c?.a?.v).toEqual([
      ["0", { t: "number", d: 1 }],
      ["1-2", { t: "number", d: 2 }],
    ]);
  });

  it("formats and expands index ranges", () => {
    expect(formatRanges([0, 1, 2, 5, 7, 8])).toBe("0-2,5,7-8");
    expect(expandRanges("0-2,5,7-8")).toEqual([0, 1, 2, 5, 7, 8]);
  });
});
