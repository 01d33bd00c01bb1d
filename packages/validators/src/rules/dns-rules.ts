import { distributionForResolver, dnsResolver, gatewaysOf, type NginxGateway } from "@lgtm-gitops/charts";
import { type Diagnostic, type Edit, getPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import { type Cause, finding, type LintedDocument, type Rule } from "../engine.js";
import { effective } from "../model.js";
import { asBoolean, asString } from "../values.js";

/** Whether the chart deploys the gateway: every gate on, and not replaced by another gateway (`offWhen` all on). */
function enabled(doc: LintedDocument, g: NginxGateway): boolean {
  const on = (gate: { readonly path: PathSegments; readonly byDefault: boolean }) => {
    const v = asBoolean(effective(doc, gate.path));
    return v === undefined ? gate.byDefault : v;
  };
  return g.gates.every(on) && !g.offWhen?.every(on);
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
      "On a distribution whose DNS Service is not `kube-dns` (RKE2: `rke2-coredns-rke2-coredns`; OpenShift: `dns-default` in `openshift-dns`), every nginx gateway that is enabled (lgtm-distributed: Tempo gateway, Loki gateway, Mimir nginx; tempo-distributed and loki-distributed: their gateway; grafana-community loki: its gateway in every catalogued version that has one, 6.x onward, unless 6.x–7.x's `enterprise.enabled` with `enterprise.gelGateway` replaces it) has a resolver for it: `gateway.nginxConfig.resolver` or `global.dnsService`/`global.dnsNamespace`. The distribution comes from the cluster definition or `--distribution`, else it is inferred from a resolver already set for one gateway (the message says which). On a distribution that has `kube-dns` (k3s, EKS, GKE, AKS, kubeadm) only a gateway whose resolver names another distribution's DNS Service is reported.",
    why: "nginx resolves its upstreams through `resolver`, which defaults to `kube-dns.kube-system.svc.cluster.local`. Where no such Service exists nginx exits with `host not found in resolver` and the gateway crash-loops (grafana/mimir#1669, grafana/tempo#2103). Setting the resolver for Tempo's gateway alone leaves Loki's and Mimir's broken.",
    fix: "Set `global.dnsService` (and `global.dnsNamespace`) once at the top of the values (lgtm-distributed: every subchart's gateway uses it); a cluster definition's `distribution` does it for you.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const dist = ctx.distribution;
    if (!dist) return out;
    const want = dnsResolver(dist.name);
    // On a kube-dns distribution only a resolver that names another distribution's DNS Service is wrong (a
    // `--distribution` that contradicts the file: dns/distribution-mismatch says so too).
    const claimsOther = (s: string) => {
      const d = distributionForResolver(s);
      return d !== undefined && dnsResolver(d).dnsService !== want.dnsService;
    };
    const distro = (Object.hasOwn(DISTRO_NAMES, dist.name) ? DISTRO_NAMES[dist.name] : undefined) ?? dist.name;
    const why =
      dist.source === "option"
        ? `the cluster runs ${distro}`
        : `the cluster runs ${distro} (inferred from ${dist.evidence ?? "a resolver set in the values"})`;
    // The distribution is the user's input (an option, or a resolver the user set): never a chart default.
    const distCause: Cause =
      dist.source === "option" || !dist.evidenceDoc || !dist.evidencePath
        ? { option: "--distribution" }
        : { doc: dist.evidenceDoc, path: dist.evidencePath };
    for (const doc of ctx.documents) {
      for (const g of gatewaysOf(doc.chart)) {
        if (!enabled(doc, g)) continue;
        const resolver = asString(effective(doc, g.resolver));
        if (resolver !== undefined && resolver.trim() !== "") {
          const d = distributionForResolver(resolver);
          if (d === undefined && !/kube-dns/.test(resolver)) continue; // a custom resolver we cannot judge
          if (want.isDefault && !claimsOther(resolver)) continue;
          if (d === dist.name || (d !== undefined && dnsResolver(d).dnsService === want.dnsService)) continue;
          out.push(
            finding(this, doc, g.resolver, {
              message: `The ${g.label} resolves through \`${resolver}\`, but ${why}, whose DNS Service is \`${want.dnsService}.${want.dnsNamespace}\`: nginx exits with "host not found in resolver".`,
              fix: `Set \`${doc.name(g.resolver)}: ${want.dnsService}.${want.dnsNamespace}.svc.cluster.local.\` or remove it and set \`global.dnsService: ${want.dnsService}\`.`,
              causes: [{ doc, path: g.resolver }, distCause],
            }),
          );
          continue;
        }
        let service = "kube-dns";
        let namespace = "kube-system";
        const parentGlobal = g.globals.length > 1 ? g.globals[g.globals.length - 1] : undefined;
        for (const gl of g.globals) {
          // For a subchart's gateway, the parent chart's own `global:` (lgtm-distributed's values.yaml has none) counts
          // only where the document sets it; its effective value would be the subcharts' defaults merged in.
          const read = (p: PathSegments) => (gl === parentGlobal ? getPath(doc.values, p) : effective(doc, p));
          const s = asString(read([...gl, "dnsService"]));
          const n = asString(read([...gl, "dnsNamespace"]));
          if (s) service = s;
          if (n) namespace = n;
        }
        if (service === want.dnsService && namespace === want.dnsNamespace) continue;
        if (want.isDefault && !claimsOther(`${service}.${namespace}`)) continue;
        const setNs = namespace !== want.dnsNamespace || want.dnsNamespace !== "kube-system";
        // The fix sets the top `global:` the gateway reads (the one that wins); the values follow from the distribution.
        const top = g.globals[g.globals.length - 1];
        const edits: Edit[] | undefined = top
          ? [
              { op: "set", path: [...top, "dnsService"], value: want.dnsService },
              ...(setNs ? [{ op: "set", path: [...top, "dnsNamespace"], value: want.dnsNamespace } as const] : []),
            ]
          : undefined;
        out.push(
          finding(this, doc, g.resolver, {
            message: `The ${g.label} still uses the resolver \`${service}.${namespace}.svc.cluster.local\`${service === "kube-dns" ? " (chart default)" : ""}, but ${why}, which has no \`${service}\` Service: nginx exits with "host not found in resolver" and the gateway crash-loops.`,
            fix: `Set \`global.dnsService: ${want.dnsService}\`${setNs ? ` and \`global.dnsNamespace: ${want.dnsNamespace}\`` : ""} at the top of the values (it reaches every subchart's gateway).`,
            fallbackPath: dist.evidenceDoc === doc ? dist.evidencePath : undefined,
            causes: [{ doc, path: g.resolver }, distCause],
            ...(edits ? { edits } : {}),
          }),
        );
      }
    }
    return out;
  },
};

export const dnsDistributionMismatch: Rule = {
  id: "dns/distribution-mismatch",
  severity: "warning",
  title: "The distribution given and a resolver in the values disagree",
  docs: {
    checks:
      "When the distribution is given (`--distribution` or the cluster definition), every resolver the values set (an nginx gateway's `nginxConfig.resolver` or a `global.dnsService` it reads) that names another distribution's DNS Service (`rke2-coredns-rke2-coredns` on `--distribution k3s` or `eks`) is reported once per setting. The gateway itself is reported by `dns/gateway-resolver`.",
    why: "A resolver for RKE2 in a file linted as k3s means either the flag or the file is wrong; on the cluster the flag describes, the gateway's nginx exits with `host not found in resolver`. Lint cannot know which one is right, so it says both.",
    fix: "Give the distribution the cluster really runs (`--distribution rke2`), or set the resolver the cluster has (`global.dnsService`).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const dist = ctx.distribution;
    if (dist?.source !== "option") return out;
    const want = dnsResolver(dist.name);
    const distro = (d: string) => (Object.hasOwn(DISTRO_NAMES, d) ? DISTRO_NAMES[d] : undefined) ?? d;
    for (const doc of ctx.documents) {
      const seen = new Set<string>();
      for (const g of gatewaysOf(doc.chart)) {
        for (const p of [g.resolver, ...g.globals.map((gl) => [...gl, "dnsService"])]) {
          const key = p.join("\u0000");
          if (seen.has(key)) continue;
          seen.add(key);
          const v = asString(getPath(doc.values, p));
          if (v === undefined || v.trim() === "") continue;
          const d = distributionForResolver(v);
          if (d === undefined || d === dist.name || dnsResolver(d).dnsService === want.dnsService) continue;
          out.push(
            finding(this, doc, p, {
              message: `The distribution given is ${distro(dist.name)} (DNS Service \`${want.dnsService}.${want.dnsNamespace}\`), but \`${doc.name(p)}: ${v.trim()}\` is ${distro(d)}'s DNS Service: the flag and the file disagree, and one of them is wrong.`,
              fix: `If the cluster runs ${distro(d)}, lint with \`--distribution ${d}\`; otherwise set \`global.dnsService: ${want.dnsService}\` and remove \`${doc.name(p)}\`.`,
            }),
          );
        }
      }
    }
    return out;
  },
};
