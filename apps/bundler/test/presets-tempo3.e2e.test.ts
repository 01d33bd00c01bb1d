// Tempo 3 presets (issue 14): a definition whose `tempo:` is `presets.tempo3.dev()` or `.prod()` on the newest
// catalogued grafana-community tempo-distributed 3.x generates a bundle that passes check, lint and kubectl kustomize.
import fs from "node:fs";
import path from "node:path";
import { chartDescriptor } from "@lgtm-gitops/charts";
import { presets, sizeFor } from "@lgtm-gitops/tempo-config";
import { resolveTempo3Target } from "@lgtm-gitops/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkArgoObjects, checkKustomizeBuilds, checkLint, fleetFacts } from "./bundle-checks.js";
import { cli, tempDir } from "./helpers.js";

const target = resolveTempo3Target("tempo-distributed@3.x");
const version = target.ok ? chartDescriptor(target.value).version : "";

function definition(name: string, tempo: unknown, extra: Record<string, unknown>): string {
  return stringify({
    name,
    distribution: "eks",
    argocd: { repoURL: "https://git.example.test/fleet.git", destination: { name } },
    stack: { chart: "tempo-distributed", version },
    tempo,
    grafana: { adminSecret: { name: "grafana-admin" } },
    datasources: {
      lokiUrl: "http://loki-gateway.loki.svc.cluster.local",
      mimirUrl: "http://mimir-nginx.mimir.svc.cluster.local/prometheus",
    },
    ...extra,
  });
}

describe("presets.tempo3 on the newest community tempo-distributed 3.x", () => {
  let tmp = "";
  let fleet = "";
  let out = "";
  beforeAll(() => {
    expect(target.ok).toBe(true);
    tmp = tempDir("presets3");
    fleet = path.join(tmp, "fleet");
    out = path.join(tmp, "clusters");
    fs.mkdirSync(fleet);
    const s3 = {
      backend: "s3" as const,
      bucket: "tempo-t3",
      region: "eu-west-1",
      credentials: { secretName: "tempo-s3" },
    };
    const sized = sizeFor({ ingestMBps: 40, generation: 3 });
    // dev: the broker the bundle deploys; prod (sized for 40 MB/s): a broker of its own
    fs.writeFileSync(
      path.join(fleet, "t3-dev.yaml"),
      definition("t3-dev", presets.tempo3.dev({ storage: s3 }), { kafka: { deploy: "strimzi" } }),
    );
    fs.writeFileSync(
      path.join(fleet, "t3-prod.yaml"),
      definition(
        "t3-prod",
        presets.tempo3.prod({
          ...sized.spec,
          storage: s3,
          kafka: { ...sized.spec.kafka, address: "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092" },
        }),
        {},
      ),
    );
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("generates, and check, lint, the Argo CD schemas and kubectl kustomize pass", async () => {
    const g = await cli(["generate", "--fleet", fleet, "--out", out]);
    expect(g.stderr).not.toMatch(/ error /);
    expect(g.code).toBe(0);
    expect((await cli(["check", "--fleet", fleet, "--out", out])).code).toBe(0);
    const facts = await fleetFacts(fleet);
    checkArgoObjects(out, facts);
    await checkLint(out, facts);
    await checkKustomizeBuilds(out, facts);
    const values = fs.readFileSync(path.join(out, "t3-prod/values/tempo.yaml"), "utf8");
    expect(values).toMatch(/liveStore:\n {2}replicas: 5\n/);
    expect(values).toMatch(/blockBuilder:\n {2}replicas: 5\n/);
  });
});
