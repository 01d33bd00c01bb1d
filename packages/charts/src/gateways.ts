import { resolveKey } from "./catalog.js";
import { type ChartId, chartDescriptor } from "./chart-id.js";
import type { NginxGateway } from "./descriptors.js";

const cache = new Map<ChartId, readonly NginxGateway[]>();

/**
 * The nginx gateways one chart version deploys: its chart's gateways (the descriptor's `gateways`, stated once per
 * chart in `src/chart-families.ts`) whose `nginxConfig.resolver` key this version's catalog has, so a version without
 * the gateway (grafana-community loki 2.x) has none. A gateway's `offWhen` is kept only where the version's catalog
 * has all its keys (loki 6.x–7.x's enterprise GEL gateway; gone from 8.x).
 *
 * @example gatewaysOf("loki@18.11.0").map((g) => g.resolver.join(".")) // ["gateway.nginxConfig.resolver"]
 * @example gatewaysOf("loki@2.16.0") // []
 */
export function gatewaysOf(id: ChartId): readonly NginxGateway[] {
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const known = (path: NginxGateway["resolver"]) => resolveKey(id, path).kind !== "unknown";
  const out = chartDescriptor(id)
    .gateways.filter((g) => known(g.resolver))
    .map((g) => {
      if (g.offWhen === undefined || g.offWhen.every((s) => known(s.path))) return g;
      const { offWhen: _off, ...rest } = g;
      return rest;
    });
  cache.set(id, Object.freeze(out));
  return out;
}
