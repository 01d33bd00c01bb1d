// The `values:` escape hatch over typed fields: generate warns at the override, naming the typed field and its
// position, and the cluster README shows what the chart gets (fixtures/mistakes/overrides.yaml, generated alone).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, type JsonDiagnostic, tempDir } from "./helpers.js";

const FIXTURE = path.join(import.meta.dirname, "fixtures/mistakes/overrides.yaml");
const text = fs.readFileSync(FIXTURE, "utf8");
/** 1-based line and column of the value in `key: value` (the fixture holds the text once). */
function valueAt(keyValue: string): { line: number; column: number } {
  const i = text.indexOf(keyValue);
  expect(i, keyValue).toBeGreaterThan(-1);
  expect(text.indexOf(keyValue, i + 1), keyValue).toBe(-1);
  const at = i + keyValue.indexOf(": ") + 2;
  const before = text.slice(0, at);
  return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
}
const typedAt = (keyValue: string) => {
  const p = valueAt(keyValue);
  return `(line ${p.line}, column ${p.column})`;
};

describe("values: overriding a typed field", () => {
  const dir = tempDir("overrides");
  let code = -1;
  let diags: JsonDiagnostic[] = [];
  let readme = "";
  beforeAll(async () => {
    const fleet = path.join(dir, "fleet");
    fs.mkdirSync(fleet);
    fs.copyFileSync(FIXTURE, path.join(fleet, "overrides.yaml"));
    const out = path.join(dir, "clusters");
    const run = await cli(["generate", "--fleet", fleet, "--out", out, "--format", "json"]);
    code = run.code;
    diags = JSON.parse(run.stdout) as JsonDiagnostic[];
    readme = fs.readFileSync(path.join(out, "overrides/README.md"), "utf8");
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const overrides = () => diags.filter((d) => d.ruleId === "definition/values-override");

  it("still generates: a warning per override, none for a value the typed fields do not set", () => {
    expect(code).toBe(0);
    expect(overrides().map((d) => [d.severity, d.path])).toEqual([
      ["warning", "values.stack.ingester.replicas"],
      ["warning", "values.stack.compactor.replicas"],
      ["warning", "values.stack.compactor.config.compaction.block_retention"],
      ["warning", "values.stack.tempo.structuredConfig.ingester.lifecycler.ring.replication_factor"],
      ["warning", "values.grafana.grafana.admin.existingSecret"],
    ]);
    expect(diags.filter((d) => d.path.includes("podAnnotations") || d.path.includes("query_timeout"))).toEqual([]);
  });

  it("reports at the override, with the typed field's position and both values", () => {
    const byPath = new Map(overrides().map((d) => [d.path, d]));
    const replicas = byPath.get("values.stack.ingester.replicas");
    expect(replicas).toMatchObject({ file: expect.stringMatching(/overrides\.yaml$/), ...valueAt("replicas: 4") });
    expect(replicas?.message).toContain(
      `\`tempo.ingester.replicas\` ${typedAt("replicas: 3")} gives 3, the chart gets 4`,
    );
    expect(replicas?.fix).toBe(
      "Set the value in `tempo.ingester.replicas` and remove `values.stack.ingester.replicas` (`values:` is for what the typed fields do not model).",
    );
    // A null deletes the typed value (Helm): the chart default (1 compactor) applies.
    expect(byPath.get("values.stack.compactor.replicas")).toMatchObject({
      ...valueAt("replicas: null"),
      message: expect.stringContaining(
        `\`tempo.compactor.replicas\` ${typedAt("replicas: 2")} gives 2, the chart gets 1`,
      ),
    });
    expect(byPath.get("values.stack.tempo.structuredConfig.ingester.lifecycler.ring.replication_factor")).toMatchObject(
      {
        ...valueAt("replication_factor: 1"),
        message: expect.stringContaining(
          `\`tempo.ingester.replicationFactor\` ${typedAt("replicationFactor: 3")} gives 3, the chart gets 1`,
        ),
      },
    );
    expect(byPath.get("values.stack.compactor.config.compaction.block_retention")).toMatchObject({
      ...valueAt("block_retention: 720h"),
      message: expect.stringContaining(
        `\`tempo.retention\` ${typedAt("retention: 336h")} gives "336h", the chart gets "720h"`,
      ),
    });
    expect(byPath.get("values.grafana.grafana.admin.existingSecret")).toMatchObject({
      ...valueAt("existingSecret: grafana-admin-2"),
      message: expect.stringContaining(
        `\`grafana.adminSecret.name\` ${typedAt("name: grafana-admin\n")} gives "grafana-admin", the chart gets "grafana-admin-2"`,
      ),
    });
  });

  it("the README shows what the chart gets, not the typed values", () => {
    expect(readme).toContain("- Retention: **720h**");
    expect(readme).toContain("- Ingesters: 4 replica(s), replication factor 1 (writes need 1 live ingester(s))");
    expect(readme).toContain("| ingester | 4 |");
    expect(readme).toContain("| compactor | 1 |");
    expect(readme).toContain("admin credentials come from Secret `grafana-admin-2`");
    expect(readme).not.toMatch(/336h|\| ingester \| 3 \||`grafana-admin`/);
  });
});
