// Secret safety: the tutorial's plaintext Grafana admin password cannot reach the output by any path, the secret
// scanner runs in generate and check, and no generated bundle (the example fleet's, the committed clusters/) holds a
// credential: every credential is a reference to an existing Secret.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { runCli } from "../src/cli.js";
import { SECRET_RULE_ID, scanForSecrets } from "../src/safety/secret-scan.js";
import { exampleFleet, repoRoot } from "./helpers.js";
import { testDefinition } from "./hostile/harness.js";

const committed = path.join(repoRoot, "clusters");
const PASSWORD = "admin123";
const SECRET_RULES = ["secret/plaintext", SECRET_RULE_ID, "tempo/literal-secret"];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The tests' own valid definition with `extra` appended (see `testDefinition`). */
function definition(extra = ""): string {
  return testDefinition({ name: "secrets", extra });
}

function workspace(def: string): { fleet: string; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-secrets-"));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "fleet"));
  fs.writeFileSync(path.join(dir, "fleet/secrets.yaml"), def);
  return { fleet: path.join(dir, "fleet"), out: path.join(dir, "clusters") };
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd: repoRoot,
    root: repoRoot,
    lockWaitMs: 200,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile())
      out.set(
        path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"),
        fs.readFileSync(path.join(e.parentPath, e.name), "utf8"),
      );
  return out;
}

/** Every way a definition can carry a value into the output, each with the tutorial's password. */
const CHANNELS: ReadonlyArray<readonly [string, string]> = [
  [
    "kube-prometheus-stack pass-through: grafana.adminPassword (the tutorial)",
    `values:\n  grafana:\n    grafana:\n      adminPassword: "${PASSWORD}"\n`,
  ],
  [
    "grafana.ini admin_password",
    `values:\n  grafana:\n    grafana:\n      grafana.ini:\n        security:\n          admin_password: ${PASSWORD}\n`,
  ],
  [
    "Grafana env var",
    `values:\n  grafana:\n    grafana:\n      env:\n        GF_SECURITY_ADMIN_PASSWORD: ${PASSWORD}\n`,
  ],
  [
    "an env list with a literal value (init container)",
    `values:\n  grafana:\n    grafana:\n      extraInitContainers:\n        - name: init\n          image: busybox:1.36\n          env:\n            - name: GF_SECURITY_ADMIN_PASSWORD\n              value: ${PASSWORD}\n`,
  ],
  [
    "datasource basic-auth password",
    `values:\n  grafana:\n    grafana:\n      additionalDataSources:\n        - name: Extra\n          type: loki\n          url: http://loki:3100\n          basicAuth: true\n          secureJsonData:\n            basicAuthPassword: ${PASSWORD}\n`,
  ],
  [
    "Tempo gateway basic auth",
    `values:\n  stack:\n    gateway:\n      basicAuth:\n        enabled: true\n        username: admin\n        password: ${PASSWORD}\n`,
  ],
  [
    "Tempo structuredConfig S3 secret key",
    `values:\n  stack:\n    tempo:\n      structuredConfig:\n        storage:\n          trace:\n            s3:\n              secret_key: ${PASSWORD}\n`,
  ],
  [
    "a password in a URL",
    `values:\n  grafana:\n    grafana:\n      additionalDataSources:\n        - name: Extra\n          type: loki\n          url: http://admin:${PASSWORD}@loki:3100\n`,
  ],
];

describe("the tutorial's adminPassword cannot reach the output", () => {
  it("the tutorial really commits it", () => {
    expect(tutorialFile("prometheus-values.yaml")).toContain(`adminPassword: "${PASSWORD}"`);
  });

  for (const [channel, extra] of CHANNELS) {
    it(`through ${channel}: generate exits 1 with a secret diagnostic and writes nothing`, async () => {
      const ws = workspace(definition(extra));
      const run = await cli(["generate", "--fleet", ws.fleet, "--out", ws.out, "--format", "json"]);
      expect(run.code, run.stderr).toBe(1);
      const diags = JSON.parse(run.stdout) as { ruleId: string; severity: string; message: string }[];
      const secret = diags.filter((d) => SECRET_RULES.includes(d.ruleId) && d.severity === "error");
      expect(secret.length, run.stdout).toBeGreaterThan(0);
      // The password never appears in what we print either.
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
      expect(fs.existsSync(ws.out) ? filesUnder(ws.out).size : 0).toBe(0);
    });
  }

  it("without the password, the same definition generates (the channels above fail only because of it)", async () => {
    const ws = workspace(definition());
    const run = await cli(["generate", "--fleet", ws.fleet, "--out", ws.out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    expect(filesUnder(ws.out).size).toBeGreaterThan(5);
  });
});

describe("the scanner is part of generate and check", () => {
  // An env var holding the password is caught by the output scanner (no chart rule knows Grafana's env map).
  const extra = `values:\n  grafana:\n    grafana:\n      env:\n        GF_SECURITY_ADMIN_PASSWORD: ${PASSWORD}\n`;

  it("generate reports secret/plaintext-credential at the definition line that wrote it, and writes nothing", async () => {
    const ws = workspace(definition(extra));
    const run = await cli(["generate", "--fleet", ws.fleet, "--out", ws.out, "--format", "json"]);
    expect(run.code).toBe(1);
    const diags = JSON.parse(run.stdout) as { ruleId: string; file: string; line: number; path: string }[];
    const found = diags.find((d) => d.ruleId === SECRET_RULE_ID);
    expect(found).toMatchObject({ path: "values.grafana.grafana.env.GF_SECURITY_ADMIN_PASSWORD" });
    expect(found?.file).toMatch(/fleet\/secrets\.yaml$/);
    const written =
      definition(extra)
        .split("\n")
        .findIndex((l) => l.includes("GF_SECURITY_ADMIN_PASSWORD")) + 1;
    expect(found?.line).toBe(written);
    expect(fs.existsSync(ws.out)).toBe(false);
  });

  it("check fails on the same definition even when clusters/ was generated before", async () => {
    const ws = workspace(definition());
    expect((await cli(["generate", "--fleet", ws.fleet, "--out", ws.out, "--quiet"])).code).toBe(0);
    fs.writeFileSync(path.join(ws.fleet, "secrets.yaml"), definition(extra));
    const run = await cli(["check", "--fleet", ws.fleet, "--out", ws.out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(SECRET_RULE_ID);
    expect(run.stderr).not.toContain(PASSWORD);
  });
});

describe("generated bundles hold no credential", () => {
  it("the example fleet's bundles: the scanner finds nothing and every credential is a Secret reference", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-secrets-example-"));
    dirs.push(dir);
    const run = await cli(["generate", "--fleet", exampleFleet, "--out", dir, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const files = filesUnder(dir);
    expect(scanForSecrets(files)).toEqual([]);
    let references = 0;
    for (const [rel, text] of files) {
      if (!rel.endsWith(".yaml")) continue;
      for (const doc of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
        walk(doc.toJS(), (key, value, parent) => {
          // Grafana's admin credentials: always an existing Secret, never adminPassword.
          if (key === "adminPassword") throw new Error(`${rel}: adminPassword is set`);
          if (key === "existingSecret" && typeof value === "string") references++;
          // Every env var that carries a credential comes from a Secret.
          if (key === "name" && typeof value === "string" && /KEY|PASSWORD|TOKEN|SECRET/.test(value)) {
            expect(parent.value, `${rel}: env ${value} has a literal value`).toBeUndefined();
            expect(
              (parent.valueFrom as { secretKeyRef?: unknown } | undefined)?.secretKeyRef,
              `${rel}: ${value}`,
            ).toBeDefined();
            references++;
          }
        });
      }
    }
    expect(references).toBeGreaterThan(0);
  });

  it.skipIf(!fs.existsSync(committed))("the committed clusters/ (skipped until bundles are committed)", () => {
    expect(scanForSecrets(filesUnder(committed))).toEqual([]);
  });
});

function walk(v: unknown, fn: (key: string, value: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, fn);
  else if (v !== null && typeof v === "object") {
    const rec = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(rec)) {
      fn(k, x, rec);
      walk(x, fn);
    }
  }
}
