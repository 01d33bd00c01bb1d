/** Edit distance (Levenshtein) of two strings. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `key` (case, `_`, `-` and `.` ignored: `query_frontend` finds `queryFrontend`), or
 * `undefined` when none is close enough to be a likely typo.
 */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.replace(/[_\-.]/g, "").toLowerCase();
  const k = norm(key);
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(k, norm(c));
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(k.length / 4)) ? best : undefined;
}
