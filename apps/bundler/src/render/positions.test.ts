import { toYamlDocument } from "@lgtm-gitops/kustomize";
import { parseSource } from "@lgtm-gitops/validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENERATED_BY } from "../output/generated.js";
import { lazyPositions, walkTo } from "./positions.js";

/** Every path of a value: map keys and sequence indexes, all the way down. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i]);
      pathsOf(x, [...prefix, i], out);
    });
  else if (typeof v === "object" && v !== null)
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k]);
      pathsOf(x, [...prefix, k], out);
    }
  return out;
}

const key = fc.oneof(
  fc.constantFrom("tempo", "ingester", "resources", "limits", "memory", "a b", "x.y", "k-1", "__proto__", "-x"),
  fc.constantFrom("yes", "on", "1", "a:b", "a#b", "é", "😀", "", " lead", "q'uote", '"dq"'),
  fc.string({ maxLength: 5 }),
);
const scalar = fc.oneof(
  fc.constantFrom("100m", "1Gi", "a: b", "multi\nline", "- x", "|", "😀", "", "#c"),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq")),
  map: fc.dictionary(key, tie("any"), { maxKeys: 4 }),
  seq: fc.array(tie("any"), { maxLength: 3 }),
})).any;
const values = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });

describe("lazyPositions", () => {
  it("gives every value the position parseSource gives it, in the files the bundler writes", () => {
    fc.assert(
      fc.property(values, (v) => {
        const text = toYamlDocument(v, { generatedBy: GENERATED_BY });
        const reference = parseSource("f.yaml", text).positions;
        const lazy = lazyPositions("f.yaml", text);
        // Every value, and values that are not there (below it, and a missing sibling).
        for (const found of pathsOf(v))
          for (const p of [
            found,
            [...found, "zz"],
            [...found, 0],
            [...found.slice(0, -1), "no-such-key"],
            [...found.slice(0, -1), 99],
          ]) {
            expect(lazy.exact(p), `${JSON.stringify(p)}\n${text}`).toEqual(reference.exact(p));
            expect(lazy.locate(p), `${JSON.stringify(p)}\n${text}`).toEqual(reference.locate(p));
          }
        expect(lazy.locate(["no-such-key", 1])).toEqual(reference.locate(["no-such-key", 1]));
      }),
      { numRuns: 1500 },
    );
  });

  it("finds the values of a generated values file without parsing it", () => {
    const text = toYamlDocument(
      { tempo: { ingester: { replicas: 3, resources: { limits: { cpu: "1" } } } }, list: [{ a: 1, b: [2, 3] }, "x"] },
      { generatedBy: GENERATED_BY },
    );
    expect(text.split("\n")[6]).toBe('        cpu: "1"');
    expect(walkTo(text, ["tempo", "ingester", "resources", "limits", "cpu"])).toEqual({ line: 7, column: 9 });
    expect(text.split("\n")[11]).toBe("      - 3");
    expect(walkTo(text, ["list", 0, "b", 1])).toEqual({ line: 12, column: 9 });
    expect(walkTo(text, ["list", 1])).toEqual({ line: 13, column: 5 });
    // A value that is not there is known to be absent without a parse.
    expect(walkTo(text, ["tempo", "ingester", "resources", "limits", "memory"])).toBeNull();
    expect(walkTo(text, ["list", 5])).toBeNull();
    expect(lazyPositions("f.yaml", text).locate(["tempo", "ingester", "resources", "requests", "memory"])).toEqual({
      line: 5,
      column: 5,
    });
  });
});
