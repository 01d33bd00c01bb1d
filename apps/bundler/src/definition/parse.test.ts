import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { LoadedDefinition } from "../fleet/load.js";
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
