// The hostile-input corpus: every case feeds the built CLI (a child process, bounded heap and time) one bad input
// against a copy of the example fleet and its generated clusters/, then checks the promise to users: a clear
// diagnostic (rule id or error code, file, line, column where there is one), the documented non-zero exit, no stack
// trace, bounded time and memory, and clusters/ byte-for-byte unchanged.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aliasUses,
  type ChildRun,
  cliErrorCode,
  cloneWorkspace,
  hashTree,
  jsonDiagnostics,
  mainJs,
  makeWorkspace,
  mapLimit,
  runChild,
  STACK_TRACE,
  type Workspace,
  wideMap,
} from "./harness.js";

/**
 * Generous bounds: they catch runaway work and memory, not slowness. Work is the child's CPU time, which a busy
 * machine does not inflate as it does wall-clock time; a child that hangs without working is killed at the harness's
 * wall-clock limit and fails on its signal.
 */
const MAX_CPU_MS = 30_000;
const MAX_RSS_KB = 640 * 1024;

/** What a case expects. */
interface Expectation {
  readonly exit: 0 | 1 | 2;
  /** Rule id of a diagnostic (exit 0/1) or the CLI error code (exit 2, `lgtm-gitops: … (code)`). */
  readonly code: string;
  /** The diagnostic's file ends with this. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Text the diagnostic's (or error's) message must contain. */
  readonly message?: RegExp;
  /** A credential the input holds: it must appear nowhere in the output. */
  readonly secret?: string;
}

interface Case {
  readonly name: string;
  /** Prepares the workspace; returns the expectation (positions may depend on the text it wrote). */
  readonly setup: (ws: Workspace) => Expectation;
  /** CLI arguments; `--format json` is added for generate/check/lint unless `text` is set. @default generate */
  readonly args?: (ws: Workspace) => string[];
  /** Run with the default text format and check the human-readable line instead of JSON. @default false */
  readonly text?: boolean;
}

/** The corpus's own valid definition (added to the example fleet), so cases do not depend on the examples' text. */
const STAGING = "corpus.yaml";
const BASE_DEFINITION = `# A valid definition the hostile cases break one way at a time.
name: corpus
distribution: k3s
argocd:
  repoURL: https://github.com/example/lgtm-gitops.git
  targetRevision: main
  destination:
    name: corpus
stack:
  chart: tempo-distributed
  version: 1.61.3
  release: tempo
  namespace: tempo
tempo:
  retention: 72h
  storage:
    backend: s3
    bucket: tempo-corpus
    endpoint: minio.storage.svc.cluster.local:9000
    credentials:
      secretName: tempo-s3
  receivers:
    otlp:
      grpc: { enabled: true }
  distributor: { replicas: 2 }
  ingester: { replicas: 3, replicationFactor: 3 }
  querier: { replicas: 2 }
  queryFrontend: { replicas: 1 }
  compactor: { replicas: 1 }
  metricsGenerator:
    enabled: true
    remoteWrite:
      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push
grafana:
  release: kube-prometheus-stack
  namespace: monitoring
  adminSecret:
    name: grafana-admin
datasources:
  preset: lgtm
  lokiUrl: http://loki-gateway.loki.svc.cluster.local
  mimirUrl: http://mimir-nginx.mimir.svc.cluster.local/prometheus
`;

function read(ws: Workspace, rel: string): string {
  return fs.readFileSync(path.join(ws.fleet, rel), "utf8");
}
function write(ws: Workspace, rel: string, content: string | Uint8Array): void {
  fs.writeFileSync(path.join(ws.fleet, rel), content);
}
/** 1-based line and column of the first occurrence of `needle` in `text`. */
function pos(text: string, needle: string, offset = 0, from = 0): { line: number; column: number } {
  const i = text.indexOf(needle, from);
  if (i === -1) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = text.slice(0, i + offset);
  const line = before.split("\n").length;
  return { line, column: i + offset - before.lastIndexOf("\n") };
}
/** Rewrites the staging definition with `edit` and returns the new text. */
function editStaging(ws: Workspace, edit: (text: string) => string): string {
  const text = edit(read(ws, STAGING));
  write(ws, STAGING, text);
  return text;
}
function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
  "",
].join("\n");

/** 20 MB of plausible YAML, made at run time (never committed). */
function twentyMegabytes(prefix: string): string {
  const line = `  - ${"a".repeat(70)}\n`;
  return prefix + line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
}

/** A flat document of `n` keys (400 000 keys: about 6 MB). */
function flatKeys(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`k${String(i).padStart(6, "0")}: v${i}`);
  return `${lines.join("\n")}\n`;
}
function mkfifo(at: string): void {
  execFileSync("mkfifo", [at]);
}

function randomBinary(): Uint8Array {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  return bytes;
}

const lint =
  (...files: string[]) =>
  (ws: Workspace) => ["lint", ...files.map((f) => path.join(ws.fleet, f))];
const cmd =
  (...args: string[]) =>
  (ws: Workspace) => [...args, "--fleet", ws.fleet, "--out", ws.clusters];

const CASES: Case[] = [
  // --- YAML and JSON syntax in definitions ---
  {
    name: "YAML syntax error",
    setup: (ws) => {
      write(ws, "broken.yaml", "name: [broken\nfoo: }\n");
      return { exit: 1, code: "definition/syntax", file: "broken.yaml", line: 2, column: 1 };
    },
  },
  {
    name: "tab indentation",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "\n  release: tempo\n", "\n\trelease: tempo\n"));
      return { exit: 1, code: "definition/syntax", file: STAGING, ...pos(t, "\trelease"), message: /tab/i };
    },
  },
  {
    name: "duplicate key",
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}distribution: eks\n`);
      return { exit: 1, code: "definition/syntax", file: STAGING, ...pos(t, "distribution: eks"), message: /unique/ };
    },
  },
  {
    name: "JSON syntax error",
    setup: (ws) => {
      write(ws, "broken.json", '{\n  "name": "broken",\n  "distribution": "k3s"\n');
      return { exit: 1, code: "definition/syntax", file: "broken.json", line: 4 };
    },
  },
  {
    name: "JSON duplicate key",
    setup: (ws) => {
      write(ws, "dup.json", '{ "name": "dup", "name": "dup" }\n');
      return { exit: 1, code: "definition/syntax", file: "dup.json", line: 1, message: /unique/ };
    },
  },
  {
    name: "multi-document YAML",
    setup: (ws) => {
      write(ws, "multi.yaml", "name: multi\n---\nname: other\n");
      return { exit: 1, code: "definition/syntax", file: "multi.yaml" };
    },
  },
  {
    name: "unknown YAML tag",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "retention: 72h", "retention: !!js/function 'return 1'"));
      return { exit: 1, code: "definition/syntax", file: STAGING, ...pos(t, "!!js/function"), message: /tag/ };
    },
  },
  // --- wrong types, unknown keys, wrong values ---
  {
    name: "wrong type (string for replicas)",
    setup: (ws) => {
      const t = editStaging(ws, (s) =>
        replaceOnce(s, "distributor: { replicas: 2 }", "distributor: { replicas: two }"),
      );
      return { exit: 1, code: "tempo/invalid-spec", file: STAGING, ...pos(t, "two") };
    },
  },
  {
    name: "wrong type (number for name)",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "name: corpus\n", "name: 42\n"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "42") };
    },
  },
  {
    name: "NaN and infinity as numbers",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "querier: { replicas: 2 }", "querier: { replicas: .nan }"));
      return { exit: 1, code: "tempo/invalid-spec", file: STAGING, ...pos(t, ".nan") };
    },
  },
  {
    name: "unsupported chart version",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "version: 1.61.3", "version: 9.9.9"));
      return { exit: 1, code: "definition/invalid", file: STAGING, line: pos(t, "9.9.9").line };
    },
  },
  {
    name: "unknown top-level key",
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}colour: blue\n`);
      // At the key, not at its value.
      return { exit: 1, code: "definition/unknown-key", file: STAGING, ...pos(t, "colour: blue") };
    },
  },
  {
    name: "unknown nested key (typo)",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "  retention: 72h\n", "  retention: 72h\n  retentoin: 1h\n"));
      return { exit: 1, code: "tempo/unknown-spec-key", file: STAGING, ...pos(t, "retentoin"), message: /retentoin/ };
    },
  },
  {
    name: "top-level list instead of a mapping",
    setup: (ws) => {
      write(ws, "list.yaml", "- name: list\n- distribution: k3s\n");
      return { exit: 1, code: "definition/invalid", file: "list.yaml" };
    },
  },
  // --- empty, whitespace, encodings, binary, size ---
  {
    name: "empty file",
    setup: (ws) => {
      write(ws, "empty.yaml", "");
      return { exit: 1, code: "definition/invalid", file: "empty.yaml", message: /object/ };
    },
  },
  {
    name: "whitespace-only file",
    setup: (ws) => {
      write(ws, "blank.yaml", "  \n\n\t\n   \n");
      return { exit: 1, code: "definition/invalid", file: "blank.yaml" };
    },
  },
  {
    name: "non-UTF-8 (Latin-1) file",
    setup: (ws) => {
      write(ws, "latin1.yaml", Buffer.from([...Buffer.from("name: caf"), 0xe9, 0x0a]));
      return { exit: 1, code: "definition/encoding", file: "latin1.yaml", line: 1, column: 10 };
    },
  },
  {
    name: "binary file",
    setup: (ws) => {
      write(ws, "blob.yaml", randomBinary());
      return { exit: 1, code: "definition/not-text", file: "blob.yaml", line: 1 };
    },
  },
  {
    name: "20 MB definition",
    setup: (ws) => {
      write(ws, "huge.yaml", twentyMegabytes("name: huge\nextra:\n"));
      return { exit: 1, code: "definition/too-large", file: "huge.yaml" };
    },
  },
  // --- resource exhaustion ---
  {
    name: "alias bomb (exponential anchors)",
    setup: (ws) => {
      write(ws, "bomb.yaml", `name: bomb\n${ALIAS_BOMB}`);
      return { exit: 1, code: "definition/too-large", file: "bomb.yaml", line: 6, message: /alias/ };
    },
  },
  {
    name: "very deep flow nesting (20 000 levels)",
    setup: (ws) => {
      write(ws, "deep.yaml", `name: deep\nv: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`);
      return { exit: 1, code: "definition/syntax", file: "deep.yaml", line: 2, message: /deep/ };
    },
  },
  {
    name: "very deep block nesting (3 000 levels)",
    setup: (ws) => {
      let text = "name: deep\n";
      for (let i = 0; i < 1000; i++) text += `${" ".repeat(i)}k${i}:\n`;
      write(ws, "deepblock.yaml", `${text}${" ".repeat(1000)}v\n`);
      return { exit: 1, code: "definition/syntax", file: "deepblock.yaml" };
    },
  },
  {
    name: "very deep JSON (100 000 levels)",
    setup: (ws) => {
      write(ws, "deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
      return { exit: 1, code: "definition/syntax", file: "deep.json", line: 1 };
    },
  },
  {
    name: "deep nesting inside values pass-through",
    setup: (ws) => {
      editStaging(ws, (s) => `${s}values:\n  stack:\n    x: ${"{a: ".repeat(900)}1${"}".repeat(900)}\n`);
      return { exit: 1, code: "definition/syntax", file: STAGING };
    },
  },
  // --- prototype pollution ---
  {
    name: "__proto__ key",
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}__proto__:\n  polluted: true\n`);
      return {
        exit: 1,
        code: "definition/unknown-key",
        file: STAGING,
        ...pos(t, "__proto__:\n"),
        message: /__proto__/,
      };
    },
  },
  {
    name: "constructor key",
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}constructor:\n  prototype:\n    polluted: true\n`);
      return {
        exit: 1,
        code: "definition/unknown-key",
        file: STAGING,
        ...pos(t, "constructor:\n"),
        message: /constructor/,
      };
    },
  },
  {
    name: "prototype key nested in tempo",
    setup: (ws) => {
      const t = editStaging(ws, (s) =>
        replaceOnce(s, "  retention: 72h\n", "  retention: 72h\n  prototype: { polluted: true }\n"),
      );
      return {
        exit: 1,
        code: "tempo/unknown-spec-key",
        file: STAGING,
        line: pos(t, "prototype").line,
        message: /prototype/,
      };
    },
  },
  // --- names ---
  {
    name: "cluster name with ../",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "name: corpus\n", "name: ../../etc/evil\n"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "../../etc") };
    },
  },
  {
    name: "absolute path as cluster name",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "name: corpus\n", "name: /tmp/evil\n"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "/tmp/evil") };
    },
  },
  {
    name: "upper-case cluster name",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "name: corpus\n", "name: Staging-K3s\n"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "Staging-K3s") };
    },
  },
  {
    name: "over-long cluster name (70 characters)",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "name: corpus\n", `name: ${"a".repeat(70)}\n`));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "aaaa"), message: /63/ };
    },
  },
  {
    name: "reserved cluster name (bootstrap)",
    setup: (ws) => {
      fs.renameSync(path.join(ws.fleet, STAGING), path.join(ws.fleet, "bootstrap.yaml"));
      const t = replaceOnce(read(ws, "bootstrap.yaml"), "name: corpus\n", "name: bootstrap\n");
      write(ws, "bootstrap.yaml", t);
      return {
        exit: 1,
        code: "definition/invalid",
        file: "bootstrap.yaml",
        ...pos(t, "bootstrap\n"),
        message: /reserved/,
      };
    },
  },
  {
    name: "two definitions with the same name",
    setup: (ws) => {
      fs.copyFileSync(path.join(ws.fleet, STAGING), path.join(ws.fleet, "corpus.json"));
      return { exit: 1, code: "definition/duplicate-name" };
    },
  },
  {
    name: "file name differs from the cluster name",
    setup: (ws) => {
      fs.copyFileSync(path.join(ws.fleet, STAGING), path.join(ws.fleet, "other.yaml"));
      return {
        exit: 1,
        code: "definition/name-mismatch",
        file: "other.yaml",
        ...pos(read(ws, "other.yaml"), "corpus\n"),
      };
    },
  },
  // --- files that are not files ---
  {
    name: "a directory where a definition file is expected",
    setup: (ws) => {
      fs.mkdirSync(path.join(ws.fleet, "cluster.yaml"));
      return { exit: 2, code: "fleet/not-a-file", message: /cluster\.yaml is a directory/ };
    },
  },
  {
    name: "a dangling symbolic link as a definition",
    setup: (ws) => {
      fs.symlinkSync(path.join(ws.dir, "nowhere.yaml"), path.join(ws.fleet, "ghost.yaml"));
      return { exit: 2, code: "fleet/load-failed", message: /ghost\.yaml/ };
    },
  },
  {
    name: "missing fleet directory",
    setup: () => ({ exit: 2, code: "fleet/not-found", message: /does not exist/ }),
    args: (ws) => ["generate", "--fleet", path.join(ws.dir, "no-such-fleet"), "--out", ws.clusters],
  },
  {
    name: "--fleet naming a file",
    setup: () => ({ exit: 2, code: "fleet/not-found" }),
    args: (ws) => ["generate", "--fleet", path.join(ws.fleet, STAGING), "--out", ws.clusters],
  },
  {
    name: "--out naming a file",
    setup: () => ({ exit: 2, code: "output/not-a-directory" }),
    args: (ws) => ["generate", "--fleet", ws.fleet, "--out", path.join(ws.fleet, STAGING)],
  },
  // --- TypeScript definitions ---
  {
    name: "TypeScript definition that throws",
    setup: (ws) => {
      write(ws, "throws.ts", 'throw new Error("boom while building the cluster");\nexport default {};\n');
      return { exit: 2, code: "fleet/load-failed", message: /throws\.ts: boom while building/ };
    },
  },
  {
    name: "TypeScript definition that throws a non-Error",
    setup: (ws) => {
      write(ws, "weird.ts", "throw { weird: true };\n");
      return { exit: 2, code: "fleet/load-failed", message: /weird/ };
    },
  },
  {
    name: "TypeScript definition that exports nothing",
    setup: (ws) => {
      write(ws, "nothing.ts", "export const unused = 1;\n");
      return { exit: 1, code: "definition/no-default-export", file: "nothing.ts" };
    },
  },
  {
    name: "TypeScript definition with a syntax error",
    setup: (ws) => {
      write(ws, "syntax.ts", "export default {{{ ;\n");
      return { exit: 2, code: "fleet/load-failed", message: /syntax\.ts:1:\d+/ };
    },
  },
  {
    name: "TypeScript definition exporting a number",
    setup: (ws) => {
      write(ws, "number.ts", "export default 42;\n");
      return { exit: 1, code: "definition/invalid", file: "number.ts" };
    },
  },
  {
    name: "TypeScript definition with a throwing getter",
    setup: (ws) => {
      write(ws, "getter.ts", 'export default { get name(): string { throw new Error("getter bites"); } };\n');
      return { exit: 2, code: "fleet/load-failed", message: /getter\.ts: getter bites/ };
    },
  },
  {
    name: "TypeScript definition exporting a hostile Proxy",
    setup: (ws) => {
      write(ws, "proxy.ts", 'export default new Proxy({}, { ownKeys() { throw new Error("proxy bites"); } });\n');
      return { exit: 2, code: "fleet/load-failed", message: /proxy bites/ };
    },
  },
  // --- credentials ---
  {
    name: "the tutorial's adminPassword through values pass-through",
    setup: (ws) => {
      editStaging(ws, (s) => `${s}values:\n  grafana:\n    grafana:\n      adminPassword: "admin123"\n`);
      return { exit: 1, code: "secret/plaintext", message: /admin password/ };
    },
  },
  {
    name: "an admin password as a Grafana env var",
    setup: (ws) => {
      const t = editStaging(
        ws,
        (s) => `${s}values:\n  grafana:\n    grafana:\n      env:\n        GF_SECURITY_ADMIN_PASSWORD: admin123\n`,
      );
      // Reported where it is written: the definition's values.grafana, not the generated file.
      return { exit: 1, code: "secret/plaintext-credential", file: STAGING, ...pos(t, "admin123") };
    },
  },
  // --- conflicting and malformed flags ---
  {
    name: "--format given twice",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments", message: /twice/ }),
    args: cmd("generate", "--format", "json", "--format", "text"),
  },
  {
    name: "--format with an unknown value",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments", message: /yaml/ }),
    args: cmd("generate", "--format", "yaml"),
  },
  {
    name: "--quiet with a value",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments" }),
    args: cmd("generate", "--quiet=yes"),
  },
  {
    name: "--cluster without a value",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments" }),
    args: (ws) => ["generate", "--fleet", ws.fleet, "--out", ws.clusters, "--cluster"],
  },
  {
    name: "--cluster naming no definition (../)",
    setup: () => ({ exit: 2, code: "usage/unknown-cluster" }),
    args: cmd("generate", "--cluster", "../corpus"),
  },
  {
    name: "option of another command",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments", message: /--chart/ }),
    args: cmd("generate", "--chart", "tempo-distributed@1.61.3"),
  },
  {
    name: "unknown command",
    setup: () => ({ exit: 2, code: "usage/unknown-command" }),
    args: () => ["genrate"],
  },
  {
    name: "positional argument to generate",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments" }),
    args: cmd("generate", "corpus"),
  },
  {
    name: "check on a broken fleet",
    setup: (ws) => {
      write(ws, "broken.yaml", "name: [broken\n");
      return { exit: 1, code: "definition/syntax", file: "broken.yaml" };
    },
    args: cmd("check", "--format", "json"),
  },
  {
    name: "human-readable output of a broken definition",
    text: true,
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}colour: blue\n`);
      return { exit: 1, code: "definition/unknown-key", file: STAGING, ...pos(t, "colour: blue") };
    },
  },
  // --- lint on hostile files ---
  {
    name: "lint: YAML syntax error",
    setup: (ws) => {
      write(ws, "v.yaml", "tempo:\n  tempo:\n    storage: [\n");
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", line: 4, column: 1 };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: tab indentation",
    setup: (ws) => {
      write(ws, "v.yaml", "tempo:\n\tenabled: true\n");
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", line: 2, column: 1 };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: duplicate key",
    setup: (ws) => {
      write(ws, "v.yaml", "tempo:\n  enabled: true\ntempo:\n  enabled: false\n");
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", line: 3, column: 1 };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: alias bomb",
    setup: (ws) => {
      write(ws, "v.yaml", ALIAS_BOMB);
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", message: /alias/ };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: very deep nesting",
    setup: (ws) => {
      write(ws, "v.yaml", `a: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`);
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", line: 1 };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: __proto__ key",
    setup: (ws) => {
      write(ws, "v.yaml", "__proto__:\n  polluted: true\n");
      return { exit: 1, code: "chart/unknown-key", file: "v.yaml", line: 1, column: 1 };
    },
    args: (ws) => [...lint("v.yaml")(ws), "--chart", "tempo-distributed@1.61.3"],
  },
  {
    name: "lint: the tutorial's plaintext admin password",
    setup: (ws) => {
      write(ws, "v.yaml", 'grafana:\n  enabled: true\n  adminPassword: "admin123"\n');
      return { exit: 1, code: "secret/plaintext", file: "v.yaml", line: 3, column: 3 };
    },
    args: (ws) => [...lint("v.yaml")(ws), "--chart", "kube-prometheus-stack@88.5.3"],
  },
  {
    name: "lint: a directory where a file is expected",
    setup: (ws) => {
      fs.mkdirSync(path.join(ws.fleet, "dir.yaml"));
      return { exit: 2, code: "usage/unreadable-file", message: /directory/ };
    },
    args: lint("dir.yaml"),
  },
  {
    name: "lint: a missing file",
    setup: () => ({ exit: 2, code: "usage/unreadable-file", message: /does not exist/ }),
    args: lint("missing.yaml"),
  },
  {
    name: "lint: unknown --chart",
    setup: (ws) => {
      write(ws, "v.yaml", "tempo: {}\n");
      return { exit: 2, code: "usage/unsupported-chart" };
    },
    args: (ws) => [...lint("v.yaml")(ws), "--chart", "tempo-distributed@0.0.1"],
  },
  {
    name: "lint: non-UTF-8 (Latin-1) values file",
    setup: (ws) => {
      // "tempo:\n  x: caf\xe9\n": the bad byte is at offset 15, line 2, column 9.
      write(ws, "latin1-values.yaml", Buffer.from([...Buffer.from("tempo:\n  x: caf"), 0xe9, 0x0a]));
      return { exit: 2, code: "lint/encoding", message: /latin1-values\.yaml:2:9: .*byte 0xe9 at offset 15/ };
    },
    args: lint("latin1-values.yaml"),
  },
  {
    name: "lint: invalid UTF-8 sequence (truncated multi-byte character)",
    setup: (ws) => {
      write(ws, "truncated-values.yaml", Buffer.from([...Buffer.from("a: 1\nb: "), 0xe2, 0x82, 0x0a]));
      return { exit: 2, code: "lint/encoding", message: /truncated-values\.yaml:2:4: .*offset 8/ };
    },
    args: lint("truncated-values.yaml"),
  },
  {
    name: "lint: binary file (refused before parsing, like a binary definition)",
    setup: (ws) => {
      write(ws, "blob-values.yaml", randomBinary());
      return { exit: 2, code: "lint/not-text", message: /blob-values\.yaml:\d+:\d+: the file is binary/ };
    },
    args: lint("blob-values.yaml"),
  },
  {
    name: "lint: 20 MB file (refused unread, like a huge definition)",
    setup: (ws) => {
      write(ws, "huge-values.yaml", twentyMegabytes("tempo:\n  extra:\n"));
      return { exit: 2, code: "lint/too-large", message: /huge-values\.yaml: the file is larger than 8388608 bytes/ };
    },
    args: lint("huge-values.yaml"),
  },
  {
    name: "lint: no file at all",
    setup: () => ({ exit: 2, code: "usage/invalid-arguments" }),
    args: () => ["lint"],
  },
  // ===== Issue 15: each case below failed (wrote, hung, crashed or said the wrong thing) before the hardening. =====
  // --- secrets: what a field means to its chart, not how its key is spelled ---
  ...(
    [
      [
        "envRenderSecret (a Secret's data, whatever the key)",
        "grafana:\n    grafana:\n      envRenderSecret:\n        LOG_LEVEL_X: hunter2hunter2\n",
      ],
      ["a GF_*PASS* environment variable", "grafana:\n    grafana:\n      env:\n        GF_DATABASE_PASS: hunter2\n"],
      [
        "grafana.ini cookie_secret",
        "grafana:\n    grafana:\n      grafana.ini:\n        auth.generic_oauth:\n          cookie_secret: c00kies3cret\n",
      ],
      [
        "grafana.ini admin_password as a tpl literal",
        "grafana:\n    grafana:\n      grafana.ini:\n        security:\n          admin_password: '{{ \"admin123\" }}'\n",
      ],
      [
        "Alertmanager Slack api_url",
        "grafana:\n    alertmanager:\n      config:\n        receivers:\n          - name: s\n            slack_configs:\n              - api_url: https://chat.example.com/hooks/T0/B0/zq9xw7\n",
      ],
      [
        "Alertmanager PagerDuty routing_key",
        "grafana:\n    alertmanager:\n      config:\n        receivers:\n          - name: p\n            pagerduty_configs:\n              - routing_key: 0123456789abcdef\n",
      ],
      [
        "Alertmanager email auth_secret",
        "grafana:\n    alertmanager:\n      config:\n        receivers:\n          - name: m\n            email_configs:\n              - auth_secret: s3cret\n",
      ],
      [
        "datasource secureJsonData.tlsClientKey (a warning before, still written)",
        "grafana:\n    grafana:\n      additionalDataSources:\n        - name: x\n          type: prometheus\n          secureJsonData:\n            tlsClientKey: keyk3ykey\n",
      ],
    ] as const
  ).map(
    ([what, values]): Case => ({
      name: `secret: ${what}`,
      setup: (ws) => {
        editStaging(ws, (s) => `${s}values:\n  ${values}`);
        const secret = /(hunter2hunter2|hunter2|c00kies3cret|admin123|zq9xw7|0123456789abcdef|s3cret|keyk3ykey)/m.exec(
          values,
        )?.[1];
        return {
          exit: 1,
          code: "secret/plaintext-credential",
          file: STAGING,
          ...(secret ? { secret } : {}),
        };
      },
    }),
  ),
  {
    name: "lint: a password in a URL, never echoed",
    setup: (ws) => {
      write(
        ws,
        "v.yaml",
        "storage:\n  trace:\n    s3:\n      bucket: b\n      endpoint: https://u:hunter2pass@minio.example.com\n",
      );
      return {
        exit: 1,
        code: "secret/plaintext-credential",
        file: "v.yaml",
        line: 5,
        column: 7,
        secret: "hunter2pass",
      };
    },
    args: (ws) => [...lint("v.yaml")(ws), "--chart", "tempo-distributed@1.61.3"],
  },
  {
    name: "lint: a grafana.ini secret_key, never echoed",
    setup: (ws) => {
      write(
        ws,
        "v.yaml",
        "grafana:\n  grafana.ini:\n    external_image_storage.s3:\n      secret_key: AbCdEf123456xyz\n",
      );
      return {
        exit: 1,
        code: "secret/plaintext-credential",
        file: "v.yaml",
        line: 4,
        column: 7,
        secret: "AbCdEf123456xyz",
      };
    },
    args: (ws) => [...lint("v.yaml")(ws), "--chart", "kube-prometheus-stack@88.5.3"],
  },
  // --- bounded memory and time ---
  {
    name: "43 KB definition whose aliases expand 100-fold",
    setup: (ws) => {
      editStaging(
        ws,
        (s) =>
          `${s}values:\n  stack:\n    distributor:\n      podAnnotations: &big\n${wideMap(1000, 8)}    ingester:\n${aliasUses("big", 99, 6)}`,
      );
      return { exit: 1, code: "definition/too-large", file: STAGING, message: /aliases .* expands to more than/ };
    },
  },
  {
    name: "800 KB definition whose aliases expand past the heap",
    setup: (ws) => {
      editStaging(
        ws,
        (s) =>
          `${s}values:\n  stack:\n    distributor:\n      podAnnotations: &big\n${wideMap(16_000, 8)}    ingester:\n${aliasUses("big", 99, 6)}`,
      );
      return { exit: 1, code: "definition/too-large", file: STAGING };
    },
  },
  {
    name: "lint: 100 KB file whose aliases expand 100-fold",
    setup: (ws) => {
      write(ws, "v.yaml", `tempo:\n  extra: &big\n${wideMap(2500, 4)}copies:\n${aliasUses("big", 99, 2)}`);
      return { exit: 1, code: "yaml/syntax", file: "v.yaml", message: /expands to more than/ };
    },
    args: lint("v.yaml"),
  },
  {
    name: "lint: 6 MB flat file with 400 000 keys",
    setup: (ws) => {
      write(ws, "flat.yaml", flatKeys(400_000));
      return { exit: 1, code: "yaml/syntax", file: "flat.yaml", line: 50_001, message: /more than 50,000 entries/ };
    },
    args: lint("flat.yaml"),
  },
  {
    name: "lint: files that are each within bounds but too much together",
    setup: (ws) => {
      for (let i = 0; i < 4; i++)
        write(ws, `part${i}.yaml`, `tempo:\n  extra: &big\n${wideMap(20_000, 4)}copies:\n${aliasUses("big", 1, 2)}`);
      return { exit: 1, code: "yaml/syntax", file: "part3.yaml", message: /files of one lint run/ };
    },
    args: lint("part0.yaml", "part1.yaml", "part2.yaml", "part3.yaml"),
  },
  // --- all or nothing ---
  {
    name: "a symbolic link as a bundle directory, with bootstrap changing too: nothing written",
    setup: (ws) => {
      // The bundle moved out of clusters/ and linked back; a change that rewrites bootstrap/ (the revision) as well.
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-elsewhere-"));
      fs.cpSync(path.join(ws.clusters, "corpus"), elsewhere, { recursive: true });
      fs.rmSync(path.join(ws.clusters, "corpus"), { recursive: true });
      fs.symlinkSync(elsewhere, path.join(ws.clusters, "corpus"));
      editStaging(ws, (s) => replaceOnce(s, "targetRevision: main", "targetRevision: release-2"));
      return { exit: 2, code: "output/outside", message: /nothing was written/ };
    },
  },
  // --- no hang ---
  {
    name: "lint: a FIFO (named pipe)",
    setup: (ws) => {
      mkfifo(path.join(ws.fleet, "pipe.yaml"));
      return { exit: 2, code: "usage/unreadable-file", message: /named pipe \(FIFO\)/ };
    },
    args: lint("pipe.yaml"),
  },
  {
    name: "a FIFO as a definition",
    setup: (ws) => {
      mkfifo(path.join(ws.fleet, "pipe.yaml"));
      return { exit: 2, code: "fleet/not-a-file", message: /named pipe \(FIFO\)/ };
    },
  },
  {
    name: "a symbolic link to a FIFO as a definition",
    setup: (ws) => {
      mkfifo(path.join(ws.fleet, "_pipe"));
      fs.symlinkSync(path.join(ws.fleet, "_pipe"), path.join(ws.fleet, "piped.yaml"));
      return { exit: 2, code: "fleet/not-a-file", message: /named pipe/ };
    },
  },
  {
    name: "a directory in the place of the lock",
    setup: (ws) => {
      fs.mkdirSync(path.join(ws.clusters, ".lgtm-gitops.lock"));
      return { exit: 2, code: "output/lock-unusable", message: /is a directory/ };
    },
  },
  {
    name: "a FIFO in the place of the lock",
    setup: (ws) => {
      mkfifo(path.join(ws.clusters, ".lgtm-gitops.lock"));
      return { exit: 2, code: "output/lock-unusable", message: /named pipe/ };
    },
  },
  // --- deletion only of what was generated from this fleet ---
  {
    name: "a definition renamed to .YAML: warned about, its bundle kept (no --prune)",
    setup: (ws) => {
      fs.renameSync(path.join(ws.fleet, STAGING), path.join(ws.fleet, "corpus.YAML"));
      return { exit: 1, code: "generate/prune-required", message: /"corpus".*corpus\.YAML/ };
    },
  },
  {
    name: "a definition renamed to .yml.bak: warned about, its bundle kept (no --prune)",
    setup: (ws) => {
      fs.renameSync(path.join(ws.fleet, STAGING), path.join(ws.fleet, "corpus.yml.bak"));
      return { exit: 1, code: "generate/prune-required", message: /corpus\.yml\.bak/ };
    },
  },
  // --- Argo CD least privilege ---
  {
    name: "argocd.project: default",
    setup: (ws) => {
      const t = editStaging(ws, (s) =>
        replaceOnce(s, "  targetRevision: main\n", "  targetRevision: main\n  project: default\n"),
      );
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "default\n"), message: /default/ };
    },
  },
  {
    name: 'destination name: "*"',
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "    name: corpus\n", '    name: "*"\n'));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, '"*"'), message: /wildcard/ };
    },
  },
  {
    name: "destination server: https://*",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "    name: corpus\n", "    server: https://*\n"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "https://*"), message: /wildcard/ };
    },
  },
  {
    name: "repoURL: https://*",
    setup: (ws) => {
      const t = editStaging(ws, (s) => replaceOnce(s, "https://github.com/example/lgtm-gitops.git", "https://*"));
      return { exit: 1, code: "definition/invalid", file: STAGING, ...pos(t, "https://*"), message: /wildcard/ };
    },
  },
  {
    name: "argocd.namespace kube-system with an in-cluster destination",
    setup: (ws) => {
      const t = editStaging(ws, (s) =>
        replaceOnce(
          s,
          "  destination:\n    name: corpus\n",
          "  namespace: kube-system\n  destination:\n    name: in-cluster\n",
        ),
      );
      return { exit: 1, code: "definition/argocd-scope", file: STAGING, ...pos(t, "kube-system") };
    },
  },
  {
    name: "argocd.namespace equal to a release namespace",
    setup: (ws) => {
      const t = editStaging(ws, (s) =>
        replaceOnce(s, "  targetRevision: main\n", "  targetRevision: main\n  namespace: tempo\n"),
      );
      return { exit: 1, code: "definition/namespace", file: STAGING, ...pos(t, "tempo\ntempo:") };
    },
  },
  // --- values kept as written, or refused ---
  ...(
    [
      ["a YAML 1.1 octal (defaultMode: 0440)", "defaultMode: 0440", "0440", /octal 288/],
      ["yes (a boolean to Helm, a string here)", "enabled: yes", "yes", /boolean to Helm/],
      ["no as a key", "no: 1", "no", /boolean to Helm/],
      ["!!binary", "blob: !!binary aGVsbG8=", "!!binary", /!!binary/],
      ["an integer beyond 2^53", "id: 12345678901234567890", "12345678901234567890", /2\^53/],
    ] as const
  ).map(
    ([what, line, needle, message]): Case => ({
      name: `values as written: ${what}`,
      setup: (ws) => {
        const t = editStaging(
          ws,
          (s) => `${s}values:\n  stack:\n    distributor:\n      podAnnotations:\n        ${line}\n`,
        );
        const from = t.lastIndexOf("podAnnotations:\n") + "podAnnotations:\n".length;
        return {
          exit: 1,
          code: "definition/ambiguous-value",
          file: STAGING,
          line: pos(t, needle, 0, from).line,
          message,
        };
      },
    }),
  ),
  ...(
    [
      [
        "a tenant",
        "  retention: 72h\n",
        "  retention: 72h\n  tenants:\n    __proto__:\n      ingestion: { rateLimitBytes: 1000 }\n",
      ],
      [
        "a label",
        "      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push\n",
        "      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push\n    externalLabels:\n      __proto__: team\n",
      ],
      [
        "a header",
        "      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push\n",
        "      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push\n        headers:\n          __proto__: x\n",
      ],
    ] as const
  ).map(
    ([what, from, to]): Case => ({
      name: `__proto__ as ${what}`,
      setup: (ws) => {
        editStaging(ws, (s) => replaceOnce(s, from, to));
        return {
          exit: 1,
          code: "definition/reserved-key",
          file: STAGING,
          message: /"__proto__" cannot be used as a key/,
        };
      },
    }),
  ),
  // --- errors in definitions ---
  {
    name: "an undefined alias, reported as such with its line",
    setup: (ws) => {
      const t = editStaging(ws, (s) => `${s}values:\n  stack:\n    distributor: *nothing\n`);
      return {
        exit: 1,
        code: "definition/syntax",
        file: STAGING,
        ...pos(t, "*nothing"),
        message: /\*nothing refers to no anchor/,
      };
    },
  },
  {
    name: "a definition that is a symbolic link outside the repository",
    setup: (ws) => {
      const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-outside-")), "evil.yaml");
      fs.copyFileSync(path.join(ws.fleet, STAGING), outside);
      fs.symlinkSync(outside, path.join(ws.fleet, "evil.yaml"));
      return { exit: 2, code: "fleet/outside-repository", message: /evil\.yaml is a symbolic link to .*outside/ };
    },
  },
];

let template: Workspace;
let tried = 0;
let behaved = 0;
const misbehaved: string[] = [];

interface Outcome {
  readonly name: string;
  readonly run: ChildRun;
  readonly expected: Expectation;
  readonly before: Record<string, string>;
  readonly after: Record<string, string>;
  readonly json: boolean;
  /** Set when the case's fixture could not be prepared (a bug in the test, reported as a failure). */
  readonly setupError?: string;
}
const outcomes = new Map<string, Promise<Outcome>>();

function argsOf(c: Case, ws: Workspace): { args: string[]; json: boolean } {
  const base = c.args ? c.args(ws) : ["generate", "--fleet", ws.fleet, "--out", ws.clusters];
  const wantsJson = !c.text && ["generate", "check", "lint"].includes(base[0] ?? "") && !base.includes("--format");
  return { args: wantsJson ? [...base, "--format", "json"] : base, json: wantsJson || base.includes("json") };
}

async function runCase(c: Case): Promise<Outcome> {
  const ws = cloneWorkspace(template, "corpus");
  let expected: Expectation;
  try {
    expected = c.setup(ws);
  } catch (e) {
    fs.rmSync(ws.dir, { recursive: true, force: true });
    return { name: c.name, setupError: String(e) } as Outcome;
  }
  const before = hashTree(ws.clusters);
  const { args, json } = argsOf(c, ws);
  const run = await runChild(args, { cwd: ws.dir });
  const after = hashTree(ws.clusters);
  fs.rmSync(ws.dir, { recursive: true, force: true });
  return { name: c.name, run, expected, before, after, json };
}

beforeAll(async () => {
  expect(fs.existsSync(mainJs), `${mainJs} is missing: build the bundler first (pnpm turbo run build)`).toBe(true);
  template = makeWorkspace("template");
  fs.writeFileSync(path.join(template.fleet, STAGING), BASE_DEFINITION);
  const first = await runChild(["generate", "--fleet", template.fleet, "--out", template.clusters, "--quiet"], {
    cwd: template.dir,
  });
  expect(first.code, first.stderr).toBe(0);
  // Start every case at once (two children at a time); each test awaits its own outcome.
  const all = mapLimit(CASES, 2, runCase);
  CASES.forEach((c, i) => {
    outcomes.set(
      c.name,
      all.then((r) => r[i]!),
    );
  });
  await all;
}, 600_000);

afterAll(() => {
  if (template) fs.rmSync(template.dir, { recursive: true, force: true });
  const line = `hostile inputs: ${tried} tried, ${behaved} behaved${misbehaved.length > 0 ? ` (misbehaved: ${misbehaved.join("; ")})` : ""}`;
  console.log(line);
  process.stdout.write(`\n${line}\n`);
});

describe("hostile input corpus", () => {
  it("has at least 40 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      tried++;
      try {
        await checkCase(c);
        behaved++;
      } catch (e) {
        misbehaved.push(c.name);
        throw e;
      }
    });
  }
});

async function checkCase(c: Case): Promise<void> {
  const o = await outcomes.get(c.name)!;
  const { run, expected } = o;
  const output = `${run.stdout}\n${run.stderr}`;
  const context = `exit ${run.code} signal ${run.signal}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
  // Never a stack trace, never Node's internals, never a crash by signal.
  expect(run.signal, context).toBeNull();
  expect(output, context).not.toMatch(STACK_TRACE);
  // The documented exit code.
  expect(run.code, context).toBe(expected.exit);
  // Bounded time and memory (generous: they catch hangs and blow-ups, not slowness).
  if (run.cpuMs !== undefined) expect(run.cpuMs, context).toBeLessThan(MAX_CPU_MS);
  if (run.maxRssKb !== undefined) expect(run.maxRssKb, context).toBeLessThan(MAX_RSS_KB);
  // clusters/ byte-for-byte unchanged (no lock or temp file left either).
  expect(o.after, "clusters/ changed").toEqual(o.before);
  // Never the credential itself, anywhere.
  if (expected.secret) expect(output, "the credential is echoed").not.toContain(expected.secret);
  // The diagnostic.
  if (expected.exit === 2 || (expected.exit === 1 && cliErrorCode(run.stderr) === expected.code)) {
    expect(cliErrorCode(run.stderr), context).toBe(expected.code);
    if (expected.message) expect(run.stderr, context).toMatch(expected.message);
  } else if (o.json) {
    const diags = jsonDiagnostics(run.stdout);
    const match = diags.filter(
      (d) =>
        d.ruleId === expected.code &&
        d.severity === "error" &&
        (expected.file === undefined || (d.file ?? "").endsWith(expected.file)) &&
        (expected.line === undefined || d.line === expected.line) &&
        (expected.column === undefined || d.column === expected.column) &&
        (expected.message === undefined || expected.message.test(d.message)),
    );
    expect(match.length, `${JSON.stringify(expected)}\n${context}`).toBeGreaterThan(0);
    for (const d of diags) {
      expect(d.message, "every diagnostic has a message").not.toBe("");
      expect(d.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    }
  } else {
    const where = `${expected.file ?? ""}${expected.line !== undefined ? `:${expected.line}:${expected.column ?? 1}` : ""}`;
    expect(run.stderr, context).toContain(where);
    expect(run.stderr, context).toMatch(new RegExp(`error\\s+${expected.code.replace("/", "\\/")}\\s`));
  }
}
