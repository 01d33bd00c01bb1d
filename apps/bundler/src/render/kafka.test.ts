// Tempo 3.0 bundles (grafana-community tempo-distributed 3.x) and the Kafka broker they deploy with Strimzi. The
// facts checked come from the sources: the chart's templates/validate.yaml (no render without ingest.kafka.address),
// Strimzi 1.2.0's CRDs (kafka.strimzi.io/v1; KRaft node pools), Tempo v3.0.3's upgrade guide (one live-store and one
// block-builder per partition).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { validateObject } from "@lgtm-gitops/kustomize";
import { kubectlAvailable, kustomizeBuildDir } from "@lgtm-gitops/kustomize/testing";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { definitionSchema } from "../definition/schema.js";
import { definitionErrors, TEMPO3_BASE, TEMPO3_STORAGE } from "./__fixtures__/tempo3-definition.js";
import { renderCluster } from "./cluster.js";

const input = {
  ...TEMPO3_BASE,
  distribution: "eks",
  tempo: {
    storage: TEMPO3_STORAGE,
    kafka: { partitions: 2 },
  },
  datasources: {
    lokiUrl: "http://loki-gateway.loki.svc.cluster.local",
    mimirUrl: "http://mimir-gateway.mimir.svc.cluster.local/prometheus",
  },
  kafka: { deploy: "strimzi" },
};

function render(over: Record<string, unknown> = {}) {
  return renderCluster(definitionSchema.parse({ ...input, ...over }));
}

// biome-ignore lint/suspicious/noExplicitAny: the tests walk parsed YAML documents
type Doc = Record<string, any>;
const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Doc);

describe("a Tempo 3.0 bundle with its own Kafka broker", () => {
  const r = render();
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  const files = r.value;

  it("adds the Strimzi operator release and the broker's Application and manifests", () => {
    expect([...files.keys()]).toEqual([
      "README.md",
      "applications/kafka.yaml",
      "applications/kube-prometheus-stack.yaml",
      "applications/strimzi-kafka-operator.yaml",
      "applications/tempo.yaml",
      "kafka/kafka.yaml",
      "kafka/kustomization.yaml",
      "kustomization.yaml",
      "namespaces.yaml",
      "project.yaml",
      "values/kube-prometheus-stack.yaml",
      "values/strimzi-kafka-operator.yaml",
      "values/tempo.yaml",
    ]);
  });

  it("points Tempo at the broker's bootstrap Service and sizes live-stores and block-builders by the partitions", () => {
    const tempo = parseYaml(files.get("values/tempo.yaml")!) as Doc;
    expect(tempo.ingest.kafka).toEqual({
      address: "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092",
      topic: "tempo-traces",
      auto_create_topic_enabled: false,
      auto_create_topic_default_partitions: 2,
    });
    expect(tempo.liveStore.replicas).toBe(2);
    expect(tempo.blockBuilder.replicas).toBe(2);
  });

  it("declares the topic with exactly those partitions, and a KRaft cluster with a plaintext listener", () => {
    const [pool, kafka, topic] = objects(files.get("kafka/kafka.yaml")!);
    expect(pool).toMatchObject({ kind: "KafkaNodePool", spec: { replicas: 1, roles: ["controller", "broker"] } });
    expect(kafka?.spec.kafka.listeners).toEqual([{ name: "plain", port: 9092, type: "internal", tls: false }]);
    expect(kafka?.spec.kafka.config["auto.create.topics.enable"]).toBe(false);
    expect(topic).toMatchObject({
      kind: "KafkaTopic",
      metadata: { name: "tempo-traces", labels: { "strimzi.io/cluster": "kafka" } },
      spec: { partitions: 2, replicas: 1, config: { "retention.ms": 86_400_000, "max.message.bytes": 16_777_216 } },
    });
  });

  it("replicates 3 ways (2 in sync) from 3 nodes", () => {
    const three = render({ kafka: { deploy: "strimzi", nodes: 3, retention: "12h" } });
    if (!three.ok) throw new Error("render failed");
    const [, kafka, topic] = objects(three.value.get("kafka/kafka.yaml")!);
    expect(kafka?.spec.kafka.config).toMatchObject({ "default.replication.factor": 3, "min.insync.replicas": 2 });
    expect(topic?.spec).toMatchObject({ replicas: 3, config: { "retention.ms": 43_200_000 } });
  });

  it("every object passes its CRD schema (Strimzi's for the broker, Argo CD's for the Applications and project)", () => {
    for (const [file, text] of files)
      if (file.endsWith(".yaml") && !file.startsWith("values/"))
        for (const o of objects(text)) expect(validateObject(o), file).toEqual([]);
  });

  it("orders the sync: operator with kube-prometheus-stack, broker next, Tempo last", () => {
    const wave = (f: string) => Number(objects(files.get(f)!)[0]?.metadata.annotations["argocd.argoproj.io/sync-wave"]);
    expect(wave("applications/strimzi-kafka-operator.yaml")).toBe(wave("applications/kube-prometheus-stack.yaml"));
    expect(wave("applications/kafka.yaml")).toBeGreaterThan(wave("applications/strimzi-kafka-operator.yaml"));
    expect(wave("applications/tempo.yaml")).toBeGreaterThan(wave("applications/kafka.yaml"));
  });

  it("lets the AppProject deploy the operator's CRDs and RBAC and exactly the three Strimzi kinds, into kafka", () => {
    const project = objects(files.get("project.yaml")!)[0]!;
    const kinds = (list: { group: string; kind: string }[]) => list.map((k) => `${k.group}/${k.kind}`);
    expect(kinds(project.spec.clusterResourceWhitelist)).toEqual(
      expect.arrayContaining([
        "apiextensions.k8s.io/CustomResourceDefinition",
        "rbac.authorization.k8s.io/ClusterRole",
        "rbac.authorization.k8s.io/ClusterRoleBinding",
      ]),
    );
    expect(
      kinds(project.spec.namespaceResourceWhitelist).filter((k: string) => k.startsWith("kafka.strimzi.io/")),
    ).toEqual(["kafka.strimzi.io/Kafka", "kafka.strimzi.io/KafkaNodePool", "kafka.strimzi.io/KafkaTopic"]);
    expect(project.spec.sourceRepos).toContain("https://strimzi.io/charts/");
    expect(project.spec.destinations.map((d: { namespace: string }) => d.namespace)).toContain("kafka");
  });

  it("kubectl kustomize builds the cluster and the broker's directory (skipped without kubectl)", async (ctx) => {
    if (!kubectlAvailable()) ctx.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "t3-"));
    try {
      for (const [rel, text] of files) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      for (const d of [dir, path.join(dir, "kafka")]) {
        const built = await kustomizeBuildDir(d);
        expect(built.ok ? "" : built.error, d).toBe("");
        if (built.ok) for (const o of built.objects) expect(validateObject(o)).toEqual([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Tempo 3.0 definitions that cannot work", () => {
  const errors = (over: Record<string, unknown>) => definitionErrors({ ...input, ...over });

  it("a broker for a Tempo 2 stack", () => {
    expect(
      errors({ stack: { chart: "tempo-distributed", version: "1.61.3" }, tempo: { storage: input.tempo.storage } }),
    ).toEqual([["definition/kafka-unused", "kafka"]]);
  });

  it("two brokers", () => {
    expect(errors({ tempo: { ...input.tempo, kafka: { address: "my-kafka:9092" } } })).toEqual([
      ["definition/kafka-address-twice", "tempo.kafka.address"],
    ]);
  });

  it("Kafka in a release's namespace", () => {
    expect(errors({ kafka: { deploy: "strimzi", namespace: "tempo" } })).toEqual([
      ["definition/namespace", "kafka.namespace"],
    ]);
  });

  it("no broker at all: generate says the chart would not render", () => {
    const { kafka: _k, ...noBroker } = input;
    const r = renderCluster(definitionSchema.parse(noBroker));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      ruleId: "tempo/kafka-address-missing",
      path: ["tempo", "kafka", "address"],
    });
  });
});

describe("values.kafka: pass-through values for the Strimzi operator chart", () => {
  const resources = { requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "384Mi" } };
  const withValues = (kafka: Record<string, unknown>) => render({ values: { kafka } });
  const own = (r: ReturnType<typeof render>) => r.diagnostics.filter((d) => d.path[0] !== "tempo");

  it("merges them over the operator's generated values, nothing reported", () => {
    const r = withValues({ resources, tolerations: [{ key: "dedicated", operator: "Exists" }] });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
    expect(own(r)).toEqual([]);
    expect(parseYaml(r.value.get("values/strimzi-kafka-operator.yaml")!)).toEqual({
      watchNamespaces: [],
      watchAnyNamespace: false,
      resources,
      tolerations: [{ key: "dedicated", operator: "Exists" }],
    });
  });

  it("refuses a key the chart version does not read, at values.kafka, with the nearest key", () => {
    const r = withValues({ resource: resources });
    expect(r.ok).toBe(false);
    expect(own(r)).toContainEqual(
      expect.objectContaining({
        ruleId: "chart/unknown-key",
        severity: "error",
        path: ["values", "kafka", "resource"],
        fix: "Rename it to `values.kafka.resources`.",
      }),
    );
  });

  it("refuses a credential written in plain text, at the values.kafka field that writes it", () => {
    const r = withValues({ extraEnvs: [{ name: "PROXY", value: "http://proxy-user:Sup3rS3cretPw@proxy:3128" }] });
    expect(r.ok).toBe(false);
    expect(own(r).map((d) => [d.ruleId, d.severity, d.path.join(".")])).toContainEqual([
      "secret/plaintext-credential",
      "error",
      "values.kafka.extraEnvs.0.value",
    ]);
  });

  it("warns when it changes which namespaces the operator watches (the bundle's broker is in kafka.namespace)", () => {
    const r = withValues({ watchAnyNamespace: true });
    expect(r.ok).toBe(true);
    const warnings = own(r).filter((d) => d.ruleId === "definition/values-override");
    expect(warnings.map((d) => [d.severity, d.path.join(".")])).toEqual([
      ["warning", "values.kafka.watchAnyNamespace"],
    ]);
    expect(warnings[0]?.message).toContain("`kafka` gives false, the chart gets true");
  });

  it("without kafka: there is no operator to pass values to: refused", () => {
    const { kafka: _k, ...noBroker } = input;
    expect(
      definitionErrors({
        ...noBroker,
        tempo: { ...input.tempo, kafka: { address: "my-kafka:9092", partitions: 2 } },
        values: { kafka: { resources } },
      }),
    ).toEqual([["definition/values-unused", "values.kafka"]]);
  });
});
