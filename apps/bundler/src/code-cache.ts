// Runs the bundled CLI (dist/cli.cjs) with V8's code cache (dist/cli.cjs.cache, made by scripts/bundle.mjs): the
// functions a run needs are compiled once at build time instead of on every start. A cache V8 does not accept
// (another Node or V8 version, other flags) is ignored: the bundle then compiles as usual.
//
// Code run by vm.Script cannot `import()` (Node's hook for that is experimental in Node 20 and warns), so the
// loader hands the bundle an importer of its own: {@link IMPORTER} (used by fleet/typescript.ts).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

/** The bundle, loaded: its exports and the script (to make a cache from, after a run). */
export interface LoadedBundle {
  readonly exports: Record<string, unknown>;
  readonly script: vm.Script;
  /** Whether V8 used the cache. */
  readonly cached: boolean;
}

/** Where a bundle run through {@link loadBundle} finds the `import()` of the ES module that loaded it. */
export const IMPORTER = Symbol.for("lgtm-gitops.import");

/**
 * Loads a CommonJS bundle through `vm.Script` with its code cache, as Node would load it with `require`; `importer`
 * is the loading module's `(specifier) => import(specifier)`.
 */
export function loadBundle(
  file: string,
  cacheFile: string,
  importer: (specifier: string) => Promise<unknown>,
): LoadedBundle {
  (globalThis as Record<symbol, unknown>)[IMPORTER] = importer;
  const code = fs.readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}
