import { pathToFileURL } from "node:url";
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
}

/** Definitions read from the fleet plus problems found while reading them. */
export interface LoadResult {
  readonly definitions: LoadedDefinition[];
  /** File-level problems (YAML syntax, missing default export) as diagnostics; they stop `generate`. */
  readonly diagnostics: Diagnostic[];
}

const nowhere = (): undefined => undefined;

/** Where the values of a TypeScript definition are written (its object literal), or nowhere when it cannot be read. */
function locateTs(file: string): LoadedDefinition["locate"] {
  try {
    return locateInTypeScript(new TextDecoder().decode(readBounded(file, MAX_DEFINITION_BYTES)));
  } catch {
    return nowhere;
  }
}

function loadYaml(def: DefinitionFile, text: string, diagnostics: Diagnostic[]): LoadedDefinition | undefined {
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
  const locate = (path: readonly PropertyKey[]): Position | undefined => {
    // Walk down as far as the path exists, so a missing key points at its parent.
    let node: unknown = doc.contents;
    let found: Node | undefined = isMap(node) || isSeq(node) || isScalar(node) ? (node as Node) : undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        node = pair.value;
        // A scalar at its value, a map or list at its key (the line that names it).
        found = (isScalar(pair.value) ? pair.value : pair.key) as Node;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
        if (node === undefined) break;
        found = node as Node;
      } else break;
    }
    const offset = found?.range?.[0];
    if (offset === undefined) return undefined;
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
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
  return { ...def, input, locate };
}

/**
 * The default export as the definition wrote it. A `.ts` file outside a `"type": "module"` package is compiled to
 * CommonJS, and importing it from ESM gives `module.exports` as the default: `{ __esModule: true, default: def }`.
 * That wrapper is unwrapped (a definition itself never has a `default` key: the schema is strict).
 */
export function unwrapDefault(exported: unknown): unknown {
  if (exported === null || typeof exported !== "object") return exported;
  const marked = (exported as { __esModule?: unknown }).__esModule === true;
  const keys = Object.keys(exported);
  if ("default" in exported && (marked || (keys.length === 1 && keys[0] === "default")))
    return (exported as { default: unknown }).default;
  return exported;
}

/** Lazily registered tsx loader, shared by every TypeScript definition of one run. */
let tsLoader: ((specifier: string, parent: string) => Promise<unknown>) | undefined;

async function importTs(file: string): Promise<unknown> {
  if (!tsLoader) {
    const api = (await import("tsx/esm/api")) as typeof import("tsx/esm/api");
    const ns = api.register({ namespace: `lgtm-gitops-${process.pid}` });
    tsLoader = ns.import;
  }
  return tsLoader(pathToFileURL(file).href, import.meta.url);
}

/**
 * Reads every definition: YAML and JSON with positions (no TypeScript machinery), TypeScript through one
 * tsx registration. A TS definition that throws while loading becomes a `CliError` (exit 2) whose message
 * keeps only the first lines of the error (never a stack trace).
 */
export async function loadDefinitions(files: readonly DefinitionFile[]): Promise<LoadResult> {
  const definitions: LoadedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const def of files) {
    if (def.format === "ts") {
      let mod: unknown;
      try {
        mod = await importTs(def.file);
      } catch (e) {
        throw toCliError(e, {
          code: "fleet/load-failed",
          what: `cannot load the cluster definition ${def.file}`,
          fix: 'Fix the TypeScript in that file; it must `export default defineCluster({...})` imported from "@lgtm-gitops/bundler".',
        });
      }
      let exported: unknown;
      try {
        exported = unwrapDefault((mod as { default?: unknown } | undefined)?.default);
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
      definitions.push({ ...def, input, locate: locateTs(def.file) });
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
    if (loaded) definitions.push(loaded);
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
