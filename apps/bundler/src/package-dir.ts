import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The npm name of this package. */
export const PACKAGE_NAME = "@lgtm-gitops/bundler";

let cached: string | undefined;

/**
 * The bundler package's own directory (`apps/bundler`, or `node_modules/@lgtm-gitops/bundler` when installed): the
 * nearest `package.json` named {@link PACKAGE_NAME} above this module, wherever it runs from (`src/`, tsc's
 * `dist/`, or the bundled `dist/main.js` and `dist/fleet/worker.js`).
 */
export function packageDir(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) {
        cached = dir;
        return dir;
      }
    } catch {
      // no package.json here
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${import.meta.url}`);
    dir = parent;
  }
}
