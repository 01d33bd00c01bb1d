// The nginx gateways per chart version, from the catalogs (built from the charts' sources: grafana-community
// helm-charts charts/loki templates/gateway/ and templates/_helpers.tpl, whose nginx.conf takes
// `gateway.nginxConfig.resolver`, else `global.dnsService`.`global.dnsNamespace`.svc.`global.clusterDomain`).
import { describe, expect, it } from "vitest";
import { resolveKey } from "./catalog.js";
import { type ChartId, chartVersions, findChart } from "./chart-id.js";
import { CHART_DESCRIPTORS } from "./descriptors.js";
import { gatewaysOf } from "./gateways.js";

const loki = (v: string) => findChart("loki", v) as ChartId;

describe("gatewaysOf", () => {
  it("grafana-community loki: one gateway from 6.x on, none in 2.x (grafana/helm-charts' old single-binary chart)", () => {
    const versions = chartVersions("loki");
    expect(versions.length).toBeGreaterThan(10);
    for (const v of versions) {
      const gateways = gatewaysOf(loki(v));
      const major = Number(v.split(".")[0]);
      expect([v, gateways.length]).toEqual([v, major >= 6 ? 1 : 0]);
      for (const g of gateways) {
        expect(g.resolver).toEqual(["gateway", "nginxConfig", "resolver"]);
        expect(g.globals).toEqual([["global"]]);
        // The DNS globals the resolver falls back to are read by this version (only without an explicit resolver).
        for (const key of ["dnsService", "dnsNamespace"]) {
          const r = resolveKey(loki(v), ["global", key]);
          expect([v, key, r.kind]).toEqual([v, key, "known"]);
          if (r.kind === "known") expect(r.key.conditions).toContain("!gateway.nginxConfig.resolver");
        }
      }
    }
  });

  it("keeps the enterprise GEL gateway switch only where the version has it (6.x–7.x)", () => {
    expect(gatewaysOf(loki("6.57.0"))[0]?.offWhen?.map((s) => s.path.join("."))).toEqual([
      "enterprise.enabled",
      "enterprise.gelGateway",
    ]);
    expect(gatewaysOf(loki("7.0.0"))[0]?.offWhen).toBeDefined();
    expect(gatewaysOf(loki("8.1.3"))[0]?.offWhen).toBeUndefined();
    expect(gatewaysOf(loki("18.11.0"))[0]?.offWhen).toBeUndefined();
  });

  it("is the descriptor's gateways for every version that reads their keys", () => {
    for (const d of CHART_DESCRIPTORS) {
      const id = d.id as ChartId;
      if (d.name === "loki") continue;
      expect([id, gatewaysOf(id).map((g) => g.label)]).toEqual([id, d.gateways.map((g) => g.label)]);
    }
  });
});
