import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEMPO3_SIDE_BY_SIDE } from "@lgtm-gitops/validators";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TUTORIAL_DIR } from "../../../../fixtures/tutorial.js";
import { runCli } from "../cli.js";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const KAFKA = "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-migrate-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd: dir,
    root: repoRoot,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** A copy of the tutorial's lgtm-distributed values in the test's directory. */
function tutorial(): string {
  const file = path.join(dir, "lgtm-values.yaml");
  fs.copyFileSync(path.join(TUTORIAL_DIR, "lgtm-values.yaml"), file);
  return file;
}

describe("migrate", () => {
  it("migrates the tutorial beside the input; the result lints clean on tempo-distributed 3.3.0 (issue 14)", async () => {
    const input = tutorial();
    const before = fs.readFileSync(input, "utf8");
    const r = await run(["migrate", "lgtm-values.yaml", "--to", "tempo-distributed@3.x", "--kafka-address", KAFKA]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(input, "utf8")).toBe(before);
    expect(r.stdout).toMatch(
      /^wrote lgtm-values\.tempo3\.yaml: tempo-distributed@3\.3\.0 values from lgtm-distributed@3\.0\.1/,
    );
    const lists = ["No equivalent in Tempo 3.0", "Needs a human", "Upgrade side by side"].map((h) =>
      r.stdout.indexOf(h),
    );
    expect(lists.every((i) => i > 0)).toBe(true);
    expect([...lists].sort((a, b) => a - b)).toEqual(lists);
    expect(r.stdout).toContain("ingester.replicas: replaced by the Kafka partition count");
    const out = parse(fs.readFileSync(path.join(dir, "lgtm-values.tempo3.yaml"), "utf8")) as Record<string, never>;
    expect(out).toMatchObject({
      ingest: { kafka: { address: KAFKA } },
      liveStore: { replicas: 3 },
      blockBuilder: { replicas: 3 },
    });
    const lint = await run([
      "lint",
      "lgtm-values.tempo3.yaml",
      "--chart",
      "tempo-distributed@3.3.0",
      "--format",
      "json",
    ]);
    expect(lint.code).toBe(0);
    const found = JSON.parse(lint.stdout) as { ruleId: string; severity: string; path: string }[];
    expect(found.filter((d) => d.severity === "error")).toEqual([]);
    // warnings only for what truly needs a person: the bucket the tutorial never had
    expect(found.map((d) => `${d.ruleId} ${d.path}`)).toEqual([
      "tempo3/placeholder storage.trace.s3.bucket",
      "tempo3/placeholder storage.trace.s3.endpoint",
    ]);
  });

  it("--out, --partitions and --format json; no partial file and no temp file left", async () => {
    tutorial();
    const r = await run([
      "migrate",
      "lgtm-values.yaml",
      "--to",
      "tempo-distributed@3.2.1",
      "--out",
      "t3.yaml",
      "--partitions",
      "1",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { to: string; out: string; needsHuman: unknown[]; sideBySide: string[] };
    expect(j.to).toBe("tempo-distributed@3.2.1");
    expect(j.out).toBe("t3.yaml");
    expect(j.sideBySide).toEqual(TEMPO3_SIDE_BY_SIDE);
    // no --kafka-address: a placeholder and a finding saying it must be set
    expect(JSON.stringify(j.needsHuman)).toContain("ingest.kafka.address");
    const out = parse(fs.readFileSync(path.join(dir, "t3.yaml"), "utf8")) as { liveStore: { replicas: number } };
    expect(out.liveStore.replicas).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(["lgtm-values.yaml", "t3.yaml"]);
  });

  it("never overwrites the input unless --in-place", async () => {
    const input = tutorial();
    const before = fs.readFileSync(input, "utf8");
    const r = await run(["migrate", "lgtm-values.yaml", "--to", "tempo-distributed@3.x", "--out", "lgtm-values.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(usage/invalid-arguments)");
    expect(fs.readFileSync(input, "utf8")).toBe(before);
    const inPlace = await run(["migrate", "lgtm-values.yaml", "--to", "tempo-distributed@3.x", "--in-place"]);
    expect(inPlace.code).toBe(0);
    expect(fs.readFileSync(input, "utf8")).toContain("liveStore:");
    expect(fs.readdirSync(dir)).toEqual(["lgtm-values.yaml"]);
  });

  it.each([
    ["not YAML", "a: [1\n", "migrate/invalid-input"],
    ["not a Tempo chart's values", "prometheus:\n  enabled: true\n", "migrate/invalid-input"],
    ["already 3.x", "liveStore:\n  replicas: 1\ningest:\n  kafka:\n    address: k:9092\n", "migrate/already-tempo3"],
  ])("bad input (%s): a clear error, exit 2, nothing written", async (_what, text, code) => {
    fs.writeFileSync(path.join(dir, "v.yaml"), text);
    const r = await run(["migrate", "v.yaml", "--to", "tempo-distributed@3.x"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^lgtm-gitops: v\\.yaml: .*\\(${code.replace("/", "\\/")}\\)\\n {2}fix: `));
    expect(fs.readdirSync(dir)).toEqual(["v.yaml"]);
  });

  it("an unknown target, a missing --to or file: exit 2", async () => {
    tutorial();
    const unknown = await run(["migrate", "lgtm-values.yaml", "--to", "tempo-distributed@1.61.3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(migrate/unknown-target)");
    expect((await run(["migrate", "lgtm-values.yaml"])).stderr).toContain("migrate needs --to");
    expect((await run(["migrate", "--to", "tempo-distributed@3.x"])).stderr).toContain("migrate needs a FILE");
    expect((await run(["migrate", "nope.yaml", "--to", "tempo-distributed@3.x"])).stderr).toContain(
      "nope.yaml does not exist",
    );
    expect(
      (await run(["migrate", "lgtm-values.yaml", "--to", "tempo-distributed@3.x", "--partitions", "0"])).code,
    ).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(["lgtm-values.yaml"]);
  });

  it("docs/migrate-to-tempo-3.md explains the same side-by-side steps the command prints", () => {
    const doc = fs.readFileSync(path.join(repoRoot, "docs/migrate-to-tempo-3.md"), "utf8").replace(/\s+/g, " ");
    for (const step of TEMPO3_SIDE_BY_SIDE) expect(doc, step).toContain(step);
  });
});
