// A small block-style YAML writer for the synthetic inputs of the benchmark (plain objects, arrays, strings,
// numbers, booleans). The bench folder is not a workspace package, so it does not import the `yaml` package.

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const PLAIN_STRING = /^[A-Za-z_/][A-Za-z0-9_.:/ -]*$/;
const RESERVED = new Set(["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]);

/**
 * @param {string} s
 * @returns {string} the string as a YAML scalar: plain when unambiguous, JSON-quoted otherwise
 */
function scalarString(s) {
  if (s === "" || !PLAIN_STRING.test(s) || RESERVED.has(s.toLowerCase()) || s.endsWith(" ") || s.includes(": "))
    return JSON.stringify(s);
  return s;
}

/**
 * @param {string} k
 * @returns {string}
 */
function key(k) {
  return PLAIN_KEY.test(k) && !RESERVED.has(k.toLowerCase()) ? k : JSON.stringify(k);
}

/**
 * @param {unknown} v
 * @returns {string | undefined} the inline form of a scalar or an empty collection; undefined for a block
 */
function inline(v) {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return scalarString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  if (typeof v === "object") return Object.keys(v).length === 0 ? "{}" : undefined;
  throw new TypeError(`cannot write ${typeof v} as YAML`);
}

/**
 * @param {unknown} v
 * @param {string} indent
 * @param {string[]} out
 */
function block(v, indent, out) {
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = inline(item);
      if (s !== undefined) {
        out.push(`${indent}- ${s}`);
        continue;
      }
      // "- " followed by the first line of the nested block, the rest indented under it.
      const nested = [];
      block(item, `${indent}  `, nested);
      out.push(`${indent}- ${nested[0]?.slice(indent.length + 2) ?? ""}`, ...nested.slice(1));
    }
    return;
  }
  for (const [k, value] of Object.entries(/** @type {Record<string, unknown>} */ (v))) {
    if (value === undefined) continue;
    const s = inline(value);
    if (s !== undefined) out.push(`${indent}${key(k)}: ${s}`);
    else {
      out.push(`${indent}${key(k)}:`);
      block(value, Array.isArray(value) ? indent : `${indent}  `, out);
    }
  }
}

/**
 * Writes a plain object as a block-style YAML document.
 * @param {Record<string, unknown>} doc
 * @param {string} [header] comment lines put first (without the leading `#`)
 * @returns {string}
 */
export function toYaml(doc, header) {
  const out = header ? header.split("\n").map((l) => `# ${l}`) : [];
  block(doc, "", out);
  return `${out.join("\n")}\n`;
}
