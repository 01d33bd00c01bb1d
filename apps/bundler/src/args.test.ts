import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";
import { CliError } from "./errors.js";

function usageError(argv: string[]): CliError {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("expected a usage error");
}

describe("parseArgs", () => {
  it("parses generate with repeated --cluster and --opt=value forms", () => {
    const a = parseArgs(["generate", "--cluster", "a", "--cluster=b", "--out=x", "--fleet", "f", "--quiet"]);
    expect(a).toMatchObject({ command: "generate", clusters: ["a", "b"], out: "x", fleet: "f", quiet: true });
  });
  it("parses check --diff and --no-diff (unset: decided by whether stdout is a terminal)", () => {
    expect(parseArgs(["check"]).diff).toBeUndefined();
    expect(parseArgs(["check", "--diff"]).diff).toBe(true);
    expect(parseArgs(["check", "--no-diff"]).diff).toBe(false);
    expect(usageError(["check", "--diff", "--no-diff"]).message).toContain("contradicts");
    expect(usageError(["generate", "--diff"]).message).toContain('unknown option "--diff"');
  });
  it("parses lint files and options", () => {
    const a = parseArgs(["lint", "a.yaml", "b.yaml", "--chart", "tempo-distributed@1.61.3", "--format", "json"]);
    expect(a).toMatchObject({
      command: "lint",
      positionals: ["a.yaml", "b.yaml"],
      chart: "tempo-distributed@1.61.3",
      format: "json",
    });
  });
  it("routes --help anywhere to the command's help", () => {
    expect(parseArgs(["check", "--help"])).toMatchObject({ command: "help", helpFor: "check" });
    expect(parseArgs(["help", "lint"])).toMatchObject({ command: "help", helpFor: "lint" });
    expect(parseArgs([])).toMatchObject({ command: "help" });
    expect(parseArgs(["-v"])).toMatchObject({ command: "version" });
  });
  it("rejects unknown commands and options, missing values and bad formats with exit 2", () => {
    expect(usageError(["frobnicate"]).code).toBe("usage/unknown-command");
    const unknown = usageError(["generate", "--clusters", "a"]);
    expect(unknown.message).toContain('unknown option "--clusters"');
    expect(unknown.fix).toContain("--cluster");
    expect(unknown.exitCode).toBe(2);
    expect(usageError(["generate", "--cluster"]).message).toContain("needs a value");
    expect(usageError(["lint", "x.yaml", "--format", "xml"]).message).toContain('"text", "json" or "sarif"');
    expect(usageError(["check", "--format", "xml"]).message).toContain('"text" or "json"');
    expect(usageError(["lint"]).message).toContain("at least one FILE");
    expect(usageError(["explain"]).message).toContain("needs a RULE-ID");
    expect(usageError(["explain", "a", "b"]).message).toContain("exactly one");
    expect(usageError(["schema", "extra"]).message).toContain("takes no positional");
    expect(usageError(["lint", "x", "--chart", "a", "--chart", "b"]).message).toContain("twice");
  });
});
