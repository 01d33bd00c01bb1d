// Unified diffs of text files (what `check --diff` prints for each drifted file and `lint --fix --dry-run` prints for
// each file it would change), by lines: Myers' O(ND) shortest edit script, hunks with three lines of context,
// `\ No newline at end of file` as diff(1) writes it.

/** One line of an edit script: kept (`=`), removed (`-`) or added (`+`). */
export type LineOp = readonly ["=" | "-" | "+", string];
type Op = LineOp;

/** Marks a last line without a newline: it never equals the same line with one. */
const NO_NEWLINE = "\u0000";

/** The lines of a text, a last line without a newline marked with {@link NO_NEWLINE}. */
function lines(text: string): string[] {
  if (text === "") return [];
  const items = text.split("\n");
  if (items[items.length - 1] === "") items.pop();
  else items[items.length - 1] += NO_NEWLINE;
  return items;
}

/** Most differences a diff looks for; files that differ more are shown as removed and added whole. */
const MAX_EDITS = 2000;

/** The shortest edit script from `a` to `b` (Myers 1986), as a list of kept, removed and added lines. */
export function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // The frontier before each step d, only its diagonals -d..d (memory grows with d², not with the files).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [...a.map((l): Op => ["-", l]), ...b.map((l): Op => ["+", l])];
  // Walk back through the saved frontiers (trace[d][k + d] is diagonal k before step d).
  const at = (d: number, k: number) => trace[d]![k + d]!;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const k = x - y;
    const prevK = k === -d || (k !== d && at(d, k - 1) < at(d, k + 1)) ? k + 1 : k - 1;
    const prevX = at(d, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(["=", a[--x]!]);
      y--;
    }
    if (x === prevX) ops.push(["+", b[--y]!]);
    else ops.push(["-", a[--x]!]);
  }
  while (x > 0 && y > 0) {
    ops.push(["=", a[--x]!]);
    y--;
  }
  return ops.reverse();
}

/**
 * A unified diff from `before` to `after` (`---`/`+++` headers named `fromName`/`toName`, `@@` hunks with
 * `context` lines around each change), or "" when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  if (before === after) return "";
  const a = lines(before);
  const b = lines(after);
  const ops = editScript(a, b);
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  // Line numbers (0-based) of each op in a and b.
  const at: { ai: number; bi: number }[] = [];
  let ai = 0;
  let bi = 0;
  for (const [kind] of ops) {
    at.push({ ai, bi });
    if (kind !== "+") ai++;
    if (kind !== "-") bi++;
  }
  const changed = ops.map(([kind], i) => (kind === "=" ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // A hunk: changes closer than 2 * context lines apart share one.
    let last = i;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context) last++;
    const start = Math.max(0, changed[i]! - context);
    const end = Math.min(ops.length, changed[last]! + context + 1);
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    for (let j = start; j < end; j++) {
      const [kind, text] = ops[j]!;
      if (kind !== "+") aCount++;
      if (kind !== "-") bCount++;
      // diff(1) marks the last line of a file that has no final newline.
      if (text.endsWith(NO_NEWLINE))
        body.push(`${kind === "=" ? " " : kind}${text.slice(0, -1)}`, "\\ No newline at end of file");
      else body.push(`${kind === "=" ? " " : kind}${text}`);
    }
    const range = (first: number, count: number) =>
      count === 1 ? `${first + 1}` : `${count === 0 ? first : first + 1},${count}`;
    const first = at[start] ?? { ai: a.length, bi: b.length };
    out.push(`@@ -${range(first.ai, aCount)} +${range(first.bi, bCount)} @@`, ...body);
    i = last + 1;
  }
  return `${out.join("\n")}\n`;
}
