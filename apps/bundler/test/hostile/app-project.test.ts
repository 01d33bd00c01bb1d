// The generated AppProject is least-privilege: sources are this repository and the chart repositories the cluster
// uses, destinations are the cluster's own namespaces (plus kube-system, where kube-prometheus-stack puts the
// Services that scrape the control plane), and cluster-scoped kinds are an explicit list, never `*`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../../src/cli.js";
import { CLUSTER_RESOURCES } from "../../src/render/argo.js";
import { fleetFacts } from "../bundle-checks.js";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const exampleFleet = path.join(repoRoot, "apps/bundler/fleet");
const CHART_REPOS = new Set([
  "https://grafana.github.io/helm-charts",
  "https://prometheus-community.github.io/helm-charts",
]);

interface Project {
  metadata: { name: string; namespace: string };
  spec: {
    sourceRepos: string[];
    destinations: { server?: string; name?: string; namespace: string }[];
    clusterResourceWhitelist?: { group: string; kind: string }[];
    namespaceResourceBlacklist?: unknown;
    clusterResourceBlacklist?: unknown;
    sourceNamespaces?: unknown;
    roles?: unknown;
  };
}
interface App {
  spec: {
    project: string;
    /** Multi-source release Applications; the `<cluster>-namespaces` Application of a remote cluster has `source`. */
    sources?: { repoURL: string; chart?: string }[];
    source?: { repoURL: string; path?: string };
    destination: { server?: string; name?: string; namespace: string };
  };
}

let out: string;
const clusters: string[] = [];

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-app-project-"));
  const err: string[] = [];
  const code = await runCli(["generate", "--fleet", exampleFleet, "--out", out, "--quiet"], {
    cwd: repoRoot,
    root: repoRoot,
    stdout: { write: () => true },
    stderr: { write: (s: string) => err.push(s) },
  });
  expect(code, err.join("")).toBe(0);
  for (const d of fs.readdirSync(out)) if (fs.existsSync(path.join(out, d, "project.yaml"))) clusters.push(d);
}, 120_000);

afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

describe("generated AppProject", () => {
  it("exists for every cluster of the fleet", async () => {
    expect(clusters.sort()).toEqual([...(await fleetFacts(exampleFleet)).clusters]);
  });

  it("has no wildcard anywhere", () => {
    for (const c of clusters) {
      const text = fs.readFileSync(path.join(out, c, "project.yaml"), "utf8");
      expect(text, c).not.toMatch(/["']?\*["']?\s*$/m);
      expect(text, c).not.toContain("'*'");
      expect(text, c).not.toContain('"*"');
    }
  });

  it("allows exactly the cluster-scoped kinds the charts need (listed in docs/security.md)", () => {
    const docs = fs.readFileSync(path.join(repoRoot, "docs/security.md"), "utf8");
    for (const c of clusters) {
      const p = parse(fs.readFileSync(path.join(out, c, "project.yaml"), "utf8")) as Project;
      expect(p.spec.clusterResourceWhitelist, c).toEqual(CLUSTER_RESOURCES.map(({ group, kind }) => ({ group, kind })));
      expect(p.spec.clusterResourceBlacklist).toBeUndefined();
      expect(p.spec.sourceNamespaces).toBeUndefined();
      expect(p.spec.roles).toBeUndefined();
    }
    for (const { kind } of CLUSTER_RESOURCES) expect(docs, `docs/security.md lists ${kind}`).toContain(kind);
  });

  it("sources only this repository and the chart repositories its Applications use", () => {
    for (const c of clusters) {
      const p = parse(fs.readFileSync(path.join(out, c, "project.yaml"), "utf8")) as Project;
      const apps = fs
        .readdirSync(path.join(out, c, "applications"))
        .map((f) => parse(fs.readFileSync(path.join(out, c, "applications", f), "utf8")) as App);
      const used = new Set(
        apps.flatMap((a) =>
          [...(a.spec.sources ?? []), ...(a.spec.source ? [a.spec.source] : [])].map((s) => s.repoURL),
        ),
      );
      expect(new Set(p.spec.sourceRepos), c).toEqual(used);
      const git = [...used].filter((r) => !CHART_REPOS.has(r));
      expect(git, `${c}: exactly one Git repository (this one)`).toHaveLength(1);
      for (const a of apps) expect(a.spec.project).toBe(p.metadata.name);
    }
  });

  it("deploys only to this cluster's namespaces (and kube-system), on this cluster only", () => {
    for (const c of clusters) {
      const p = parse(fs.readFileSync(path.join(out, c, "project.yaml"), "utf8")) as Project;
      const apps = fs
        .readdirSync(path.join(out, c, "applications"))
        .map((f) => parse(fs.readFileSync(path.join(out, c, "applications", f), "utf8")) as App);
      const target = apps[0]!.spec.destination;
      const namespaces = new Set(apps.map((a) => a.spec.destination.namespace));
      const allowed = new Set(p.spec.destinations.map((d) => d.namespace));
      expect(allowed, c).toEqual(new Set([...namespaces, "kube-system"]));
      expect(allowed.has(p.metadata.namespace), `${c}: Argo CD's own namespace is not a destination`).toBe(false);
      for (const d of p.spec.destinations) {
        expect(d.server ?? d.name, c).toBe(target.server ?? target.name);
        expect(d.namespace).toMatch(/^[a-z0-9-]+$/);
      }
    }
  });
});
