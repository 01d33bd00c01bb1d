// Preloaded (node --import) into `generate` by the crash-safety test. Counts the file-system mutations the run makes
// inside $LGTM_GITOPS_KILL_OUT (open for writing, write, rename, remove) and, when the count reaches
// $LGTM_GITOPS_KILL_AT, SIGKILLs the process right there (a write is cut in half first). With
// $LGTM_GITOPS_COUNT_FILE, writes the total count at exit instead. Test-only: the CLI itself has no such hook.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const out = process.env.LGTM_GITOPS_KILL_OUT ? path.resolve(process.env.LGTM_GITOPS_KILL_OUT) : undefined;
const killAt = Number(process.env.LGTM_GITOPS_KILL_AT ?? "0");
const countFile = process.env.LGTM_GITOPS_COUNT_FILE;

if (out) {
  let count = 0;
  const tracked = new Set();
  const inside = (p) => {
    if (typeof p !== "string") return false;
    const abs = path.resolve(p);
    return abs === out || abs.startsWith(out + path.sep);
  };
  const die = () => process.kill(process.pid, "SIGKILL");
  const step = () => {
    count++;
    return killAt > 0 && count === killAt;
  };
  const wrap = (name, isOurs, before) => {
    const original = fs[name];
    fs[name] = function patched(...args) {
      if (isOurs(args) && step()) {
        if (before) before(original, args);
        die();
      }
      const result = original.apply(this, args);
      if (name === "openSync" && inside(args[0]) && /[wa+]/.test(String(args[1] ?? "r"))) tracked.add(result);
      return result;
    };
  };
  wrap("openSync", (a) => inside(a[0]) && /[wa+]/.test(String(a[1] ?? "r")));
  wrap(
    "writeSync",
    (a) => tracked.has(a[0]),
    (original, a) => {
      // Cut the write in half: the partial temp file is what a power cut would leave.
      const data = typeof a[1] === "string" ? Buffer.from(a[1]) : a[1];
      original(a[0], data.subarray(0, Math.floor(data.length / 2)));
    },
  );
  wrap("renameSync", (a) => inside(a[1]));
  wrap("rmSync", (a) => inside(a[0]));
  wrap("rmdirSync", (a) => inside(a[0]));
  wrap("unlinkSync", (a) => inside(a[0]));
  syncBuiltinESMExports();
  if (countFile) process.on("exit", () => fs.writeFileSync(countFile, String(count)));
}
