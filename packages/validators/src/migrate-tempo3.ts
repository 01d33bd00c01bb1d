import {
  type ChartId,
  chartDescriptor,
  chartVersions,
  compareVersions,
  defaultValue,
  findChart,
  isChartId,
  renameHint,
  resolveKey,
  tempoChartOf,
  tempoPrefix,
} from "@lgtm-gitops/charts";
import { type Diagnostic, fail, isRecord, ok, type Result } from "@lgtm-gitops/diagnostics";
import { isLegacyOverrideKey, newOverridePath } from "@lgtm-gitops/tempo-config";
import { Document, isMap, isNode, isScalar, type Node, type Pair, parseDocument, Scalar, YAMLMap } from "yaml";
import { detectChart } from "./detect-chart.js";
import { findRelocation, receiverSwitchesFor } from "./relocations.js";
import { relocate } from "./rules/chart-rules.js";
import { MIGRATE_PLACEHOLDER, runsTempo3, TEMPO3_CHART_MOVES, TEMPO3_REMOVED_SETTINGS } from "./rules/tempo3-rules.js";
import { checkExpansion, LINT_RUN_LIMITS } from "./yaml-budget.js";

/** One thing `migrateToTempo3` did or could not do. Paths are dot paths (`ingester.resources`). */
export interface MigrationNote {
  /** Where the value was in the input (relative to its Tempo values: `tempo.` of lgtm-distributed is left out). */
  readonly from?: string;
  /** Where it is in the output. */
  readonly to?: readonly string[];
  /** What and why, with the source of the fact where there is one. */
  readonly message: string;
}

/** The result of a values-file migration to grafana-community tempo-distributed 3.x. */
export interface Tempo3Migration {
  /** The chart the input was read as (detected, or given). */
  readonly from: ChartId;
  /** The 3.x chart the output is written for. */
  readonly to: ChartId;
  /** The new values file (comments of the input kept where the YAML document allows). */
  readonly text: string;
  /** Values moved to their 3.x place, and what was added (Kafka, replicas, `compaction_disabled`). */
  readonly moved: readonly MigrationNote[];
  /** Values with no 3.x equivalent: dropped, each with its reason. */
  readonly noEquivalent: readonly MigrationNote[];
  /** What a person must do or check before deploying (placeholders, sizing, selectors, the topic). */
  readonly needsHuman: readonly MigrationNote[];
}

/** Options of {@link migrateToTempo3}. */
export interface Tempo3MigrationOptions {
  /** Target chart: `tempo-distributed@3.x` (the newest catalogued 3.x), `tempo-distributed@3.2.x` or an exact version. */
  readonly to: string;
  /** `ingest.kafka.address` (one `host:port`). Without it a marked placeholder is written and `needsHuman` says so. */
  readonly kafkaAddress?: string;
  /** Kafka partitions = live-store replicas = block-builder replicas. @default the chart's `ingest.kafka.auto_create_topic_default_partitions` */
  readonly partitions?: number;
  /** The chart of the input. @default detected from the content */
  readonly chart?: ChartId;
}

/**
 * The side-by-side upgrade path from Tempo 2.x to 3.0 for a tempo-distributed install, step by step: what `migrate`
 * prints after the notes, and what docs/migrate-to-tempo-3.md explains (a test keeps them the same). Source: grafana/tempo
 * v3.0.3 `docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md` and the chart's `UPGRADE.md:93-110`.
 */
export const TEMPO3_SIDE_BY_SIDE: readonly string[] = [
  "Create the Kafka topic with as many partitions as live-stores (about 10 MB/s of peak ingestion per partition) and set `ingest.kafka.address`.",
  "Keep `compaction.compaction_disabled: true` in `overrides.defaults` and in every tenant of `per_tenant_overrides` of the new release: the 2.x compactors keep compacting and applying retention while both run.",
  "Install the 3.x release next to the 2.x one, on the same bucket; wait for `tempo_live_store_ready == 1`, run Vulture 10–15 minutes and fetch a 2.x trace by id.",
  "Switch the collectors' OTLP endpoint to the new distributors; rolling back is switching it back.",
  "Once the 2.x ingesters have flushed (about `max_block_duration` + `complete_block_timeout`, ~45 min), scale the 2.x compactors to zero and remove `compaction_disabled` from the new release.",
  "Scale the rest of 2.x to zero and delete its release; keep the bucket.",
];

type Path = readonly string[];
const dot = (p: Path) => p.join(".");
const split = (p: string): string[] => (p === "" ? [] : p.split("."));

/** The ids `migrateToTempo3` fails with (documented in the rule catalogue). */
const INVALID_INPUT = { ruleId: "migrate/invalid-input" } as const;
const ALREADY_TEMPO3 = { ruleId: "migrate/already-tempo3" } as const;
const UNKNOWN_TARGET = { ruleId: "migrate/unknown-target" } as const;

const err = (ruleId: string, message: string, fix: string): Diagnostic => ({
  ruleId,
  severity: "error",
  path: [],
  message,
  fix,
});

/**
 * The chart `to` names: `tempo-distributed@3.x` (the newest catalogued release of that major), `…@3.2.x` (of that
 * minor) or an exact catalogued version; it must be a chart running Tempo 3 (`migrate/unknown-target` otherwise).
 */
export function resolveTempo3Target(to: string): Result<ChartId> {
  const input = to.trim();
  const at = input.lastIndexOf("@");
  const name = at > 0 ? input.slice(0, at) : input;
  const version = at > 0 ? input.slice(at + 1) : "";
  const tempo3 = (chartVersions(name as never) as readonly string[])
    .map((v) => findChart(name, v))
    .filter((c): c is ChartId => c !== undefined && tempoPrefix(c)?.length === 0 && runsTempo3(c));
  const known = tempo3.length > 0 ? tempo3.map((c) => chartDescriptor(c).version) : [];
  const targets = [
    ...new Set(
      (["tempo-distributed"] as const).flatMap((n) =>
        (chartVersions(n) as readonly string[]).filter((v) => {
          const c = findChart(n, v);
          return c !== undefined && runsTempo3(c);
        }),
      ),
    ),
  ];
  const example = `tempo-distributed@${targets.at(-1)?.split(".")[0] ?? "3"}.x`;
  if (known.length === 0)
    return fail([
      err(
        UNKNOWN_TARGET.ruleId,
        `"${input}" is not a chart migrate writes: it writes the grafana-community tempo-distributed 3.x (Tempo 3.0), catalogued ${targets.join(", ")}.`,
        `Use --to ${example} (the newest catalogued 3.x) or an exact version such as tempo-distributed@${targets.at(-1) ?? "…"}.`,
      ),
    ]);
  if (isChartId(input) && tempo3.includes(input)) return ok(input);
  const pattern = /^(\d+)(?:\.(\d+))?\.x$/.exec(version);
  if (pattern) {
    const prefix = pattern[2] === undefined ? `${pattern[1]}.` : `${pattern[1]}.${pattern[2]}.`;
    const match = known.filter((v) => v.startsWith(prefix)).sort(compareVersions);
    const newest = match.at(-1);
    if (newest !== undefined) return ok(findChart(name, newest) as ChartId);
  }
  return fail([
    err(
      UNKNOWN_TARGET.ruleId,
      `${name} ${version === "" ? "without a version" : version} is not a catalogued Tempo 3 release; catalogued: ${known.join(", ")}.`,
      `Use --to ${example} (the newest, ${known.at(-1)}) or one of the versions listed.`,
    ),
  ]);
}

/** Sections only a values file for Tempo 3 has. */
const TEMPO3_SECTIONS = ["liveStore", "blockBuilder", "ingest"] as const;

/** The YAML document being rewritten, with the notes taken on the way. */
class Rewrite {
  readonly moved: MigrationNote[] = [];
  readonly noEquivalent: MigrationNote[] = [];
  readonly needsHuman: MigrationNote[] = [];
  constructor(
    readonly doc: Document,
    readonly root: YAMLMap,
  ) {}

  node(path: Path): unknown {
    let cur: unknown = this.root;
    for (const k of path) {
      if (!isMap(cur)) return undefined;
      cur = cur.get(k, true);
      if (cur === undefined) return undefined;
    }
    return cur;
  }

  has(path: Path): boolean {
    return this.pair(path) !== undefined;
  }

  value(path: Path): unknown {
    const n = this.node(path);
    return n !== undefined && n !== null && typeof n === "object" && "toJSON" in n
      ? (n as { toJSON(): unknown }).toJSON()
      : isScalar(n)
        ? n.value
        : n;
  }

  /** The pair holding `path` and its parent map. */
  pair(path: Path): { parent: YAMLMap; pair: Pair; index: number } | undefined {
    if (path.length === 0) return undefined;
    const parent = this.node(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const key = path[path.length - 1];
    const index = parent.items.findIndex((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    const pair = parent.items[index];
    return pair === undefined ? undefined : { parent, pair, index };
  }

  /** Removes `path` and returns its value node; parents it leaves empty are removed too. */
  take(path: Path): { value: unknown; key: unknown } | undefined {
    const at = this.pair(path);
    if (at === undefined) return undefined;
    at.parent.items.splice(at.index, 1);
    // A comment above the first key of a block map is the map's: it goes with that key.
    const key = at.pair.key;
    if (at.index === 0 && at.parent.commentBefore && isScalar(key)) {
      key.commentBefore = [at.parent.commentBefore, key.commentBefore].filter(Boolean).join("\n");
      at.parent.commentBefore = null;
    }
    for (let p = path.slice(0, -1); p.length > 0 && at.parent.items.length === 0; p = p.slice(0, -1)) {
      const up = this.pair(p);
      const n = up?.pair.value;
      if (up === undefined || !isMap(n) || n.items.length > 0) break;
      up.parent.items.splice(up.index, 1);
    }
    return { value: at.pair.value, key: at.pair.key };
  }

  /** The map at `path`, created (block style) when missing. `undefined` when a non-map value is in the way. */
  mapAt(path: Path): YAMLMap | undefined {
    let cur: YAMLMap = this.root;
    for (const k of path) {
      let next: unknown = cur.get(k, true);
      if (next === undefined || next === null || (isScalar(next) && next.value === null)) {
        next = new YAMLMap();
        cur.set(k, next);
      }
      if (!isMap(next)) return undefined;
      cur = next;
    }
    return cur;
  }

  /**
   * Writes `value` (a node, or plain data) at `path`. Maps merge into an existing map; where the output already holds
   * another value the output's stays and `false` is returned (a conflict the caller reports).
   */
  put(path: Path, value: unknown, conflicts: string[] = [], keyComment?: string | null): boolean {
    const parent = this.mapAt(path.slice(0, -1));
    const key = path[path.length - 1] as string;
    if (parent === undefined) {
      conflicts.push(dot(path));
      return false;
    }
    const existing = parent.get(key, true);
    const node: unknown = isNode(value) ? value : this.doc.createNode(value);
    if (existing === undefined || (isScalar(existing) && existing.value === null)) {
      parent.set(key, node);
      const created = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (keyComment && created !== undefined) {
        const k = isScalar(created.key) ? created.key : new Scalar(key);
        k.commentBefore = keyComment;
        created.key = k;
      }
      return true;
    }
    if (isMap(existing) && isMap(node)) {
      for (const p of [...node.items]) {
        const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
        this.put([...path, k], p.value, conflicts);
      }
      return conflicts.length === 0;
    }
    if (isScalar(existing) && isScalar(node) && existing.value === node.value) return true;
    conflicts.push(dot(path));
    return false;
  }

  /**
   * Moves the value at `from` to each of `to` (the first keeps the node and its comments, the others get a copy). A
   * section moved to a sibling that does not exist yet is renamed in place, so it keeps its position and comments.
   */
  move(from: Path, to: readonly Path[], message: string, review = false): void {
    const at = this.pair(from);
    if (at === undefined) return;
    const [first, ...others] = to;
    if (first === undefined) return;
    const sameParent = first.length === from.length && dot(first.slice(0, -1)) === dot(from.slice(0, -1));
    const copies = others.map(() => (at.pair.value as Node | null)?.clone?.() ?? at.pair.value);
    const conflicts: string[] = [];
    if (sameParent && !this.has(first)) {
      const name = first[first.length - 1] as string;
      if (isScalar(at.pair.key)) at.pair.key.value = name;
      else at.pair.key = new Scalar(name);
    } else {
      const taken = this.take(from);
      this.put(first, taken?.value, conflicts, isScalar(taken?.key) ? taken.key.commentBefore : undefined);
    }
    others.forEach((p, i) => {
      this.put(p, copies[i], conflicts);
    });
    const note = { from: dot(from), to: to.map(dot), message };
    this.moved.push(note);
    if (review) this.needsHuman.push(note);
    if (conflicts.length > 0)
      this.needsHuman.push({
        from: dot(from),
        to: conflicts,
        message: `the output already sets ${conflicts.map((c) => `\`${c}\``).join(", ")}: that value was kept and the one from \`${dot(from)}\` dropped; check which is right`,
      });
  }

  drop(path: Path, reason: string, human = false): void {
    if (this.take(path) === undefined) return;
    const note = { from: dot(path), message: reason };
    this.noEquivalent.push(note);
    if (human) this.needsHuman.push(note);
  }

  /** Sets a value the migration adds, with a comment saying why. */
  add(path: Path, value: unknown, message: string, comment?: string): void {
    const node = this.doc.createNode(value) as Node;
    if (comment !== undefined) node.comment = ` ${comment}`;
    const parent = this.mapAt(path.slice(0, -1));
    if (parent === undefined) return;
    parent.set(path[path.length - 1] as string, node);
    this.moved.push({ to: [dot(path)], message });
  }
}

/** Keys of the map at a node (none for anything else). */
const keysOf = (n: unknown): string[] =>
  isMap(n) ? n.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key))) : [];

/** Step 1: keys the input's own chart does not read, moved to where that chart reads them (lint's relocations). */
function relocateUnread(rw: Rewrite, source: ChartId): void {
  const visit = (path: Path, depth: number) => {
    if (depth > 40) return;
    for (const k of keysOf(rw.node(path))) {
      const p = [...path, k];
      let kind: string;
      try {
        kind = resolveKey(source, p).kind;
      } catch {
        continue;
      }
      if (kind === "known") {
        visit(p, depth + 1);
        continue;
      }
      if (kind !== "unknown") continue;
      const rename = renameHint(source, p);
      if (rename?.direction === "renamed") {
        rw.move(
          p,
          [split(rename.replacement)],
          `${chartDescriptor(source).name} renamed \`${rename.rename.from}\` to \`${rename.rename.to}\` in ${rename.rename.since}`,
        );
        continue;
      }
      const exact = findRelocation(p);
      if (exact?.to === "traces.*") {
        const switches = receiverSwitchesFor(rw.value(p));
        rw.take(p);
        for (const s of switches) {
          const [target] = s.split(":");
          if (target === undefined) continue;
          if (s.includes(":")) rw.put(split(target), true);
          else
            rw.needsHuman.push({
              from: dot(p),
              to: [target],
              message: "set the Kafka receiver under `traces.kafka` by hand",
            });
        }
        rw.moved.push({
          from: dot(p),
          to: switches.map((s) => s.split(":")[0] ?? s),
          message: "the chart opens receivers from `traces.<protocol>.enabled`, not from the receivers block",
        });
        continue;
      }
      const leaves = (n: unknown, base: Path): Path[] =>
        isMap(n) && n.items.length > 0 ? keysOf(n).flatMap((c) => leaves(rw.node([...base, c]), [...base, c])) : [base];
      const targets = exact ? [p] : leaves(rw.node(p), p);
      for (const leaf of targets) {
        const r =
          exact && leaf === p
            ? { to: exact.to, note: exact.note, manual: exact.manual }
            : relocate(source, leaf, p.length);
        if (r === undefined) {
          rw.needsHuman.push({
            from: dot(leaf),
            message: `no ${chartDescriptor(source).name} key and no known equivalent: kept as it is; lint reports it`,
          });
          continue;
        }
        const note = r.note ?? `${chartDescriptor(source).name} reads this setting from \`${r.to}\``;
        if (r.manual !== undefined) rw.drop(leaf, `not moved to \`${r.to}\`: ${note}`, true);
        else rw.move(leaf, [split(r.to)], note);
      }
    }
  };
  visit([], 0);
}

/** Step 2: the 1.x/2.x chart sections to their 3.x places (TEMPO3_CHART_MOVES). */
function moveChartSections(rw: Rewrite): void {
  for (const row of TEMPO3_CHART_MOVES) {
    const from = split(row.from);
    if (!rw.has(from)) continue;
    if (row.to.length === 0) {
      const enabledMinio = row.from === "minio" && rw.value([...from, "enabled"]) === true;
      rw.drop(from, row.reason, enabledMinio);
    } else rw.move(from, row.to.map(split), row.reason, row.review === true);
  }
}

/** Step 3: Tempo configuration under `base` (TEMPO3_REMOVED_SETTINGS and the legacy overrides). */
function migrateStructuredConfig(rw: Rewrite, base: Path = ["tempo", "structuredConfig"]): void {
  for (const row of TEMPO3_REMOVED_SETTINGS) {
    const at = [...base, ...split(row.path)];
    if (!rw.has(at)) continue;
    for (const m of row.moves ?? []) {
      const from = [...at, ...split(m.from)];
      if (rw.has(from))
        rw.move(
          from,
          m.to.map((t) => [...base, ...split(t)]),
          `Tempo 3.0 reads it there: ${row.replacement}`,
        );
    }
    if (rw.has(at)) rw.drop(at, `Tempo 3.0 has no \`${row.path}\`; its replacement: ${row.replacement}`);
  }
  scopeOverrides(rw, [...base, "overrides"], false);
}

/**
 * Rewrites, in place, the Tempo configuration block at `at` of a YAML document (a cluster definition's
 * `tempo.structuredConfig`) for Tempo 3.0, as {@link migrateToTempo3} rewrites a values file's
 * `tempo.structuredConfig`: the Tempo 2 sections of {@link TEMPO3_REMOVED_SETTINGS} go (what carries over moved) and
 * legacy flat overrides take the scoped format. Comments stay. Returns what it did; paths are dot paths from the
 * document's root. Nothing happens when `at` holds no map.
 */
export function migrateTempo3Config(
  doc: Document,
  at: readonly string[],
): Pick<Tempo3Migration, "moved" | "noEquivalent" | "needsHuman"> {
  const rw = new Rewrite(doc, doc.contents as YAMLMap);
  if (isMap(doc.contents) && isMap(rw.node(at))) migrateStructuredConfig(rw, at);
  return { moved: rw.moved, noEquivalent: rw.noEquivalent, needsHuman: rw.needsHuman };
}

/** Legacy flat override keys of one block moved to their scoped path (`max_bytes_per_trace` → `defaults.global.…`). */
function scopeOverrides(rw: Rewrite, block: Path, perTenant: boolean): void {
  const tenants: Path[] = perTenant ? keysOf(rw.node(block)).map((t) => [...block, t]) : [block];
  for (const at of tenants) {
    for (const key of keysOf(rw.node(at))) {
      if (!isLegacyOverrideKey(key)) continue;
      const scoped = split(perTenant ? newOverridePath(key) : `defaults.${newOverridePath(key)}`);
      rw.move(
        [...at, key],
        [[...at, ...scoped]],
        "Tempo 3.0 refuses the legacy flat overrides format (grafana/tempo v3.0.3 modules/overrides/overrides.go:28-43)",
      );
    }
  }
}

/** Step 4: storage, image and block format values that Tempo 3.0 on the 3.x chart cannot keep. */
function checkStorage(rw: Rewrite, target: ChartId): void {
  const backendPath = ["storage", "trace", "backend"];
  const backend = rw.value(backendPath) ?? defaultValue(target, backendPath);
  if (backend !== "s3" && backend !== "gcs" && backend !== "azure") {
    rw.add(
      backendPath,
      "s3",
      "object storage: the 3.x release must share the bucket of the 2.x one",
      "lgtm-gitops migrate: object storage (s3, gcs or azure)",
    );
    const s3 = ["storage", "trace", "s3"];
    for (const k of ["bucket", "endpoint"])
      if (!rw.has([...s3, k]))
        rw.add(
          [...s3, k],
          `${MIGRATE_PLACEHOLDER} ${k}>`,
          `placeholder for \`storage.trace.s3.${k}\``,
          "lgtm-gitops migrate: placeholder, set it",
        );
    rw.needsHuman.push({
      from: dot(backendPath),
      to: ["storage.trace.s3.bucket", "storage.trace.s3.endpoint"],
      message: `the input keeps traces on each pod's disk (\`${String(backend)}\`): a distributed Tempo needs object storage and running 2.x and 3.0 side by side needs a bucket both read. Set the bucket and endpoint (placeholders written), credentials from a Secret; the blocks on the old disks are not carried over`,
    });
    const local = ["tempo", "structuredConfig", "storage", "trace", "local"];
    if (rw.has(local)) rw.drop(local, "the local backend's path does not apply to object storage");
  }
  const version = rw.value(["storage", "trace", "block", "version"]);
  if (typeof version === "string" && !/^vParquet[45]$/.test(version))
    rw.needsHuman.push({
      from: "storage.trace.block.version",
      message: `Tempo 3.0 writes vParquet4 or vParquet5, not ${version} (grafana/tempo v3.0.3 tempodb/encoding/versioned.go:67-100): upgrade the block format on 2.x first`,
    });
  const tag = rw.value(["tempo", "image", "tag"]);
  if (typeof tag === "string" && /^v?[0-2]\./.test(tag))
    rw.drop(
      ["tempo", "image", "tag"],
      `the image tag ${tag} is Tempo 2; the 3.x chart runs its appVersion ${chartDescriptor(target).appVersion}`,
    );
}

/** Step 5: Kafka, partition sizing and the side-by-side `compaction_disabled`. */
function addTempo3(rw: Rewrite, target: ChartId, options: Tempo3MigrationOptions): void {
  const partitionsPath = ["ingest", "kafka", "auto_create_topic_default_partitions"];
  const p = options.partitions ?? (defaultValue(target, partitionsPath) as number | undefined) ?? 1;
  if (options.kafkaAddress !== undefined)
    rw.add(
      ["ingest", "kafka", "address"],
      options.kafkaAddress,
      "the Kafka broker distributors write to (required: the chart's templates/validate.yaml fails the render without it)",
    );
  else {
    rw.add(
      ["ingest", "kafka", "address"],
      `${MIGRATE_PLACEHOLDER} Kafka bootstrap host:port>`,
      "placeholder for `ingest.kafka.address`",
      "lgtm-gitops migrate: placeholder, set it (or run migrate with --kafka-address)",
    );
    rw.needsHuman.push({
      to: ["ingest.kafka.address"],
      message:
        "`ingest.kafka.address` must be set to one plaintext Kafka `host:port` (e.g. a Strimzi `<cluster>-kafka-bootstrap.<namespace>.svc.cluster.local:9092`); the chart refuses to render without it (templates/validate.yaml:4-6)",
    });
  }
  const sizing = `one live-store and one block-builder per Kafka partition (${p}${options.partitions === undefined ? ", the chart's default; pass --partitions" : ""})`;
  rw.add(partitionsPath, p, `the topic's partitions: ${sizing}`);
  rw.add(["liveStore", "replicas"], p, `each live-store owns one partition: ${sizing}`);
  rw.add(["blockBuilder", "replicas"], p, `each block-builder consumes one partition: ${sizing}`);
  rw.needsHuman.push({
    to: ["ingest.kafka.topic"],
    message: `create the topic \`${String(rw.value(["ingest", "kafka", "topic"]) ?? defaultValue(target, ["ingest", "kafka", "topic"]))}\` with ${p} partition${p === 1 ? "" : "s"} (about 10 MB/s of peak ingestion each), or leave auto-creation on, which changes the broker-wide num.partitions`,
  });
  const workers = rw.value(["backendWorker", "replicas"]);
  if (typeof workers === "number" && workers > 1 && !rw.has(["backendWorker", "podDisruptionBudget", "enabled"]))
    rw.add(
      ["backendWorker", "podDisruptionBudget", "enabled"],
      false,
      "with more than one backend-worker the chart's PDB template reads this key and the render fails without it (templates/backend-worker/poddisruptionbudget-backend-worker.yaml:1)",
    );
  scopeOverrides(rw, ["overrides"], false);
  scopeOverrides(rw, ["per_tenant_overrides"], true);
  const side =
    "side by side with 2.x: the 2.x compactors keep compacting; remove it at cut-over (grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md:173-190)";
  const flag = ["compaction", "compaction_disabled"];
  rw.add(["overrides", "defaults", ...flag], true, side, "lgtm-gitops migrate: until cut-over, then remove");
  for (const t of keysOf(rw.node(["per_tenant_overrides"])))
    rw.add(
      ["per_tenant_overrides", t, ...flag],
      true,
      `tenant ${t}: tenant blocks do not inherit the defaults; ${side}`,
      "lgtm-gitops migrate: until cut-over, then remove",
    );
  const external = rw.value(["overrides", "per_tenant_override_config"]);
  if (typeof external === "string" && external !== defaultValue(target, ["overrides", "per_tenant_override_config"]))
    rw.needsHuman.push({
      from: "overrides.per_tenant_override_config",
      message: `tenants in ${external} need \`compaction.compaction_disabled: true\` too, in the scoped format`,
    });
}

/**
 * Rewrites a grafana tempo-distributed 1.x/2.x values file, or the `tempo:` block of an lgtm-distributed one, into a
 * values file for the grafana-community tempo-distributed 3.x chart (Tempo 3.0): ingesters become live-stores and
 * block-builders (`liveStore`/`blockBuilder`, one per Kafka partition), the compactor becomes the backend-scheduler and
 * backend-workers (retention in both), removed Tempo settings go (each with its reason), legacy overrides take the
 * scoped format, `ingest.kafka.address` is set (or a marked placeholder) and `compaction_disabled` is added for the
 * side-by-side upgrade. Driven by the tables the Tempo 3 lint rules use: {@link TEMPO3_CHART_MOVES},
 * {@link TEMPO3_REMOVED_SETTINGS} and lint's relocations. Fails with `migrate/invalid-input` (not YAML, not Tempo values),
 * `migrate/already-tempo3` or `migrate/unknown-target`.
 */
export function migrateToTempo3(text: string, options: Tempo3MigrationOptions): Result<Tempo3Migration> {
  const target = resolveTempo3Target(options.to);
  if (!target.ok) return target;
  const to = target.value;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const line = problem.linePos?.[0];
    return fail([
      err(
        INVALID_INPUT.ruleId,
        `the file is not valid YAML${line ? ` (line ${line.line}, column ${line.col})` : ""}: ${problem.message.split("\n")[0]}`,
        "Give a Helm values file (one YAML document).",
      ),
    ]);
  }
  // The same expansion bound as lint: aliases that blow a document up are refused before anything is expanded.
  const expansion = checkExpansion(doc, LINT_RUN_LIMITS);
  if (expansion !== undefined)
    return fail([err(INVALID_INPUT.ruleId, `the file cannot be read: ${expansion.message}`, expansion.fix)]);
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail([
      err(
        INVALID_INPUT.ruleId,
        `the file cannot be read: ${e instanceof Error ? e.message : String(e)}`,
        "Write the values out instead of repeating anchors (&name) with aliases (*name).",
      ),
    ]);
  }
  if (!isMap(doc.contents) || !isRecord(values))
    return fail([
      err(
        INVALID_INPUT.ruleId,
        "the file holds no YAML map of values",
        "Give a Helm values file of tempo-distributed or lgtm-distributed.",
      ),
    ]);
  const tempo3Keys = (v: unknown) => (isRecord(v) ? TEMPO3_SECTIONS.filter((k) => Object.hasOwn(v, k)) : []);
  const tempo2 = (v: unknown) => isRecord(v) && ["ingester", "compactor"].some((k) => Object.hasOwn(v, k));
  for (const v of [values, values.tempo]) {
    const found = tempo3Keys(v);
    if (found.length > 0 && !tempo2(v))
      return fail([
        err(
          ALREADY_TEMPO3.ruleId,
          `the file is already written for Tempo 3 (it has ${found.map((k) => `\`${k}\``).join(", ")} and no ingester or compactor)`,
          `Lint it instead: pnpm gitops lint FILE --chart ${to}.`,
        ),
      ]);
  }
  const from = options.chart ?? detectChart(values)?.chart;
  const prefix = from === undefined ? undefined : tempoPrefix(from);
  const source = from === undefined ? undefined : tempoChartOf(from);
  if (
    from === undefined ||
    prefix === undefined ||
    source === undefined ||
    (prefix.length > 0 && !isMap(doc.getIn(prefix, true)))
  )
    return fail([
      err(
        INVALID_INPUT.ruleId,
        `the file is not the values of a chart that installs Tempo${from ? ` (it reads as ${from})` : ""}`,
        "Give a tempo-distributed 1.x/2.x values file or an lgtm-distributed one (its `tempo:` block is migrated).",
      ),
    ]);
  if (runsTempo3(source))
    return fail([
      err(
        ALREADY_TEMPO3.ruleId,
        `the file reads as ${from}, which already runs Tempo 3`,
        `Lint it instead: pnpm gitops lint FILE --chart ${to}.`,
      ),
    ]);

  // The output document: the Tempo values of the input, with its comments.
  let out: Document;
  const dropped: MigrationNote[] = [];
  if (prefix.length === 0) out = doc;
  else {
    out = new Document();
    out.contents = doc.getIn(prefix, true) as YAMLMap;
    out.commentBefore = doc.commentBefore ?? null;
    const rootMap = doc.contents;
    for (const k of keysOf(rootMap)) {
      if (k === prefix[0]) continue;
      if (k === "global") continue;
      dropped.push({
        from: k,
        message: `\`${k}\` is not part of tempo-distributed; keep it in its own release (community loki chart, grafana/mimir-distributed, kube-prometheus-stack for Grafana)`,
      });
    }
  }
  const rw = new Rewrite(out, out.contents as YAMLMap);
  rw.noEquivalent.push(...dropped);
  if (prefix.length > 0) {
    const globals = doc.getIn(["global"], true);
    if (isMap(globals)) {
      rw.put(["global"], globals.clone());
      rw.moved.push({
        from: "global",
        to: ["global"],
        message: "lgtm-distributed's globals reach its subcharts; the Tempo release gets them itself",
      });
    }
    rw.drop(["enabled"], "the lgtm-distributed switch of its Tempo subchart: a tempo-distributed release is always on");
  }
  relocateUnread(rw, source);
  moveChartSections(rw);
  migrateStructuredConfig(rw);
  checkStorage(rw, to);
  addTempo3(rw, to, options);
  out.commentBefore = [
    ` grafana-community ${chartDescriptor(to).name} ${chartDescriptor(to).version} values (Tempo ${chartDescriptor(to).appVersion}),`,
    ` written by lgtm-gitops migrate from ${from} values. Values marked "lgtm-gitops migrate" need a look.`,
    ...(out.commentBefore
      ? [
          out.commentBefore
            .split("\n")
            .map((l) => l)
            .join("\n"),
        ]
      : []),
  ].join("\n");
  return ok({
    from,
    to,
    text: out.toString({ lineWidth: 0 }),
    moved: rw.moved,
    noEquivalent: rw.noEquivalent,
    needsHuman: rw.needsHuman,
  });
}
