/** Edit distance between two strings (Levenshtein). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

const norm = (s: string) => s.replace(/[_\-.]/g, "").toLowerCase();

/**
 * The candidate closest to `key`, comparing case- and separator-insensitively (`retention_period` vs `retentionPeriod`),
 * or `undefined` when nothing is close enough to be a likely typo.
 */
export function didYouMean(key: string, candidates: Iterable<string>): string | undefined {
  const k = norm(key);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const n = norm(c);
    if (n === k) return c;
    const d = editDistance(k, n);
    const score = d / Math.max(k.length, n.length, 1);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= 0.34 ? best : undefined;
}
