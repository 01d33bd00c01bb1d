import { tempoSpecSchema } from "@lgtm-gitops/tempo-config";

/** The Tempo spec of a definition: tempo-config's `tempoSpecSchema`, unchanged. */
export const tempoSchema = tempoSpecSchema;
