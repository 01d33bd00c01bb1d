// Runs the README's example so the documentation cannot rot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("README example", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tempo-config-readme-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs and prints what its comments say", async () => {
    const readme = readFileSync(path.join(packageDir, "README.md"), "utf8");
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const file = path.join(dir, "example.ts");
    const index = pathToFileURL(path.join(packageDir, "src/index.ts")).href;
    const diagnostics = import.meta.resolve("@lgtm-gitops/diagnostics");
    writeFileSync(
      file,
      (code ?? "")
        .replace('from "@lgtm-gitops/tempo-config"', `from ${JSON.stringify(index)}`)
        .replace('from "@lgtm-gitops/diagnostics"', `from ${JSON.stringify(diagnostics)}`),
    );
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await import(pathToFileURL(file).href);
      expect(log.mock.calls.map((c) => c[0])).toEqual([
        { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" },
        "24h",
        0,
        ['tempo/invalid-duration retention: write "168h"'],
        { distributor: 4, ingester: 10, querier: 27, queryFrontend: 2, compactor: 10 },
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
