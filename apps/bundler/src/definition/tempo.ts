import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { parseTempoSpec, tempoSpecSchema } from "@lgtm-gitops/tempo-config";

/** The Tempo spec of a definition: tempo-config's `tempoSpecSchema`, unchanged. */
export const tempoSchema = tempoSpecSchema;

/** Checks the `tempo` section with tempo-config (schema + semantic checks); paths are relative to `tempo`. */
export function parseTempo(input: unknown): { diagnostics: readonly Diagnostic[] } {
  return { diagnostics: parseTempoSpec(input).diagnostics };
}
