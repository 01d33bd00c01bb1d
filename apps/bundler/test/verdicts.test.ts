// The verdict file of the built CLI (src/render/verdicts.ts): written by generate next to the bundles, read by the
// next generate and by check, never trusted for the bytes of a bundle.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERDICT_FILE } from "../src/render/verdicts.js";
import { fixtureFleet } from "./helpers.js";
import { hashTree, mainJs, makeWorkspace, runChild, type Workspace } from "./hostile/harness.js";

let ws: Workspace;
const gen = (...extra: string[]) =>
  runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters, ...extra], { cwd: ws.dir });
const check = () => runChild(["check", "--fleet", ws.fleet, "--out", ws.clusters], { cwd: ws.dir });
const verdictFile = () => path.join(ws.clusters, VERDICT_FILE);

beforeAll(() => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first`).toBe(true);
  ws = makeWorkspace("verdicts");
  // The tests' own fleet, whose warning and infos are known.
  fs.rmSync(ws.fleet, { recursive: true });
  fs.cpSync(fixtureFleet, ws.fleet, { recursive: true });
});
afterAll(() => fs.rmSync(ws.dir, { recursive: true, force: true }));

describe("the verdict file", () => {
  it("is written by generate with one line per cluster and bootstrap, and not by check", async () => {
    const c = await check();
    expect(c.code).toBe(1); // nothing generated yet
    expect(fs.existsSync(verdictFile())).toBe(false);
    const g = await gen();
    expect(g.code, g.stderr).toBe(0);
    const lines = fs.readFileSync(verdictFile(), "utf8").trim().split("\n");
    const units = lines.slice(1).map((l) => l.split("\t")[0]);
    const clusters = fs.readdirSync(ws.fleet).map((f) => f.replace(/\.(ts|yaml)$/, ""));
    expect(units.sort()).toEqual([...clusters, "bootstrap"].sort());
  });

  it("makes no difference to what generate and check print or write", async () => {
    const first = await gen("--format", "json");
    const tree = hashTree(ws.clusters);
    fs.rmSync(verdictFile());
    const without = await gen("--format", "json");
    expect(without.stdout).toBe(first.stdout);
    expect(without.stderr).toBe(first.stderr);
    // The example fleet's findings (with their positions) are reported either way.
    expect(JSON.parse(first.stdout)).toContainEqual(
      expect.objectContaining({ severity: "info", line: expect.any(Number) }),
    );
    expect(hashTree(ws.clusters)).toEqual(tree);
    const before = fs.statSync(verdictFile()).mtimeMs;
    const c = await check();
    expect(c.code, c.stderr).toBe(0);
    expect(fs.statSync(verdictFile()).mtimeMs).toBe(before);
  });

  it("cannot hide drift, and a damaged file is ignored and rewritten", async () => {
    expect((await gen()).code).toBe(0);
    const values = path.join(ws.clusters, "remote-tempo/values/tempo.yaml");
    const original = fs.readFileSync(values, "utf8");
    fs.writeFileSync(values, `${original}# edited\n`);
    const drift = await check();
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("remote-tempo/values/tempo.yaml");
    fs.writeFileSync(values, original);
    fs.writeFileSync(verdictFile(), "\u0000garbage\nlgtm-gitops verdicts 1 nope\n");
    const g = await gen();
    expect(g.code, g.stderr).toBe(0);
    expect(fs.readFileSync(verdictFile(), "utf8")).toMatch(/^lgtm-gitops verdicts 1 [0-9a-f]{64}\n/);
    expect((await check()).code).toBe(0);
  });
});
