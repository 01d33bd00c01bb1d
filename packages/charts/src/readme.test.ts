// Runs the README's example so the documentation cannot rot.
import { describe, expect, it } from "vitest";
import { runReadmeExample } from "../../../fixtures/readme-example.js";
import { packageDir } from "../test/support.js";

describe("README example", () => {
  it("runs and prints what its comments say", async () => {
    expect(await runReadmeExample(packageDir, "@lgtm-gitops/charts")).toEqual([
      ["queryFrontend"],
      "http://lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local:3200",
      "lgtm-stack-tempo-distributor.lgtm-stack.svc.cluster.local:4317",
      "http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local",
      "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push",
      { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system", isDefault: false },
    ]);
  });
});
