/** Lowercase without `_`, `-`, `.`: `query_frontend`, `queryFrontend` and `Query-Frontend` compare equal. */
function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_.]/g, "");
}

/** Levenshtein distance of two strings. */
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
 * "Did you mean" candidates for a key (or value) nobody declared, best first: the same name up to case and
 * `_`/`-`/`.` (`query_frontend` → `queryFrontend`), then a cut-off name (`valuesObj` → `valuesObject`), then small
 * typos (edit distance ≤ 2, or ≤ 1 when either name has 4 characters or fewer). `key` itself is never suggested.
 * The one "did you mean" of lgtm-gitops: chart keys, Tempo keys, definition fields, rule ids and Argo CD fields.
 *
 * @example suggestKeys("query_frontend", ["queryFrontend", "querier"]) // ["queryFrontend"]
 */
export function suggestKeys(key: string, candidates: Iterable<string>): string[] {
  const k = normalise(key);
  const scored: { s: string; d: number }[] = [];
  for (const s of candidates) {
    if (s === key) continue;
    const n = normalise(s);
    const d = n === k ? 0 : k.length >= 3 && n.startsWith(k) ? 1 : editDistance(k, n);
    const max = Math.min(k.length, n.length) <= 4 ? 1 : 2;
    if (d <= max) scored.push({ s, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.s.localeCompare(b.s)).map((x) => x.s);
}

/** The best of {@link suggestKeys}, or `undefined` when nothing is close enough to be a likely typo. */
export function closestKey(key: string, candidates: Iterable<string>): string | undefined {
  return suggestKeys(key, candidates)[0];
}
