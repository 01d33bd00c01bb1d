import { resolveKey } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { quantityValue } from "@lgtm-gitops/tempo-config";
import { finding, type Rule } from "../engine.js";
import { effective, tempoInstalls } from "../model.js";

/**
 * A Kubernetes quantity (`100m`, `1.5`, `512Mi`, `1G`, `1e9`) as a number, or `undefined`. Parsing is
 * @lgtm-gitops/tempo-config's `quantityValue`, the one the TempoSpec schema validates with.
 */
function parseQuantity(v: unknown): number | undefined {
  if (typeof v === "number") return quantityValue(v);
  return typeof v === "string" ? quantityValue(v.trim()) : undefined;
}

/** Every `resources` block in a value tree (maps only), with its path. */
function resourceBlocks(v: unknown, base: PathSegments, out: PathSegments[], depth = 0): void {
  if (!isRecord(v) || depth > 40) return;
  for (const [k, c] of Object.entries(v)) {
    if (k === "resources" && isRecord(c) && (isRecord(c.requests) || isRecord(c.limits))) out.push([...base, k]);
    else resourceBlocks(c, [...base, k], out, depth + 1);
  }
}

export const resourcesRequestsAboveLimits: Rule = {
  id: "resources/requests-above-limits",
  severity: "error",
  title: "A resource request is above its limit",
  docs: {
    checks:
      "Every `resources` block a document sets (merged with the chart's default for that block): `requests.cpu ≤ limits.cpu` and `requests.memory ≤ limits.memory`.",
    why: 'Kubernetes rejects such a Pod ("must be less than or equal to … limit"): the Deployment or StatefulSet never gets a running replica, and Argo CD reports it only as a degraded rollout.',
    fix: "Raise the limit to at least the request, or lower the request.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      const blocks: PathSegments[] = [];
      resourceBlocks(doc.values, [], blocks);
      for (const b of blocks) {
        const r = effective(doc, b);
        if (!isRecord(r) || !isRecord(r.requests) || !isRecord(r.limits)) continue;
        for (const res of ["cpu", "memory"]) {
          const req = parseQuantity(r.requests[res]);
          const lim = parseQuantity(r.limits[res]);
          if (req === undefined || lim === undefined || req <= lim) continue;
          out.push(
            finding(this, doc, [...b, "requests", res], {
              message: `\`${doc.name([...b, "requests", res])}: ${String(r.requests[res])}\` is above its limit ${String(r.limits[res])}: Kubernetes refuses to create the Pod.`,
              fix: `Set \`${doc.name([...b, "limits", res])}\` to at least ${String(r.requests[res])}, or lower the request.`,
            }),
          );
        }
      }
    }
    return out;
  },
};

/**
 * The Tempo components that hold traces or whole blocks in memory: Tempo 2.x ingesters and compactors, Tempo 3.0
 * live-stores, block-builders and backend-workers. A chart has the ones its key catalog knows.
 */
const MEMORY_HUNGRY = ["ingester", "compactor", "liveStore", "blockBuilder", "backendWorker"] as const;

export const resourcesMissingMemoryLimit: Rule = {
  id: "resources/missing-memory-limit",
  severity: "warning",
  title: "A Tempo component that holds traces or blocks in memory without a memory limit",
  docs: {
    checks:
      "The effective `resources.limits.memory` of the Tempo components that hold traces or blocks in memory, those the chart version has (chart default: no limit): `ingester` and `compactor` (Tempo 2.x), `liveStore`, `blockBuilder` and `backendWorker` (Tempo 3.0, tempo-distributed 3.x).",
    why: "Ingesters hold live traces and compactors whole blocks in memory; without a limit one large trace or tenant can take the node's memory and get other pods evicted. With a limit, Tempo can also set GOMEMLIMIT below it and collect garbage before the OOM killer strikes (grafana/tempo#2162).",
    fix: "Set `resources.limits.memory` (and `requests.memory`) for the ingester and the compactor, sized from Tempo's sizing guide (4–20 GB per ingester).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      for (const c of MEMORY_HUNGRY) {
        if (resolveKey(i.doc.chart, i.at([c, "resources"])).kind === "unknown") continue;
        const limit = i.get([c, "resources", "limits", "memory"]);
        if (parseQuantity(limit) !== undefined) continue;
        out.push(
          finding(this, i.doc, i.at([c, "resources", "limits", "memory"]), {
            message: `The Tempo ${c} has no memory limit (\`${i.doc.name(i.at([c, "resources", "limits", "memory"]))}\`${i.has([c, "resources"]) ? "" : ", chart default"}): a large trace can exhaust the node's memory.`,
            fix: `Set \`${i.doc.name(i.at([c, "resources", "limits", "memory"]))}\` (and a matching request).`,
          }),
        );
      }
    }
    return out;
  },
};
