import type { Diagnostic } from "@lgtm-gitops/diagnostics";

/**
 * Characters that must never reach a terminal from a message: C0 controls (including newline and tab, so a value
 * cannot forge a line of output), DEL, C1 controls (0x80–0x9f, some terminals act on them) and the Unicode
 * format characters that reorder or hide text (bidi overrides and isolates, line/paragraph separators).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as an escape (`\x1b`, `\n`, `\u202e`), so it prints as what it is. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A diagnostic whose message, fix, file and path keys are safe to print (see {@link escapeControl}). */
export function sanitizeDiagnostic(d: Diagnostic): Diagnostic {
  const path = d.path.map((s) => (typeof s === "string" ? escapeControl(s) : s));
  return {
    ...d,
    message: escapeControl(d.message),
    ...(d.fix !== undefined ? { fix: escapeControl(d.fix) } : {}),
    ...(d.file !== undefined ? { file: escapeControl(d.file) } : {}),
    path,
  };
}
