// Every diagnostic of `generate` points at a definition file: the definition checks, the value rules on the compiled
// values (run once, through each values file's source map), the Argo CD/Kustomize checks and the secret scan. The
// definitions under fixtures/mistakes/ (each with known mistakes) fire every rule that can fire from a definition;
// each finding must name a definition file with the line and column of the field, never a generated file.
import fs from "node:fs";
import path from "node:path";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, exampleFleet, type JsonDiagnostic, repoRoot, tempDir } from "./helpers.js";

const FLEET = path.join(import.meta.dirname, "fixtures/mistakes");
const read = (file: string) => fs.readFileSync(path.join(FLEET, file), "utf8");
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

/** Every rule the fixtures fire: each can fire from a definition. */
const EXPECTED = [
  "bootstrap/mixed-argocd-settings",
  "chart/unknown-key",
  "definition/duplicate-project",
  "definition/duplicate-release",
  "definition/invalid",
  "definition/namespace",
  "definition/unknown-key",
  "dns/gateway-resolver",
  "resources/missing-memory-limit",
  "resources/requests-above-limits",
  "secret/plaintext",
  "secret/plaintext-credential",
  "tempo/check-config-block-retention",
  "tempo/check-config-blocklist-poll-concurrency",
  "tempo/check-config-retention-concurrency",
  "tempo/expand-env-reference",
  "tempo/gateway-disabled",
  "tempo/ingester-no-persistence",
  "tempo/ingestion-burst-below-rate",
  "tempo/invalid-duration",
  "tempo/invalid-replicas",
  "tempo/legacy-overrides",
  "tempo/literal-secret",
  "tempo/local-storage",
  "tempo/max-bytes-per-trace",
  "tempo/metrics-generator-config-ignored",
  "tempo/metrics-generator-wiring",
  "tempo/minio-dev-only",
  "tempo/no-receiver",
  "tempo/not-a-tempo-setting",
  "tempo/receiver-port-mismatch",
  "tempo/remote-write-tenant",
  "tempo/replication-below-rf",
  "tempo/replication-factor-two",
  "tempo/replication-quorum",
  "tempo/s3-endpoint-scheme",
  "tempo/startup-error",
  "tempo/storage-credentials-missing",
  "tempo/structured-config-shadows-spec",
  "tempo/tenant-override-incomplete",
  "tempo/tenant-without-multitenancy",
  "tempo/unknown-config-key",
  "tempo/unknown-spec-key",
];

async function generateJson(fleet: string): Promise<JsonDiagnostic[]> {
  const dir = tempDir("positions");
  try {
    const run = await cli(["generate", "--fleet", fleet, "--out", path.join(dir, "clusters"), "--format", "json"]);
    return JSON.parse(run.stdout) as JsonDiagnostic[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("every diagnostic of generate points at a definition file", () => {
  let diags: JsonDiagnostic[] = [];
  beforeAll(async () => {
    diags = await generateJson(FLEET);
  }, 120_000);

  it("fires every rule that can fire from a definition", () => {
    const fired = new Set(diags.map((d) => d.ruleId));
    expect(EXPECTED.filter((id) => !fired.has(id))).toEqual([]);
  });

  it("reports each at its definition file, with the line and column of the field", () => {
    const definitions = new Set(fs.readdirSync(FLEET).map((f) => path.join(FLEET, f)));
    const misplaced = diags.filter((d) => d.file === null || !definitions.has(path.resolve(repoRoot, d.file)));
    expect(misplaced).toEqual([]);
    const unplaced = diags.filter((d) => d.line === null || d.column === null);
    expect(unplaced.map((d) => `${d.ruleId} ${d.file} ${d.path}`)).toEqual([]);
  });

  it("points value-rule findings at the field that set the value, in definition terms", () => {
    const at = (file: string, ruleId: string) =>
      diags.filter((d) => d.file?.endsWith(file) && d.ruleId === ruleId).map((d) => [d.path, d.line, d.fix]);
    const warnings = read("warnings.yaml");
    // Once (the spec no longer repeats the value rule), at the replicas the definition sets, with a definition fix.
    expect(at("warnings.yaml", "tempo/replication-below-rf")).toEqual([
      [
        "tempo.ingester.replicas",
        lineOf(warnings, "replicas: 2"),
        "Run 3 ingesters (`tempo.ingester.replicas: 3`) or set `tempo.ingester.replicationFactor: 2`.",
      ],
    ]);
    const valueErrors = read("value-errors.yaml");
    expect(at("value-errors.yaml", "chart/unknown-key").map(([p]) => p)).toContain(
      formatPath(["values", "stack", "tempo", "query_frontend"]),
    );
    expect(at("value-errors.yaml", "secret/plaintext")).toEqual([
      [
        "values.grafana.grafana.adminPassword",
        lineOf(valueErrors, "adminPassword"),
        expect.stringContaining("set `grafana.adminSecret.name: <name>` (with `grafana.adminSecret.userKey`/"),
      ],
    ]);
    // Nothing sets the memory limits: the finding names the spec field to set and points at its nearest section.
    expect(at("value-errors.yaml", "resources/missing-memory-limit").map(([p, l]) => [p, l])).toEqual([
      ["tempo.compactor.resources.limits.memory", lineOf(valueErrors, "tempo:")],
      ["tempo.ingester.resources.limits.memory", lineOf(valueErrors, "  ingester:")],
    ]);
    const secretEnv = read("secret-env.yaml");
    expect(at("secret-env.yaml", "secret/plaintext-credential").map(([p, l]) => [p, l])).toEqual([
      ["values.grafana.grafana.env.GF_SECURITY_ADMIN_PASSWORD", lineOf(secretEnv, "GF_SECURITY_ADMIN_PASSWORD")],
    ]);
  });

  it("places findings on TypeScript definitions at the line of their object literal", async () => {
    const example = await generateJson(exampleFleet);
    const ts = example.filter((d) => d.file?.endsWith(".ts"));
    expect(ts.length).toBeGreaterThan(0);
    const text = fs.readFileSync(path.join(exampleFleet, "dev-rke2.ts"), "utf8");
    expect(ts.map((d) => [d.ruleId, d.path, d.line])).toEqual([
      [
        "tempo/remote-write-tenant",
        "tempo.metricsGenerator.remoteWrite[0].tenantId",
        lineOf(text, "metricsGenerator: {"),
      ],
    ]);
  });
});
