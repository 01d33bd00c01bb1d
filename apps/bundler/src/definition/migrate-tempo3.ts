import { type ChartId, chartDescriptor, componentPrefix } from "@lgtm-gitops/charts";
import { type Diagnostic, type Edit, fail, formatPath, isRecord, ok, type Result } from "@lgtm-gitops/diagnostics";
import { kafkaSchema, tempoMajorOf } from "@lgtm-gitops/tempo-config";
import {
  applyEdits,
  checkExpansion,
  DEFINITION_LIMITS,
  MIGRATE_PLACEHOLDER,
  type MigrationNote,
  migrateTempo3Config,
  resolveTempo3Target,
  tempo3ChartMove,
} from "@lgtm-gitops/validators";
import { parseDocument } from "yaml";
import { yamlLocators } from "../fleet/load.js";
import { renderCluster } from "../render/cluster.js";
import { parseDefinitions } from "./parse.js";
import { type ClusterDefinition, defaultStackRelease, LOGS_CHART, stackChartId } from "./schema.js";

/** The result of {@link migrateDefinitionToTempo3}. */
export interface DefinitionMigration {
  /** The cluster (`name`). */
  readonly cluster: string;
  /** The stack chart the definition named. */
  readonly from: ChartId;
  /** The grafana-community tempo-distributed 3.x chart it names now. */
  readonly to: ChartId;
  /** The stack release before and after: the 3.x release gets a name of its own, so both can run side by side. */
  readonly release: { readonly from: string; readonly to: string };
  /** The new definition (the input's comments, order and formatting kept where nothing changed). */
  readonly text: string;
  readonly moved: readonly MigrationNote[];
  readonly noEquivalent: readonly MigrationNote[];
  readonly needsHuman: readonly MigrationNote[];
  /** What `generate` still refuses in the new definition, as generate reports it: each needs the person first. */
  readonly blocking: readonly Diagnostic[];
}

/** Options of {@link migrateDefinitionToTempo3}. */
export interface DefinitionMigrationOptions {
  /** Target chart, as `migrate --to` (`tempo-distributed@3.x`). */
  readonly to: string;
  /** An existing broker (`tempo.kafka.address`); without it the bundle deploys one (`kafka: { deploy: strimzi }`). */
  readonly kafkaAddress?: string;
  /** Kafka partitions. @default the ingester replicas of the input */
  readonly partitions?: number;
  /** The file (diagnostics of the input and of the result name it). */
  readonly file: string;
}

const INVALID_INPUT = "migrate/invalid-input";
const ALREADY_TEMPO3 = "migrate/already-tempo3";

const err = (ruleId: string, message: string, fix: string): Diagnostic => ({
  ruleId,
  severity: "error",
  path: [],
  message,
  fix,
});

/**
 * True when YAML data is shaped like a cluster definition rather than Helm values: a `stack` map and a `tempo` map at
 * the top (no chart has both), which is what `migrate` goes by.
 */
export function isDefinitionShaped(data: unknown): boolean {
  return isRecord(data) && isRecord(data.stack) && isRecord(data.tempo);
}

/** Why a 1.x/2.x chart value has no 3.x place, from THE table of chart moves (validators' TEMPO3_CHART_MOVES). */
function reasonOf(chartPath: string): string {
  return tempo3ChartMove(chartPath)?.move.reason ?? "Tempo 3.0 has no equivalent";
}

/**
 * The 3.x release name, one the definition does not use yet: tempo-distributed's default release for an
 * lgtm-distributed stack (`tempo`), else `<release>3` (`tempo` → `tempo3`).
 */
function newRelease(def: ClusterDefinition): string {
  const taken = new Set([def.stack.release, def.grafana.release, def.loki?.release]);
  const lgtm = def.stack.chart === "lgtm-distributed";
  const base = lgtm ? (defaultStackRelease("tempo-distributed") ?? "tempo") : def.stack.release;
  for (let n = lgtm ? 0 : 1; ; n++) {
    const suffix = n === 0 ? "" : n === 1 ? "3" : `3-${n - 1}`;
    const name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * Rewrites a cluster definition on grafana lgtm-distributed or tempo-distributed 1.x/2.x (Tempo 2) for the
 * grafana-community tempo-distributed 3.x chart (Tempo 3.0), the form `generate` accepts: the stack names the newest
 * (or the requested) catalogued 3.x version and a release of its own; `tempo.ingester` becomes `tempo.liveStore`
 * (its resources, also given to `blockBuilder`) and its replicas the Kafka partitions; `tempo.compactor` becomes
 * `tempo.backendWorker`; `tempo.structuredConfig` loses what Tempo 3.0 refuses; Kafka is `tempo.kafka.address` or a
 * broker the bundle deploys (`kafka: { deploy: strimzi }`); `compaction_disabled` is set for the side-by-side upgrade;
 * an lgtm-distributed definition gets `loki:` when its Loki came from the umbrella. The edits go through lint --fix's
 * `applyEdits` (comments, order and untouched lines kept). What has no equivalent, what a person must do, and what
 * `generate` still refuses (run in memory on the result) are returned. Fails with `migrate/invalid-input` (not a
 * definition generate accepts) or `migrate/already-tempo3`; `migrate/unknown-target` from `to`.
 */
export function migrateDefinitionToTempo3(
  text: string,
  options: DefinitionMigrationOptions,
): Result<DefinitionMigration> {
  const target = resolveTempo3Target(options.to);
  if (!target.ok) return target;
  const to = target.value;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const line = problem.linePos?.[0];
    return fail([
      err(
        INVALID_INPUT,
        `the definition is not valid YAML${line ? ` (line ${line.line}, column ${line.col})` : ""}: ${problem.message.split("\n")[0]}`,
        "Fix the YAML first; pnpm gitops generate shows where.",
      ),
    ]);
  }
  const expansion = checkExpansion(doc, DEFINITION_LIMITS);
  if (expansion !== undefined)
    return fail([err(INVALID_INPUT, `the definition cannot be read: ${expansion.message}`, expansion.fix)]);
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail([
      err(
        INVALID_INPUT,
        `the definition cannot be read: ${e instanceof Error ? e.message : String(e)}`,
        "Write the values out instead of repeating anchors (&name) with aliases (*name).",
      ),
    ]);
  }
  const name = isRecord(input) && typeof input.name === "string" ? input.name : "";
  const parsed = parseDefinitions([{ file: options.file, stem: name, format: "yaml", input, ...yamlLocators(text) }]);
  const first = parsed.diagnostics.find((d) => d.severity === "error");
  const def = parsed.definitions[0]?.definition;
  if (first !== undefined || def === undefined) {
    const at = first?.line !== undefined ? `line ${first.line}: ` : "";
    return fail([
      err(
        INVALID_INPUT,
        `the definition does not pass the definition schema (${at}${first?.message ?? "unreadable"}), so it cannot be migrated`,
        `${first?.fix ? `${first.fix} ` : ""}pnpm gitops generate lists every problem; fix them first.`,
      ),
    ]);
  }
  const from = stackChartId(def.stack);
  if (from === undefined) return fail([err(INVALID_INPUT, "the definition names no stack chart", "Set stack.")]);
  if (tempoMajorOf(from) >= 3)
    return fail([
      err(
        ALREADY_TEMPO3,
        `the definition is already on ${from.replace("@", " ")}, which runs Tempo 3`,
        `Generate it instead: pnpm gitops generate --cluster ${def.name}.`,
      ),
    ]);

  const moved: MigrationNote[] = [];
  const noEquivalent: MigrationNote[] = [];
  const needsHuman: MigrationNote[] = [];
  const edits: Edit[] = [];
  const raw = input as Record<string, Record<string, unknown>>;
  const tempo = raw.tempo as Record<string, unknown>;
  const lgtm = def.stack.chart === "lgtm-distributed";
  const toVersion = chartDescriptor(to).version;
  const release = { from: def.stack.release, to: newRelease(def) };

  // stack: the 3.x chart and version, a release of its own, the namespace kept (the Secrets Tempo reads live there).
  if (lgtm) edits.push({ op: "set", path: ["stack", "chart"], value: "tempo-distributed" });
  edits.push({ op: "set", path: ["stack", "version"], value: toVersion });
  edits.push({ op: "set", path: ["stack", "release"], value: release.to });
  if (raw.stack?.namespace === undefined)
    edits.push({ op: "set", path: ["stack", "namespace"], value: def.stack.namespace });
  moved.push({
    from: "stack",
    to: ["stack.chart", "stack.version", "stack.release"],
    message: `${from.replace("@", " ")} → grafana-community tempo-distributed ${toVersion} (Tempo ${chartDescriptor(to).appVersion}), release \`${release.to}\` beside \`${release.from}\` in namespace ${def.stack.namespace}`,
  });

  // tempo.ingester → tempo.liveStore (+ blockBuilder); its replicas become the Kafka partitions.
  const ingester = isRecord(tempo.ingester) ? tempo.ingester : undefined;
  const ingesterReplicas = typeof ingester?.replicas === "number" ? ingester.replicas : undefined;
  const partitions =
    options.partitions ??
    (isRecord(tempo.kafka) && typeof tempo.kafka.partitions === "number" ? tempo.kafka.partitions : undefined) ??
    ingesterReplicas ??
    (kafkaSchema.shape.partitions.parse(undefined) as number);
  if (ingester !== undefined) {
    for (const [key, chartPath] of [
      ["replicas", "ingester.replicas"],
      ["replicationFactor", "ingester.config.replication_factor"],
      ["persistence", "ingester.persistence"],
    ] as const)
      if (Object.hasOwn(ingester, key)) {
        edits.push({ op: "delete", path: ["tempo", "ingester", key] });
        noEquivalent.push({ from: `tempo.ingester.${key}`, message: reasonOf(chartPath) });
      }
    if (Object.hasOwn(ingester, "resources")) {
      edits.push({ op: "move", from: ["tempo", "ingester"], to: ["tempo", "liveStore"] });
      edits.push({ op: "set", path: ["tempo", "blockBuilder", "resources"], value: ingester.resources });
      const note = {
        from: "tempo.ingester.resources",
        to: ["tempo.liveStore.resources", "tempo.blockBuilder.resources"],
        message: reasonOf("ingester.resources"),
      };
      moved.push(note);
      needsHuman.push(note);
    } else if (Object.keys(ingester).length === 0) edits.push({ op: "delete", path: ["tempo", "ingester"] });
  }
  const partitionsSource =
    options.partitions !== undefined
      ? "--partitions"
      : ingesterReplicas !== undefined
        ? `the ingester replicas (${ingesterReplicas})`
        : "the default";
  edits.push({ op: "set", path: ["tempo", "kafka", "partitions"], value: partitions });
  moved.push({
    to: ["tempo.kafka.partitions"],
    message: `${partitions} Kafka partition${partitions === 1 ? "" : "s"} from ${partitionsSource}: one live-store and one block-builder each (about 10 MB/s of peak ingestion per partition)`,
  });

  // tempo.compactor → tempo.backendWorker (the backend-scheduler, one pod, plans the jobs).
  if (isRecord(tempo.compactor)) {
    edits.push({ op: "move", from: ["tempo", "compactor"], to: ["tempo", "backendWorker"] });
    moved.push({
      from: "tempo.compactor",
      to: ["tempo.backendWorker"],
      message: `${reasonOf("compactor")}; a backend-scheduler (one pod, tempo.backendScheduler.resources) plans them, with tempo.retention and tempo.compaction`,
    });
  }

  // MinIO: no 3.x equivalent; kept, so that generate names it until it is replaced.
  if (def.tempo.storage.backend === "minio") {
    const note = {
      from: "tempo.storage",
      message: `${reasonOf("minio")}. Kept as it is: generate refuses it until tempo.storage names an object store of its own (s3 with endpoint, insecure and forcePathStyle for a MinIO you run; gcs; azure) and the 3.x release shares the 2.x bucket only if that store is the same`,
    };
    noEquivalent.push(note);
    needsHuman.push(note);
  }

  // The local-blocks processor is gone (block-builders write the blocks TraceQL metrics read).
  const withoutLocalBlocks = (list: unknown) =>
    Array.isArray(list) && list.includes("local-blocks") ? list.filter((p) => p !== "local-blocks") : undefined;
  const processorLists: [string[], unknown][] = [
    [["tempo", "metricsGenerator", "processors"], (tempo.metricsGenerator as Record<string, unknown>)?.processors],
    ...Object.entries(isRecord(tempo.tenants) ? tempo.tenants : {}).map(
      ([id, t]) =>
        [
          ["tempo", "tenants", id, "metricsGeneratorProcessors"],
          isRecord(t) ? t.metricsGeneratorProcessors : undefined,
        ] as [string[], unknown],
    ),
  ];
  for (const [path, list] of processorLists) {
    const kept = withoutLocalBlocks(list);
    if (kept === undefined) continue;
    edits.push({ op: "set", path, value: kept });
    noEquivalent.push({
      from: `${formatPath(path)}: local-blocks`,
      message: reasonOf("metricsGenerator.config.traces_storage"),
    });
  }
  const generatorConfig = (tempo.metricsGenerator as Record<string, unknown> | undefined)?.config;
  if (isRecord(generatorConfig) && Object.hasOwn(generatorConfig, "traces_storage")) {
    edits.push({ op: "delete", path: ["tempo", "metricsGenerator", "config", "traces_storage"] });
    noEquivalent.push({
      from: "tempo.metricsGenerator.config.traces_storage",
      message: reasonOf("metricsGenerator.config.traces_storage"),
    });
  }

  // Kafka: the broker given, or one the bundle deploys.
  if (options.kafkaAddress !== undefined) {
    edits.push({ op: "set", path: ["tempo", "kafka", "address"], value: options.kafkaAddress });
    moved.push({
      to: ["tempo.kafka.address"],
      message: "the Kafka broker the distributors write to (--kafka-address)",
    });
    needsHuman.push({
      to: ["tempo.kafka.topic"],
      message: `create the topic \`${def.tempo.kafka?.topic ?? kafkaSchema.shape.topic.parse(undefined)}\` on ${options.kafkaAddress} with exactly ${partitions} partition${partitions === 1 ? "" : "s"}: the bundle switches Tempo's topic auto-creation off`,
    });
  } else {
    edits.push({ op: "set", path: ["kafka"], value: { deploy: "strimzi" } });
    moved.push({
      to: ["kafka"],
      message:
        "the bundle deploys the Kafka broker (Strimzi operator and a KRaft cluster with the topic and its partitions); pass --kafka-address to use a broker of your own",
    });
    needsHuman.push({
      to: ["kafka.nodes"],
      message:
        "the broker the bundle deploys has one node (kafka.nodes, default 1: no replication); set kafka.nodes: 3 and kafka.storage.size for production",
    });
  }

  // Side by side with 2.x: the new release must not compact or apply retention until cut-over.
  const side = "side by side with 2.x: the 2.x compactors keep compacting until cut-over; remove it then (step 5)";
  const flag = ["compaction", "compaction_disabled"];
  edits.push({ op: "set", path: ["values", "stack", "overrides", "defaults", ...flag], value: true });
  moved.push({ to: ["values.stack.overrides.defaults.compaction.compaction_disabled"], message: side });
  for (const id of Object.keys(def.tempo.tenants)) {
    edits.push({ op: "set", path: ["values", "stack", "per_tenant_overrides", id, ...flag], value: true });
    moved.push({
      to: [`values.stack.per_tenant_overrides.${id}.compaction.compaction_disabled`],
      message: `tenant ${id}: tenant blocks do not inherit the defaults; ${side}`,
    });
  }

  // values.stack: lgtm-distributed's `tempo:` block is tempo-distributed's top level; the rest belongs elsewhere.
  const stackValues = isRecord(raw.values?.stack) ? (raw.values.stack as Record<string, unknown>) : {};
  if (lgtm)
    for (const [key, value] of Object.entries(stackValues)) {
      if (key === "tempo" && isRecord(value)) {
        // Through a key of its own: the block may hold a `tempo:` of its own (tempo-distributed's `tempo.*`).
        const held = ["values", "stack", "lgtm-gitops-migrate-tempo"];
        edits.push({ op: "move", from: ["values", "stack", "tempo"], to: held });
        for (const k of Object.keys(value)) edits.push({ op: "move", from: [...held, k], to: ["values", "stack", k] });
        moved.push({
          from: "values.stack.tempo",
          to: ["values.stack"],
          message: "tempo-distributed's values are lgtm-distributed's `tempo:` block",
        });
      } else if (key !== "global") {
        edits.push({ op: "delete", path: ["values", "stack", key] });
        noEquivalent.push({
          from: `values.stack.${key}`,
          message: `\`${key}\` is not part of tempo-distributed: it configured lgtm-distributed's ${key}, which a tempo-distributed stack does not install`,
        });
      }
    }
  const tempoValues = lgtm && isRecord(stackValues.tempo) ? stackValues.tempo : lgtm ? {} : stackValues;
  for (const key of Object.keys(tempoValues)) {
    const row = tempo3ChartMove(key);
    if (row === undefined) continue;
    needsHuman.push({
      from: `values.stack${lgtm ? ".tempo" : ""}.${key}`,
      message: `a 1.x/2.x chart value: ${row.move.to.length > 0 ? `on 3.x it is \`${row.move.to.join("`, `")}\`` : "it has no 3.x equivalent"} (${row.move.reason}); move it by hand`,
    });
  }

  // lgtm-distributed brought Loki and Mimir; tempo-distributed does not.
  if (lgtm) {
    const loki = lokiOf(def);
    if (loki !== undefined) {
      edits.push({ op: "set", path: ["loki"], value: loki.value });
      moved.push({
        to: ["loki"],
        message: `Loki as its own Application (grafana-community ${LOGS_CHART} chart, monolithic) instead of lgtm-distributed's; Grafana's Loki datasource points at it`,
      });
      needsHuman.push(...loki.notes);
    }
    if (def.datasources.mimirUrl === undefined && componentPrefix(from, "mimir") !== undefined) {
      needsHuman.push({
        to: ["datasources.mimirUrl"],
        message:
          'tempo-distributed installs no Mimir: add `mimir: { storage }` to deploy one with the bundle (grafana/mimir-distributed, buckets of its own; Grafana and the metrics-generator are wired to its gateway), or set datasources.mimirUrl to the Prometheus API of a Mimir you have (e.g. "http://mimir-gateway.mimir.svc.cluster.local/prometheus"); the metrics-generator then writes to its /api/v1/push unless tempo.metricsGenerator.remoteWrite says otherwise. The metrics in lgtm-distributed\'s Mimir are not carried over',
      });
    }
  }

  // How a definition runs side by side: the 2.x Application leaves the bundle, Argo CD must not prune it.
  const app = (r: string) => `${def.name}-${r}`;
  needsHuman.push({
    to: ["stack.release"],
    message: `the 3.x release is \`${release.to}\`, the 2.x one \`${release.from}\` (Application ${app(release.from)}), which leaves the bundle. Before committing the new bundle, keep Argo CD from deleting it: \`kubectl -n ${def.argocd.namespace} annotate application ${app(release.from)} argocd.argoproj.io/sync-options=Prune=false\`; at step 6 delete it: \`kubectl -n ${def.argocd.namespace} delete application ${app(release.from)}\` (its finalizer removes the 2.x workloads; delete the ingesters' PVCs after). Upgrading in place instead (stack.release: ${release.from}, no compaction_disabled) loses what the ingesters have not flushed and has no way back`,
  });

  const applied = applyEdits(text, [edits]);
  if (applied.skipped.length > 0)
    return fail([
      err(
        INVALID_INPUT,
        `the definition could not be rewritten: ${applied.skipped[0]?.reason ?? "an edit did not apply"}`,
        "Write the definition without anchors, aliases or merge keys, then run migrate again.",
      ),
    ]);
  const structured = migrateStructured(applied.text);
  moved.push(...structured.moved);
  noEquivalent.push(...structured.noEquivalent);
  needsHuman.push(...structured.needsHuman);
  const out = withHeader(structured.text, from, to);
  return ok({
    cluster: def.name,
    from,
    to,
    release,
    text: out,
    moved,
    noEquivalent,
    needsHuman,
    blocking: blockingOf(out, options.file, def.name),
  });
}

/** `loki:` for a definition whose Loki came from lgtm-distributed (no `datasources.lokiUrl`), with what to set. */
function lokiOf(def: ClusterDefinition): { value: Record<string, unknown>; notes: MigrationNote[] } | undefined {
  const from = stackChartId(def.stack);
  if (def.datasources.lokiUrl !== undefined || from === undefined || componentPrefix(from, "loki") === undefined)
    return undefined;
  const s3 = def.tempo.storage.backend === "s3" ? def.tempo.storage : undefined;
  const storage: Record<string, unknown> = {
    backend: "s3",
    buckets: {
      chunks: `${MIGRATE_PLACEHOLDER} Loki chunks bucket>`,
      ruler: `${MIGRATE_PLACEHOLDER} Loki ruler bucket>`,
    },
  };
  if (s3?.endpoint !== undefined) storage.endpoint = s3.endpoint;
  if (s3?.region !== undefined) storage.region = s3.region;
  if (s3?.insecure) storage.insecure = true;
  if (s3?.forcePathStyle) storage.forcePathStyle = true;
  if (s3?.credentials !== undefined) storage.credentials = { ...s3.credentials };
  const notes: MigrationNote[] = [
    {
      to: ["loki.storage.buckets.chunks", "loki.storage.buckets.ruler"],
      message: `set two buckets of their own for Loki (placeholders written; generate refuses them)${s3 ? ` on Tempo's object store (${s3.endpoint ?? "AWS S3"}, copied)` : ""}; the logs in lgtm-distributed's Loki are not carried over`,
    },
  ];
  if (s3?.credentials !== undefined)
    notes.push({
      to: ["loki.storage.credentials"],
      message: `create the Secret ${s3.credentials.secretName} in Loki's namespace (loki) too, with keys ${s3.credentials.accessKeyKey} and ${s3.credentials.secretKeyKey}: Tempo's is in ${def.stack.namespace}`,
    });
  return { value: { storage }, notes };
}

/** `tempo.structuredConfig` rewritten by the values migration's own step (validators' `migrateTempo3Config`). */
function migrateStructured(
  text: string,
): { text: string } & Pick<DefinitionMigration, "moved" | "noEquivalent" | "needsHuman"> {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = ["tempo", "structuredConfig"];
  const none = { text, moved: [], noEquivalent: [], needsHuman: [] };
  if (doc.getIn(at) === undefined) return none;
  const notes = migrateTempo3Config(doc, at);
  if (notes.moved.length + notes.noEquivalent.length === 0) return { ...none, needsHuman: notes.needsHuman };
  return { text: doc.toString({ lineWidth: 0 }), ...notes };
}

/** The input's leading comment lines stay first (a `yaml-language-server` line must); the migration's follow. */
function withHeader(text: string, from: ChartId, to: ChartId): string {
  const lines = text.split("\n");
  let n = 0;
  while (n < lines.length && lines[n]?.startsWith("#")) n++;
  const d = chartDescriptor(to);
  const header = [
    `# Migrated by lgtm-gitops migrate from ${from.replace("@", " ")} to grafana-community ${d.name} ${d.version} (Tempo ${d.appVersion}).`,
    `# Values starting with "${MIGRATE_PLACEHOLDER}" must be set; the migrate output lists what else needs a look.`,
  ];
  return [...lines.slice(0, n), ...header, ...lines.slice(n)].join("\n");
}

/** What generate refuses in `text`: the definition schema, then the bundle rendered in memory. */
function blockingOf(text: string, file: string, cluster: string): Diagnostic[] {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const input: unknown = doc.toJS();
  const locators = yamlLocators(text);
  const parsed = parseDefinitions([{ file, stem: cluster, format: "yaml", input, ...locators }]);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  const def = parsed.definitions[0];
  if (errors.length > 0 || def === undefined) return errors;
  const rendered = renderCluster(def.definition, { file, ...locators });
  return rendered.ok ? [] : rendered.diagnostics.filter((d) => d.severity === "error");
}
