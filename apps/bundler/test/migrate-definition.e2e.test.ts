// `migrate` on cluster definitions (issue 14): every YAML definition of the example and fixture fleets that is on
// Tempo 2 is migrated into a temporary fleet, which then generates, checks, lints clean and builds with kubectl; the
// lgtm-distributed fixture shows what a person must still set, and bad input is refused without a write.
import fs from "node:fs";
import path from "node:path";
import { findChart, preferredChart, type StackChartId } from "@lgtm-gitops/charts";
import { tempoMajorOf } from "@lgtm-gitops/tempo-config";
import { TEMPO3_SIDE_BY_SIDE } from "@lgtm-gitops/validators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkArgoObjects, checkKustomizeBuilds, checkLint, fleetFacts } from "./bundle-checks.js";
import { cli, exampleFleet, fixtureFleet, tempDir } from "./helpers.js";

const KAFKA = "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092";
const LGTM_FIXTURE = path.join(import.meta.dirname, "fixtures/migrate/lgtm-dev.yaml");

/** YAML definitions of a fleet whose stack chart runs Tempo 2. */
function tempo2Definitions(fleet: string): string[] {
  return fs
    .readdirSync(fleet)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(fleet, f))
    .filter((f) => {
      const def = parse(fs.readFileSync(f, "utf8")) as { stack: { chart: string; version?: string } };
      const id = def.stack.version ? findChart(def.stack.chart, def.stack.version) : preferredChart(def.stack.chart);
      return id !== undefined && tempoMajorOf(id as StackChartId) < 3;
    });
}

interface Migrated {
  code: number;
  stderr: string;
  json: { blocking: { ruleId: string; path: string[] }[]; needsHuman: unknown[]; sideBySide: string[] };
}

async function migrate(file: string, ...extra: string[]): Promise<Migrated> {
  const r = await cli(["migrate", file, "--to", "tempo-distributed@3.x", "--in-place", "--format", "json", ...extra]);
  return { code: r.code, stderr: r.stderr, json: r.code === 0 ? JSON.parse(r.stdout) : undefined };
}

let tmp = "";
beforeEach(() => {
  tmp = tempDir("migrate-def");
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("migrate on a cluster definition", () => {
  it("every Tempo 2 YAML definition of the example and fixture fleets migrates to a 3.x one that generate accepts; check, lint and kubectl kustomize pass", async () => {
    const fleet = path.join(tmp, "fleet");
    const out = path.join(tmp, "clusters");
    fs.mkdirSync(fleet);
    const inputs = [...tempo2Definitions(exampleFleet), ...tempo2Definitions(fixtureFleet)];
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    for (const [i, input] of inputs.entries()) {
      const file = path.join(fleet, path.basename(input));
      fs.copyFileSync(input, file);
      // one with the broker the bundle deploys, the other with a broker of its own
      const m = await migrate(file, ...(i % 2 === 1 ? ["--kafka-address", KAFKA] : []));
      expect(m.stderr).toBe("");
      expect(m.code).toBe(0);
      expect(m.json.blocking, input).toEqual([]);
      expect(m.json.sideBySide).toEqual(TEMPO3_SIDE_BY_SIDE);
      const def = parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, unknown>>;
      expect(def.stack?.chart).toBe("tempo-distributed");
      expect(tempoMajorOf(findChart("tempo-distributed", String(def.stack?.version)) as StackChartId)).toBe(3);
      expect(def.tempo).not.toHaveProperty("ingester");
      expect(def.tempo).not.toHaveProperty("compactor");
      if (i % 2 === 1) expect(def.tempo?.kafka).toMatchObject({ address: KAFKA });
      else expect(def.kafka).toEqual({ deploy: "strimzi" });
    }
    const g = await cli(["generate", "--fleet", fleet, "--out", out]);
    expect(g.stderr).not.toMatch(/ error /);
    expect(g.code).toBe(0);
    expect((await cli(["check", "--fleet", fleet, "--out", out])).code).toBe(0);
    const facts = await fleetFacts(fleet);
    checkArgoObjects(out, facts);
    await checkLint(out, facts);
    await checkKustomizeBuilds(out, facts);
  });

  it("keeps comments, order and untouched lines; the 3.x release gets a name of its own", async () => {
    const file = path.join(tmp, "staging-k3s.yaml");
    const input = fs.readFileSync(path.join(exampleFleet, "staging-k3s.yaml"), "utf8");
    fs.writeFileSync(file, input);
    expect((await migrate(file)).code).toBe(0);
    const text = fs.readFileSync(file, "utf8");
    // the schema line stays first; untouched lines keep their bytes (flow maps as written)
    expect(text.split("\n")[0]).toBe(input.split("\n")[0]);
    for (const kept of ["      requests: { cpu: 200m, memory: 256Mi }", "      grpc: { enabled: true }"])
      expect(text).toContain(kept);
    expect(text).toMatch(/release: tempo3\n/);
    // liveStore where ingester was, backendWorker where compactor was
    const keys = Object.keys((parse(text) as { tempo: object }).tempo);
    expect(keys.indexOf("liveStore")).toBe(Object.keys((parse(input) as { tempo: object }).tempo).indexOf("ingester"));
    expect(keys.indexOf("backendWorker")).toBe(
      Object.keys((parse(input) as { tempo: object }).tempo).indexOf("compactor"),
    );
  });

  it("lgtm-distributed: Loki as its own Application, Mimir left to the person; generate names what is missing until it is set", async () => {
    const fleet = path.join(tmp, "fleet");
    fs.mkdirSync(fleet);
    const file = path.join(fleet, "lgtm-dev.yaml");
    fs.copyFileSync(LGTM_FIXTURE, file);
    const text = await cli(["migrate", file, "--to", "tempo-distributed@3.x", "--in-place"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("datasources.mimirUrl: tempo-distributed installs no Mimir");
    expect(text.stdout).toContain("tempo.metricsGenerator.processors: local-blocks:");
    expect(text.stdout).toContain("tempo.structuredConfig.ingester: Tempo 3.0 has no `ingester`");
    expect(text.stdout).toContain("Generate refuses it until these are fixed (3):");
    const migrated = fs.readFileSync(file, "utf8");
    expect(migrated).toContain("  # One ingester, so replication factor 1.\n  liveStore:");
    expect(migrated).toContain("    replicas: 1 # one compactor");
    const def = parse(migrated) as Record<string, Record<string, unknown>>;
    expect(def.stack).toEqual({
      chart: "tempo-distributed",
      version: def.stack?.version,
      release: "tempo",
      namespace: "lgtm-stack",
    });
    expect(def.values?.stack).toEqual({
      tempo: { podAnnotations: { team: "tracing" } },
      overrides: { defaults: { compaction: { compaction_disabled: true } } },
      per_tenant_overrides: { "team-a": { compaction: { compaction_disabled: true } } },
    });
    expect(def.tempo?.metricsGenerator).toMatchObject({ processors: ["service-graphs", "span-metrics"] });
    // what the person sets, then it generates
    const done = migrated
      .replace('"<set me: Loki chunks bucket>"', "loki-chunks-dev")
      .replace('"<set me: Loki ruler bucket>"', "loki-ruler-dev")
      .replace(
        "  tenant: team-a\n",
        "  tenant: team-a\n  mimirUrl: http://mimir-nginx.mimir.svc.cluster.local/prometheus\n",
      );
    fs.writeFileSync(file, done);
    const out = path.join(tmp, "clusters");
    const g = await cli(["generate", "--fleet", fleet, "--out", out]);
    expect(g.code, g.stdout + g.stderr).toBe(0);
    const facts = await fleetFacts(fleet);
    expect(facts.definitions.get("lgtm-dev")?.loki).toBeDefined();
    await checkKustomizeBuilds(out, facts);
  });

  it.each([
    [
      "a definition the schema refuses",
      "bad.yaml",
      "name: x\nstack: { chart: tempo-distributed }\ntempo: {}\n",
      "migrate/invalid-input",
    ],
    ["a TypeScript definition", "x.ts", "export default {};\n", "migrate/invalid-input"],
    ["a definition on Tempo 3 already", "tempo3-eks.yaml", undefined, "migrate/already-tempo3"],
  ])("bad input (%s): a clear error, exit 2, nothing written", async (_what, name, content, code) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content ?? fs.readFileSync(path.join(exampleFleet, name), "utf8"));
    const before = fs.readFileSync(file, "utf8");
    const r = await cli(["migrate", file, "--to", "tempo-distributed@3.x", "--in-place"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`(${code})\n  fix: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
    expect(fs.readdirSync(tmp)).toEqual([name]);
  });

  it("a definition needs --in-place or --out (a copy beside it would define the cluster twice)", async () => {
    const file = path.join(tmp, "staging-k3s.yaml");
    fs.copyFileSync(path.join(exampleFleet, "staging-k3s.yaml"), file);
    const r = await cli(["migrate", file, "--to", "tempo-distributed@3.x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a cluster definition: say where the migrated one goes (usage/invalid-arguments)");
    expect(fs.readdirSync(tmp)).toEqual(["staging-k3s.yaml"]);
  });
});
