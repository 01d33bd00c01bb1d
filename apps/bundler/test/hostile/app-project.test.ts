// The generated AppProjects are least-privilege: sources are this repository and the chart repositories the cluster
// uses, destinations are the cluster's own namespaces (plus kube-system, where kube-prometheus-stack puts the
// Services that scrape the control plane), and kinds are explicit lists derived from what the bundle's charts render
// with the bundle's values (never `*`, never a kind no chart of the bundle renders). The root Applications and the
// ApplicationSet use a bootstrap project of their own, never Argo CD's `default`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHART_DESCRIPTORS, type ChartId, renderedKinds } from "@lgtm-gitops/charts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { runCli } from "../../src/cli.js";
import { BUNDLE_CLUSTER_KINDS } from "../../src/render/argo.js";
import { STRIMZI_KINDS } from "../../src/render/kafka.js";
import { fleetFacts } from "../bundle-checks.js";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const exampleFleet = path.join(repoRoot, "apps/bundler/fleet");
/** The Helm repositories of every chart the descriptor table knows. */
const CHART_REPOS: ReadonlySet<string> = new Set(CHART_DESCRIPTORS.map((d) => d.repoURL));

interface Kind {
  group: string;
  kind: string;
}
interface Project {
  metadata: { name: string; namespace: string };
  spec: {
    sourceRepos: string[];
    destinations: { server?: string; name?: string; namespace: string }[];
    clusterResourceWhitelist?: Kind[];
    namespaceResourceWhitelist?: Kind[];
    namespaceResourceBlacklist?: unknown;
    clusterResourceBlacklist?: unknown;
    sourceNamespaces?: unknown;
    roles?: unknown;
  };
}
interface App {
  metadata: { name: string };
  spec: {
    project: string;
    /** Multi-source release Applications; the `<cluster>-namespaces` Application of a remote cluster has `source`. */
    sources?: { repoURL: string; chart?: string; targetRevision?: string }[];
    source?: { repoURL: string; path?: string };
    destination: { server?: string; name?: string; namespace: string };
  };
}

let out: string;
const clusters: string[] = [];

const key = (k: Kind) => `${k.group}/${k.kind}`;
const read = <T>(...p: string[]) => parse(fs.readFileSync(path.join(out, ...p), "utf8")) as T;
const appsOf = (c: string) =>
  fs.readdirSync(path.join(out, c, "applications")).map((f) => read<App>(c, "applications", f));

/** The chart id of a release Application (`<chart>@<version>`). */
function chartOf(app: App): ChartId | undefined {
  const helm = app.spec.sources?.find((s) => s.chart !== undefined);
  return helm ? (`${helm.chart}@${helm.targetRevision}` as ChartId) : undefined;
}

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
  for (const d of fs.readdirSync(out))
    if (d !== "bootstrap" && fs.existsSync(path.join(out, d, "project.yaml"))) clusters.push(d);
}, 120_000);

afterAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
});

describe("generated AppProject", () => {
  it("exists for every cluster of the fleet", async () => {
    expect(clusters.sort()).toEqual([...(await fleetFacts(exampleFleet)).clusters]);
  });

  it("has no wildcard anywhere, and no project is Argo CD's default", () => {
    for (const c of [...clusters, "bootstrap"]) {
      const text = fs.readFileSync(path.join(out, c, "project.yaml"), "utf8");
      expect(text, c).not.toMatch(/["']?\*["']?\s*$/m);
      expect(text, c).not.toContain("'*'");
      expect(text, c).not.toContain('"*"');
      expect(text, c).not.toMatch(/name: default$/m);
    }
  });

  it("allows exactly the kinds the bundle's charts render with its values (never PodSecurityPolicy, never `*`)", () => {
    const docs = fs.readFileSync(path.join(repoRoot, "docs/security.md"), "utf8");
    for (const c of clusters) {
      const p = read<Project>(c, "project.yaml");
      const installs = appsOf(c)
        .map((a) => ({ app: a, chart: chartOf(a) }))
        .filter((x): x is { app: App; chart: ChartId } => x.chart !== undefined)
        .map(({ app, chart }) => {
          const release = app.metadata.name.slice(c.length + 1);
          return renderedKinds(chart, read(c, "values", `${release}.yaml`));
        });
      const cluster = new Set([...BUNDLE_CLUSTER_KINDS, ...installs.flatMap((r) => r.cluster)].map(key));
      // Plus the Strimzi kinds of the broker a Tempo 3.0 bundle declares in Git (its kafka/ directory).
      const broker = fs.existsSync(path.join(out, c, "kafka")) ? STRIMZI_KINDS : [];
      const namespaced = new Set([...installs.flatMap((r) => r.namespaced), ...broker].map(key));
      expect(new Set(p.spec.clusterResourceWhitelist!.map(key)), c).toEqual(cluster);
      expect(new Set(p.spec.namespaceResourceWhitelist!.map(key)), c).toEqual(namespaced);
      expect(p.spec.namespaceResourceWhitelist!.length, c).toBeGreaterThan(10);
      expect([...cluster].some((k) => k.endsWith("/PodSecurityPolicy"))).toBe(false);
      expect(p.spec.clusterResourceBlacklist).toBeUndefined();
      expect(p.spec.sourceNamespaces).toBeUndefined();
      expect(p.spec.roles).toBeUndefined();
      for (const k of p.spec.clusterResourceWhitelist!)
        expect(docs, `docs/security.md explains ${k.kind}`).toContain(`\`${k.kind}\``);
    }
  });

  it("sources only this repository and the chart repositories its Applications use", () => {
    for (const c of clusters) {
      const p = read<Project>(c, "project.yaml");
      const apps = appsOf(c);
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
      const p = read<Project>(c, "project.yaml");
      const apps = appsOf(c);
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

describe("bootstrap project", () => {
  it("the root Applications and the ApplicationSet's Applications use it, never default", () => {
    const roots = clusters.map((c) => read<App>("bootstrap", `${c}.yaml`));
    for (const r of roots) expect(r.spec.project, r.metadata.name).toBe("lgtm-gitops-bootstrap");
    const set = read<{ spec: { template: { spec: { project: string } } } }>("bootstrap", "applicationset.yaml");
    expect(set.spec.template.spec.project).toBe("lgtm-gitops-bootstrap");
    const kustomization = read<{ resources: string[] }>("bootstrap", "kustomization.yaml");
    expect(kustomization.resources).toContain("project.yaml");
  });

  it("allows only this fleet's repository, Argo CD's own namespace and the kinds a bundle directory holds", () => {
    const projects = parseAllDocuments(fs.readFileSync(path.join(out, "bootstrap/project.yaml"), "utf8")).map(
      (d) => d.toJS() as Project,
    );
    expect(projects.length).toBeGreaterThanOrEqual(1);
    for (const p of projects) {
      expect(p.metadata.name).toBe("lgtm-gitops-bootstrap");
      expect(p.spec.sourceRepos).toEqual(["https://github.com/example/lgtm-gitops.git"]);
      expect(p.spec.destinations).toEqual([
        { server: "https://kubernetes.default.svc", namespace: p.metadata.namespace },
      ]);
      expect(p.spec.namespaceResourceWhitelist!.map(key).sort()).toEqual([
        "argoproj.io/AppProject",
        "argoproj.io/Application",
      ]);
      expect(p.spec.clusterResourceWhitelist!.map(key)).toEqual(["/Namespace"]);
    }
  });
});
