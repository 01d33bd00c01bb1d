import path from "node:path";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { formatJson, formatText } from "@lgtm-gitops/validators";
import type { Format } from "../args.js";
import type { CliIo } from "../cli.js";
import { displayPath } from "../repo.js";
import { sanitizeDiagnostic } from "../safety/terminal.js";

/**
 * Prints the diagnostics of `generate`/`check`: text (errors and warnings; paths relative to the repository) to
 * stderr, or every diagnostic as one JSON array to stdout.
 */
export function printDiagnostics(diags: readonly Diagnostic[], format: Format, io: CliIo, root: string): void {
  // Keys and values of a definition reach messages: control characters are escaped before anything is printed.
  const shown = diags.map((d) =>
    sanitizeDiagnostic(d.file !== undefined && path.isAbsolute(d.file) ? { ...d, file: displayPath(root, d.file) } : d),
  );
  if (format === "json") io.stdout.write(formatJson(shown));
  else {
    const text = formatText(shown.filter((d) => d.severity !== "info"));
    if (text !== "") io.stderr.write(text);
  }
}
