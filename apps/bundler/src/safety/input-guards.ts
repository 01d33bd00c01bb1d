import fs from "node:fs";
import { type Diagnostic, setOwn } from "@lgtm-gitops/diagnostics";

/** Largest definition file read, in bytes: real definitions are a few KB; anything bigger is refused unparsed. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

/** Deepest nesting of a TypeScript definition's exported value that is copied; deeper values are refused. */
export const MAX_DEFINITION_DEPTH = 200;

/**
 * Reads at most `max + 1` bytes of `file`, so a huge file is refused (by its length, in {@link decodeText}) without
 * being read whole. Throws what `fs` throws (ENOENT, EISDIR, …).
 */
export function readBounded(file: string, max: number): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    // Sized by the file (a buffer of `max` bytes, zero-filled, for every small definition was most of the cost of
    // reading a fleet); it grows if the file grows while read, never past `max + 1`. Only read bytes are returned.
    let buf = Buffer.allocUnsafe(Math.min(max, fs.fstatSync(fd).size) + 1);
    let n = 0;
    for (;;) {
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n < buf.length) continue;
      if (buf.length > max) break;
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Result of {@link decodeDefinition}: the text, or a diagnostic saying why the bytes are not a definition. */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** What a text file is read for: its diagnostics' area (`definition/encoding`, `lint/encoding`) and wording. */
export type TextKind = "definition" | "lint";

/** Largest file `lint` reads, in bytes: the biggest chart default values are a few hundred KB. */
export const MAX_LINT_BYTES = 8 * 1024 * 1024;

const KIND_TEXT: Readonly<
  Record<TextKind, { what: string; remove: string; encoding: string; limit: string; large: string }>
> = {
  definition: {
    limit: "the most a cluster definition may be",
    large: "A definition is a few kilobytes: check this is the file you meant to put in the fleet directory.",
    what: "a YAML or JSON definition",
    remove: "Remove it from the fleet directory, or rename it so it does not end in .yaml, .yml or .json.",
    encoding: "YAML and JSON definitions must be UTF-8",
  },
  lint: {
    limit: "the most `lint` reads",
    large: "Helm values files are at most a few hundred kilobytes: check this is the file you meant to lint.",
    what: "a YAML or JSON values file",
    remove: "Give `lint` the path of a Helm values file (YAML or JSON text).",
    encoding: "values files must be UTF-8",
  },
};

/**
 * Turns the bytes of a YAML/JSON file into text, or explains why not: binary (a NUL byte, `<kind>/not-text`), or
 * not UTF-8 (`<kind>/encoding`), each with the byte offset and the line and column of the first bad byte. With
 * `maxBytes`, a larger file is refused unread (`<kind>/too-large`). A UTF-8 byte-order mark is dropped.
 */
export function decodeText(file: string, bytes: Uint8Array, kind: TextKind, maxBytes?: number): Decoded {
  const words = KIND_TEXT[kind];
  const fail = (name: string, message: string, fix: string, at?: { line: number; column: number }): Decoded => ({
    ok: false,
    diagnostic: { ruleId: `${kind}/${name}`, severity: "error", path: [], message, fix, file, ...(at ?? {}) },
  });
  if (maxBytes !== undefined && bytes.length > maxBytes)
    return fail(
      "too-large",
      `the file is larger than ${maxBytes} bytes, ${words.limit}; it was not parsed`,
      words.large,
    );
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return fail(
      "not-text",
      `the file is binary (a NUL byte at offset ${nul}), not ${words.what}`,
      words.remove,
      lineColumnOfByte(bytes, nul),
    );
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1)
    return fail(
      "encoding",
      `the file is not UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at offset ${bad})`,
      `Save the file as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`); ${words.encoding}.`,
      lineColumnOfByte(bytes, bad),
    );
  const text = new TextDecoder("utf-8").decode(bytes);
  return { ok: true, text: text.startsWith("\uFEFF") ? text.slice(1) : text };
}

/**
 * Turns the bytes of a YAML/JSON definition into text, or explains why not: larger than
 * {@link MAX_DEFINITION_BYTES} (`definition/too-large`), binary (a NUL byte, `definition/not-text`), or not UTF-8
 * (`definition/encoding`, with the line and column of the first bad byte). A UTF-8 byte-order mark is dropped.
 */
export function decodeDefinition(file: string, bytes: Uint8Array): Decoded {
  return decodeText(file, bytes, "definition", MAX_DEFINITION_BYTES);
}

/** Rewrites the parser's messages that would read like a crash ("Maximum call stack size exceeded"). */
export function syntaxMessage(message: string): string {
  const first = message.split("\n")[0] ?? "";
  if (/maximum call stack size exceeded/i.test(first))
    return `the document nests too deeply to be read (${first.replace(/^.*?exceeded/i, "stack exhausted").replace(/:$/, "")})`;
  return first;
}

/**
 * Copies the default export of a TypeScript definition into plain data (objects, arrays, primitives), reading
 * every property once. Getters or proxies that throw, and values nested deeper than {@link MAX_DEFINITION_DEPTH},
 * throw here, inside the loader, where the error is reported against the definition's file. Shared and cyclic
 * references are kept as they are (the schema reports them).
 */
export function toPlainData(value: unknown): unknown {
  const seen = new Map<object, unknown>();
  const copy = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== "object") return v;
    if (depth > MAX_DEFINITION_DEPTH)
      throw new Error(`the exported value nests deeper than ${MAX_DEFINITION_DEPTH} levels`);
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(copy(v[i], depth + 1));
      return out;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const key of Object.keys(v)) {
      // Not assignment: a "__proto__" key stays a plain key and never changes the prototype.
      setOwn(out, key, copy((v as Record<string, unknown>)[key], depth + 1));
    }
    return out;
  };
  return copy(value, 0);
}
