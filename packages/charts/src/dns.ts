/** A Kubernetes distribution whose cluster DNS Service we know. */
export type Distribution = "rke2" | "k3s" | "eks" | "gke" | "aks" | "openshift" | "kubeadm";

/** Every {@link Distribution}, in a stable order. */
export const DISTRIBUTIONS: readonly Distribution[] = Object.freeze([
  "rke2",
  "k3s",
  "eks",
  "gke",
  "aks",
  "openshift",
  "kubeadm",
] as const);

/**
 * The chart defaults for the nginx resolver of the Tempo gateway, the Loki gateway and the Mimir nginx
 * (`global.dnsService`, `global.dnsNamespace`, `global.clusterDomain`), giving `kube-dns.kube-system.svc.cluster.local`.
 */
export const DEFAULT_DNS: {
  readonly dnsService: "kube-dns";
  readonly dnsNamespace: "kube-system";
  readonly clusterDomain: "cluster.local";
} = Object.freeze({ dnsService: "kube-dns", dnsNamespace: "kube-system", clusterDomain: "cluster.local" } as const);

/** The cluster DNS Service of a distribution, as chart values `global.dnsService` / `global.dnsNamespace`. */
export interface DnsResolver {
  /** Value for `global.dnsService`. */
  readonly dnsService: string;
  /** Value for `global.dnsNamespace`. */
  readonly dnsNamespace: string;
  /** True when this equals the chart default ({@link DEFAULT_DNS}), i.e. nothing needs to be set. */
  readonly isDefault: boolean;
}

const RESOLVERS: Readonly<Record<Distribution, { dnsService: string; dnsNamespace: string }>> = {
  // RKE2 ships CoreDNS as the Helm release rke2-coredns; there is no kube-dns Service (rancher/rke2#4745).
  rke2: { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system" },
  k3s: { dnsService: "kube-dns", dnsNamespace: "kube-system" },
  eks: { dnsService: "kube-dns", dnsNamespace: "kube-system" },
  gke: { dnsService: "kube-dns", dnsNamespace: "kube-system" },
  aks: { dnsService: "kube-dns", dnsNamespace: "kube-system" },
  // OpenShift's DNS operator serves the cluster from dns-default in openshift-dns.
  openshift: { dnsService: "dns-default", dnsNamespace: "openshift-dns" },
  kubeadm: { dnsService: "kube-dns", dnsNamespace: "kube-system" },
};

/**
 * The DNS Service the gateways' nginx must use as `resolver` on a distribution. Set it once in
 * lgtm-distributed as `global.dnsService` / `global.dnsNamespace`: that fixes the Tempo gateway, the Loki
 * gateway and the Mimir nginx at once (a `tempo.gateway.nginxConfig.resolver` fixes only Tempo's).
 *
 * @example dnsResolver("rke2") // { dnsService: "rke2-coredns-rke2-coredns", dnsNamespace: "kube-system", isDefault: false }
 */
export function dnsResolver(d: Distribution): DnsResolver {
  const r = RESOLVERS[d];
  return {
    dnsService: r.dnsService,
    dnsNamespace: r.dnsNamespace,
    isDefault: r.dnsService === DEFAULT_DNS.dnsService && r.dnsNamespace === DEFAULT_DNS.dnsNamespace,
  };
}

/**
 * The nginx `resolver` host the charts build from the globals: `<dnsService>.<dnsNamespace>.svc.<clusterDomain>`.
 * @param clusterDomain @default "cluster.local"
 */
export function resolverHost(
  resolver: { readonly dnsService: string; readonly dnsNamespace: string },
  clusterDomain = "cluster.local",
): string {
  return `${resolver.dnsService}.${resolver.dnsNamespace}.svc.${clusterDomain}`;
}

/**
 * Infers the distribution from a resolver someone set: a bare Service name (`rke2-coredns-rke2-coredns`,
 * `dns-default`) or a resolver host (`rke2-coredns-rke2-coredns.kube-system.svc.cluster.local.`, `dns-default.openshift-dns.svc`).
 * Returns `undefined` for `kube-dns` (shared by k3s, EKS, GKE, AKS and kubeadm, so not telling) and for anything unrecognised.
 */
export function distributionForResolver(dnsServiceOrResolverHost: string): Distribution | undefined {
  const host = dnsServiceOrResolverHost.trim().replace(/\.$/, "").toLowerCase();
  // nginx `resolver` may carry a port or options (`valid=10s`); keep the first host only.
  const first = (host.split(/\s+/)[0] ?? "").replace(/:\d+$/, "");
  const [service, namespace] = first.split(".");
  if (service === undefined || service === "") return undefined;
  for (const d of DISTRIBUTIONS) {
    const r = RESOLVERS[d];
    if (r.dnsService === DEFAULT_DNS.dnsService) continue;
    if (service === r.dnsService && (namespace === undefined || namespace === r.dnsNamespace)) return d;
  }
  return undefined;
}
