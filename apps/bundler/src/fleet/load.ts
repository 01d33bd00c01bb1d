import { createHash } from "node:crypto";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { locateInTypeScript } from "../definition/ts-locate.js";
import { CliError, toCliError } from "../errors.js";
import {
  decodeDefinition,
  MAX_DEFINITION_BYTES,
  readBounded,
  syntaxMessage,
  toPlainData,
} from "../safety/input-guards.js";
import type { DefinitionFile } from "./discover.js";
import { type PlainPlace, parsePlainYaml, plainYamlPositions } from "./plain-yaml.js";
import { type CompiledDefinition, compileDefinitions, DefinitionThrew, importCompiled } from "./typescript.js";

/** 1-based position of a value in its definition file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A definition file read into a plain value, not yet checked against the schema. */
export interface LoadedDefinition extends DefinitionFile {
  /** The raw value: the default export (TS) or the document (YAML/JSON). */
  readonly input: unknown;
  /**
   * Finds where a value sits in the file, or its nearest ancestor that is written there (YAML/JSON: the document;
   * TypeScript: the exported object literal); `undefined` when not even the top key is found.
   */
  readonly locate: (path: readonly PropertyKey[]) => Position | undefined;
  /**
   * Finds the key of a mapping entry (where an unknown key is reported), or like {@link locate} when `path` does not
   * end at a key. @default {@link locate}
   */
  readonly locateKey?: (path: readonly PropertyKey[]) => Position | undefined;
  /**
   * sha256 of what was read: the file's bytes (YAML/JSON) or the compiled module (TS). Part of a verdict's key
   * (render/verdicts.ts), since positions in diagnostics come from it. @default none (the input alone)
   */
  readonly source?: string;
}

/** Definitions read from the fleet plus problems found while reading them. */
export interface LoadResult {
  readonly definitions: LoadedDefinition[];
  /** File-level problems (YAML syntax, missing default export) as diagnostics; they stop `generate`. */
  readonly diagnostics: Diagnostic[];
}

type Locate = (path: readonly PropertyKey[]) => Position | undefined;

const nowhere = (): undefined => undefined;

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * Where the values of a TypeScript definition are written (its object literal), or nowhere when it cannot be read.
 * The file is read and scanned on the first call only (most runs never need a position).
 */
function locateTs(file: string): Locate {
  let located: Locate | undefined;
  return (path) => {
    if (located === undefined) {
      try {
        located = locateInTypeScript(new TextDecoder().decode(readBounded(file, MAX_DEFINITION_BYTES)));
      } catch {
        located = nowhere;
      }
    }
    return located(path);
  };
}

/** The yaml library's reading of a definition: its diagnostics, or its value and a position finder. */
function readYamlDocument(
  def: DefinitionFile,
  text: string,
  diagnostics: Diagnostic[],
): { input: unknown; locate: Locate; locateKey: Locate } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // Warnings too: an unresolved tag (`!!js/function`, `!Secret`) would otherwise be read silently as a string.
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === "TAG_RESOLVE_FAILED")];
  if (problems.length > 0) {
    for (const e of problems) {
      const pos = e.linePos?.[0];
      diagnostics.push({
        ruleId: "definition/syntax",
        severity: "error",
        path: [],
        message: `${def.format === "json" ? "JSON" : "YAML"} syntax error: ${syntaxMessage(e.message)}`,
        fix: "Fix the syntax at this position; an editor using the JSON Schema (pnpm gitops schema) shows it as you type.",
        file: def.file,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      });
    }
    return undefined;
  }
  /** Walks down as far as the path exists (so a missing key points at its parent): the node, and its key. */
  const walk = (path: readonly PropertyKey[]): { found: Node | undefined; key: Node | undefined } => {
    let node: unknown = doc.contents;
    let found: Node | undefined = isMap(node) || isSeq(node) || isScalar(node) ? (node as Node) : undefined;
    let key: Node | undefined;
    for (const seg of path) {
      key = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        node = pair.value;
        key = pair.key as Node;
        // A scalar at its value, a map or list at its key (the line that names it).
        found = (isScalar(pair.value) ? pair.value : pair.key) as Node;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
        if (node === undefined) break;
        found = node as Node;
      } else break;
    }
    return { found, key };
  };
  const at = (node: Node | undefined): Position | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate: Locate = (path) => at(walk(path).found);
  const locateKey: Locate = (path) => {
    const w = walk(path);
    return at(w.key ?? w.found);
  };
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses aliases that expand exponentially (an "alias bomb") and very deep documents.
    diagnostics.push({
      ruleId: "definition/syntax",
      severity: "error",
      path: [],
      message: /alias/i.test(String((e as Error).message))
        ? "YAML aliases expand to too many nodes (an alias bomb); the document was not read"
        : `the YAML document cannot be read: ${syntaxMessage(String((e as Error).message))}`,
      fix: "Write the values out instead of nesting anchors and aliases (*name) inside each other.",
      file: def.file,
    });
    return undefined;
  }
  return { input, locate, locateKey };
}

/**
 * The position finders of a text inside the plain subset ({@link parsePlainYaml}): read again for positions on the
 * first call, the same positions the yaml library gives (the value's node, or the key when it has no value; the
 * key itself for {@link LoadedDefinition.locateKey}).
 */
export function plainLocators(text: string): { locate: Locate; locateKey: Locate } {
  let places: ReadonlyMap<string, PlainPlace> | undefined;
  let viaYaml: { locate: Locate; locateKey: Locate } | undefined;
  const find = (path: readonly PropertyKey[], key: boolean): Position | undefined => {
    places ??= plainYamlPositions(text) ?? new Map();
    if (places.size === 0) {
      viaYaml ??= yamlLocators(text);
      return (key ? viaYaml.locateKey : viaYaml.locate)(path);
    }
    // As far as the path exists, so a missing key points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const place = places.get(JSON.stringify(path.slice(0, n)));
      if (place) return (key && n === path.length ? place.key : undefined) ?? place.value ?? place.key;
    }
    return undefined;
  };
  return { locate: (path) => find(path, false), locateKey: (path) => find(path, true) };
}

/** The yaml library's position finders for a text (see {@link readYamlDocument}); nowhere when it does not parse. */
export function yamlLocators(text: string): { locate: Locate; locateKey: Locate } {
  return readYamlDocument({ file: "", stem: "", format: "yaml" }, text, []) ?? { locate: nowhere, locateKey: nowhere };
}

/**
 * Reads a YAML or JSON definition. Plain YAML (what definitions are written in) is read directly, and again only
 * if a diagnostic needs a position; anything else goes to the yaml library at once.
 */
function loadYaml(def: DefinitionFile, text: string, diagnostics: Diagnostic[]): LoadedDefinition | undefined {
  const plain = def.format === "yaml" ? parsePlainYaml(text) : undefined;
  if (plain !== undefined) return { ...def, input: plain, ...plainLocators(text) };
  const read = readYamlDocument(def, text, diagnostics);
  return read ? { ...def, ...read } : undefined;
}

/**
 * The default export as the definition wrote it. A definition written as CommonJS (`exports.default = def`, or a
 * transpiled ES module) gives `module.exports` as the default: `{ __esModule: true, default: def }`. That wrapper is
 * unwrapped (a definition itself never has a `default` key: the schema is strict).
 */
export function unwrapDefault(exported: unknown): unknown {
  if (exported === null || typeof exported !== "object") return exported;
  const marked = (exported as { __esModule?: unknown }).__esModule === true;
  const keys = Object.keys(exported);
  if ("default" in exported && (marked || (keys.length === 1 && keys[0] === "default")))
    return (exported as { default: unknown }).default;
  return exported;
}

/** Options of {@link loadDefinitions}. */
export interface LoadOptions {
  /**
   * TypeScript definitions compiled beforehand (by the main thread, for worker threads), keyed by absolute path.
   * @default compiled here, in one esbuild build
   */
  readonly compiled?: ReadonlyMap<string, CompiledDefinition>;
}

const LOAD_FIX =
  'Fix the TypeScript in that file; it must `export default defineCluster({...})` imported from "@lgtm-gitops/bundler".';

/**
 * Compiles the TypeScript definitions among `files` (one esbuild build). Throws `CliError` `fleet/load-failed`
 * (exit 2) naming the first error's file, line and column when one does not compile.
 */
export async function compileTypeScript(files: readonly DefinitionFile[]): Promise<Map<string, CompiledDefinition>> {
  const ts = files.filter((f) => f.format === "ts").map((f) => f.file);
  let result: Awaited<ReturnType<typeof compileDefinitions>>;
  try {
    result = await compileDefinitions(ts);
  } catch (e) {
    throw toCliError(e, {
      code: "fleet/load-failed",
      what: "cannot compile the TypeScript definitions",
      fix: LOAD_FIX,
    });
  }
  if (!result.ok)
    throw new CliError(
      "fleet/load-failed",
      `cannot load the cluster definition ${result.where}: ${result.message}`,
      LOAD_FIX,
    );
  return new Map(result.compiled);
}

/** Runs one compiled TypeScript definition and returns its default export (or a diagnostic). */
async function loadTs(def: DefinitionFile, compiled: CompiledDefinition | undefined): Promise<unknown> {
  if (compiled === undefined)
    throw new CliError(
      "fleet/load-failed",
      `cannot load the cluster definition ${def.file}: it was not compiled`,
      LOAD_FIX,
    );
  let mod: Record<string, unknown>;
  try {
    mod = await importCompiled(compiled);
  } catch (e) {
    const thrown = e instanceof DefinitionThrew ? e.thrown : e;
    const error = toCliError(thrown, {
      code: "fleet/load-failed",
      what: `cannot load the cluster definition ${def.file}`,
      fix: LOAD_FIX,
    });
    const site = e instanceof DefinitionThrew ? e.site : undefined;
    throw site === undefined
      ? error
      : new CliError(error.code, `${error.message} (thrown at ${site})`, error.fix, error.exitCode, { cause: thrown });
  }
  return mod.default;
}

/**
 * Reads every definition: YAML and JSON with positions (no TypeScript machinery), TypeScript compiled by one
 * esbuild build and imported from memory. A TS definition that does not compile or throws while loading becomes
 * a `CliError` (exit 2) with the file, line and column and the first line of the error (never a stack trace).
 */
export async function loadDefinitions(
  files: readonly DefinitionFile[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const definitions: LoadedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const compiled = files.some((f) => f.format === "ts")
    ? (options.compiled ?? (await compileTypeScript(files)))
    : undefined;
  for (const def of files) {
    if (def.format === "ts") {
      const defaultExport = await loadTs(def, compiled?.get(def.file));
      let exported: unknown;
      try {
        exported = unwrapDefault(defaultExport);
      } catch (e) {
        throw toCliError(e, {
          code: "fleet/load-failed",
          what: `cannot read the default export of ${def.file}`,
          fix: "Export plain data: `export default defineCluster({ ... })`, without getters or proxies that throw.",
        });
      }
      if (exported === undefined) {
        diagnostics.push({
          ruleId: "definition/no-default-export",
          severity: "error",
          path: [],
          message: "the file has no default export, so it defines no cluster",
          fix: "End the file with `export default defineCluster({ ... })`.",
          file: def.file,
        });
        continue;
      }
      let input: unknown;
      try {
        input = toPlainData(exported);
      } catch (e) {
        throw toCliError(e, {
          code: "fleet/load-failed",
          what: `cannot read the default export of ${def.file}`,
          fix: "Export plain data: `export default defineCluster({ ... })`, without getters or proxies that throw.",
        });
      }
      definitions.push({
        ...def,
        input,
        locate: locateTs(def.file),
        source: sha256(compiled?.get(def.file)?.code ?? ""),
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readBounded(def.file, MAX_DEFINITION_BYTES);
    } catch (e) {
      throw toCliError(e, {
        code: "fleet/load-failed",
        what: `cannot read the cluster definition ${def.file}`,
        fix: "Check the file exists and is readable.",
      });
    }
    const decoded = decodeDefinition(def.file, bytes);
    if (!decoded.ok) {
      diagnostics.push(decoded.diagnostic);
      continue;
    }
    const loaded = loadYaml(def, decoded.text, diagnostics);
    if (loaded) definitions.push({ ...loaded, source: sha256(bytes) });
  }
  return { definitions, diagnostics };
}

/** Throws when a `--cluster` name matches no definition. */
export function assertSelected(names: readonly string[], available: ReadonlySet<string>): void {
  const missing = names.filter((n) => !available.has(n));
  if (missing.length > 0)
    throw new CliError(
      "usage/unknown-cluster",
      `no definition for cluster ${missing.map((m) => `"${m}"`).join(", ")}`,
      `Known clusters: ${[...available].sort().join(", ") || "(none)"}; names come from the definitions in the fleet directory.`,
    );
}
