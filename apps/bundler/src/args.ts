import { CliError } from "./errors.js";

/** The commands of the CLI contract. */
export type Command = "generate" | "check" | "lint" | "migrate" | "explain" | "schema";

/** Output format of diagnostics (`sarif`: lint only). */
export type Format = "text" | "json" | "sarif";

/** Parsed command line. */
export interface ParsedArgs {
  readonly command: Command | "help" | "version";
  /** Command whose help was asked for (`lgtm-gitops generate --help`). */
  readonly helpFor?: Command;
  readonly positionals: readonly string[];
  /** `--cluster N`, repeatable. */
  readonly clusters: readonly string[];
  /** `--fleet DIR`: where the cluster definitions are. @default "apps/bundler/fleet" under the repository root */
  readonly fleet?: string;
  /**
   * `--out DIR`: where bundles are written. @default "clusters" under the repository root
   * (`migrate --out FILE`: the new values file. @default `<name>.tempo3.yaml` beside the input)
   */
  readonly out?: string;
  /** `migrate --to NAME@VERSION` (`tempo-distributed@3.x` for the newest catalogued 3.x). */
  readonly to?: string;
  /** `migrate --kafka-address HOST:PORT`: `ingest.kafka.address` (else a marked placeholder). */
  readonly kafkaAddress?: string;
  /** `migrate --partitions N`: Kafka partitions = live-store = block-builder replicas. */
  readonly partitions?: number;
  /** `migrate --in-place`: overwrite the input file. @default false */
  readonly inPlace?: boolean;
  /** `--chart NAME@VERSION` for `lint`. */
  readonly chart?: string;
  /** `--distribution NAME` for `lint`. */
  readonly distribution?: string;
  /** `--format text|json` (`lint` also `sarif`). @default "text" */
  readonly format: Format;
  /** `lint --fix`: apply the fixes that need no judgement to the files, then lint again. @default false */
  readonly fix?: boolean;
  /** `lint --fix --dry-run` (`--dry-run` implies `--fix`): print the diff `--fix` would make, write nothing. */
  readonly dryRun?: boolean;
  /** `--quiet`: no per-cluster summary lines. @default false */
  readonly quiet: boolean;
  /**
   * `--prune` (generate): delete the bundles of clusters no definition names any more (Argo CD then deletes their
   * stacks). Without it, such a run is refused. @default false
   */
  readonly prune: boolean;
  /** `check --diff` / `--no-diff`: print a unified diff of each drifted file. @default on when stdout is a terminal */
  readonly diff?: boolean;
  /** `explain --list`: every rule id and error code with its severity and title. @default false */
  readonly list?: boolean;
}

const COMMANDS: readonly Command[] = ["generate", "check", "lint", "migrate", "explain", "schema"];

/** Options each command accepts; `true` = takes a value. */
const OPTIONS: Record<Command, Record<string, boolean>> = {
  generate: {
    "--cluster": true,
    "--fleet": true,
    "--out": true,
    "--format": true,
    "--quiet": false,
    "--prune": false,
  },
  check: {
    "--cluster": true,
    "--fleet": true,
    "--out": true,
    "--format": true,
    "--quiet": false,
    "--diff": false,
    "--no-diff": false,
  },
  lint: { "--chart": true, "--distribution": true, "--format": true, "--fix": false, "--dry-run": false },
  migrate: {
    "--to": true,
    "--kafka-address": true,
    "--partitions": true,
    "--out": true,
    "--in-place": false,
    "--format": true,
  },
  explain: { "--list": false, "--format": true },
  schema: {},
};

function usage(message: string, fix: string): CliError {
  return new CliError("usage/invalid-arguments", message, fix);
}

/** Parses argv (without `node` and the script). Throws `CliError` (exit 2) on a usage error. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  const base = { positionals: [], clusters: [], format: "text", quiet: false, prune: false } as const;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic !== undefined && (COMMANDS as readonly string[]).includes(topic))
      return { ...base, command: "help", helpFor: topic as Command };
    return { ...base, command: "help" };
  }
  if (first === "--version" || first === "-v" || first === "-V") return { ...base, command: "version" };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    if (first.startsWith("-"))
      throw usage(
        `unknown option "${first}" before the command`,
        'Put the command first, e.g. "lgtm-gitops generate".',
      );
    throw new CliError(
      "usage/unknown-command",
      `unknown command "${first}"`,
      `Run "lgtm-gitops --help"; commands are ${COMMANDS.join(", ")}.`,
    );
  }
  const command = first as Command;
  const allowed = OPTIONS[command];
  const positionals: string[] = [];
  const clusters: string[] = [];
  const values: Record<string, string> = {};
  let quiet = false;
  let prune = false;
  let diff: boolean | undefined;
  let list = false;
  let inPlace = false;
  let fix = false;
  let dryRun = false;
  let onlyPositionals = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPositionals || !arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "--help" || arg === "-h") return { ...base, command: "help", helpFor: command };
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(name in allowed)) {
      const known = Object.keys(allowed);
      throw usage(
        `unknown option "${name}" for "${command}"`,
        known.length > 0
          ? `"${command}" accepts ${known.join(", ")}; run "lgtm-gitops ${command} --help".`
          : `"${command}" takes no options; run "lgtm-gitops ${command} --help".`,
      );
    }
    if (!allowed[name]) {
      if (eq > 0) throw usage(`option "${name}" takes no value`, `Write "${name}" alone.`);
      if (name === "--quiet") quiet = true;
      if (name === "--list") list = true;
      if (name === "--prune") prune = true;
      if (name === "--in-place") inPlace = true;
      if (name === "--fix") fix = true;
      if (name === "--dry-run") dryRun = true;
      if (name === "--diff" || name === "--no-diff") {
        if (diff !== undefined)
          throw usage(
            `"${name}" repeats or contradicts an earlier --diff/--no-diff`,
            "Give one of --diff and --no-diff, once.",
          );
        diff = name === "--diff";
      }
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || (value.startsWith("-") && value !== "-"))
        throw usage(`option "${name}" needs a value`, `Write "${name} VALUE" or "${name}=VALUE".`);
      i++;
    }
    if (value === "") throw usage(`option "${name}" has an empty value`, `Give "${name}" a value.`);
    if (name === "--cluster") clusters.push(value);
    else if (name in values) throw usage(`option "${name}" is given twice`, `Give "${name}" once.`);
    else values[name] = value;
  }
  const format = values["--format"] ?? "text";
  if (format === "sarif" && command !== "lint")
    throw usage(`--format sarif is for "lint" only`, "Use --format text or --format json.");
  if (format !== "text" && format !== "json" && format !== "sarif")
    throw usage(
      `--format must be ${command === "lint" ? '"text", "json" or "sarif"' : '"text" or "json"'}, not "${format}"`,
      command === "lint" ? "Use --format text, json or sarif." : "Use --format text or --format json.",
    );
  if (dryRun && format !== "text")
    throw usage(
      `--dry-run prints a diff, not ${format}`,
      'Run "lgtm-gitops lint --fix --dry-run FILE…" without --format, or "lgtm-gitops lint --fix --format ' +
        format +
        ' FILE…" to fix and report the rest.',
    );
  if (command === "lint" && positionals.length === 0)
    throw usage("lint needs at least one FILE", 'Run "lgtm-gitops lint path/to/values.yaml [--chart NAME@VERSION]".');
  if (command === "migrate") {
    if (positionals.length !== 1)
      throw usage(
        positionals.length === 0 ? "migrate needs a FILE" : "migrate takes exactly one FILE",
        'Run "lgtm-gitops migrate values.yaml --to tempo-distributed@3.x [--kafka-address HOST:PORT]".',
      );
    if (values["--to"] === undefined)
      throw usage(
        "migrate needs --to",
        'Name the target chart: "--to tempo-distributed@3.x" (the newest catalogued 3.x).',
      );
    if (inPlace && values["--out"] !== undefined)
      throw usage(
        "--in-place and --out contradict each other",
        "Give one of them: --out FILE writes elsewhere, --in-place overwrites the input.",
      );
    const p = values["--partitions"];
    if (p !== undefined && !/^[1-9]\d{0,3}$/.test(p))
      throw usage(
        `--partitions must be a whole number from 1 to 9999, not "${p}"`,
        "Give the Kafka topic's partition count, e.g. --partitions 3.",
      );
  }
  if (command === "explain" && list && positionals.length > 0)
    throw usage(
      "explain --list takes no RULE-ID",
      'Run "lgtm-gitops explain --list", or "lgtm-gitops explain RULE-ID" for one rule.',
    );
  if (command === "explain" && !list && positionals.length !== 1)
    throw usage(
      positionals.length === 0 ? "explain needs a RULE-ID" : "explain takes exactly one RULE-ID",
      'Run "lgtm-gitops explain tempo/replication-quorum"; rule ids are printed with every diagnostic.',
    );
  if ((command === "generate" || command === "check" || command === "schema") && positionals.length > 0)
    throw usage(
      `"${command}" takes no positional arguments (got "${positionals[0]}")`,
      command === "schema"
        ? 'Run "lgtm-gitops schema > cluster-definition.schema.json".'
        : `Select clusters with --cluster NAME; run "lgtm-gitops ${command} --help".`,
    );
  const parsed: {
    -readonly [K in keyof ParsedArgs]: ParsedArgs[K];
  } = { command, positionals, clusters, format, quiet, prune };
  if (values["--fleet"] !== undefined) parsed.fleet = values["--fleet"];
  if (values["--out"] !== undefined) parsed.out = values["--out"];
  if (values["--chart"] !== undefined) parsed.chart = values["--chart"];
  if (values["--distribution"] !== undefined) parsed.distribution = values["--distribution"];
  if (values["--to"] !== undefined) parsed.to = values["--to"];
  if (values["--kafka-address"] !== undefined) parsed.kafkaAddress = values["--kafka-address"];
  if (values["--partitions"] !== undefined) parsed.partitions = Number(values["--partitions"]);
  if (inPlace) parsed.inPlace = true;
  if (diff !== undefined) parsed.diff = diff;
  if (list) parsed.list = true;
  if (fix || dryRun) parsed.fix = true;
  if (dryRun) parsed.dryRun = true;
  return parsed;
}
