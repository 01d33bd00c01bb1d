/** Lowercase without `_`, `-`, `.`: `query_frontend` and `queryFrontend` compare equal. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_.]/g, "");
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * "Did you mean" candidates for an unknown key among the keys the chart reads at that level (the `siblings`
 * of an `unknown` `KeyResolution`), best first: same key up to case and `_`/`-` (`query_frontend` →
 * `queryFrontend`), then small typos (edit distance ≤ 2, or ≤ 1 for keys of 4 characters or fewer).
 *
 * @example suggestKeys("query_frontend", ["queryFrontend", "querier"]) // ["queryFrontend"]
 */
export function suggestKeys(key: string, siblings: readonly string[]): string[] {
  const k = normalise(key);
  const scored: { s: string; d: number }[] = [];
  for (const s of siblings) {
    if (s === key) continue;
    const n = normalise(s);
    const d = n === k ? 0 : editDistance(k, n);
    const max = Math.min(k.length, n.length) <= 4 ? 1 : 2;
    if (d <= max) scored.push({ s, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.s.localeCompare(b.s)).map((x) => x.s);
}
