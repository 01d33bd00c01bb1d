// Crash safety of `generate`: killed (SIGKILL) at every file-system mutation it makes in clusters/ and at many
// moments in time, clusters/ is then the old tree or the new one, byte for byte — or, killed after it committed its
// journal, a mix that `check` reports (exit 1, "leftover") and that the next run finishes. The next run always
// converges to the bytes of a clean run. Two concurrent runs are serialised by the output lock.
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

const LOCK = ".lgtm-gitops.lock";
/** The journal of a committed run and the staging directory (src/output/journal.ts). */
const JOURNAL = ".lgtm-gitops.journal";
const STAGING = ".lgtm-gitops.staging";
/** What a killed run may leave that is not part of the tree: the lock, the journal (or its temp file), staging. */
const LEFTOVER =
  /^(\.lgtm-gitops\.lock(\.\d+\.0\.tmp)?|\.lgtm-gitops\.journal(\.\d+\.tmp)?|\.lgtm-gitops\.staging\/.*|\.\.lgtm-gitops\.verdicts\.\d+\.\d+\.tmp)$/;

let oldState: Workspace;
let OLD: Map<string, Buffer>;
let NEW: Map<string, Buffer>;
let newHashes: Record<string, string>;
const cleanup: string[] = [];

/** The new fleet removes a cluster, so every run passes --prune (without it, generate refuses: deletion.test.ts). */
async function generate(ws: Workspace, extra: Parameters<typeof runChild>[1] = { cwd: ws.dir }) {
  return runChild(["generate", "--fleet", ws.fleet, "--out", ws.clusters, "--quiet", "--prune"], {
    ...extra,
    cwd: ws.dir,
  });
}

/**
 * Asserts what a killed run left: every file of the tree (leftovers aside) is byte-for-byte its old or its new version,
 * and the tree as a whole is exactly the old one or the new one — unless a committed journal is there, which the next
 * run replays. Returns the state.
 */
function assertOldOrNew(ws: Workspace, label: string): { state: "old" | "new" | "journaled"; leftovers: number } {
  const now = readTree(ws.clusters);
  const tree = new Map<string, Buffer>();
  let leftovers = 0;
  for (const [rel, bytes] of now) {
    if (rel === VERDICT_FILE) continue; // what passed validation, keyed by this workspace's paths: not a bundle file
    // A stale lock is no leftover to report: the next run takes it over.
    if (LEFTOVER.test(rel)) leftovers += rel.startsWith(LOCK) ? 0 : 1;
    else tree.set(rel, bytes);
  }
  for (const [rel, bytes] of tree) {
    const isOld = OLD.get(rel)?.equals(bytes) === true;
    const isNew = NEW.get(rel)?.equals(bytes) === true;
    expect(isOld || isNew, `${label}: ${rel} is neither its old nor its new version`).toBe(true);
  }
  // A file that exists before and after must never be missing (it is replaced by rename, never deleted first).
  for (const rel of OLD.keys()) if (NEW.has(rel)) expect(tree.has(rel), `${label}: ${rel} vanished mid-run`).toBe(true);
  const same = (want: Map<string, Buffer>) =>
    tree.size === want.size && [...want].every(([rel, bytes]) => tree.get(rel)?.equals(bytes) === true);
  if (same(OLD)) return { state: "old", leftovers };
  if (same(NEW)) return { state: "new", leftovers };
  expect(
    now.has(JOURNAL),
    `${label}: the tree is neither the old nor the new one, and no journal says how to finish`,
  ).toBe(true);
  return { state: "journaled", leftovers };
}

/** `check` on what a killed run left: exit 0 only on a tree that is whole and current, else exit 1 naming leftovers. */
async function assertCheckReports(ws: Workspace, state: { state: string; leftovers: number }, label: string) {
  const r = await runChild(["check", "--fleet", ws.fleet, "--out", ws.clusters], { cwd: ws.dir });
  expect(`${r.stdout}${r.stderr}`).not.toMatch(STACK_TRACE);
  if (state.state === "new" && state.leftovers === 0) expect(r.code, `${label}: ${r.stderr}`).toBe(0);
  else expect(r.code, `${label}: ${r.stderr}`).toBe(1);
  if (state.state === "journaled")
    expect(r.stderr, label).toMatch(/^leftover .*\.lgtm-gitops\.journal: a generate run was interrupted/m);
  if (fs.existsSync(path.join(ws.clusters, STAGING)))
    expect(r.stderr, label).toMatch(/^leftover .*\.lgtm-gitops\.staging\/: files staged/m);
}

beforeAll(async () => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first`).toBe(true);
  // The old state: the old fleet generated.
  oldState = makeWorkspace("crash-old");
  cleanup.push(oldState.dir);
  writeFleet(oldState, "old");
  const first = await generate(oldState);
  expect(first.code, first.stderr).toBe(0);
  OLD = withoutVerdicts(readTree(oldState.clusters));
  // The new state, from a clean run on the new fleet.
  const clean = makeWorkspace("crash-new");
  cleanup.push(clean.dir);
  writeFleet(clean, "new");
  const second = await generate(clean);
  expect(second.code, second.stderr).toBe(0);
  NEW = withoutVerdicts(readTree(clean.clusters));
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
/** The tree without the verdict cache (keyed by its workspace's paths, so never the same in two workspaces). */
function withoutVerdicts(tree: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...tree].filter(([rel]) => rel !== VERDICT_FILE));
}

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
  expect(fs.existsSync(path.join(ws.clusters, JOURNAL)), `${label}: journal left`).toBe(false);
  expect(fs.existsSync(path.join(ws.clusters, STAGING)), `${label}: staging left`).toBe(false);
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
    const seen = new Set<string>();
    await mapLimit(points, 2, async (at) => {
      const ws = editedWorkspace(`crash-at-${at}`);
      try {
        const run = await generate(ws, {
          cwd: ws.dir,
          imports: [killHook],
          env: { LGTM_GITOPS_KILL_OUT: ws.clusters, LGTM_GITOPS_KILL_AT: String(at) },
        });
        expect(run.signal, `kill at mutation ${at}`).toBe("SIGKILL");
        const label = `killed at mutation ${at}/${total}`;
        const state = assertOldOrNew(ws, label);
        seen.add(state.state);
        if (state.leftovers > 0) seen.add("leftovers");
        await assertCheckReports(ws, state, label);
        await convergeAndCheck(ws, label);
      } finally {
        fs.rmSync(ws.dir, { recursive: true, force: true });
      }
    });
    // The kills really landed everywhere: before the commit (old tree, staging left), after it (journal left), at the end.
    expect([...seen].sort()).toEqual(["journaled", "leftovers", "new", "old"]);
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
        const state = assertOldOrNew(ws, `killed after ${delay} ms`);
        await assertCheckReports(ws, state, `killed after ${delay} ms`);
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
