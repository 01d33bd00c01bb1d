// Every catalogued version of each stack chart generates: one definition per version of lgtm-distributed and
// tempo-distributed 1.x/2.x (the same Tempo spec, multi-tenant with a per-tenant block and the metrics-generator on, so
// every overrides layout is written), generated in one run. Each values file may only set keys that chart version's
// catalog has, and lint with `--chart` at that version finds no error; kubectl kustomize builds a sample of the bundles.
import fs from "node:fs";
import path from "node:path";
import {
  type ChartId,
  chartVersions,
  findChart,
  resolveKey,
  STACK_CHART_NAMES,
  tempoVersionOf,
} from "@lgtm-gitops/charts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stackSchema } from "../src/definition/schema.js";
import { checkArgoObjects, checkKustomizeBuilds, checkLayout, type FleetFacts, fleetFacts } from "./bundle-checks.js";
import { cli, tempDir } from "./helpers.js";

/** The chart versions that run Tempo 2.x (lgtm-distributed, tempo-distributed 1.x/2.x). */
const tempo2 = (chart: string) => (v: string) =>
  tempoVersionOf(findChart(chart, v) as ChartId)?.startsWith("2.") === true;

/** Each stack chart with the Tempo 2.x versions a definition may name (the definition schema's enum). */
const VERSIONS = STACK_CHART_NAMES.map((chart) => {
  const option = stackSchema.options.find((o) => o.shape.chart.value === chart);
  const versions = (option?.shape.version.unwrap().options ?? []) as readonly string[];
  return { chart, versions: versions.filter(tempo2(chart)) };
});

const clusterName = (chart: string, version: string) =>
  `${chart === "lgtm-distributed" ? "lgtm" : "td"}-${version.replaceAll(".", "-")}`;

function definition(chart: string, version: string): string {
  const name = clusterName(chart, version);
  const alone = chart === "tempo-distributed";
  return `name: ${name}
distribution: rke2
argocd:
  repoURL: https://github.com/example/lgtm-gitops.git
  destination: { server: https://kubernetes.default.svc }
stack: { chart: ${chart}, version: ${version}, release: ${alone ? "tempo" : "lgtm"}, namespace: ${name} }
tempo:
  multitenancy: true
  retention: 72h
  storage:
    backend: s3
    bucket: traces
    endpoint: minio.storage.svc.cluster.local:9000
    insecure: true
    credentials: { secretName: tempo-s3 }
  receivers:
    otlp: { grpc: { enabled: true }, http: { enabled: true } }
    jaeger: { grpc: { enabled: true } }
  ingestion: { rateLimitBytes: 20000000, burstSizeBytes: 30000000 }
  query: { maxSearchDuration: 24h }
  tenants:
    team-a: { ingestion: { rateLimitBytes: 5000000 }, retention: 168h }
  ingester:
    replicas: 3
    replicationFactor: 3
    resources: { requests: { cpu: 250m, memory: 1Gi }, limits: { memory: 2Gi } }
  compactor: { resources: { requests: { cpu: 100m, memory: 512Mi }, limits: { memory: 2Gi } } }
  metricsGenerator:
    enabled: true
    remoteWrite: [{ url: "http://mimir-nginx.mimir.svc.cluster.local/api/v1/push", tenantId: team-a }]
  gateway: { enabled: true }
  streamOverHttp: true
grafana:
  namespace: ${name}-grafana
  adminSecret: { name: grafana-admin }
datasources:
  preset: lgtm
  tenant: team-a
${alone ? "  lokiUrl: http://loki-gateway.loki.svc.cluster.local\n  mimirUrl: http://mimir-nginx.mimir.svc.cluster.local/prometheus\n" : ""}`;
}

/** Dot paths (as segments) of every value a values document sets: leaves, lists and empty maps. */
function keyPaths(v: unknown, path: string[] = []): string[][] {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0)
    return Object.entries(v).flatMap(([k, c]) => keyPaths(c, [...path, k]));
  return [path];
}

let dir = "";
let out = "";
let facts: FleetFacts;

beforeAll(async () => {
  dir = tempDir("chart-versions");
  const fleet = path.join(dir, "fleet");
  out = path.join(dir, "clusters");
  fs.mkdirSync(fleet);
  for (const { chart, versions } of VERSIONS)
    for (const v of versions) fs.writeFileSync(path.join(fleet, `${clusterName(chart, v)}.yaml`), definition(chart, v));
  facts = await fleetFacts(fleet);
  const r = await cli(["generate", "--fleet", fleet, "--out", out]);
  expect(r.stderr).not.toMatch(/ error /);
  expect(r.code, r.stderr).toBe(0);
}, 600_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a definition per catalogued stack chart version", () => {
  it("names every catalogued version of lgtm-distributed and tempo-distributed 1.x/2.x", () => {
    for (const { chart, versions } of VERSIONS) {
      const all = (chartVersions(chart) as readonly string[]).filter(tempo2(chart));
      expect(versions, chart).toEqual(all);
    }
    const lgtm = VERSIONS.find((c) => c.chart === "lgtm-distributed")?.versions;
    expect(lgtm).toEqual(expect.arrayContaining(["1.0.0", "2.1.0", "3.0.1"]));
    const td = VERSIONS.find((c) => c.chart === "tempo-distributed")?.versions;
    expect(td).toEqual(expect.arrayContaining(["1.6.8", "1.18.1", "1.32.7", "1.33.0", "2.26.2"]));
    expect(td).toHaveLength((chartVersions("tempo-distributed") as readonly string[]).filter((v) => v < "3").length);
  });

  it("generates the bundle layout for each, every Argo CD object valid", () => {
    checkLayout(out, facts);
    checkArgoObjects(out, facts);
  });

  it("writes only keys that chart version's catalog has, in both values files", () => {
    const outside: string[] = [];
    for (const { chart, versions } of VERSIONS) {
      for (const v of versions) {
        const name = clusterName(chart, v);
        const def = facts.definitions.get(name);
        const files = fs.readdirSync(path.join(out, name, "values"));
        expect(files).toHaveLength(2);
        for (const f of files) {
          const grafana = f === "kube-prometheus-stack.yaml";
          const id = grafana ? findChart("kube-prometheus-stack", def?.grafana.version ?? "") : findChart(chart, v);
          if (id === undefined) throw new Error(`${name}/${f}: no chart`);
          const values = parse(fs.readFileSync(path.join(out, name, "values", f), "utf8")) as unknown;
          for (const p of keyPaths(values)) {
            const r = resolveKey(id, p);
            if (r.kind === "unknown") outside.push(`${id} ${p.join(".")}`);
          }
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it("lint --chart at that version finds no error in the stack values", async () => {
    const errors: unknown[] = [];
    for (const { chart, versions } of VERSIONS) {
      for (const v of versions) {
        const name = clusterName(chart, v);
        const file = fs.readdirSync(path.join(out, name, "values")).find((f) => f !== "kube-prometheus-stack.yaml");
        const r = await cli([
          "lint",
          path.join(out, name, "values", file ?? ""),
          "--chart",
          `${chart}@${v}`,
          "--distribution",
          "rke2",
          "--format",
          "json",
        ]);
        const found = (JSON.parse(r.stdout) as { severity: string }[]).filter((d) => d.severity === "error");
        if (found.length > 0 || r.code !== 0) errors.push({ chart: `${chart}@${v}`, code: r.code, found });
      }
    }
    expect(errors).toEqual([]);
  });

  it("kubectl kustomize builds a sample: each overrides layout, oldest and newest (skipped without kubectl)", async (ctx) => {
    const sample = [
      "lgtm-1-0-0",
      "lgtm-2-1-0",
      "lgtm-3-0-1",
      "td-1-6-8",
      "td-1-13-2",
      "td-1-18-1",
      "td-1-32-7",
      "td-2-26-2",
    ];
    for (const c of sample) expect(facts.clusters).toContain(c);
    if ((await checkKustomizeBuilds(out, { ...facts, clusters: sample })) === 0) ctx.skip();
  });
});
