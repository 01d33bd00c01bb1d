// Terminal safety: control characters (ESC, CR, newline, C1, bidi overrides) in keys, values, file names and thrown
// messages are escaped in every message, text or JSON, so a hostile definition or values file can neither drive the
// terminal nor forge a line of output.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainJs, makeWorkspace, runChild, testDefinition, type Workspace } from "./harness.js";

/** What must never reach the terminal raw: C0 controls other than the output's own newlines, DEL, C1, bidi. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const EVIL = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\rfix: run rm -rf /";

let ws: Workspace;
beforeAll(() => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first`).toBe(true);
  ws = makeWorkspace("terminal");
  fs.rmSync(ws.fleet, { recursive: true });
  fs.mkdirSync(ws.fleet);
});
afterAll(() => fs.rmSync(ws.dir, { recursive: true, force: true }));

function expectSafe(out: string): void {
  const at = out.search(RAW);
  expect(at, `raw control character at ${at}: ${JSON.stringify(out.slice(Math.max(0, at - 40), at + 20))}`).toBe(-1);
  expect(out).not.toMatch(/^fix: run rm/m);
}

describe("control characters are escaped in every message", () => {
  it("generate: an unknown key and an unknown value (text and JSON)", async () => {
    const text = `${testDefinition({ name: "evil" })}${JSON.stringify(EVIL)}: 1\n`;
    fs.writeFileSync(path.join(ws.fleet, "evil.yaml"), text);
    for (const format of ["text", "json"]) {
      const r = await runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters, "--format", format], {
        cwd: ws.dir,
      });
      expect(r.code).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain("definition/unknown-key");
      expect(`${r.stdout}${r.stderr}`).toContain("\\x1b");
      expectSafe(`${r.stdout}${r.stderr}`);
    }
    fs.rmSync(path.join(ws.fleet, "evil.yaml"));
  });

  it("generate: a TypeScript definition that throws a message full of escapes", async () => {
    fs.writeFileSync(
      path.join(ws.fleet, "throws.ts"),
      `throw new Error(${JSON.stringify(EVIL)});\nexport default {};\n`,
    );
    const r = await runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fleet/load-failed");
    expectSafe(`${r.stdout}${r.stderr}`);
    fs.rmSync(path.join(ws.fleet, "throws.ts"));
  });

  it("lint: keys, values and the file name", async () => {
    const file = path.join(ws.dir, `v\u001b[31m.yaml`);
    fs.writeFileSync(
      file,
      `tempo:\n  ${JSON.stringify(EVIL)}: 1\n  gateway:\n    basicAuth:\n      password: ${JSON.stringify(EVIL)}\n`,
    );
    for (const format of ["text", "json"]) {
      const r = await runChild(["lint", file, "--chart", "lgtm-distributed@3.0.1", "--format", format], {
        cwd: ws.dir,
      });
      expect(r.code).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain("chart/unknown-key");
      expectSafe(`${r.stdout}${r.stderr}`);
    }
    const missing = await runChild(["lint", path.join(ws.dir, "nope\u001b[2J.yaml")], { cwd: ws.dir });
    expect(missing.code).toBe(2);
    expectSafe(`${missing.stdout}${missing.stderr}`);
  });
});
