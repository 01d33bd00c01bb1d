import { defineConfig } from "vitest/config";

// The schema-derivation tests live beside the scripts (the package's own config only includes src/).
export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.test.ts"],
    testTimeout: 120_000,
  },
});
