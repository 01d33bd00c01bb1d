// All-or-nothing output on a large fleet (the issue: 200 clusters): `generate` killed with SIGKILL (kill-hook.mjs) at a dozen points spread
// over its file-system mutations, including the middle of moving files in. After every kill, clusters/ is the old
// tree or the new one byte for byte, or (killed after it committed its journal) `check` reports the interrupted run
// (exit 1) and the next `generate` finishes it. Before the journal, 4 runs in 12 left a tree that was neither.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cloneWorkspace,
  hashTree,
  killHook,
  mainJs,
  makeWorkspace,
  readTree,
  runChild,
  STACK_TRACE,
  tempDir,
  testDefinition,
  type Workspace,
} from "./harness.js";

// The scenario is 200 clusters and 12 kills (LGTM_GITOPS_AON_SIZE=200 LGTM_GITOPS_AON_TRIES=12); by default
// a smaller fleet keeps CI fast: the kill points still cover staging, the commit and the middle of moving files in.
const SIZE = Number(process.env.LGTM_GITOPS_AON_SIZE ?? 60);
const TRIES = Number(process.env.LGTM_GITOPS_AON_TRIES ?? 8);
const JOURNAL = ".lgtm-gitops.journal";
// The verdict cache (and its temp file) is keyed by its workspace's paths: never the same in two workspaces.
const LEFTOVER = /^\.{1,2}lgtm-gitops\.(lock|journal|staging|verdicts)/;
const withoutVerdicts = (hashes: Record<string, string>) =>
  Object.fromEntries(Object.entries(hashes).filter(([rel]) => !rel.startsWith(".lgtm-gitops.verdicts")));

/** Old fleet: c000…c199 on revision main. New: every cluster on release-2, c190…c199 gone, n000…n009 added. */
function writeFleet(ws: Workspace, which: "old" | "new"): void {
  fs.rmSync(ws.fleet, { recursive: true, force: true });
  fs.mkdirSync(ws.fleet);
  const names = Array.from({ length: SIZE }, (_, i) => `c${String(i).padStart(3, "0")}`);
  const fleet =
    which === "old" ? names : [...names.slice(0, SIZE - 10), ...Array.from({ length: 10 }, (_, i) => `n00${i}`)];
  for (const name of fleet)
    fs.writeFileSync(
      path.join(ws.fleet, `${name}.yaml`),
      testDefinition({ name, revision: which === "old" ? "main" : "release-2" }),
    );
}

const generate = (ws: Workspace, extra: Omit<Parameters<typeof runChild>[1], "cwd"> = {}) =>
  runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters, "--quiet", "--prune"], {
    timeoutMs: 240_000,
    ...extra,
    cwd: ws.dir,
  });

let oldState: Workspace;
let OLD: Map<string, Buffer>;
let NEW: Map<string, Buffer>;
let newHashes: Record<string, string>;
const cleanup: string[] = [];

function tree(ws: Workspace): Map<string, Buffer> {
  return new Map([...readTree(ws.clusters)].filter(([rel]) => !LEFTOVER.test(rel)));
}
const equal = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  a.size === b.size && [...a].every(([rel, bytes]) => b.get(rel)?.equals(bytes) === true);

beforeAll(async () => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first`).toBe(true);
  oldState = makeWorkspace("aon-old");
  cleanup.push(oldState.dir);
  writeFleet(oldState, "old");
  const first = await generate(oldState);
  expect(first.code, first.stderr).toBe(0);
  OLD = tree(oldState);
  const clean = makeWorkspace("aon-new");
  cleanup.push(clean.dir);
  writeFleet(clean, "new");
  const second = await generate(clean);
  expect(second.code, second.stderr).toBe(0);
  NEW = tree(clean);
  newHashes = withoutVerdicts(hashTree(clean.clusters));
}, 600_000);

afterAll(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
}, 120_000);

describe(`generate on ${SIZE} clusters killed with SIGKILL ${TRIES} times`, () => {
  it("leaves the old tree, the new tree, or a journal that check reports and the next run finishes", async () => {
    // Count the mutations of one uninterrupted run, then kill at TRIES points spread over them.
    const probe = cloneWorkspace(oldState, "aon-probe");
    cleanup.push(probe.dir);
    writeFleet(probe, "new");
    const countFile = path.join(tempDir("aon-count"), "count");
    const counted = await generate(probe, {
      imports: [killHook],
      env: { LGTM_GITOPS_KILL_OUT: probe.clusters, LGTM_GITOPS_COUNT_FILE: countFile },
    });
    expect(counted.code, counted.stderr).toBe(0);
    const total = Number(fs.readFileSync(countFile, "utf8"));
    expect(total).toBeGreaterThan(SIZE * 5);
    const points = Array.from({ length: TRIES }, (_, i) => Math.max(1, Math.round(((i + 0.5) * total) / TRIES)));
    const states: string[] = [];
    for (const at of points) {
      const ws = cloneWorkspace(oldState, `aon-${at}`);
      try {
        writeFleet(ws, "new");
        const run = await generate(ws, {
          imports: [killHook],
          env: { LGTM_GITOPS_KILL_OUT: ws.clusters, LGTM_GITOPS_KILL_AT: String(at) },
        });
        expect(run.signal, `kill at ${at}/${total}`).toBe("SIGKILL");
        const now = tree(ws);
        const state = equal(now, OLD) ? "old" : equal(now, NEW) ? "new" : "journaled";
        states.push(state);
        const check = await runChild(["check", "--fleet", ws.fleet, "--out", ws.clusters], { cwd: ws.dir });
        expect(`${check.stdout}${check.stderr}`).not.toMatch(STACK_TRACE);
        if (state === "journaled") {
          // Neither tree: only ever with the journal of a committed run, which check reports.
          expect(fs.existsSync(path.join(ws.clusters, JOURNAL)), `kill at ${at}/${total}: no journal`).toBe(true);
          expect(check.code).toBe(1);
          expect(check.stderr).toMatch(/^leftover .*\.lgtm-gitops\.journal: a generate run was interrupted/m);
        }
        const next = await generate(ws);
        expect(next.code, next.stderr).toBe(0);
        expect(withoutVerdicts(hashTree(ws.clusters)), `kill at ${at}/${total}: the next run did not converge`).toEqual(
          newHashes,
        );
      } finally {
        fs.rmSync(ws.dir, { recursive: true, force: true });
      }
    }
    // The kills landed before the commit and after it.
    expect(states).toContain("old");
    expect(states).toContain("journaled");
  }, 1_800_000);
});
