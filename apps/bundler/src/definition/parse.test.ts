import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { discoverDefinitions } from "../fleet/discover.js";
import { type LoadedDefinition, loadDefinitions } from "../fleet/load.js";
import { fillDefinition } from "./fill.js";
import { parseDefinitions } from "./parse.js";

const base = {
  name: "c1",
  distribution: "k3s",
  argocd: { repoURL: "https://git.example.com/org/gitops.git", destination: { name: "c1" } },
  stack: { chart: "lgtm-distributed" },
  tempo: { storage: { backend: "s3", bucket: "b", credentials: { secretName: "s3" } } },
  grafana: { adminSecret: { name: "grafana-admin" } },
};

function loaded(input: unknown, stem = "c1", file = `/fleet/${stem}.ts`): LoadedDefinition {
  return { file, stem, format: "ts", input, locate: () => undefined };
}

describe("parseDefinitions", () => {
  it("applies every default", () => {
    const r = parseDefinitions([loaded(base)]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const def = r.definitions[0]!.definition;
    expect(def.argocd).toMatchObject({ targetRevision: "main", namespace: "argocd" });
    expect(def.stack).toEqual({
      chart: "lgtm-distributed",
      version: "3.0.1",
      release: "lgtm-stack",
      namespace: "lgtm-stack",
    });
    expect(def.grafana).toMatchObject({ release: "kube-prometheus-stack", namespace: "monitoring", version: "88.5.3" });
    expect(def.grafana.adminSecret).toEqual({
      name: "grafana-admin",
      userKey: "admin-user",
      passwordKey: "admin-password",
    });
    expect(def.tempo.ingester.replicationFactor).toBe(1);
  });

  it("rejects unknown keys with a did-you-mean fix", () => {
    const r = parseDefinitions([loaded({ ...base, argocd: { ...base.argocd, targetRevison: "dev" } })]);
    expect(r.definitions).toEqual([]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "definition/unknown-key",
        path: ["argocd", "targetRevison"],
        fix: "Did you mean argocd.targetRevision?",
      }),
    );
  });

  it("rejects a chart version that does not belong to the chart", () => {
    const r = parseDefinitions([loaded({ ...base, stack: { chart: "lgtm-distributed", version: "1.61.3" } })]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ path: ["stack", "version"], severity: "error" }));
  });

  it("refuses a stack chart version generate does not write values for (tempo-distributed 3.0.1), at stack.version", () => {
    // A lint-only version once passed the schema and crashed generate with internal/unexpected.
    const datasources = { lokiUrl: "http://loki", mimirUrl: "http://mimir/prometheus" };
    const r = parseDefinitions([
      loaded({ ...base, stack: { chart: "tempo-distributed", version: "3.0.1" }, datasources }),
    ]);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ path: ["stack", "version"], severity: "error", ruleId: "definition/invalid" }),
    );
  });

  it("refuses the single-binary tempo chart (no monolithic Tempo 3.0), naming the stack charts and why", () => {
    const r = parseDefinitions([loaded({ ...base, stack: { chart: "tempo", version: "3.0.0" } })]);
    const d = r.diagnostics.find((x) => x.severity === "error");
    expect(d?.message).toMatch(/^stack\.chart must be "lgtm-distributed" or "tempo-distributed", not "tempo": /);
    expect(d?.message).toMatch(/no catalogued release of it runs Tempo 3\.0 \(the newest, 2\.\d+\.\d+, runs Tempo 2\./);
    expect(d?.fix).toBe('Set stack.chart to "lgtm-distributed" or "tempo-distributed".');
  });

  it("requires lokiUrl and mimirUrl with tempo-distributed", () => {
    const r = parseDefinitions([loaded({ ...base, stack: { chart: "tempo-distributed" } })]);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => formatPath(d.path)).sort()).toEqual(["datasources.lokiUrl", "datasources.mimirUrl"]);
    expect(errors[0]?.ruleId).toBe("definition/missing-url");
  });

  it("reports Tempo spec problems under tempo. with tempo-config's rule ids and messages", () => {
    const r = parseDefinitions([
      loaded({ ...base, tempo: { ...base.tempo, retention: "7d", retentoin: "1h", ingester: { replicas: 0 } } }),
    ]);
    expect(r.definitions).toEqual([]);
    expect(r.diagnostics.map((d) => [d.ruleId, formatPath(d.path), d.fix])).toEqual(
      expect.arrayContaining([
        ["tempo/invalid-duration", "tempo.retention", 'write "168h"'],
        ["tempo/unknown-spec-key", "tempo.retentoin", "did you mean retention?"],
        ["tempo/invalid-replicas", "tempo.ingester.replicas", "set ingester.replicas to 1 or more"],
      ]),
    );
    // What the compiled values show (replicas below the replication factor) is left to the value rules.
    const quorum = parseDefinitions([
      loaded({ ...base, tempo: { ...base.tempo, ingester: { replicas: 1, replicationFactor: 3 } } }),
    ]);
    expect(quorum.definitions).toHaveLength(1);
    expect(quorum.diagnostics.filter((d) => d.ruleId.startsWith("tempo/replication"))).toEqual([]);
  });

  it("checks names: DNS-1123, reserved, equal to the file name, unique in the fleet", () => {
    const errors = (...l: LoadedDefinition[]) => parseDefinitions(l).diagnostics.filter((d) => d.severity === "error");
    expect(errors(loaded({ ...base, name: "Bad_Name" }, "Bad_Name"))[0]?.path).toEqual(["name"]);
    expect(errors(loaded({ ...base, name: "bootstrap" }, "bootstrap"))[0]?.message).toContain("reserved");
    expect(errors(loaded(base, "other"))[0]?.ruleId).toBe("definition/name-mismatch");
    const dup = errors(loaded(base, "c1", "/fleet/c1.ts"), loaded(base, "c1", "/fleet/c1.yaml"));
    expect(dup.map((d) => d.ruleId)).toEqual(["definition/duplicate-name"]);
  });

  it("gives YAML definitions line and column", () => {
    const text = "name: c1\ndistribution: k4s\n";
    const doc = parseYaml(text) as unknown;
    const r = parseDefinitions([
      {
        file: "/fleet/c1.yaml",
        stem: "c1",
        format: "yaml",
        input: doc,
        locate: (p) => (p[0] === "distribution" ? { line: 2, column: 15 } : undefined),
      },
    ]);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ path: ["distribution"], line: 2, column: 15 }));
  });
});

describe("definition errors an operator can act on", () => {
  const only = (input: unknown) => parseDefinitions([loaded(input)]).diagnostics.filter((d) => d.severity === "error");
  const withDestination = (destination: unknown) => ({ ...base, argocd: { ...base.argocd, destination } });

  it("a union says which options there are and that only one may be given, with a fix", () => {
    const both = only(withDestination({ name: "c1", server: "https://x" }));
    expect(both).toEqual([
      expect.objectContaining({
        path: ["argocd", "destination"],
        message: "argocd.destination must be one of { server } or { name }, not several: it has name and server",
        fix: expect.stringMatching(
          /^Keep only one: argocd\.destination\.server \(.+\); or argocd\.destination\.name \(.+\)\.$/,
        ),
      }),
    ]);
    expect(only(withDestination({ url: "https://x" }))[0]).toMatchObject({
      message: "argocd.destination must be one of { server } or { name }, not { url }",
      fix: expect.stringMatching(/^Set one: /),
    });
    // One option meant, with a wrong value: that option's own problem, at its own path.
    expect(only(withDestination({ server: "http://x" }))[0]).toMatchObject({
      path: ["argocd", "destination", "server"],
      message: expect.stringContaining("must be an https:// API server URL"),
    });
  });

  it("an enum lists its values and suggests the nearest", () => {
    expect(only({ ...base, distribution: "AKS" })[0]).toMatchObject({
      path: ["distribution"],
      message: 'distribution must be one of "rke2", "k3s", "eks", "gke", "aks", "openshift", "kubeadm", not "AKS"',
      fix: "Did you mean distribution: aks?",
    });
    expect(only({ ...base, distribution: "windows" })[0]?.fix).toBe(
      "Use one of rke2, k3s, eks, gke, aks, openshift, kubeadm.",
    );
  });

  it("lists the keys a union of objects accepts once each", () => {
    const [d] = only({ ...base, stack: { chart: "lgtm-distributed", foo: 1 } });
    expect(d?.message).toBe(
      "stack.foo is not a field of a cluster definition (stack accepts chart, version, release, namespace)",
    );
  });

  it("a number where a duration is wanted suggests the duration, not a placeholder", () => {
    const [d] = only({ ...base, tempo: { ...base.tempo, retention: 48 } });
    expect(d).toMatchObject({ ruleId: "tempo/invalid-duration", path: ["tempo", "retention"] });
    expect(d?.fix).toContain('"48h"');
  });

  it("a definition without tempo is an error (it was once left out of the fleet without a word)", () => {
    const { tempo: _t, ...noTempo } = base;
    const r = parseDefinitions([loaded(noTempo)]);
    expect(r.definitions).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ path: ["tempo"], message: "tempo is required" })]);
  });

  it("reports an unknown key of a YAML definition at the key, not at its value", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-keys-"));
    try {
      const text = [
        "name: c1",
        "distribution: k3s",
        "argocd: { repoURL: https://git.example.test/x.git, destination: { name: c1 } }",
        "stack: { chart: lgtm-distributed, foo: 1 }",
        "tempo:",
        "  storage: { backend: s3, bucket: b, credentials: { secretName: s } }",
        "  retentio: 48h",
        "grafana:",
        "  adminSecret: { name: g }",
        "  colour: blue",
        "",
      ].join("\n");
      fs.writeFileSync(path.join(dir, "c1.yaml"), text);
      const loadedDefs = await loadDefinitions(discoverDefinitions(dir));
      const found = parseDefinitions(loadedDefs.definitions).diagnostics.map((d) => [
        formatPath(d.path),
        d.line,
        d.column,
      ]);
      expect(found).toEqual(
        expect.arrayContaining([
          ["stack.foo", 4, 35],
          ["tempo.retentio", 7, 3],
          ["grafana.colour", 10, 3],
        ]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("fillDefinition", () => {
  it("points an enabled metrics-generator without remoteWrite at this stack's Mimir", () => {
    const filled = fillDefinition({
      ...base,
      stack: { chart: "lgtm-distributed", release: "lgtm", namespace: "obs" },
      tempo: { ...base.tempo, metricsGenerator: { enabled: true } },
    }) as typeof base & {
      tempo: { metricsGenerator: { remoteWrite: { url: string }[] } };
    };
    expect(filled.tempo.metricsGenerator.remoteWrite).toEqual([
      { url: "http://lgtm-mimir-nginx.obs.svc.cluster.local/api/v1/push" },
    ]);
    const td = fillDefinition({
      ...base,
      stack: { chart: "tempo-distributed" },
      datasources: { mimirUrl: "http://mimir.example/prometheus" },
      tempo: { ...base.tempo, metricsGenerator: { enabled: true } },
    }) as { tempo: { metricsGenerator: { remoteWrite: { url: string }[] } } };
    expect(td.tempo.metricsGenerator.remoteWrite[0]?.url).toBe("http://mimir.example/api/v1/push");
  });
  it("keeps an explicit remoteWrite and never mutates its input", () => {
    const input = {
      ...base,
      tempo: { ...base.tempo, metricsGenerator: { enabled: true, remoteWrite: [{ url: "http://x/push" }] } },
    };
    expect(fillDefinition(input)).toBe(input);
    const off = { ...base, tempo: { ...base.tempo, metricsGenerator: { enabled: true } } };
    const copy = JSON.stringify(off);
    fillDefinition(off);
    expect(JSON.stringify(off)).toBe(copy);
  });
});
