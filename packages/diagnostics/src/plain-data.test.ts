import { describe, expect, it } from "vitest";
import { deepEqual, getPath, hasPath, isRecord, setOwn } from "./plain-data.js";

describe("plain data", () => {
  it("tells mappings from lists, null and scalars", () => {
    expect([{}, { a: 1 }, [], null, "x", 1, undefined].map(isRecord)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
  it("sets __proto__ as data, not as the prototype", () => {
    const o: Record<string, unknown> = {};
    setOwn(o, "__proto__", { polluted: true });
    expect(Object.keys(o)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });
});

describe("paths into plain data", () => {
  const doc = { a: { b: [10, { c: null }] }, "x.y": 1 };
  it("reads own keys and list items only", () => {
    expect(getPath(doc, ["a", "b", 1, "c"])).toBeNull();
    expect(getPath(doc, ["x.y"])).toBe(1);
    expect(getPath(doc, ["a", "toString"])).toBeUndefined();
    expect(getPath(doc, ["a", "b", "0"])).toBeUndefined();
  });
  it("tells a key set to null from a missing one", () => {
    expect(hasPath(doc, ["a", "b", 1, "c"])).toBe(true);
    expect(hasPath(doc, ["a", "b", 2])).toBe(false);
    expect(hasPath(doc, [])).toBe(true);
  });
});

describe("deepEqual", () => {
  it("compares plain data by structure, not identity or key order", () => {
    expect(deepEqual({ a: [1, { b: "x" }], c: null }, { c: null, a: [1, { b: "x" }] })).toBe(true);
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true);
  });
  it("tells apart what differs in value, length, keys or kind", () => {
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual([1, 2], [1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(null, undefined)).toBe(false);
    expect(deepEqual("1", 1)).toBe(false);
  });
});
