import { readFileSync } from "node:fs";
import { type Command, type ParsedArgs, parseArgs } from "./args.js";
import { EXIT, formatCliError, toCliError } from "./errors.js";
import { resolveLocations } from "./repo.js";

/** Where the CLI reads and writes; injected so tests run it in-process. */
export interface CliIo {
  /** Directory relative paths (`--fleet`, `--out`, lint files) resolve against. */
  readonly cwd: string;
  /** Where results go; `isTTY` (as on `process.stdout`) turns on what only helps a person at a terminal. */
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown };
  /** Repository root. @default the nearest directory above `cwd` holding pnpm-workspace.yaml */
  readonly root?: string;
  /** How long `generate` waits for another run's lock, in ms. @default 3000 */
  readonly lockWaitMs?: number;
}

const HELP = `lgtm-gitops — typed Tempo + Grafana datasources compiled to Argo CD/Kustomize bundles

Usage: lgtm-gitops <command> [options]      (from the repository root: pnpm gitops <command>)

Commands:
  generate [--cluster N]…   validate the fleet, then write clusters/<name>/ bundles (nothing if any error)
  check [--cluster N]…      regenerate in memory and list drifted, missing or extra generated files (--diff)
  lint FILE…                lint existing values files (--chart NAME@VERSION, --distribution NAME, --fix)
  migrate FILE --to C       rewrite tempo-distributed 1.x/2.x or lgtm-distributed values, or a cluster definition
                            on them, for tempo-distributed@3.x
  explain RULE-ID | --list  what a rule checks, why, and how to fix it; --list: every id
  schema                    JSON Schema of a cluster definition (for editors)

Options:
  --fleet DIR               cluster definitions (default: apps/bundler/fleet)
  --out DIR                 bundle directory (default: clusters)
  --format text|json        diagnostics format (default: text; lint also sarif)
  --quiet                   generate/check: no per-cluster lines
  --help, -h                show this help (also: lgtm-gitops <command> --help)
  --version, -v             print the version

Exit codes: 0 ok, 1 diagnostics with errors or drift, 2 usage or unreadable input.
`;

const COMMAND_HELP: Record<Command, string> = {
  generate: `Usage: lgtm-gitops generate [--cluster NAME]… [--fleet DIR] [--out DIR] [--format text|json] [--quiet]

Reads every definition in the fleet directory (TypeScript, YAML or JSON), validates all of them, and only when
there is no error writes clusters/<name>/ and clusters/bootstrap/. Files are written atomically; files whose
bytes are unchanged are not rewritten; generated files no longer produced are deleted (files without the
generated header are never touched). With --cluster, only those clusters (and bootstrap/) are written.
Exit: 0 written, 1 errors (nothing written) or output locked, 2 usage or unreadable input.
`,
  check: `Usage: lgtm-gitops check [--cluster NAME]… [--fleet DIR] [--out DIR] [--format text|json] [--diff|--no-diff]

Regenerates every bundle in memory and compares it with the output directory. Lists every drifted, missing
or extra generated file, and with --diff (the default when stdout is a terminal) prints a unified diff of each
drifted file on stdout: what generate would change. Exit: 0 current, 1 drift or definition errors, 2 usage or
unreadable input.
`,
  lint: `Usage: lgtm-gitops lint FILE… [--chart NAME@VERSION] [--distribution NAME] [--format text|json|sarif]
       lgtm-gitops lint --fix [--dry-run] FILE… [--chart NAME@VERSION] [--distribution NAME]

Lints existing Helm values files (lgtm-distributed, tempo-distributed, kube-prometheus-stack) with
file:line:column and a fix per finding. The chart is detected from the content unless --chart is given.
Files given together are one deployment (cross-file rules see them all), except generated values files of
different bundles (clusters/<name>/values/), which are linted per cluster.
--format sarif prints a SARIF 2.1 log for CI code scanning.
--fix applies every fix that needs no judgement (moves and renames of ignored keys, receiver switches, legacy
overrides to the defaults: format, the DNS Service into global) to the files in place, keeping comments, key
order and untouched lines; each file is replaced atomically. It then lints again and prints what is left: the
fixes that need a person (secrets, sizes, choices). Generated files are never changed.
--dry-run (implies --fix) prints the unified diff --fix would apply and writes nothing.
Distributions: rke2, k3s, eks, gke, aks, openshift, kubeadm.
Exit: 0 no error, 1 any error (after --fix: any error left), 2 usage or a file --fix could not write;
--dry-run: 0 nothing to change, 1 --fix would change a file.
`,
  migrate: `Usage: lgtm-gitops migrate FILE --to tempo-distributed@3.x [--kafka-address HOST:PORT] [--partitions N]
                           [--out FILE | --in-place] [--format text|json]

Rewrites a grafana tempo-distributed 1.x/2.x values file, or the tempo: block of an lgtm-distributed one, for the
grafana-community tempo-distributed 3.x chart (Tempo 3.0): ingesters become live-stores and block-builders (one per
Kafka partition, --partitions, default the chart's 3), the compactor the backend-scheduler and -workers (retention in
both), removed Tempo settings are dropped with their reason, overrides take the scoped format, ingest.kafka.address
is set (--kafka-address, else a "<set me: …>" placeholder) and compaction_disabled is added for the side-by-side
upgrade. --to takes tempo-distributed@3.x (newest catalogued), @3.N.x or an exact version. The file is written
atomically to --out (default <name>.tempo3.yaml beside the input; the input itself only with --in-place), comments
kept. Prints what has no equivalent, what needs a human and the upgrade path.
A cluster definition (YAML with stack: and tempo:) on lgtm-distributed or tempo-distributed 1.x/2.x is rewritten
for the newest (or the given) community 3.x chart, in place (--in-place) or to --out FILE: a release of its own,
ingester -> liveStore (replicas -> tempo.kafka.partitions), compactor -> backendWorker, the broker the bundle deploys
(kafka: { deploy: strimzi }, or --kafka-address), loki: for an lgtm-distributed Loki; it then lists what generate
still refuses. Exit: 0 written, 2 usage or input that is not Tempo 1.x/2.x chart values or definition.
`,
  explain: `Usage: lgtm-gitops explain RULE-ID
       lgtm-gitops explain --list [--format text|json]

Prints what the rule checks, why it matters and how to fix it. A part of an id ("quorum") names the ids that
contain it. --list prints every rule id and error code with its severity and a one-line title.
Exit: 0, or 2 for an unknown rule id.
`,
  schema: `Usage: lgtm-gitops schema

Prints the JSON Schema of a cluster definition. In YAML definitions, reference it with
# yaml-language-server: $schema=../schema/cluster-definition.schema.json
`,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Runs one command. Each command module is imported only when it runs, so `--version`, `--help` and `lint` do not
 * load the generate pipeline (definition schemas, renderers, kustomize, worker threads).
 */
async function dispatch(args: ParsedArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case "help":
      io.stdout.write(args.helpFor ? COMMAND_HELP[args.helpFor] : HELP);
      return EXIT.ok;
    case "version":
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    case "schema":
      return (await import("./commands/schema.js")).runSchema(io);
    case "explain":
      return args.list
        ? (await import("./commands/explain.js")).runExplainList(args.format, io)
        : (await import("./commands/explain.js")).runExplain(args.positionals[0]!, args.format, io);
    case "lint":
      return (await import("./commands/lint.js")).runLint(args, io);
    case "migrate":
      return (await import("./commands/migrate.js")).runMigrate(args, io);
    case "generate":
    case "check": {
      const locations = resolveLocations(io.cwd, {
        ...(args.fleet !== undefined ? { fleet: args.fleet } : {}),
        ...(args.out !== undefined ? { out: args.out } : {}),
        ...(io.root !== undefined ? { root: io.root } : {}),
      });
      return args.command === "generate"
        ? (await import("./commands/generate.js")).runGenerate(args, locations, io)
        : (await import("./commands/check.js")).runCheck(args, locations, io);
    }
  }
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 diagnostics or drift, 2 usage or input errors.
 * Never throws: every failure is printed as `lgtm-gitops: <what> (<code>)` and a fix line, without a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(parseArgs(argv), io);
  } catch (e) {
    const error = toCliError(e);
    io.stderr.write(formatCliError(error));
    return error.exitCode;
  }
}
