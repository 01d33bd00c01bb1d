/**
 * "Did you mean" hints: the declared name closest to a misspelt one (unknown fields, sync options, enum
 * values).
 */

/** Edit distance, for "did you mean" hints on unknown fields. */
function distance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  let prev = Array.from({ length: bl.length + 1 }, (_, i) => i);
  for (let i = 1; i <= al.length; i++) {
    const cur = [i];
    for (let j = 1; j <= bl.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (al[i - 1] === bl[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[bl.length]!;
}

/** The declared key closest to `key`, when close enough to be a typo. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // A key that is the start of a declared one (`valuesObj` → `valuesObject`) is the likeliest typo.
    const d = c.toLowerCase().startsWith(key.toLowerCase()) ? 1 : distance(key, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  if (best !== undefined && (bestDistance <= limit || best.toLowerCase().startsWith(key.toLowerCase()))) return best;
  return undefined;
}
