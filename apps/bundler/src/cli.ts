import { readFileSync } from "node:fs";

export interface CliIo {
  readonly cwd: string;
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

const HELP = `lgtm-gitops — typed Tempo + Grafana datasources compiled to Argo CD/Kustomize bundles

Usage: lgtm-gitops <command> [options]

Commands:
  generate [--cluster N]…   validate the fleet, then write clusters/<name>/ bundles
  check                     regenerate in memory and list drifted files
  lint FILE…                lint existing values files
  explain RULE-ID           what a rule checks, why, and how to fix it
  schema                    JSON Schema of a cluster definition

Options:
  --help, -h                show this help
  --version, -v             print the version
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs the CLI and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(HELP);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  io.stderr.write(`lgtm-gitops: unknown command "${command}". Run "lgtm-gitops --help".\n`);
  return 2;
}
