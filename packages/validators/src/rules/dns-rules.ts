import { distributionForResolver, dnsResolver } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { finding, type LintedDocument, type Rule } from "../engine.js";
import { effective } from "../model.js";
import { asBoolean, asString, getPath, type PathSegments } from "../values.js";

/** An nginx gateway a document deploys, and where its resolver and DNS globals are set. */
interface Gateway {
  readonly name: string;
  /** The path that switches it on (`enabled`), with the subchart's `enabled` gate first. */
  readonly gates: readonly { path: PathSegments; byDefault: boolean }[];
  readonly resolver: PathSegments;
  /** DNS globals, most specific last (a parent `global` wins over a subchart's, so it comes last). */
  readonly globals: readonly PathSegments[];
}

function gatewaysOf(doc: LintedDocument): Gateway[] {
  switch (doc.chart) {
    case "lgtm-distributed@3.0.1":
      return [
        {
          name: "Tempo gateway",
          gates: [
            { path: ["tempo", "enabled"], byDefault: true },
            { path: ["tempo", "gateway", "enabled"], byDefault: false },
          ],
          resolver: ["tempo", "gateway", "nginxConfig", "resolver"],
          globals: [["tempo", "global"], ["global"]],
        },
        {
          name: "Loki gateway",
          gates: [
            { path: ["loki", "enabled"], byDefault: true },
            { path: ["loki", "gateway", "enabled"], byDefault: true },
          ],
          resolver: ["loki", "gateway", "nginxConfig", "resolver"],
          globals: [["loki", "global"], ["global"]],
        },
        {
          name: "Mimir nginx",
          gates: [
            { path: ["mimir", "enabled"], byDefault: true },
            { path: ["mimir", "nginx", "enabled"], byDefault: true },
          ],
          resolver: ["mimir", "nginx", "nginxConfig", "resolver"],
          globals: [["mimir", "global"], ["global"]],
        },
      ];
    case "tempo-distributed@1.61.3":
      return [
        {
          name: "Tempo gateway",
          gates: [{ path: ["gateway", "enabled"], byDefault: false }],
          resolver: ["gateway", "nginxConfig", "resolver"],
          globals: [["global"]],
        },
      ];
    case "loki-distributed@0.80.6":
      return [
        {
          name: "Loki gateway",
          gates: [{ path: ["gateway", "enabled"], byDefault: true }],
          resolver: ["gateway", "nginxConfig", "resolver"],
          globals: [["global"]],
        },
      ];
    default:
      return [];
  }
}

function enabled(doc: LintedDocument, g: Gateway): boolean {
  return g.gates.every((gate) => {
    const v = asBoolean(effective(doc, gate.path));
    return v === undefined ? gate.byDefault : v;
  });
}

const DISTRO_NAMES: Record<string, string> = {
  rke2: "RKE2",
  openshift: "OpenShift",
  k3s: "k3s",
  eks: "EKS",
  gke: "GKE",
  aks: "AKS",
  kubeadm: "kubeadm",
};

export const dnsGatewayResolver: Rule = {
  id: "dns/gateway-resolver",
  severity: "error",
  title: "A gateway's nginx uses a DNS Service the cluster does not have",
  docs: {
    checks:
      "On a distribution whose DNS Service is not `kube-dns` (RKE2: `rke2-coredns-rke2-coredns`; OpenShift: `dns-default` in `openshift-dns`), every nginx gateway that is enabled (lgtm-distributed: Tempo gateway, Loki gateway, Mimir nginx; tempo-distributed and loki-distributed: their gateway) has a resolver for it: `gateway.nginxConfig.resolver` or `global.dnsService`/`global.dnsNamespace`. The distribution comes from the cluster definition or `--distribution`, else it is inferred from a resolver already set for one gateway (the message says which).",
    why: "nginx resolves its upstreams through `resolver`, which defaults to `kube-dns.kube-system.svc.cluster.local`. Where no such Service exists nginx exits with `host not found in resolver` and the gateway crash-loops (grafana/mimir#1669, grafana/tempo#2103). Setting the resolver for Tempo's gateway alone leaves Loki's and Mimir's broken.",
    fix: "Set `global.dnsService` (and `global.dnsNamespace`) once at the top of the lgtm-distributed values: every subchart's gateway uses it.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const dist = ctx.distribution;
    if (!dist) return out;
    const want = dnsResolver(dist.name);
    if (want.isDefault) return out;
    const distro = (Object.hasOwn(DISTRO_NAMES, dist.name) ? DISTRO_NAMES[dist.name] : undefined) ?? dist.name;
    const why =
      dist.source === "option"
        ? `the cluster runs ${distro}`
        : `the cluster runs ${distro} (inferred from ${dist.evidence ?? "a resolver set in the values"})`;
    for (const doc of ctx.documents) {
      for (const g of gatewaysOf(doc)) {
        if (!enabled(doc, g)) continue;
        const resolver = asString(effective(doc, g.resolver));
        if (resolver !== undefined && resolver.trim() !== "") {
          const d = distributionForResolver(resolver);
          if (d === undefined && !/kube-dns/.test(resolver)) continue; // a custom resolver we cannot judge
          if (d === dist.name || (d !== undefined && dnsResolver(d).dnsService === want.dnsService)) continue;
          out.push(
            finding(this, doc, g.resolver, {
              message: `The ${g.name} resolves through \`${resolver}\`, but ${why}, whose DNS Service is \`${want.dnsService}.${want.dnsNamespace}\`: nginx exits with "host not found in resolver".`,
              fix: `Set \`${formatPath(g.resolver)}: ${want.dnsService}.${want.dnsNamespace}.svc.cluster.local.\` or remove it and set \`global.dnsService: ${want.dnsService}\`.`,
            }),
          );
          continue;
        }
        let service = "kube-dns";
        let namespace = "kube-system";
        for (const gl of g.globals) {
          // lgtm-distributed's values.yaml has no `global:`: only what the document sets there overrides the subchart's.
          const read = (p: PathSegments) =>
            doc.chart === "lgtm-distributed@3.0.1" && gl.length === 1 ? getPath(doc.values, p) : effective(doc, p);
          const s = asString(read([...gl, "dnsService"]));
          const n = asString(read([...gl, "dnsNamespace"]));
          if (s) service = s;
          if (n) namespace = n;
        }
        if (service === want.dnsService && namespace === want.dnsNamespace) continue;
        const top = doc.chart === "lgtm-distributed@3.0.1" || g.globals.length === 1;
        const setNs = namespace !== want.dnsNamespace || want.dnsNamespace !== "kube-system";
        out.push(
          finding(this, doc, g.resolver, {
            message: `The ${g.name} still uses the resolver \`${service}.${namespace}.svc.cluster.local\`${service === "kube-dns" ? " (chart default)" : ""}, but ${why}, which has no \`${service}\` Service: nginx exits with "host not found in resolver" and the gateway crash-loops.`,
            fix: `Set \`global.dnsService: ${want.dnsService}\`${setNs ? ` and \`global.dnsNamespace: ${want.dnsNamespace}\`` : ""} ${top ? "at the top of the values (it reaches every subchart's gateway)" : ""}.`.replace(
              / \.$/,
              ".",
            ),
            fallbackPath: dist.evidenceDoc === doc ? dist.evidencePath : undefined,
          }),
        );
      }
    }
    return out;
  },
};
