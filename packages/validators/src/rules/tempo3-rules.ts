import { type ChartId, chartDescriptor, tempoVersionOf } from "@lgtm-gitops/charts";
import { type Diagnostic, getPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { durationToMs, isLegacyOverrideKey, newOverridePath } from "@lgtm-gitops/tempo-config";
import { documentedRule, finding, type Rule } from "../engine.js";
import { installTempoVersion, type TempoInstall, tempoInstalls } from "../model.js";
import { asBoolean, asNumber, asString, leaves } from "../values.js";

const major3 = (v: string | undefined): boolean => {
  const major = v === undefined ? undefined : Number.parseInt(v.replace(/^v/, ""), 10);
  return major !== undefined && major >= 3;
};

/** Whether `chart` runs Tempo 3 or later by its appVersion (chart-level: `chart/unknown-key`, `migrate`). */
export function runsTempo3(chart: ChartId): boolean {
  return major3(tempoVersionOf(chart));
}

/** Whether the install runs Tempo 3 or later (`tempo.image.tag` when set, else the chart's appVersion). */
function isTempo3(i: TempoInstall): boolean {
  return major3(installTempoVersion(i));
}

/** The Tempo 3 installs of a run. */
const tempo3 = (ctx: Parameters<Rule["run"]>[0]) => tempoInstalls(ctx).filter(isTempo3);

const STRUCTURED: PathSegments = ["tempo", "structuredConfig"];

/** One Tempo 2.x configuration path that Tempo 3.0 does not read: a row of {@link TEMPO3_REMOVED_SETTINGS}. */
export interface Tempo3RemovedSetting {
  /** Dot path in tempo.yaml (`compactor`, `query_frontend.search.query_ingesters_until`). */
  readonly path: string;
  /** What replaces it in Tempo 3.0, in words (lint's fix and migrate's reason). */
  readonly replacement: string;
  /**
   * Where Tempo 3.0 reads what was set below `path`, for the parts that carry over with the same value: `from` is a
   * dot path relative to `path` (`""` = the whole value), `to` the Tempo 3.0 paths that receive it (several when
   * two components need it). `migrate` moves these; everything else below `path` has no equivalent and is dropped.
   */
  readonly moves?: readonly { readonly from: string; readonly to: readonly string[] }[];
  /** Tempo 3.0 still parses it and ignores it (a warning); otherwise Tempo exits at start (an error). */
  readonly ignored?: true;
}

/**
 * Tempo configuration paths that Tempo 2.x read and Tempo 3.0 does not: the one table the `tempo3/removed-setting`
 * rule and `migrateToTempo3` are driven by. Sources: grafana/tempo v3.0.3 `cmd/tempo/app/config.go:43-73`,
 * `modules/distributor/config.go:30-61`, `modules/frontend/config.go`, `modules/livestore/config.go:16-120`,
 * `CHANGELOG.md:151-163`, `docs/sources/tempo/setup/upgrade.md`.
 */
export const TEMPO3_REMOVED_SETTINGS: readonly Tempo3RemovedSetting[] = [
  {
    path: "ingester",
    replacement: "`live_store` (recent data) and `block_builder` (backend blocks), sized by the Kafka partition count",
    moves: [
      { from: "trace_idle_period", to: ["live_store.max_trace_idle"] },
      { from: "complete_block_timeout", to: ["live_store.complete_block_timeout"] },
      { from: "flush_check_period", to: ["live_store.flush_check_period"] },
    ],
  },
  { path: "ingester_client", replacement: "`live_store_client` (its defaults are fine)" },
  {
    path: "metrics_generator_client",
    replacement: "nothing (the metrics-generator reads Kafka; Tempo 3.0 parses the section and ignores it)",
    ignored: true,
  },
  {
    path: "compactor",
    replacement:
      "`backend_scheduler.provider.compaction.compaction.*` and `backend_worker.compaction.*` (retention: `block_retention` in both)",
    moves: [
      {
        from: "compaction",
        to: ["backend_scheduler.provider.compaction.compaction", "backend_worker.compaction"],
      },
    ],
  },
  { path: "partition_ring_live_store", replacement: "nothing (Tempo 3.0 has a single partition ring)" },
  {
    path: "ingest.enabled",
    replacement: "nothing (an `ingest.kafka` section is enough; microservices always use Kafka)",
  },
  { path: "distributor.kafka_write_path_enabled", replacement: "nothing (distributors always write to Kafka)" },
  { path: "distributor.ingester_write_path_enabled", replacement: "nothing (there are no ingesters)" },
  { path: "distributor.extend_writes", replacement: "nothing" },
  { path: "querier.query_live_store", replacement: "nothing (queriers always ask the live-stores)" },
  { path: "query_frontend.search.query_ingesters_until", replacement: "`query_frontend.search.query_backend_after`" },
  {
    path: "metrics_generator.processor.local_blocks",
    replacement: "nothing (the block-builder writes the blocks TraceQL metrics read)",
  },
  { path: "metrics_generator.traces_storage", replacement: "nothing (the local-blocks processor is gone)" },
  { path: "metrics_generator.traces_query_storage", replacement: "nothing (the local-blocks processor is gone)" },
];

/**
 * One tempo-distributed 1.x/2.x values path that the grafana-community tempo-distributed 3.x chart does not read, and
 * where its value goes there: a row of {@link TEMPO3_CHART_MOVES}.
 */
export interface Tempo3ChartMove {
  /** Values path of the 1.x/2.x chart (dot path, relative to where the Tempo values start). */
  readonly from: string;
  /** The 3.x values paths that receive the value (several when two components need it); `[]`: no equivalent. */
  readonly to: readonly string[];
  /** Why, with its source: shown when the value is dropped, or next to a move that needs a look. */
  readonly reason: string;
  /** The moved value needs a person to look at it (sizing, selectors naming the old component). */
  readonly review?: true;
}

const LIVE_STORE_SIZING =
  "review the sizing: a live-store holds recent traces, about 1 core and 4–20 GB each (grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/plan/size.md:35-39)";
const EMPTY_DIR =
  "the 3.x chart gives live-stores and block-builders an emptyDir: the data is durable in Kafka (grafana-community/helm-charts@2785d07e charts/tempo-distributed/templates/_pod.tpl:224-226)";
const PINNED =
  "live-store and block-builder replicas are pinned to the Kafka partition count; the 3.x chart has no autoscaling for them";
const SELECTS_INGESTER =
  'review it: a selector naming the component "ingester" must name "live-store" (the 3.x pods are labelled app.kubernetes.io/component: live-store)';
const WORKER_STATEFULSET =
  "the backend-worker is a StatefulSet in the 3.x chart (use `backendWorker.statefulStrategy`)";

/**
 * THE table of what the tempo-distributed chart moved from 1.x/2.x (ingesters, compactor) to the grafana-community 3.x
 * chart (Kafka, live-stores, block-builders, backend-scheduler and -workers): `migrateToTempo3` moves values by it and
 * `chart/unknown-key` names the 3.x key of a 1.x key from it. Most specific row first; a row covers its whole subtree.
 * Sources: grafana-community/helm-charts@2785d07e (the newest 3.x tag when written) `charts/tempo-distributed/`
 * `values.yaml`, `UPGRADE.md`, `templates/`; grafana/helm-charts@7a0ab9689 (the last 1.x); grafana/tempo v3.0.3.
 */
export const TEMPO3_CHART_MOVES: readonly Tempo3ChartMove[] = [
  {
    from: "ingester.replicas",
    to: [],
    reason:
      "replaced by the Kafka partition count: `liveStore.replicas` and `blockBuilder.replicas` equal the partitions (grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md:149-156)",
  },
  { from: "ingester.persistence", to: [], reason: EMPTY_DIR },
  { from: "ingester.persistentVolumeClaimRetentionPolicy", to: [], reason: EMPTY_DIR },
  { from: "ingester.autoscaling", to: [], reason: PINNED },
  {
    from: "ingester.zoneAwareReplication",
    to: [],
    reason: "the 3.x chart has no zone-aware live-store values (Tempo 3.0 is RF1; Kafka holds the data)",
  },
  {
    from: "ingester.config.replication_factor",
    to: [],
    reason:
      "Tempo 3.0 writes one copy (RF1); Kafka provides durability (grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md:59)",
  },
  {
    from: "ingester.config.trace_idle_period",
    to: ["liveStore.config.max_trace_idle"],
    reason: "live_store.max_trace_idle",
  },
  {
    from: "ingester.config.complete_block_timeout",
    to: ["liveStore.config.complete_block_timeout"],
    reason: "live_store.complete_block_timeout",
  },
  {
    from: "ingester.config.flush_check_period",
    to: ["liveStore.config.flush_check_period"],
    reason: "live_store.flush_check_period",
  },
  {
    from: "ingester.config",
    to: [],
    reason:
      "the ingester's block cutting does not carry over: block-builders cut the backend blocks and the live-store defaults were lowered on purpose (grafana/tempo v3.0.3 docs/sources/tempo/setup/upgrade.md:163-175)",
  },
  { from: "ingester.appProtocol", to: [], reason: "the live-store Service is headless, http-metrics only" },
  { from: "ingester.service.type", to: [], reason: "the live-store Service is headless, http-metrics only" },
  {
    from: "ingester.service.internalTrafficPolicy",
    to: [],
    reason: "the live-store Service is headless, http-metrics only",
  },
  { from: "ingester.serviceDiscovery", to: [], reason: "the live-store Service is headless, http-metrics only" },
  { from: "ingester.affinity", to: ["liveStore.affinity"], reason: SELECTS_INGESTER, review: true },
  {
    from: "ingester.topologySpreadConstraints",
    to: ["liveStore.topologySpreadConstraints"],
    reason: SELECTS_INGESTER,
    review: true,
  },
  {
    from: "ingester.resources",
    to: ["liveStore.resources", "blockBuilder.resources"],
    reason: `${LIVE_STORE_SIZING}; block-builders replay a partition into blocks, start from the same and watch them`,
    review: true,
  },
  { from: "ingester", to: ["liveStore"], reason: "the live-store keeps recent traces the ingester held" },
  {
    from: "compactor.config.compaction.block_retention",
    to: [
      "backendScheduler.config.provider.compaction.compaction.block_retention",
      "backendWorker.config.compaction.block_retention",
    ],
    reason:
      "the backend-worker applies retention from its own `backend_worker.compaction` (grafana/tempo v3.0.3 modules/backendworker/backendworker.go:329-340); the chart copies the scheduler's block there unless `backendWorker.config.compaction` is set, so both are written",
  },
  {
    from: "compactor.config.compaction.v2_in_buffer_bytes",
    to: [],
    reason: "the v2 block encoding is gone in Tempo 3.0 (grafana/tempo v3.0.3 CHANGELOG.md:163)",
  },
  {
    from: "compactor.config.compaction.v2_out_buffer_bytes",
    to: [],
    reason: "the v2 block encoding is gone in Tempo 3.0 (grafana/tempo v3.0.3 CHANGELOG.md:163)",
  },
  {
    from: "compactor.config.compaction.v2_prefetch_traces_count",
    to: [],
    reason: "the v2 block encoding is gone in Tempo 3.0 (grafana/tempo v3.0.3 CHANGELOG.md:163)",
  },
  {
    from: "compactor.config.compaction",
    to: ["backendScheduler.config.provider.compaction.compaction"],
    reason: "the backend-scheduler plans compaction; the chart copies this block into `backend_worker.compaction`",
  },
  {
    from: "compactor.config",
    to: [],
    reason: "the compactor ring and sharding do not exist in Tempo 3.0 (the backend-scheduler hands out jobs)",
  },
  {
    from: "compactor.dnsConfigOverides.dnsConfig",
    to: ["backendWorker.dnsConfig"],
    reason: "`dnsConfigOverides` is gone in 3.x (chart UPGRADE.md:120-142)",
  },
  {
    from: "compactor.dnsConfigOverides",
    to: [],
    reason: "`dnsConfigOverides` is gone in 3.x (chart UPGRADE.md:120-142)",
  },
  { from: "compactor.strategy", to: [], reason: WORKER_STATEFULSET },
  { from: "compactor.minReadySeconds", to: [], reason: WORKER_STATEFULSET },
  { from: "compactor", to: ["backendWorker"], reason: "backend-workers run the compaction and retention jobs" },
  {
    from: "minio",
    to: [],
    reason:
      "the 3.x chart has no MinIO subchart and refuses to render with `minio.enabled` (chart templates/validate.yaml:1-3, UPGRADE.md:144-200): point `storage.trace.s3` at an object store of its own",
  },
  {
    from: "traces.opencensus",
    to: [],
    reason: "Tempo 3.0 removed the OpenCensus receiver (grafana/tempo v3.0.3 CHANGELOG.md:39)",
  },
  {
    from: "metricsGenerator.config.traces_storage",
    to: [],
    reason: "the local-blocks processor and its storage are gone in Tempo 3.0 (grafana-community/helm-charts PR #665)",
  },
  { from: "ingress.paths.ingester", to: [], reason: "there are no ingesters (grafana-community/helm-charts@356bc566)" },
  { from: "ingress.paths.compactor", to: [], reason: "there is no compactor (grafana-community/helm-charts@356bc566)" },
  {
    from: "distributor.config.extend_writes",
    to: [],
    reason:
      "Tempo 3.0's distributor has no `extend_writes` and exits at start (grafana/tempo v3.0.3 modules/distributor/config.go:30-61)",
  },
];

/** The row of {@link TEMPO3_CHART_MOVES} that covers a 1.x/2.x values path (dot path), with the rest of the path. */
export function tempo3ChartMove(path: string): { move: Tempo3ChartMove; rest: string } | undefined {
  for (const move of TEMPO3_CHART_MOVES) {
    if (path === move.from) return { move, rest: "" };
    if (path.startsWith(`${move.from}.`)) return { move, rest: path.slice(move.from.length + 1) };
  }
  return undefined;
}

const removedSetting = documentedRule(
  {
    id: "tempo3/removed-setting",
    severity: "error",
    title: "A Tempo 2.x setting that Tempo 3.0 no longer has",
    checks:
      "`tempo.structuredConfig` of a chart running Tempo 3 (grafana-community tempo-distributed 3.x) for the sections and keys Tempo 3.0 removed: `ingester`, `ingester_client`, `compactor`, `partition_ring_live_store`, `ingest.enabled`, the distributor write-path switches, `query_frontend.search.query_ingesters_until`, the metrics-generator's local-blocks processor and its storage, …; `metrics_generator_client`, which Tempo 3.0 still parses and ignores, as a warning. `pnpm gitops migrate` removes them, moving what carries over (`compactor.compaction` → `backend_scheduler.provider.compaction.compaction` and `backend_worker.compaction`).",
    why: "Tempo parses tempo.yaml strictly: Tempo 3.0 exits at start with `field ingester not found in type app.Config` (grafana/tempo v3.0.3 `cmd/tempo/app/config.go`, `cmd/tempo/main.go:185`).",
    fix: "Remove the setting and use its replacement, which the message names.",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      for (const row of TEMPO3_REMOVED_SETTINGS) {
        const p = [...STRUCTURED, ...row.path.split(".")];
        if (!i.has(p)) continue;
        out.push(
          finding(removedSetting, i.doc, i.at(p), {
            message: row.ignored
              ? `\`${i.doc.name(i.at(p))}\` is a Tempo 2.x setting; Tempo 3.0 accepts it for one release and ignores it.`
              : `\`${i.doc.name(i.at(p))}\` is a Tempo 2.x setting; Tempo 3.0 no longer reads it and exits at start (strict parse).`,
            fix: `Remove it; its replacement in Tempo 3.0: ${row.replacement}.`,
            ...(row.ignored ? { severity: "warning" as const } : {}),
          }),
        );
      }
    }
    return out;
  },
);

/** Where override blocks reach Tempo 3: the chart's `overrides` and `per_tenant_overrides`, and structuredConfig's. */
const OVERRIDE_BLOCKS: readonly { path: PathSegments; perTenant: boolean }[] = [
  { path: ["overrides"], perTenant: false },
  { path: [...STRUCTURED, "overrides"], perTenant: false },
  // The chart writes `per_tenant_overrides` under `overrides:` of the runtime file: its keys are the tenants
  // (grafana-community/helm-charts@2785d07e charts/tempo-distributed/templates/_helpers.tpl `tempo.overridesConfig`).
  { path: ["per_tenant_overrides"], perTenant: true },
];

const legacyOverrides = documentedRule(
  {
    id: "tempo3/legacy-overrides",
    severity: "error",
    title: "Overrides in the legacy flat format, which Tempo 3.0 refuses",
    checks:
      "On a chart running Tempo 3: `overrides`, `tempo.structuredConfig.overrides` and every tenant of `per_tenant_overrides` for legacy flat keys (`ingestion_rate_limit_bytes`, `max_bytes_per_trace`, `block_retention`, `metrics_generator_processors`, …), unless `enable_legacy_overrides: true`.",
    why: "Tempo 3.0 dropped the legacy format: the overrides module fails to start (grafana/tempo v3.0.3 `modules/overrides/overrides.go:28-43`, `runtime_config_overrides.go:111-127`, `docs/sources/tempo/setup/upgrade.md`).",
    fix: "Move each key under `defaults` (or the tenant's block) at its scoped path, e.g. `max_bytes_per_trace` → `defaults.global.max_bytes_per_trace`; `pnpm gitops migrate` does it for a values file.",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      for (const block of OVERRIDE_BLOCKS) {
        if (!i.has(block.path)) continue;
        const value = i.get(block.path);
        if (!isRecord(value)) continue;
        if (asBoolean(value.enable_legacy_overrides) === true) continue;
        const tenants: [PathSegments, Record<string, unknown>][] = block.perTenant
          ? Object.entries(value).flatMap(([t, v]) =>
              isRecord(v) ? [[[...block.path, t], v] as [PathSegments, Record<string, unknown>]] : [],
            )
          : [[block.path, value]];
        for (const [at, map] of tenants) {
          for (const key of Object.keys(map)) {
            if (!isLegacyOverrideKey(key)) continue;
            const scoped = block.perTenant ? newOverridePath(key) : `defaults.${newOverridePath(key)}`;
            out.push(
              finding(legacyOverrides, i.doc, i.at([...at, key]), {
                message: `\`${i.doc.name(i.at([...at, key]))}\` is a legacy flat override key: Tempo 3.0 refuses the legacy format and does not start.`,
                fix: `Write it as \`${i.doc.name(i.at(at))}.${scoped}\`.`,
              }),
            );
          }
        }
      }
    }
    return out;
  },
);

const kafkaConfigShadowed = documentedRule(
  {
    id: "tempo3/kafka-config-shadowed",
    severity: "warning",
    title: "`distributor.kafka_config` is overwritten by `ingest.kafka`",
    checks: "`tempo.structuredConfig.distributor.kafka_config` on a chart running Tempo 3.",
    why: "Tempo 3.0 replaces the distributor's Kafka settings with `ingest.kafka` in every microservices target without a word (grafana/tempo v3.0.3 `cmd/tempo/app/modules.go:250,266-268`): what you set there is never used.",
    fix: "Move the settings to `ingest.kafka` (in the chart: `ingest.kafka.*`).",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    const p = [...STRUCTURED, "distributor", "kafka_config"];
    for (const i of tempo3(ctx)) {
      if (!i.has(p)) continue;
      out.push(
        finding(kafkaConfigShadowed, i.doc, i.at(p), {
          message: `\`${i.doc.name(i.at(p))}\` is silently replaced by \`ingest.kafka\` in Tempo 3.0: none of it is used.`,
          fix: "Set these keys under `ingest.kafka` instead.",
        }),
      );
    }
    return out;
  },
);

/** Tempo 3.0's defaults (grafana/tempo v3.0.3 `modules/frontend/config.go:103,146`). */
const QUERY_END_CUTOFF_DEFAULT = "30s";
const QUERY_BACKEND_AFTER_DEFAULT = "15m";

const queryEndCutoff = documentedRule(
  {
    id: "tempo3/query-end-cutoff",
    severity: "error",
    title: "`query_end_cutoff` above `query_backend_after`",
    checks:
      "On a chart running Tempo 3: `query_frontend.query_end_cutoff` (default 30s) not above `query_frontend.search.query_backend_after` (default 15m), as set in `tempo.structuredConfig`.",
    why: "Tempo 3.0's query-frontend refuses the configuration and does not start (grafana/tempo v3.0.3 `modules/frontend/frontend.go:118-120`).",
    fix: "Keep `query_end_cutoff` well below `query_backend_after` (the defaults 30s and 15m).",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    const cutoffPath = [...STRUCTURED, "query_frontend", "query_end_cutoff"];
    const afterPath = [...STRUCTURED, "query_frontend", "search", "query_backend_after"];
    for (const i of tempo3(ctx)) {
      if (!i.has(cutoffPath) && !i.has(afterPath)) continue;
      const cutoff = asString(i.get(cutoffPath)) ?? QUERY_END_CUTOFF_DEFAULT;
      const after = asString(i.get(afterPath)) ?? QUERY_BACKEND_AFTER_DEFAULT;
      const c = durationToMs(cutoff);
      const a = durationToMs(after);
      if (c === undefined || a === undefined || c <= a) continue;
      const at = i.has(cutoffPath) ? cutoffPath : afterPath;
      out.push(
        finding(queryEndCutoff, i.doc, i.at(at), {
          message: `\`query_end_cutoff\` ${cutoff} is above \`query_backend_after\` ${after}: Tempo 3.0's query-frontend refuses to start.`,
          fix: `Lower \`${i.doc.name(i.at(cutoffPath))}\` (default ${QUERY_END_CUTOFF_DEFAULT}) below ${after}.`,
        }),
      );
    }
    return out;
  },
);

const LIVE_STORE_REPLICAS = ["liveStore", "replicas"];
const BLOCK_BUILDER_REPLICAS = ["blockBuilder", "replicas"];
const PARTITIONS_PER_INSTANCE = ["blockBuilder", "config", "partitions_per_instance"];

const partitionsVsReplicas = documentedRule(
  {
    id: "tempo3/partitions-vs-replicas",
    severity: "error",
    title: "Block-builders do not cover the live-store partitions",
    checks:
      "On grafana-community tempo-distributed 3.x: effective `blockBuilder.replicas × blockBuilder.config.partitions_per_instance` equals effective `liveStore.replicas` (each live-store owns one Kafka partition).",
    why: "Each live-store replica owns one partition of the Kafka topic and each block-builder consumes `partitions_per_instance` of them: partitions nobody consumes are never written to the backend, so their traces disappear once the live-stores drop them (grafana/tempo v3.0.3 `modules/blockbuilder/config.go:46-61`, `docs/sources/tempo/setup/migrate-to-3.md:149-156`).",
    fix: "Scale `blockBuilder.replicas` (or `partitions_per_instance`) so that their product equals `liveStore.replicas`, and create the topic with that many partitions.",
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      if (chartDescriptor(i.doc.chart).name !== "tempo-distributed") continue;
      if (
        asBoolean(i.get(["liveStore", "enabled"])) === false ||
        asBoolean(i.get(["blockBuilder", "enabled"])) === false
      )
        continue;
      const live = asNumber(i.get(LIVE_STORE_REPLICAS));
      const builders = asNumber(i.get(BLOCK_BUILDER_REPLICAS));
      const per = asNumber(i.get(PARTITIONS_PER_INSTANCE)) ?? 1;
      if (live === undefined || builders === undefined || builders * per === live) continue;
      const at = i.has(BLOCK_BUILDER_REPLICAS) ? BLOCK_BUILDER_REPLICAS : LIVE_STORE_REPLICAS;
      out.push(
        finding(partitionsVsReplicas, i.doc, i.at(at), {
          message: `${builders} block-builder${builders === 1 ? "" : "s"} × ${per} partition${per === 1 ? "" : "s"} each = ${builders * per}, but ${live} live-store${live === 1 ? "" : "s"} (one Kafka partition each): ${builders * per < live ? "some partitions are never written to the backend" : "block-builders wait on partitions that do not exist"}.`,
          fix: `Set \`${i.doc.name(i.at(BLOCK_BUILDER_REPLICAS))}: ${Math.max(1, Math.ceil(live / per))}\` (or \`${i.doc.name(i.at(LIVE_STORE_REPLICAS))}: ${builders * per}\`), with the topic at that many partitions.`,
        }),
      );
    }
    return out;
  },
);

/** The prefix of every value `migrate` writes for a person to fill in (`<set me: bucket>`); `tempo3/placeholder` finds them. */
export const MIGRATE_PLACEHOLDER = "<set me:";

const placeholder = documentedRule(
  {
    id: "tempo3/placeholder",
    severity: "warning",
    title: "A placeholder `migrate` wrote is still there",
    checks: `On a chart running Tempo 3: string values starting with \`${MIGRATE_PLACEHOLDER}\`, which \`pnpm gitops migrate\` writes where it cannot know the value (\`ingest.kafka.address\` without --kafka-address, the bucket of an install that had none).`,
    why: "The chart renders the placeholder as it is: the pods start and then fail to reach Kafka or the bucket.",
    fix: 'Replace it with the real value (the migrate output listed each one under "needs a human").',
  },
  (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of tempo3(ctx)) {
      for (const leaf of leaves(getPath(i.doc.values, i.prefix), i.prefix)) {
        if (typeof leaf.value !== "string" || !leaf.value.startsWith(MIGRATE_PLACEHOLDER)) continue;
        out.push(
          finding(placeholder, i.doc, leaf.path, {
            message: `\`${i.doc.name(leaf.path)}\` is still the placeholder \`${leaf.value}\` that migrate wrote.`,
            fix: "Set the real value before deploying.",
          }),
        );
      }
    }
    return out;
  },
);

/** Tempo 3.0 rules: they fire only for charts that run Tempo 3 (grafana-community tempo-distributed 3.x). */
export const TEMPO3_RULES: readonly Rule[] = [
  removedSetting,
  legacyOverrides,
  kafkaConfigShadowed,
  queryEndCutoff,
  partitionsVsReplicas,
  placeholder,
];
