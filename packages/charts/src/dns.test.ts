import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { chartDefaults, tutorialDir } from "../test/support.js";
import type { ChartId } from "./chart-id.js";
import { DEFAULT_DNS, DISTRIBUTIONS, distributionForResolver, dnsResolver, resolverHost } from "./dns.js";

describe("dnsResolver", () => {
  it("knows RKE2's and OpenShift's DNS Services", () => {
    expect(dnsResolver("rke2")).toEqual({
      dnsService: "rke2-coredns-rke2-coredns",
      dnsNamespace: "kube-system",
      isDefault: false,
    });
    expect(dnsResolver("openshift")).toEqual({
      dnsService: "dns-default",
      dnsNamespace: "openshift-dns",
      isDefault: false,
    });
  });

  it("uses the chart default kube-dns elsewhere", () => {
    for (const d of ["k3s", "eks", "gke", "aks", "kubeadm"] as const) {
      expect(dnsResolver(d)).toEqual({ dnsService: "kube-dns", dnsNamespace: "kube-system", isDefault: true });
    }
  });

  it("builds the resolver host the charts build", () => {
    expect(resolverHost(dnsResolver("rke2"))).toBe("rke2-coredns-rke2-coredns.kube-system.svc.cluster.local");
    expect(resolverHost(DEFAULT_DNS, "corp.example")).toBe("kube-dns.kube-system.svc.corp.example");
  });
});

describe("distributionForResolver", () => {
  it("recognises a resolver host, a bare Service name and nginx options", () => {
    expect(distributionForResolver("rke2-coredns-rke2-coredns.kube-system.svc.cluster.local.")).toBe("rke2");
    expect(distributionForResolver("rke2-coredns-rke2-coredns")).toBe("rke2");
    expect(distributionForResolver("dns-default.openshift-dns.svc.cluster.local valid=10s")).toBe("openshift");
    expect(distributionForResolver("dns-default.openshift-dns.svc.cluster.local:53")).toBe("openshift");
  });

  it("gives undefined for kube-dns (many distributions), a wrong namespace, or garbage", () => {
    expect(distributionForResolver("kube-dns.kube-system.svc.cluster.local")).toBeUndefined();
    expect(distributionForResolver("dns-default.kube-system.svc.cluster.local")).toBeUndefined();
    expect(distributionForResolver("")).toBeUndefined();
    expect(distributionForResolver("10.43.0.10")).toBeUndefined();
  });

  it("round-trips every distribution that is not the default", () => {
    for (const d of DISTRIBUTIONS) {
      const r = dnsResolver(d);
      expect(distributionForResolver(resolverHost(r))).toBe(r.isDefault ? undefined : d);
    }
  });

  it("infers RKE2 from the tutorial's gateway resolver", () => {
    const v = parse(readFileSync(path.join(tutorialDir, "lgtm-values.yaml"), "utf8")) as {
      tempo: { gateway: { nginxConfig: { resolver: string } } };
    };
    expect(distributionForResolver(v.tempo.gateway.nginxConfig.resolver)).toBe("rke2");
  });
});

describe("DEFAULT_DNS matches the charts' global defaults", () => {
  it.each(["tempo-distributed@1.61.3", "loki-distributed@0.80.6"])("%s", (id) => {
    const v = chartDefaults(id as ChartId) as { global: Record<string, unknown> };
    expect(v.global.dnsService).toBe(DEFAULT_DNS.dnsService);
    expect(v.global.dnsNamespace).toBe(DEFAULT_DNS.dnsNamespace);
    expect(v.global.clusterDomain).toBe(DEFAULT_DNS.clusterDomain);
  });
});
