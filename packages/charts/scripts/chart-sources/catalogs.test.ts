// Tests of the committed derived data (catalogs/*.gen.json): no chart clone needed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { VersionsFile } from "./build.js";
import { sha256 } from "./build.js";
import { canonicalJson, catalogAt, type MergedCatalog } from "./merge.js";
import type { Rename } from "./renames.js";
import { isKnown, lookup, type VNode } from "./version-catalog.js";

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
    // every resolved subchart of lgtm / kps that is catalogued here is present, unless `uncatalogued` says why not
    // (mimir-distributed: 5.7.0 is catalogued, the versions lgtm-distributed pulls in are not)
    const explained = new Set(versions.uncatalogued.map((u) => `${u.chart}@${u.version}`));
    for (const parent of ["lgtm-distributed", "kube-prometheus-stack"])
      for (const e of versions.charts[parent] ?? [])
        for (const d of e.dependencies)
          if (d.resolved !== undefined && stores.has(d.name) && !explained.has(`${d.name}@${d.resolved}`))
            expect(v(d.name), `${parent}@${e.version} → ${d.name}`).toContain(d.resolved);
  });

  it("hold the grafana-community Tempo 3.0 charts (issue 14)", () => {
    const v = (chart: string) => (versions.charts[chart] ?? []).map((e) => e.version);
    const td = v("tempo-distributed");
    // every 3.x release in grafana-community's history
    expect(td.filter((x) => x.startsWith("3."))).toEqual([
      "3.0.0",
      "3.0.1",
      "3.0.2",
      "3.0.3",
      "3.0.4",
      "3.0.5",
      "3.0.6",
      "3.0.7",
      "3.1.0",
      "3.2.0",
      "3.2.1",
      "3.2.2",
      "3.3.0",
    ]);
    const minors = (list: string[]) => new Set(list.map((x) => x.split(".").slice(0, 2).join(".")));
    const tdMinors = minors(td);
    for (let m = 0; m <= 26; m++) expect(tdMinors.has(`2.${m}`), `tempo-distributed 2.${m}`).toBe(true);
    for (const m of ["1.62", "1.63", "1.64"]) expect(tdMinors.has(m), `tempo-distributed ${m}`).toBe(true);
    expect(td).toEqual(expect.arrayContaining(["1.62.1", "1.63.1", "1.64.0", "2.26.2"]));
    // 1.62.0 was set in Chart.yaml but never published
    expect(td).not.toContain("1.62.0");
    expect(versions.unpublished).toContainEqual(
      expect.objectContaining({ chart: "tempo-distributed", version: "1.62.0" }),
    );
    const tempoMinors = minors(v("tempo"));
    for (let m = 0; m <= 26; m++) expect(tempoMinors.has(`1.${m}`), `tempo 1.${m}`).toBe(true);
    for (let m = 0; m <= 2; m++) expect(tempoMinors.has(`2.${m}`), `tempo 2.${m}`).toBe(true);
    expect(v("tempo").some((x) => x.startsWith("3."))).toBe(false);
    expect(versions.notes.tempo).toMatch(
      /newest release in grafana-community\/helm-charts is 2\.2\.4 \(appVersion 2\.10\.8.*no 3\.x/,
    );
    expect(v("loki")).toEqual(expect.arrayContaining(["2.16.0", "6.57.0", "7.0.0", "18.11.0"]));
    expect(v("grafana")).toContain("10.5.15");
  });

  it("record where each version was published (repoURLs), and ids two repositories give different packages", () => {
    const entry = (chart: string, version: string) => {
      const e = (versions.charts[chart] ?? []).find((x) => x.version === version);
      if (e === undefined) throw new Error(`${chart}@${version} not catalogued`);
      return e;
    };
    const G = "https://grafana.github.io/helm-charts";
    const C = "https://grafana-community.github.io/helm-charts";
    expect(entry("tempo-distributed", "1.61.3").repoURLs).toEqual([G, C]);
    expect(entry("tempo-distributed", "1.62.1").repoURLs).toEqual([C]);
    expect(entry("tempo-distributed", "3.3.0").repoURLs).toEqual([C]);
    expect(entry("tempo", "1.24.4").repoURLs).toEqual([G, C]);
    expect(entry("tempo", "2.2.4").repoURLs).toEqual([C]);
    expect(entry("grafana", "12.11.1").repoURLs).toEqual([C]);
    expect(entry("kube-prometheus-stack", "88.5.3").repoURLs).toEqual([
      "https://prometheus-community.github.io/helm-charts",
    ]);
    // loki 7.0.0: grafana-community's chart; grafana.github.io publishes another package under the same id
    expect(entry("loki", "7.0.0").repoURLs).toEqual([C]);
    expect(versions.idCollisions.map((c) => `${c.chart}@${c.version}`)).toEqual(["loki@7.0.0"]);
    for (const es of Object.values(versions.charts))
      for (const e of es) expect(e.repoURLs.length, `${e.version}`).toBeGreaterThan(0);
    // ids stay unique: one entry per chart and version
    for (const [chart, es] of Object.entries(versions.charts))
      expect(new Set(es.map((e) => e.version)).size, chart).toBe(es.length);
  });

  it("record the Tempo version, its image-tag path, required values and Service names", () => {
    const entry = (chart: string, version: string) => (versions.charts[chart] ?? []).find((x) => x.version === version);
    const td3 = entry("tempo-distributed", "3.3.0");
    expect(td3?.tempo).toMatchObject({
      appVersion: "3.0.3",
      tempoVersionWithDefaults: "3.0.3",
      imageTag: { paths: ["<component>.image.tag", "tempo.image.tag"], fallsBackToAppVersion: true, defaultTag: null },
      fullname: "{release}-tempo",
      services: { "query-frontend": { name: "{fullname}-query-frontend" }, gateway: { name: "{fullname}-gateway" } },
    });
    for (const e of versions.charts["tempo-distributed"] ?? []) {
      const kafka = (e.requiredValues ?? []).find((r) => r.path === "ingest.kafka.address");
      if (e.version.startsWith("3.")) {
        expect(kafka, e.version).toMatchObject({
          when: { or: ["blockBuilder.enabled", "liveStore.enabled"] },
          whenWithDefaults: true,
          setByDefault: false,
          failsWithDefaults: true,
        });
        expect(kafka?.sources[0]).toMatch(/^templates\/validate\.yaml:\d+ \(fail\)$/);
      } else expect(kafka, e.version).toBeUndefined();
      expect(e.tempo?.imageTag.paths[1], e.version).toBe("tempo.image.tag");
    }
    // the single-binary chart reads `tempo.tag`; its oldest 1.x releases have no appVersion fallback, and 1.2.1
    // deploys Tempo 2.0.1 although its appVersion says 2.1.1
    expect(entry("tempo", "2.2.4")?.tempo).toMatchObject({
      appVersion: "2.10.8",
      tempoVersionWithDefaults: "2.10.8",
      imageTag: { paths: ["tempo.tag"], fallsBackToAppVersion: true },
      services: { tempo: { name: "{fullname}" } },
    });
    expect(entry("tempo", "1.2.1")?.tempo).toMatchObject({
      appVersion: "2.1.1",
      tempoVersionWithDefaults: "2.0.1",
      imageTag: { fallsBackToAppVersion: false, defaultTag: "2.0.1" },
    });
  });

  it("know keys documented only in values.yaml comments (source c)", () => {
    // kps 88.5.3 values.yaml: `grafana:` … `# adminPassword: prom-operator`-style documentation only
    expect(lookup(at("kube-prometheus-stack", "88.5.3"), ["grafana", "adminPassword"])?.s).toBe("c");
    expect(lookup(at("grafana", "12.11.1"), ["global", "global", "imagePullSecrets"])?.s).toBe("c");
    let comments = 0;
    for (const es of Object.values(versions.charts)) for (const e of es) comments += e.stats.commentOnly;
    expect(comments).toBeGreaterThan(1000);
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
