import { EXAMPLE_CHART } from "@lgtm-gitops/charts";
import type { RuleDocs } from "@lgtm-gitops/validators";

/**
 * One code the bundler itself emits: a diagnostic rule id (`definition/*`, `secret/*`, `bootstrap/*`; printed as
 * `file:line:column severity rule-id message`) or a CLI error code (`usage/*`, `fleet/*`, `output/*`, …; printed as
 * `lgtm-gitops: <what> (<code>)`, exit 1 or 2). The same shape as a rule of `@lgtm-gitops/validators`' catalogue.
 */
export interface BundlerCode {
  /** Stable id, `area/name`. */
  readonly id: string;
  /** `diagnostic`: a finding on a file, with a severity; `error`: the run stops with this exit code. */
  readonly kind: "diagnostic" | "error";
  /** Severity of the diagnostic, or `error` for a CLI error. */
  readonly severity: "error" | "warning";
  /** Exit code of the run that reports it (diagnostics with severity error make generate/check exit 1). */
  readonly exit: 0 | 1 | 2;
  /** One line: what goes wrong. */
  readonly title: string;
  /** What it checks, why it matters, how to fix it. */
  readonly docs: RuleDocs;
}

const code = (
  id: string,
  kind: BundlerCode["kind"],
  exit: BundlerCode["exit"],
  title: string,
  checks: string,
  why: string,
  fix: string,
  severity: BundlerCode["severity"] = "error",
): BundlerCode => ({ id, kind, severity, exit, title, docs: { checks, why, fix } });

const REGENERATE = "then run `pnpm gitops generate`";

/** Every code the bundler emits itself (the validators' rules are in their own catalogue), sorted by id. */
export const BUNDLER_CODES: readonly BundlerCode[] = Object.freeze(
  [
    code(
      "bootstrap/mixed-argocd-settings",
      "diagnostic",
      0,
      "Clusters disagree on the Argo CD repository, revision or namespace the ApplicationSet uses.",
      "`clusters/bootstrap/applicationset.yaml` is one ApplicationSet for the whole fleet; it takes `argocd.repoURL`, `argocd.targetRevision` and `argocd.namespace` from the first cluster and warns when another cluster sets them differently.",
      "Clusters whose settings differ would be synced from the wrong repository or revision if you bootstrap with the ApplicationSet. The per-cluster root Applications (`kubectl apply -k clusters/bootstrap`) are always right.",
      "Give every cluster the same `argocd` repository, revision and namespace, or bootstrap with the root Applications instead of the ApplicationSet.",
      "warning",
    ),
    code(
      "check/drift",
      "error",
      1,
      "A generated file under clusters/ is not what the fleet produces (drifted, missing or extra).",
      "`check` renders the fleet in memory and compares every generated file byte for byte with `clusters/`; it lists each drifted (edited), missing and extra (no longer produced) file.",
      "Argo CD deploys what is committed: a bundle that no longer matches its definition deploys something nobody reviewed, and the next `generate` silently undoes hand edits.",
      "Run `pnpm gitops generate` and commit the result. Never edit generated files; change the definition in `apps/bundler/fleet/` instead.",
    ),
    code(
      "check/invalid-fleet",
      "error",
      1,
      "`check` found errors in the definitions, so no bundle can be current.",
      "Before comparing, `check` validates every definition exactly as `generate` does; the errors are printed above this line.",
      "A fleet that does not validate has no well-defined output to compare against.",
      "Fix the errors listed above (`lgtm-gitops explain RULE-ID` explains each), then run `pnpm gitops generate`.",
    ),
    code(
      "definition/ambiguous-value",
      "diagnostic",
      1,
      "A value of a definition would not reach the values file as written.",
      "Plain scalars that YAML 1.2 (definitions) and YAML 1.1 (Helm, Kubernetes) read differently are refused with their position: `yes`/`no`/`on`/`off`/`y`/`n` (strings here, booleans to Helm), numbers with a leading zero such as `0440` (decimal here, octal to Helm), `1_000`; so are integers beyond 2^53 (they cannot be held exactly) and `!!binary`, `!!set`, `!!omap`, `!!pairs`, `!!timestamp` values.",
      "lgtm-gitops writes what it read; Helm would then read something else (a file mode 0440 becomes 440 = 0o670, `yes` a string instead of true, an id rounded).",
      "Write the value so both read it alike: `true`/`false`, the decimal number (288 for 0440), or quote it for a string.",
    ),
    code(
      "definition/argocd-scope",
      "diagnostic",
      1,
      "The Argo CD settings of a definition would give its bundle power over Argo CD itself.",
      "Argo CD's namespace must not be kube-system when the stack is deployed into Argo CD's own cluster (the cluster's AppProject allows kube-system, where kube-prometheus-stack puts its control-plane Services). Also refused at `argocd.*`: the project `default`, and wildcards (`*`, `?`, `[ ]`, `{ }`, `!`) in `repoURL` and the destination.",
      "Every destination an AppProject allows is one the bundle's Applications can overwrite; Argo CD's own objects must never be among them.",
      "Run Argo CD in its own namespace (argocd.namespace, default argocd), or deploy the stack to another cluster.",
    ),
    code(
      "definition/reserved-key",
      "diagnostic",
      1,
      "A key of a definition is `__proto__`.",
      "Once the definition is valid, every key is checked: `__proto__` cannot be a tenant id, label, header or value name.",
      "JavaScript objects cannot hold a `__proto__` key reliably: a record keyed by it (Tempo tenants, remote-write headers, external labels) would drop it without a word.",
      "Use another name.",
    ),
    code(
      "fleet/ignored-file",
      "diagnostic",
      0,
      "A file in the fleet directory is not read as a definition.",
      "Every file of the fleet directory that is not a definition (`*.ts`, `*.mts`, `*.yaml`, `*.yml`, `*.json`, lower case) is reported, except helpers (`_*`, `.*`), `*.d.ts`, `*.test.ts`, `tsconfig*.json`, `*.schema.json`, `package.json` and `*.md`. A name that looks like a definition (`prod.YAML`, `prod.yml.bak`) says which cluster it seems to define.",
      "A definition renamed by mistake is silently not read: its cluster looks removed, and deleting its bundle makes Argo CD delete the stack (generate refuses that without --prune).",
      "Rename it to `<cluster>.yaml` (or .yml, .json, .ts) if it is a definition; otherwise move it out of the fleet directory.",
      "warning",
    ),
    code(
      "fleet/outside-repository",
      "error",
      2,
      "A definition is a symbolic link that points outside the fleet's repository.",
      "A definition may be a symbolic link only to a file inside the repository that holds the fleet directory (the nearest directory above it with `.git` or `pnpm-workspace.yaml`).",
      "Definitions are reviewed in the repository; a link out of it deploys what nobody reviewed, and can make generate read (and echo in errors) any file the user can read.",
      "Copy the definition into the repository.",
    ),
    code(
      "generate/prune-required",
      "error",
      1,
      "The last generation wrote bundles for clusters that no definition names any more.",
      "`generate` deletes a bundle (a top-level directory the last generation's manifest lists) only when no definition names it and `--prune` is given; without it the run is refused and nothing is written. Files in the fleet directory that look like the missing definition (`prod.YAML`) are named.",
      "Argo CD prunes what disappears from Git: deleting a bundle deletes that cluster's whole stack. A definition renamed or deleted by mistake must not do that.",
      "Restore or rename the definition; if the cluster really is gone, run `generate --prune` and commit the result.",
    ),
    code(
      "output/interrupted",
      "error",
      1,
      "A generate run was interrupted after committing its journal, and finishing it failed.",
      "`generate` stages new files under `clusters/.lgtm-gitops.staging/`, commits `clusters/.lgtm-gitops.journal`, then moves them in; the next run replays a journal it finds. This error means applying (or replaying) it failed, e.g. a file system error.",
      "Until the journal is replayed, clusters/ is between the old and the new generation (`check` reports it).",
      "Fix the cause named in the message and run generate again; if the journal itself is damaged, restore clusters/ from Git and delete the journal.",
    ),
    code(
      "output/lock-unusable",
      "error",
      2,
      "Something other than a lock file is in the place of `clusters/.lgtm-gitops.lock`.",
      "The lock must be a regular file (created atomically, holding a process id). A directory, a FIFO, a symbolic link or an unreadable file there is refused at once; so is a lock that keeps appearing and disappearing.",
      "Waiting for such a lock would never end (an earlier version spun at full CPU forever).",
      "Remove it and run again.",
    ),
    code(
      "output/not-writable",
      "error",
      2,
      "The output directory cannot be written by this user.",
      "Taking the lock writes a small file in the output directory; a permission or read-only error ends the run at once.",
      "Nothing can be generated there.",
      "Run as a user that may write the output directory, or pass --out DIR.",
    ),
    code(
      "definition/duplicate-name",
      "diagnostic",
      1,
      "Two definition files define the same cluster name.",
      "Every definition's `name` must be unique in the fleet directory.",
      "Both would write `clusters/<name>/`; one cluster's bundle would silently replace the other's.",
      `Give every cluster its own name and remove or rename one of the two files, ${REGENERATE}.`,
    ),
    code(
      "definition/duplicate-project",
      "diagnostic",
      1,
      "Two clusters would generate the same AppProject.",
      "`argocd.project` (default: the cluster name) must differ between clusters.",
      "Both bundles would write the same AppProject with different sources and destinations; Argo CD would flip between them and one cluster's Applications would be refused.",
      `Give each cluster its own \`argocd.project\` (or leave it unset: the cluster name), ${REGENERATE}.`,
    ),
    code(
      "definition/duplicate-release",
      "diagnostic",
      1,
      "`stack.release` and `grafana.release` are the same name.",
      "The Tempo/LGTM stack and kube-prometheus-stack are two Helm releases; each needs its own name.",
      "Both would write `applications/<release>.yaml` and `values/<release>.yaml`, and Helm would manage two charts under one release name.",
      "Rename one of `stack.release` and `grafana.release`.",
    ),
    code(
      "definition/encoding",
      "diagnostic",
      1,
      "A YAML or JSON definition is not UTF-8 text.",
      "Definition files are decoded as strict UTF-8; the first byte that is not valid UTF-8 is reported with its offset, line and column.",
      "A Latin-1 or otherwise mis-encoded file would be read with replacement characters, so names and URLs in it would silently change.",
      "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.yaml > out.yaml`).",
    ),
    code(
      "definition/invalid",
      "diagnostic",
      1,
      "A value of a cluster definition does not match the schema.",
      "Every definition is parsed with the strict cluster-definition schema (`pnpm gitops schema` prints it; docs/cluster-definition.md documents it): types, allowed values, required fields.",
      "Rendering from an invalid definition would produce a bundle Argo CD or the charts reject, or one that deploys something else than meant.",
      "Correct the value at the reported path; an editor using the JSON Schema (apps/bundler/schema/cluster-definition.schema.json) shows such errors as you type.",
    ),
    code(
      "definition/kafka-address-twice",
      "diagnostic",
      1,
      "A Tempo 3.0 definition names a broker in `tempo.kafka.address` and also deploys one with `kafka:`.",
      "Tempo writes to one broker: either the one the bundle deploys (`kafka:`) or an existing one (`tempo.kafka.address`).",
      "One of the two brokers would receive nothing, and the definition would not say which one Tempo uses.",
      "Remove `tempo.kafka.address` to use the deployed broker, or remove `kafka:` to use your own.",
    ),
    code(
      "definition/kafka-unused",
      "diagnostic",
      1,
      "A definition deploys a Kafka broker (`kafka:`) for a stack that runs Tempo 2.",
      "Only Tempo 3.0 (grafana-community tempo-distributed 3.x) writes spans to Kafka.",
      "The broker and its operator would run and cost resources for nothing.",
      "Remove `kafka:`, or move `stack` to tempo-distributed 3.x (Tempo 3.0).",
    ),
    code(
      "definition/loki-twice",
      "diagnostic",
      1,
      "A definition deploys Loki (`loki:`) while another Loki is already named.",
      "`loki:` deploys a Loki of the bundle's own; the stack chart must not install one (lgtm-distributed does) and `datasources.lokiUrl` must not name another.",
      "Two Lokis would run, or Grafana would read one while the other receives the logs.",
      "Remove `loki:`, or remove `datasources.lokiUrl` / use tempo-distributed as the stack chart.",
    ),
    code(
      "definition/missing-url",
      "diagnostic",
      1,
      "A tempo-distributed cluster does not say where Loki or Mimir is.",
      "With `stack.chart: tempo-distributed` only Tempo is installed, so `datasources.lokiUrl` and `datasources.mimirUrl` must name the existing Loki and Mimir.",
      "Grafana's Loki and Prometheus datasources (and trace-to-logs/metrics links) would point at nothing.",
      'Set `datasources.lokiUrl` (e.g. "http://loki-gateway.loki.svc.cluster.local") and `datasources.mimirUrl` (e.g. "http://mimir-nginx.mimir.svc.cluster.local/prometheus").',
    ),
    code(
      "definition/name-mismatch",
      "diagnostic",
      1,
      "The definition's `name` differs from its file name.",
      "`fleet/<name>.ts|yaml|json` must define the cluster `<name>`.",
      "The file name is how operators find a cluster's definition from `clusters/<name>/README.md`; a mismatch sends them to the wrong file.",
      "Rename the file to `<name>.<ext>` or change `name` to the file's stem.",
    ),
    code(
      "definition/namespace",
      "diagnostic",
      1,
      "The stack or kube-prometheus-stack would be installed into Argo CD's own namespace, or Kafka into a release's.",
      "`stack.namespace` and `grafana.namespace` must differ from `argocd.namespace`; `kafka.namespace` from both.",
      "Pruning or deleting the release would then touch Argo CD's namespace, and the AppProject would have to allow deploying into it.",
      "Pick another namespace (e.g. `monitoring`, `lgtm-stack`).",
    ),
    code(
      "definition/no-default-export",
      "diagnostic",
      1,
      "A TypeScript definition has no default export.",
      "A `.ts` definition must `export default defineCluster({...})`.",
      "Without it the file defines no cluster; skipping it silently would delete that cluster's bundle.",
      'End the file with `export default defineCluster({ ... })` (imported from "@lgtm-gitops/bundler").',
    ),
    code(
      "definition/not-text",
      "diagnostic",
      1,
      "A file named like a YAML or JSON definition is binary.",
      "A definition containing a NUL byte is refused before parsing (its offset, line and column are reported).",
      "A binary file is never a definition; parsing it would give a confusing syntax error.",
      "Remove it from the fleet directory, or rename it so it does not end in .yaml, .yml or .json.",
    ),
    code(
      "definition/reserved-release",
      "diagnostic",
      1,
      'A release is named "namespaces", a name the bundle reserves.',
      "`stack.release` and `grafana.release` must not be `namespaces`: a cluster outside Argo CD's own cluster gets the Application `<cluster>-namespaces` in `applications/namespaces.yaml`.",
      "The release's Application would collide with the namespaces Application (same file, same name).",
      'Pick another release name (the defaults are "lgtm-stack"/"tempo" and "kube-prometheus-stack").',
    ),
    code(
      "definition/syntax",
      "diagnostic",
      1,
      "A YAML or JSON definition cannot be parsed.",
      "Definitions are parsed strictly: syntax errors, duplicate keys, unknown tags (`!!js/function`, `!Secret`), an alias that names no anchor (`*name` before or without `&name`), alias bombs and documents too deep to read are refused, with the position of the problem.",
      "A definition that parses only loosely can mean something else than it says (a duplicate key silently wins, an unknown tag becomes a string).",
      "Fix the syntax at the reported position; write values out instead of nesting anchors and aliases.",
    ),
    code(
      "definition/too-large",
      "diagnostic",
      1,
      "A definition is larger than lgtm-gitops reads: its file, its entries, or what its aliases expand it to.",
      "A YAML/JSON definition is refused unparsed when the file is larger than 1 MiB or has more than 20,000 entries (lines and list items), and unread when its aliases (*name) expand it past 50,000 nodes or 2 MiB; the message gives the line where the limit is passed.",
      "Real definitions are a few kilobytes; a huge file is a mistake (a dump, a log) and parsing it only costs time and memory.",
      "Check this is the file you meant to put in the fleet directory, and move it out if not.",
    ),
    code(
      "definition/unknown-key",
      "diagnostic",
      1,
      "A definition sets a field the schema does not have.",
      "The cluster-definition schema is strict: every key must be a known field (with a did-you-mean for near misses).",
      "A misspelt field (`retension`) would otherwise be ignored and the default used, silently.",
      "Correct the key to the suggested field, or remove it; `pass-through` chart values belong under `values.stack` / `values.grafana` / `values.loki` / `values.kafka`.",
    ),
    code(
      "definition/values-override",
      "diagnostic",
      0,
      "A `values:` pass-through (`values.stack`, `values.grafana`, `values.loki`, `values.kafka`) overrides a value a typed field of the definition sets.",
      "Each value the bundler generates from a typed field (replicas, replication factor, retention, the admin Secret, …) against the values the chart gets once the `values:` pass-through of its Application is merged over it with Helm's rules (a `null` deletes the key and the chart default applies); for the stack chart also the Tempo settings a `values.stack` `structuredConfig` replaces in tempo.yaml; for Loki and the Strimzi operator also what the bundle relies on without a typed field (Loki's monolithic layout, the operator's watched namespace), named as the section (`loki`, `kafka`). Reported at the override, naming the typed field, its position and both values.",
      "The override wins, so the typed field says one thing and the cluster runs another: a reviewer reading `tempo.ingester.replicas: 3` does not see the 1 ingester deployed. The cluster README and the value checks show what the chart gets.",
      "Set the value in the typed field and remove the override; keep `values:` for what the typed definition does not model.",
      "warning",
    ),
    code(
      "definition/values-unused",
      "diagnostic",
      1,
      "`values.loki`/`values.kafka` passes values to an Application the definition does not deploy.",
      "`values.loki` needs the `loki:` section (the bundle deploys Loki) and `values.kafka` the `kafka:` section (the bundle deploys the Strimzi operator).",
      "Without the section the bundle has no such Application: the values would be dropped silently while the definition says they apply.",
      "Add the section, or remove the values.",
    ),
    code(
      "explain/unknown-rule",
      "error",
      2,
      "`explain` was given an id that is in no catalogue.",
      "`explain` looks the id up in the validators' rule catalogue, then in the bundler's own codes.",
      "An unknown id is usually a typo; the error suggests the closest known id.",
      "Copy the id from the diagnostic or error line (docs/rules.md and docs/cli-errors.md list them all).",
    ),
    code(
      "fleet/empty",
      "error",
      2,
      "The fleet directory holds no cluster definition.",
      "`generate` needs at least one `*.ts`, `*.yaml`, `*.yml` or `*.json` definition in the fleet directory.",
      "Generating an empty fleet would delete every generated bundle under clusters/.",
      "Add a definition (docs/getting-started.md) or pass `--fleet DIR`.",
    ),
    code(
      "fleet/load-failed",
      "error",
      2,
      "A definition could not be loaded (TypeScript that does not compile or throws, an unreadable file).",
      "TypeScript definitions are compiled by one esbuild build per run, then run; a compile error (shown with file:line:column), an exception while running (with where it was thrown) or while reading the default export, or a read error, stops the run. Only the first line of the error is shown, never a stack trace.",
      "A fleet with a definition that does not load has no well-defined output: continuing would delete that cluster's bundle.",
      "Fix the TypeScript (it must `export default defineCluster({...})` of plain data, without getters that throw), or make the file readable.",
    ),
    code(
      "fleet/not-a-file",
      "error",
      2,
      "Something in the fleet that is named like a definition is not a regular file.",
      "Entries of the fleet directory ending in .ts/.yaml/.yml/.json (and what symbolic links among them point to) must be regular files: a directory, a named pipe (FIFO), a socket or a device is refused before it is opened.",
      "A directory named `x.yaml` is a mistake; reading a FIFO or a device waits for a writer forever (a hang).",
      "Rename or remove it; a cluster definition is one regular file.",
    ),
    code(
      "fleet/not-found",
      "error",
      2,
      "The fleet directory does not exist or cannot be read.",
      "`--fleet DIR` (default `apps/bundler/fleet`) must be a readable directory.",
      "Without it there is nothing to generate or check.",
      "Create it with one definition per cluster (docs/getting-started.md), or pass `--fleet DIR`.",
    ),
    code(
      "generate/invalid-fleet",
      "error",
      1,
      "`generate` found errors in the definitions and wrote nothing.",
      "Every definition, every rendered object and every values file is validated before anything is written; the errors are printed above this line.",
      "Writing part of a fleet, or a bundle Argo CD would reject, is worse than writing nothing: clusters/ stays byte-for-byte as it was.",
      "Fix the errors listed above (`lgtm-gitops explain RULE-ID` explains each) and run `generate` again.",
    ),
    code(
      "internal/unexpected",
      "error",
      2,
      "An unexpected failure inside lgtm-gitops or its environment.",
      "Anything thrown that is not one of the CLI's own errors is reported with its first line only.",
      "It is a bug or an environment problem (disk full, permissions), never a problem of the definitions.",
      "Re-run; if it persists, report it with the command you ran and the message.",
    ),
    code(
      "lint/encoding",
      "error",
      2,
      "A file given to `lint` is not UTF-8 text.",
      "`lint` decodes every file as strict UTF-8, like definitions; the first invalid byte is reported with its offset and `file:line:column`.",
      "Linting a mis-encoded file would check text with replacement characters, not what Helm reads.",
      "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.yaml > out.yaml`).",
    ),
    code(
      "lint/not-text",
      "error",
      2,
      "A file given to `lint` is binary.",
      "A file containing a NUL byte is refused before parsing, with the byte's offset and `file:line:column`.",
      "A binary file is never a Helm values file.",
      "Give `lint` the path of a Helm values file (YAML or JSON text).",
    ),
    code(
      "lint/fix-not-written",
      "error",
      2,
      "`lint --fix` could not replace a file, or the file changed while it ran.",
      "`lint --fix` writes each changed file to a temp file beside it and renames it over the original, after checking the file still holds the text it linted.",
      "A partial write or a lost concurrent edit would leave a values file nobody wrote; the file is left as it was.",
      "Check that the file and its directory are writable, then run `lint --fix` again.",
    ),
    code(
      "lint/too-large",
      "error",
      2,
      "A file given to `lint` is larger than 8 MiB, or all of them together larger than 32 MiB.",
      "`lint` reads at most 8 MiB of a file and 32 MiB for one run, and refuses more unparsed. (Entries and alias expansion are bounded too, per file and per run: `yaml/syntax`.)",
      "The largest chart default values are a few hundred kilobytes; a bigger file is a mistake (a dump, a log) and parsing it only costs time and memory.",
      "Check this is the Helm values file you meant to lint; lint many files in smaller groups.",
    ),
    code(
      "output/locked",
      "error",
      1,
      "Another lgtm-gitops run holds the output lock.",
      "`generate` takes `clusters/.lgtm-gitops.lock` (created exclusively, holding the pid); a live holder is waited for 3 s, a dead one's lock is taken over.",
      "Two runs writing clusters/ at once could mix their outputs.",
      "Wait for the other run to finish and run again; if no such process runs, delete the lock file.",
    ),
    code(
      "output/not-a-directory",
      "error",
      2,
      "The output directory is a file, or cannot be created.",
      "`--out DIR` (default `clusters/`) must be, or be creatable as, a directory.",
      "There is nowhere to write the bundles.",
      "Pass `--out DIR` naming a directory.",
    ),
    code(
      "output/outside",
      "error",
      2,
      "A path under the output directory resolves outside it (a symbolic link).",
      "Before writing, every directory is resolved through symbolic links and must stay inside the output directory.",
      "Following a link out of clusters/ would let a generated file overwrite anything the user can write.",
      "Remove the symbolic link that points out of the output directory.",
    ),
    code(
      "output/unsafe-path",
      "error",
      2,
      "A renderer produced a path that is not a plain path inside the output directory.",
      "Every path written or deleted must be relative, without `..`, `.` or empty segments.",
      "A path like `../x` would write or delete outside clusters/.",
      "This is a bug in a renderer; report it with the definition that produced it.",
    ),
    code(
      "usage/invalid-arguments",
      "error",
      2,
      "The command line is not valid (unknown option, missing value, wrong format).",
      "Every command accepts only its own options (`lgtm-gitops <command> --help`).",
      "Guessing what a malformed command meant could write or check the wrong thing.",
      "Run `lgtm-gitops <command> --help` and correct the command line.",
    ),
    code(
      "usage/unknown-cluster",
      "error",
      2,
      "`--cluster NAME` names no definition.",
      "Every `--cluster` must be the name of a definition in the fleet directory.",
      "A misspelt name would otherwise generate or check nothing and report success.",
      "Use a name printed in the error's list of known clusters.",
    ),
    code(
      "usage/unknown-command",
      "error",
      2,
      "The first argument is not a command.",
      "Commands are generate, check, lint, explain and schema.",
      "An unknown command does nothing useful.",
      "Run `lgtm-gitops --help`.",
    ),
    code(
      "usage/unknown-distribution",
      "error",
      2,
      "`lint --distribution` names no known Kubernetes distribution.",
      "The distribution selects the DNS service the gateways resolve names through.",
      "An unknown distribution cannot be checked against anything.",
      "Use one of the distributions the error lists.",
    ),
    code(
      "usage/unreadable-file",
      "error",
      2,
      "A file given to `lint` does not exist, is a directory or cannot be read.",
      "`lint` reads every file it is given, relative to the current directory.",
      "Skipping it would report success for a file that was never linted.",
      "Give the path of a Helm values file (YAML or JSON), relative to the current directory.",
    ),
    code(
      "usage/unsupported-chart",
      "error",
      2,
      "`lint --chart` names a chart or version lgtm-gitops has no catalogue for.",
      "`--chart NAME@VERSION` must be one of the charts in the key catalogue (`@lgtm-gitops/charts`).",
      "Values cannot be checked against a chart whose keys are unknown.",
      `Use NAME@VERSION, e.g. ${EXAMPLE_CHART}, or leave \`--chart\` out to detect it from the content.`,
    ),
  ].sort((a, b) => a.id.localeCompare(b.id)),
);

/** The bundler code with this id, or `undefined`. */
export function findBundlerCode(id: string): BundlerCode | undefined {
  return BUNDLER_CODES.find((c) => c.id === id.trim());
}

function section(c: BundlerCode, level: string): string {
  const how =
    c.kind === "error"
      ? `CLI error, exit ${c.exit}`
      : `diagnostic, severity ${c.severity}${c.exit !== 0 ? `, exit ${c.exit}` : ""}`;
  return [
    `${level} \`${c.id}\` (${how})`,
    "",
    c.title,
    "",
    `**What it checks.** ${c.docs.checks}`,
    "",
    `**Why it matters.** ${c.docs.why}`,
    "",
    `**How to fix.** ${c.docs.fix}`,
    "",
  ].join("\n");
}

/** What `explain` prints for a bundler code (Markdown, the same sections as the validators' rules), or `undefined`. */
export function explainBundlerCode(id: string): string | undefined {
  const c = findBundlerCode(id);
  return c ? section(c, "#") : undefined;
}

/** Where {@link renderCodesMarkdown}'s output is committed, from the repository root. */
export const CODES_DOC = "docs/cli-errors.md";

/**
 * The content of `docs/cli-errors.md`, generated from {@link BUNDLER_CODES} by `pnpm codegen` (`pnpm codegen --check` and a test fail when the committed file drifts).
 */
export function renderCodesMarkdown(): string {
  const lines = [
    "<!-- Generated from apps/bundler/src/codes.ts by `pnpm codegen`. DO NOT EDIT. -->",
    "",
    "# CLI errors and bundler diagnostics",
    "",
    "The codes `lgtm-gitops` itself reports: diagnostics on definitions and generated files",
    "(`file:line:column  severity  rule-id  message`) and errors that stop a run (`lgtm-gitops: <what> (<code>)`, with a",
    "`fix:` line). `pnpm gitops explain CODE` prints one of them; the lint rules are in [rules.md](rules.md).",
    "",
  ];
  const areas = [...new Set(BUNDLER_CODES.map((c) => c.id.split("/")[0] ?? ""))];
  for (const area of areas) {
    lines.push(`## ${area}`, "");
    for (const c of BUNDLER_CODES.filter((x) => x.id.startsWith(`${area}/`))) lines.push(section(c, "###"));
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
