import { describe, expect, it } from "vitest";
import { mergeValues } from "./helm-values.js";

describe("mergeValues (Helm's semantics)", () => {
  it("merges maps key by key; lists and scalars replace", () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3, e: 4 }, d: [9] })).toEqual({
      a: { b: 1, c: 3, e: 4 },
      d: [9],
    });
    expect(mergeValues({ a: { b: 1 } }, { a: "x" })).toEqual({ a: "x" });
  });
  it("deletes a key the override sets to null, keeps one it leaves undefined", () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, d: 1 }, { a: { b: null }, d: undefined })).toEqual({ a: { c: 2 }, d: 1 });
  });
  it("changes neither input and keeps __proto__ as data", () => {
    const base = { a: { b: 1 } };
    const over = JSON.parse('{"__proto__": {"polluted": true}, "a": {"c": 2}}') as Record<string, unknown>;
    const out = mergeValues(base, over) as Record<string, unknown>;
    expect(base).toEqual({ a: { b: 1 } });
    expect(Object.keys(out).sort()).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
