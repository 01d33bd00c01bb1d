import path from "node:path";
import { CliError } from "../errors.js";
import { decodeText, MAX_LINT_BYTES, readBounded } from "../safety/input-guards.js";

/**
 * Reads a values file named on the command line (`lint`, `migrate`), bounded by {@link MAX_LINT_BYTES}; an unreadable
 * path is `usage/unreadable-file`, with `hint` as the fix.
 */
export function readValuesFile(cwd: string, file: string, hint: string): { abs: string; bytes: Uint8Array } {
  const abs = path.resolve(cwd, file);
  try {
    return { abs, bytes: readBounded(abs, MAX_LINT_BYTES) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(
      "usage/unreadable-file",
      code === "ENOENT"
        ? `${file} does not exist`
        : code === "EISDIR"
          ? `${file} is a directory`
          : code === "ENOTREG"
            ? `${file} is ${(e as { kind?: string }).kind ?? "not a regular file"}, not a file; it was not read (reading it could wait forever)`
            : `cannot read ${file} [${code ?? "error"}]`,
      hint,
    );
  }
}

/** A values file's bytes as UTF-8 text, or the decoding error (with its line and column) as a CliError. */
export function decodeValuesFile(file: string, bytes: Uint8Array): string {
  const decoded = decodeText(file, bytes, "lint", MAX_LINT_BYTES);
  if (decoded.ok) return decoded.text;
  const d = decoded.diagnostic;
  const at = d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : "";
  throw new CliError(d.ruleId, `${file}${at}: ${d.message}`, d.fix ?? "Save the file as UTF-8 text.");
}
