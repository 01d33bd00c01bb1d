// Runs the README's example so the documentation cannot rot.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runReadmeExample } from "../../../fixtures/readme-example.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("README example", () => {
  it("runs and prints what its comments say", async () => {
    expect(await runReadmeExample(packageDir, "@lgtm-gitops/tempo-config")).toEqual([
      { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" },
      "24h",
      0,
      ['tempo/invalid-duration retention: write "168h"'],
      { distributor: 4, ingester: 10, querier: 27, queryFrontend: 2, compactor: 10 },
      5,
    ]);
  });
});
