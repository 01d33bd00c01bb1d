// Crash safety of `generate`: killed (SIGKILL) at every file-system mutation it makes in clusters/ and at many
// moments in time, every file is then either its old or its new version, and the next run converges to the bytes of
// a clean run. Two concurrent runs are serialised by the output lock.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERDICT_FILE } from "../src/render/verdicts.js";
import {
  cloneWorkspace,
  hashTree,
  killHook,
  mainJs,
  makeWorkspace,
  mapLimit,
  readTree,
  runChild,
  STACK_TRACE,
  tempDir,
  testDefinition,
  type Workspace,
} from "./hostile/harness.js";

function definition(name: string, revision: string, replicas: number): string {
  return testDefinition({ name, revision, replicas });
}

/** Old fleet: alpha and beta. New fleet: alpha changed (revision, replicas), beta removed, gamma added. */
function writeFleet(ws: Workspace, which: "old" | "new"): void {
  fs.rmSync(ws.fleet, { recursive: true, force: true });
  fs.mkdirSync(ws.fleet);
  const defs =
    which === "old"
      ? { alpha: definition("alpha", "main", 2), beta: definition("beta", "main", 2) }
      : { alpha: definition("alpha", "release-2", 3), gamma: definition("gamma", "release-2", 2) };
  for (const [name, text] of Object.entries(defs)) fs.writeFileSync(path.join(ws.fleet, `${name}.yaml`), text);
}

/** Most kill points of the per-mutation test (each costs two runs of generate). */
const MAX_KILL_POINTS = 30;

const TEMP = /(^|\/)\.[^/]+\.\d+\.\d+\.tmp$/;
const LOCK = ".lgtm-gitops.lock";
/** The journal of directories to prune (src/output/files.ts PRUNE_JOURNAL). */
const PRUNE_JOURNAL = ".lgtm-gitops.prune";

let oldState: Workspace;
let OLD: Map<string, Buffer>;
let NEW: Map<string, Buffer>;
let newHashes: Record<string, string>;
const cleanup: string[] = [];

async function generate(ws: Workspace, extra: Parameters<typeof runChild>[1] = { cwd: ws.dir }) {
  return runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters, "--quiet"], { ...extra, cwd: ws.dir });
}

/** Asserts every file under clusters/ is byte-for-byte its old or its new version; returns what is mid-way. */
function assertOldOrNew(ws: Workspace, label: string): { old: number; new: number; temp: number } {
  const now = readTree(ws.clusters);
  let oldCount = 0;
  let newCount = 0;
  let temp = 0;
  for (const [rel, bytes] of now) {
    if (TEMP.test(rel)) {
      temp++; // a dot-file the next run removes; never a real file of the bundle
      continue;
    }
    if (rel === LOCK || rel === PRUNE_JOURNAL) continue; // dot-files the next run removes
    if (rel === VERDICT_FILE) continue; // what passed validation, keyed by this workspace's paths: not a bundle file
    const o = OLD.get(rel);
    const n = NEW.get(rel);
    const isOld = o?.equals(bytes) === true;
    const isNew = n?.equals(bytes) === true;
    expect(isOld || isNew, `${label}: ${rel} is neither its old nor its new version`).toBe(true);
    if (isOld && !isNew) oldCount++;
    if (isNew && !isOld) newCount++;
  }
  // A file that exists before and after must never be missing (it is replaced by rename, never deleted first).
  for (const rel of OLD.keys()) if (NEW.has(rel)) expect(now.has(rel), `${label}: ${rel} vanished mid-run`).toBe(true);
  return { old: oldCount, new: newCount, temp };
}

beforeAll(async () => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first`).toBe(true);
  // The old state: the old fleet generated.
  oldState = makeWorkspace("crash-old");
  cleanup.push(oldState.dir);
  writeFleet(oldState, "old");
  const first = await generate(oldState);
  expect(first.code, first.stderr).toBe(0);
  OLD = readTree(oldState.clusters);
  // The new state, from a clean run on the new fleet.
  const clean = makeWorkspace("crash-new");
  cleanup.push(clean.dir);
  writeFleet(clean, "new");
  const second = await generate(clean);
  expect(second.code, second.stderr).toBe(0);
  NEW = readTree(clean.clusters);
  newHashes = hashTree(clean.clusters);
  // The change touches files that are rewritten, created and deleted.
  const changed = [...NEW.keys()].filter((k) => OLD.has(k) && !OLD.get(k)!.equals(NEW.get(k)!));
  expect(changed.length).toBeGreaterThan(3);
  expect([...NEW.keys()].some((k) => !OLD.has(k))).toBe(true);
  expect([...OLD.keys()].some((k) => !NEW.has(k))).toBe(true);
}, 120_000);

afterAll(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts from the old state with the new fleet: what a user has after editing definitions. */
function editedWorkspace(prefix: string): Workspace {
  const ws = cloneWorkspace(oldState, prefix);
  writeFleet(ws, "new");
  return ws;
}

function filesOnly(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([, h]) => h !== "dir"));
}

/** The tree without the verdict file (src/render/verdicts.ts), whose keys hold each workspace's own paths. */
function bundles(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([rel]) => rel !== VERDICT_FILE));
}

async function convergeAndCheck(ws: Workspace, label: string): Promise<void> {
  const next = await generate(ws);
  expect(next.code, `${label}: next run\n${next.stderr}`).toBe(0);
  expect(`${next.stdout}${next.stderr}`).not.toMatch(STACK_TRACE);
  // Byte-identical to a clean run, with no temp file, journal or lock left behind, and the same directories: a run
  // killed after deleting a removed cluster's files leaves its empty directories, which the next run prunes.
  expect(filesOnly(bundles(hashTree(ws.clusters))), `${label}: did not converge`).toEqual(
    filesOnly(bundles(newHashes)),
  );
  expect(bundles(hashTree(ws.clusters)), `${label}: an empty directory was left behind`).toEqual(bundles(newHashes));
  expect(fs.existsSync(path.join(ws.clusters, VERDICT_FILE)), `${label}: the verdicts were not written`).toBe(true);
}

describe("generate killed with SIGKILL", () => {
  it("at every file-system mutation in clusters/: each file old or new, then the next run converges", async () => {
    // Count the mutations of one uninterrupted run.
    const probe = editedWorkspace("crash-probe");
    cleanup.push(probe.dir);
    const countFile = path.join(tempDir("crash-count"), "count");
    const counted = await generate(probe, {
      cwd: probe.dir,
      imports: [killHook],
      env: { LGTM_GITOPS_KILL_OUT: probe.clusters, LGTM_GITOPS_COUNT_FILE: countFile },
    });
    expect(counted.code, counted.stderr).toBe(0);
    const total = Number(fs.readFileSync(countFile, "utf8"));
    expect(total).toBeGreaterThan(10);
    expect(bundles(hashTree(probe.clusters))).toEqual(bundles(newHashes));

    // Every mutation when there are few; else an even sample of them (always including the first and the last), so
    // the test kills the run while it takes the lock, writes temp files, renames, deletes and prunes directories.
    const step = Math.max(1, Math.ceil(total / MAX_KILL_POINTS));
    const points = [
      ...new Set([...Array.from({ length: total }, (_, i) => i + 1).filter((n) => n % step === 1 % step), total]),
    ];
    let sawPartial = false;
    let sawTemp = false;
    await mapLimit(points, 2, async (at) => {
      const ws = editedWorkspace(`crash-at-${at}`);
      try {
        const run = await generate(ws, {
          cwd: ws.dir,
          imports: [killHook],
          env: { LGTM_GITOPS_KILL_OUT: ws.clusters, LGTM_GITOPS_KILL_AT: String(at) },
        });
        expect(run.signal, `kill at mutation ${at}`).toBe("SIGKILL");
        const state = assertOldOrNew(ws, `killed at mutation ${at}/${total}`);
        if (state.old > 0 && state.new > 0) sawPartial = true;
        if (state.temp > 0) sawTemp = true;
        await convergeAndCheck(ws, `killed at mutation ${at}/${total}`);
      } finally {
        fs.rmSync(ws.dir, { recursive: true, force: true });
      }
    });
    // The kills really landed mid-way: some left a mix of old and new files, some a half-written temp file.
    expect(sawPartial).toBe(true);
    expect(sawTemp).toBe(true);
  }, 900_000);

  it("at many moments in time: each file old or new, then the next run converges", async () => {
    // One run's duration, then kill points spread over it (the writes come last).
    const probe = editedWorkspace("crash-time-probe");
    cleanup.push(probe.dir);
    const timed = await generate(probe);
    expect(timed.code, timed.stderr).toBe(0);
    const delays = Array.from({ length: 12 }, (_, i) => Math.round((timed.ms * (i + 1)) / 10));
    await mapLimit(delays, 2, async (delay) => {
      const ws = editedWorkspace(`crash-t-${delay}`);
      try {
        const run = await generate(ws, {
          cwd: ws.dir,
          onSpawn: (child) => {
            setTimeout(() => child.kill("SIGKILL"), delay);
          },
        });
        expect(run.signal === "SIGKILL" || run.code === 0, `after ${delay} ms: ${run.stderr}`).toBe(true);
        assertOldOrNew(ws, `killed after ${delay} ms`);
        await convergeAndCheck(ws, `killed after ${delay} ms`);
      } finally {
        fs.rmSync(ws.dir, { recursive: true, force: true });
      }
    });
  }, 900_000);
});

describe("concurrent runs", () => {
  it("two generate runs at once are serialised by the lock and the result is correct", async () => {
    const ws = editedWorkspace("lock-race");
    cleanup.push(ws.dir);
    const [a, b] = await Promise.all([generate(ws), generate(ws)]);
    for (const r of [a, b]) {
      expect(r.signal).toBeNull();
      expect(`${r.stdout}${r.stderr}`).not.toMatch(STACK_TRACE);
      // Either it waited for the other and succeeded, or it failed clearly on the lock.
      if (r.code !== 0) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/output\/locked/);
      }
    }
    expect([a.code, b.code]).toContain(0);
    expect(bundles(hashTree(ws.clusters))).toEqual(bundles(newHashes));
  }, 120_000);

  it("a run holding the lock makes another fail clearly (exit 1, output/locked) without touching clusters/", async () => {
    const ws = editedWorkspace("lock-held");
    cleanup.push(ws.dir);
    // This test process is alive: its pid in the lock file is a lock held by a running process.
    fs.writeFileSync(path.join(ws.clusters, LOCK), `${process.pid}\n`);
    const before = hashTree(ws.clusters);
    const run = await generate(ws);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/another lgtm-gitops run \(pid \d+\) is writing .*\(output\/locked\)/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
    expect(hashTree(ws.clusters)).toEqual(before);
  }, 120_000);

  it("a lock left by a killed run is taken over", async () => {
    const ws = editedWorkspace("lock-stale");
    cleanup.push(ws.dir);
    // A pid that cannot be running (above the kernel's pid_max default range).
    fs.writeFileSync(path.join(ws.clusters, LOCK), "2147483646\n");
    await convergeAndCheck(ws, "stale lock");
  }, 120_000);
});
