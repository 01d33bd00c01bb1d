// Runs the README's example so the documentation cannot rot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { packageDir } from "../test/support.js";

describe("README example", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "charts-readme-"));
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
        .replace('from "@lgtm-gitops/charts"', `from ${JSON.stringify(index)}`)
        .replace('from "@lgtm-gitops/diagnostics"', `from ${JSON.stringify(diagnostics)}`),
    );
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await import(pathToFileURL(file).href);
      const printed = log.mock.calls.map((c) => c[0]);
      expect(printed).toEqual([
        ["queryFrontend"],
        "http://lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local:3200",
        "lgtm-stack-tempo-distributor.lgtm-stack.svc.cluster.local:4317",
        "http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local",
        "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push",
        { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system", isDefault: false },
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
