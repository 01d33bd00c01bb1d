import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import { plainLocators, yamlLocators } from "./load.js";
import { parsePlainYaml } from "./plain-yaml.js";

/** What the CLI reads with the yaml library (load.ts): the value, or `undefined` when yaml finds a problem. */
function viaYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  return doc.toJS({ maxAliasCount: 100 });
}

/** Same value, same key order, same -0. */
function expectSame(text: string, fast: unknown, reference: unknown): void {
  expect(JSON.stringify(fast), text).toBe(JSON.stringify(reference));
  expect(fast, text).toEqual(reference);
}

/** The property: outside the subset, nothing; inside it, exactly what yaml reads (never a text yaml rejects). */
function agrees(text: string): boolean {
  const fast = parsePlainYaml(text);
  if (fast === undefined) return false;
  expectSame(text, fast, viaYaml(text));
  return true;
}

const word = fc.constantFrom(
  "a",
  "name",
  "tempo",
  "replicas",
  "url",
  "k-1",
  "a_b",
  "x.y",
  "__proto__",
  "yes",
  "1",
  "null",
);
const text = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom("", " ", "a: b", "a:b", "a #b", "a#b", "#c", "- x", "-x", "'q'", '"q"', "it's", "3.0.1", "48h"),
  fc.constantFrom(
    "http://x:9000/p",
    "$" + "{VAR}",
    "0777",
    "0x1F",
    "1e3",
    ".inf",
    "-0",
    "1.50",
    "+1",
    "True",
    "~",
    "a  b",
  ),
);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq")),
  map: fc.dictionary(fc.oneof(word, fc.string({ maxLength: 6 })), tie("any"), { maxKeys: 5 }),
  seq: fc.array(tie("any"), { maxLength: 4 }),
})).any;
const document = fc.dictionary(word, value, { minKeys: 1, maxKeys: 6 });
/** Documents as definitions look: names, quantities, URLs, numbers, booleans, nested maps, lists of those. */
const plainScalarValue = fc.oneof(
  fc.constantFrom(
    "k3s",
    "lgtm-distributed",
    "3.0.1",
    "100m",
    "1Gi",
    "48h",
    "http://x.svc:9000/api",
    "a b",
    "$" + "{VAR}",
  ),
  fc.integer({ min: -1000, max: 10_000_000 }),
  fc.boolean(),
);
const plainValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, plainScalarValue, tie("map"), tie("seq")),
  map: fc.dictionary(word, tie("any"), { minKeys: 1, maxKeys: 4 }),
  seq: fc.array(fc.oneof(plainScalarValue, tie("map")), { minLength: 1, maxLength: 3 }),
})).any;
const definitionLike = fc.dictionary(word, plainValue, { minKeys: 1, maxKeys: 6 });

describe("parsePlainYaml", () => {
  it("reads exactly what the yaml library reads, or leaves the text to it (documents yaml writes)", () => {
    fc.assert(
      fc.property(document, fc.boolean(), fc.boolean(), (doc, indentSeq, flow) => {
        agrees(stringify(doc, { indentSeq, ...(flow ? { collectionStyle: "flow" } : {}) }));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads documents written the way definitions are directly (the subset is what they use)", () => {
    let read = 0;
    fc.assert(
      fc.property(definitionLike, fc.boolean(), (doc, indentSeq) => {
        if (agrees(stringify(doc, { indentSeq }))) read++;
      }),
      { numRuns: 500 },
    );
    expect(read).toBe(500);
  });

  it("never reads a text yaml rejects or reads differently (documents edited at random)", () => {
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom(
        ":",
        ": ",
        " #",
        "#",
        "-",
        "- ",
        " ",
        "  ",
        "'",
        '"',
        "\\",
        "&a ",
        "*a",
        "!t ",
        "[",
        "]",
        "{",
        "}",
      ),
      fc.constantFrom(",", ", ", "|", ">", "?", "~", "0x", ".", "---", "\n", "\n  ", "\n- ", "x", ""),
    );
    fc.assert(
      fc.property(
        fc.oneof(document, definitionLike),
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (doc, flow, edits) => {
          let t = stringify(doc, flow ? { collectionStyle: "flow" } : {});
          for (const [at, a, b] of edits) {
            const i = at % (t.length + 1);
            t = t.slice(0, i) + a + b + t.slice(i);
          }
          const fast = parsePlainYaml(t);
          if (fast === undefined) return;
          expectSame(t, fast, viaYaml(t));
          const [quick, slow] = [plainLocators(t), yamlLocators(t)];
          for (const p of pathsOf(fast)) {
            expect(quick.locate(p), `${JSON.stringify(p)}\n${t}`).toEqual(slow.locate(p));
            expect(quick.locateKey(p), `key of ${JSON.stringify(p)}\n${t}`).toEqual(slow.locateKey(p));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads the fixture fleet's YAML definition directly", () => {
    const dir = path.resolve(import.meta.dirname, "../../test/fixtures/fleet");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(agrees(fs.readFileSync(path.join(dir, f), "utf8")), f).toBe(true);
  });

  it("handles the block forms definitions use and leaves every other form to yaml", () => {
    const inside = [
      "a: 1\nb:\n  c: x # comment\n  d: 'it''s'\n",
      "list:\n- a\n- b: 1\n  c: 2\nnext: true\n",
      "list:\n  - name: x\n    value: y\n  -\n    z: 1\n  - []\n",
      '# header\n\na: "quoted: yes"\nb: []\nc: {}\nd:\ne: ~\nf: -0\ng: 1.50\nh: 0777\n',
      "__proto__: 1\nconstructor: 2\nargs: -x\n",
      "a: [1, 'x', \"y\"]\nb: { c: 1, d: { e: [] } } # comment\nc: { url: http://x:1/p }\n",
    ];
    for (const t of inside) expect(agrees(t), t).toBe(true);
    const outside = [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: |\n  block\n",
      "a: [1, [2]\n",
      "a: { b: 1, }\n",
      "a: {b:1}\n",
      "a: [1, 2] x\n",
      "a: { b: 1 # c }\n",
      "a: multi\n  line\n",
      'a: "esc\\n"\n',
      "a: 1\na: 2\n",
      "1: one\n",
      "a:\tb\n",
      "a: b\r\n",
      "---\na: 1\n",
      "a: 0x1F\n",
      "a: b: c\n",
      "- a\n",
      "a:\n  - - x\n",
      "? a\n: b\n",
      "",
    ];
    for (const t of outside) expect(parsePlainYaml(t), t).toBeUndefined();
  });
});

/** Every path of a value (keys and indexes), plus one missing key below each map. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i]);
      pathsOf(x, [...prefix, i], out);
    });
  else if (typeof v === "object" && v !== null) {
    out.push([...prefix, "no-such-key"]);
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k]);
      pathsOf(x, [...prefix, k], out);
    }
  }
  return out;
}

describe("plainLocators", () => {
  it("gives every path the position the yaml library gives it", () => {
    const check = (t: string) => {
      const value = parsePlainYaml(t);
      if (value === undefined) return;
      const fast = plainLocators(t);
      const slow = yamlLocators(t);
      for (const p of [[], ...pathsOf(value)]) {
        expect(fast.locate(p), `${JSON.stringify(p)}\n${t}`).toEqual(slow.locate(p));
        expect(fast.locateKey(p), `key of ${JSON.stringify(p)}\n${t}`).toEqual(slow.locateKey(p));
      }
    };
    fc.assert(
      fc.property(fc.oneof(document, definitionLike), fc.boolean(), fc.boolean(), (doc, indentSeq, flow) => {
        check(stringify(doc, { indentSeq, ...(flow ? { collectionStyle: "flow" } : {}) }));
      }),
      { numRuns: 1500 },
    );
    const dir = path.resolve(import.meta.dirname, "../../test/fixtures/fleet");
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".yaml")))
      check(fs.readFileSync(path.join(dir, f), "utf8"));
    check("a:\nb: ~\nc:   x  # c\nd:   # c\nlist:\n- x\n-   y: 1\n    z: { p: [1, 'q'] }\ne:\n");
    check("x:\n  a:\n  b: 2\nl:\n- a:\n  b: 1\n");
  });
});
