import { chartDescriptor } from "@lgtm-gitops/charts";
import { type Diagnostic, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { durationToMs, isLegacyOverrideKey, newOverridePath } from "@lgtm-gitops/tempo-config";
import { documentedRule, finding, type Rule } from "../engine.js";
import { installTempoVersion, type TempoInstall, tempoInstalls } from "../model.js";
import { asBoolean, asNumber, asString } from "../values.js";

/** Whether the install runs Tempo 3 or later (`tempo.image.tag` when set, else the chart's appVersion). */
function isTempo3(i: TempoInstall): boolean {
  const v = installTempoVersion(i);
  const major = v === undefined ? undefined : Number.parseInt(v.replace(/^v/, ""), 10);
  return major !== undefined && major >= 3;
}

/** The Tempo 3 installs of a run. */
const tempo3 = (ctx: Parameters<Rule["run"]>[0]) => tempoInstalls(ctx).filter(isTempo3);

const STRUCTURED: PathSegments = ["tempo", "structuredConfig"];

/**
 * Tempo configuration paths that Tempo 2.x read and Tempo 3.0 does not: the one table the `tempo3/removed-setting`
 * rule is driven by. Sources: grafana/tempo v3.0.3 `cmd/tempo/app/config.go:43-73`, `modules/distributor/config.go:30-61`,
 * `modules/frontend/config.go`, `CHANGELOG.md:151-163`, `docs/sources/tempo/setup/upgrade.md`.
 */
export const TEMPO3_REMOVED_SETTINGS: readonly { readonly path: string; readonly replacement: string }[] = [
  {
    path: "ingester",
    replacement: "`live_store` (recent data) and `block_builder` (backend blocks), sized by the Kafka partition count",
  },
  { path: "ingester_client", replacement: "`live_store_client` (its defaults are fine)" },
  {
    path: "compactor",
    replacement:
      "`backend_scheduler.provider.compaction.compaction.*` and `backend_worker.compaction.*` (retention: `block_retention` in both)",
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

const removedSetting = documentedRule(
  {
    id: "tempo3/removed-setting",
    severity: "error",
    title: "A Tempo 2.x setting that Tempo 3.0 no longer has",
    checks:
      "`tempo.structuredConfig` of a chart running Tempo 3 (grafana-community tempo-distributed 3.x) for the sections and keys Tempo 3.0 removed: `ingester`, `ingester_client`, `compactor`, `partition_ring_live_store`, `ingest.enabled`, the distributor write-path switches, `query_frontend.search.query_ingesters_until`, the metrics-generator's local-blocks processor and its storage, …",
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
            message: `\`${i.doc.name(i.at(p))}\` is a Tempo 2.x setting; Tempo 3.0 no longer reads it and exits at start (strict parse).`,
            fix: `Remove it; its replacement in Tempo 3.0: ${row.replacement}.`,
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
  { path: ["per_tenant_overrides", "overrides"], perTenant: true },
];

const legacyOverrides = documentedRule(
  {
    id: "tempo3/legacy-overrides",
    severity: "error",
    title: "Overrides in the legacy flat format, which Tempo 3.0 refuses",
    checks:
      "On a chart running Tempo 3: `overrides`, `tempo.structuredConfig.overrides` and every tenant of `per_tenant_overrides.overrides` for legacy flat keys (`ingestion_rate_limit_bytes`, `max_bytes_per_trace`, `block_retention`, `metrics_generator_processors`, …), unless `enable_legacy_overrides: true`.",
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

/** Tempo 3.0 rules: they fire only for charts that run Tempo 3 (grafana-community tempo-distributed 3.x). */
export const TEMPO3_RULES: readonly Rule[] = [
  removedSetting,
  legacyOverrides,
  kafkaConfigShadowed,
  queryEndCutoff,
  partitionsVsReplicas,
];
