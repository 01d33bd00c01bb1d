// Shared by the tests of what a Tempo 3.0 bundle deploys beside Tempo (kafka, loki, mimir): the parts of a definition
// those tests do not vary, and the definition errors they assert.
import { parseDefinitions } from "../../definition/parse.js";

/** A grafana-community tempo-distributed 3.x definition without distribution, tempo, datasources or a deployed section. */
export const TEMPO3_BASE = {
  name: "t3",
  argocd: {
    repoURL: "https://git.example.com/org/gitops.git",
    destination: { server: "https://kubernetes.default.svc" },
  },
  stack: { chart: "tempo-distributed", version: "3.3.0" },
  grafana: { adminSecret: { name: "grafana-admin" } },
} as const;

/** The storage every one of those tests gives Tempo. */
export const TEMPO3_STORAGE = { backend: "s3", bucket: "traces", region: "eu-west-1" } as const;

/**
 * The errors of one definition, parsed as the fleet loader hands it over (a TypeScript file: no positions), as
 * `[ruleId, dot path]` pairs.
 */
export function definitionErrors(input: Record<string, unknown>): string[][] {
  return parseDefinitions([{ file: "/fleet/t3.ts", stem: "t3", format: "ts", input, locate: () => undefined }])
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.ruleId, d.path.join(".")]);
}
