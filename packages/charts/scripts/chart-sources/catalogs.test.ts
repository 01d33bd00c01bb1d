// Tests of the committed derived data (catalogs/*.gen.json): no chart clone needed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { VersionsFile } from "./build.js";
import { sha256 } from "./build.js";
import { canonicalJson, catalogAt, type MergedCatalog } from "./merge.js";
import type { Rename } from "./renames.js";
import { isKnown, isKnownDotted, lookup, parseValues, type VNode, valuesKeyPaths } from "./version-catalog.js";

const pathsOf = (n: VNode, prefix: string[] = [], out: string[][] = []): string[][] => {
  for (const [k, c] of Object.entries(n.c ?? {})) {
    out.push([...prefix, k]);
    pathsOf(c, [...prefix, k], out);
  }
  return out;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, "../../catalogs");
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as T;
const versions = readJson<VersionsFile>("versions.gen.json");
const renames = readJson<Rename[]>("renames.gen.json");
const stores = new Map(Object.keys(versions.charts).map((c) => [c, readJson<MergedCatalog>(`${c}.gen.json`)]));
const at = (chart: string, version: string) => {
  const c = catalogAt(stores.get(chart) as MergedCatalog, version);
  if (c === undefined) throw new Error(`${chart}@${version} not catalogued`);
  return c.root;
};

describe("committed catalogs", () => {
  it("hold the versions the issue asks for", () => {
    const v = (chart: string) => (versions.charts[chart] ?? []).map((e) => e.version);
    const tempoMinors = new Set(v("tempo-distributed").map((x) => x.split(".").slice(0, 2).join(".")));
    for (let m = 18; m <= 61; m++) expect(tempoMinors.has(`1.${m}`), `tempo-distributed 1.${m}`).toBe(true);
    expect(v("tempo-distributed")).toContain("1.61.3");
    expect(v("lgtm-distributed")).toEqual(expect.arrayContaining(["1.0.1", "2.0.0", "2.1.0", "3.0.1"]));
    const kpsMajors = new Set(v("kube-prometheus-stack").map((x) => Number(x.split(".")[0])));
    for (let m = 45; m <= 88; m++) expect(kpsMajors.has(m), `kube-prometheus-stack ${m}`).toBe(true);
    // every resolved subchart of lgtm / kps that is catalogued here is present
    for (const parent of ["lgtm-distributed", "kube-prometheus-stack"])
      for (const e of versions.charts[parent] ?? [])
        for (const d of e.dependencies)
          if (d.resolved !== undefined && stores.has(d.name))
            expect(v(d.name), `${parent}@${e.version} → ${d.name}`).toContain(d.resolved);
  });

  it("round-trip every version exactly (catalogAt gives back the builder's tree)", () => {
    for (const [chart, entries] of Object.entries(versions.charts))
      for (const e of entries)
        expect(sha256(canonicalJson(at(chart, e.version))), `${chart}@${e.version}`).toBe(e.catalogSha256);
  });

  it("count per version what the builder counted (values keys are all there)", () => {
    for (const [chart, entries] of Object.entries(versions.charts))
      for (const e of entries) {
        const root = at(chart, e.version);
        const all = pathsOf(root);
        expect(all.length, `${chart}@${e.version}`).toBe(e.stats.keys);
        for (const p of all) expect(isKnown(root, p), `${chart}@${e.version} ${p.join(".")}`).toBe(true);
      }
  });

  it("find template-only keys and conditions", () => {
    const t = at("tempo-distributed", "1.61.3");
    // storage.trace.s3 is not in values.yaml; the tempo config template passes it through when the backend is s3
    expect(lookup(t, ["storage", "trace", "s3"])).toMatchObject({ s: "t", p: 1 });
    expect(lookup(t, ["tempo", "structuredConfig", "server", "grpc_listen_port"])?.s).toBe("t");
    expect(lookup(t, ["metricsGenerator", "service", "annotations"])?.if).toEqual(["metricsGenerator.enabled"]);
    // the query-frontend Ingress only renders when the jaeger-query sidecar is on too
    expect(lookup(t, ["queryFrontend", "ingress", "ingressClassName"])?.if).toEqual(
      expect.arrayContaining(["queryFrontend.ingress.enabled", "queryFrontend.query.enabled"]),
    );
    const k = at("kube-prometheus-stack", "88.5.3");
    expect(lookup(k, ["customRules", "AlertmanagerFailedReload", "for"])?.s).toBe("t");
    expect(lookup(k, ["grafana"])?.sub).toBe("grafana");
    expect(isKnown(at("tempo-distributed", "1.61.3"), ["tempo", "query_frontend"])).toBe(false);
  });

  it("know keys by version (renames)", () => {
    const t32 = at("tempo-distributed", "1.32.7");
    const t33 = at("tempo-distributed", "1.33.0");
    expect(isKnown(t32, ["global_overrides"])).toBe(true);
    expect(isKnown(t33, ["global_overrides"])).toBe(false);
    expect(isKnown(t33, ["per_tenant_overrides"])).toBe(true);
    const has = (chart: string, from: string, to: string, since: string) =>
      renames.some((r) => r.chart === chart && r.from === from && r.to === to && r.since === since);
    expect(has("tempo-distributed", "global_overrides", "overrides", "1.33.0")).toBe(true);
    expect(has("tempo-distributed", "overrides", "per_tenant_overrides", "1.33.0")).toBe(true);
    expect(has("grafana", "global.image", "global.imageRegistry", "7.0.8")).toBe(true);
    expect(
      has("kube-prometheus-stack", "crds.upgradeJob.securityContext", "crds.upgradeJob.podSecurityContext", "69.8.2"),
    ).toBe(true);
    for (const r of renames.filter((x) => x.basis === "known")) expect(r.evidence.length).toBeGreaterThan(0);
  });
});

// The reference copies in ../shared/reference/charts (same commits as the newest catalogued versions).
const reference = path.resolve(here, "../../../../../shared/reference/charts");
describe.skipIf(!existsSync(reference))("against the reference copies", () => {
  const cases: [string, string, string][] = [
    ["tempo-distributed", "1.61.3", "tempo-distributed"],
    ["lgtm-distributed", "3.0.1", "lgtm-distributed"],
    ["kube-prometheus-stack", "88.5.3", "kube-prometheus-stack"],
    ["grafana", "12.11.1", "grafana@grafana-community"],
    ["loki-distributed", "0.80.6", "loki-distributed"],
  ];
  it.each(cases)("every key set in %s %s values.yaml is known", (chart, version, folder) => {
    const root = at(chart, version);
    const values = parseValues(readFileSync(path.join(reference, folder, "values.yaml"), "utf8"));
    const unknown = valuesKeyPaths(values).filter((p) => !isKnown(root, p));
    expect(unknown).toEqual([]);
  });
  it.each(cases)("every path values-references.txt lists for %s %s is known", (chart, version, folder) => {
    const root = at(chart, version);
    const refs = readFileSync(path.join(reference, folder, "values-references.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    // gcp_zones: the regex extraction took it from an example in a YAML comment of values.yaml, not from a template
    const notTemplate = new Set(["gcp_zones"]);
    const unknown = refs.filter((p) => !notTemplate.has(p) && !isKnownDotted(root, p));
    expect(unknown).toEqual([]);
  });
});
