// A reader that stops early (`lgtm-gitops explain --list | head -1`) closes the CLI's stdout: the built CLI must stop
// quietly, not print Node's EPIPE stack trace.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mainJs } from "./hostile/harness.js";

/** Runs the built CLI, reads its first stdout chunk, closes the pipe and collects stderr until it exits. */
function readFirstChunkThenClose(
  args: readonly string[],
): Promise<{ first: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let first = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      first = chunk.toString("utf8");
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ first, stderr, code }));
  });
}

describe("a closed stdout pipe", () => {
  it("ends the CLI quietly: no stack trace, exit code of the command", async () => {
    // `explain --list` writes the whole rule catalogue (~90 lines) in many writes: the pipe closes in between.
    const r = await readFirstChunkThenClose(["explain", "--list"]);
    expect(r.first).toMatch(/^argocd\//);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(|node:events/);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
