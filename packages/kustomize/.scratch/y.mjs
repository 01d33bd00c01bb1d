import { stringify, parse, parseAllDocuments } from "yaml";
const shared = { a: 1 };
const v = { s: ["yes", "on", "0777", "1:20", "true", "null", "1e3", "~", "", " x", "x ", "a\nb\n", "a\nb", "\n x\n", "-0", "0x1f", "1_000", "<<", "2001-12-14", "a: b", "#c", "- x", "{x}", "$values/a/b.yaml", "a".repeat(200) + " " + "b".repeat(200)], n: [-0, 1.5, 1e21, NaN], d: shared, e: shared, "<<": { x: 1 }, empty: {}, el: [], nul: null, u: undefined, nested: [[1, [2]], { a: [] }] };
const opts = { aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true, compat: "yaml-1.1", blockQuote: "literal", version: "1.2" };
const out = stringify(v, opts);
console.log(out);
console.log(JSON.stringify(parse(out)));
