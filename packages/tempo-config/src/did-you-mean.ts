import { suggestKeys } from "@lgtm-gitops/charts";

/**
 * The candidate closest to `key` (same key up to case and `_`/`-`/`.`, e.g. `retention_period` vs `retentionPeriod`,
 * then small typos), or `undefined` when nothing is close enough to be a likely typo. The ranking is the charts
 * package's {@link suggestKeys}, so chart keys and Tempo keys get the same "did you mean".
 */
export function didYouMean(key: string, candidates: Iterable<string>): string | undefined {
  return suggestKeys(key, [...candidates])[0];
}
