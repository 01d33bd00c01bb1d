/** Exit codes of the CLI. */
export const EXIT = {
  /** Success: bundles written, no drift, no lint error. */
  ok: 0,
  /** Diagnostics with errors, drift found, or the output is locked by another run. */
  diagnostics: 1,
  /** Usage error or unreadable input (bad option, missing file, definition that does not load). */
  usage: 2,
} as const;

/** An error the CLI reports as `lgtm-gitops: <message> (<code>)` followed by a fix line. Never a stack trace. */
export class CliError extends Error {
  /** Stable code, e.g. `usage/unknown-option`, `fleet/load-failed`. */
  readonly code: string;
  /** What the operator should do about it. */
  readonly fix: string;
  /** Exit code the CLI returns for this error. @default 2 */
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    fix: string,
    exitCode: number = EXIT.usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CliError";
    this.code = code;
    this.fix = fix;
    this.exitCode = exitCode;
  }
}

/** First line of an error's message, without any stack frame or path to our own sources. */
function firstLine(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^at\s/.test(l));
  const first = lines[0] ?? "";
  // A message ending in ":" ("Transform failed with 1 error:") says what only on the next line.
  return first.endsWith(":") && lines[1] !== undefined ? `${first} ${lines[1]}` : first;
}

/**
 * Turns anything thrown (by us, by Node, by a user's TypeScript definition) into a `CliError`.
 * Unknown throws keep only the first line of their message: no stack trace ever reaches the operator.
 */
export function toCliError(thrown: unknown, context?: { code: string; what: string; fix: string }): CliError {
  if (thrown instanceof CliError) return thrown;
  let detail: string;
  if (thrown instanceof Error) {
    const code = (thrown as Error & { code?: unknown }).code;
    detail = firstLine(thrown.message) || thrown.name;
    if (typeof code === "string" && !detail.includes(code)) detail = `${detail} [${code}]`;
  } else if (typeof thrown === "string") {
    detail = firstLine(thrown);
  } else {
    let shown: string;
    try {
      shown = JSON.stringify(thrown) ?? String(thrown);
    } catch {
      shown = String(thrown);
    }
    detail = `a non-error value was thrown: ${shown.slice(0, 200)}`;
  }
  if (context)
    return new CliError(context.code, `${context.what}: ${detail}`, context.fix, EXIT.usage, { cause: thrown });
  return new CliError(
    "internal/unexpected",
    `unexpected failure: ${detail}`,
    "This is a bug in lgtm-gitops or in its environment; re-run, and report it with the command you ran if it persists.",
    EXIT.usage,
    { cause: thrown },
  );
}

/** The two lines printed for an error: `lgtm-gitops: <what> (<code>)` and `  fix: <fix>`. */
export function formatCliError(error: CliError): string {
  return `lgtm-gitops: ${error.message} (${error.code})\n  fix: ${error.fix}\n`;
}
