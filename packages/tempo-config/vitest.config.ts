import { defineConfig } from "vitest/config";

// src/ tests and the schema-derivation tests beside scripts/tempo-sources (re-derivation runs when a grafana/tempo
// git directory is present, TEMPO_GIT_DIR; otherwise those cases are skipped).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
