import { effectiveValue, type StackChartId, tempoChartOf } from "@lgtm-gitops/charts";
import { type Diagnostic, type PathSegments, parsePath } from "@lgtm-gitops/diagnostics";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { compileTempoValues } from "./chart-values.js";
import { durationToMs } from "./duration.js";
import { isLegacyOverrideKey } from "./legacy-overrides.js";
import {
  chartPathOfTempoPath,
  renderTempoConfig,
  segmentsOf,
  specFieldOfChartPath,
  structuredConfigPath,
} from "./rendered-config.js";
import { type TempoSpec, tempoSpecSchema } from "./spec-schema.js";
import { s3EndpointSchemeProblem } from "./storage-values.js";

/**
 * Rule ids of Tempo 2.9's `CheckConfig()` warnings (cmd/tempo/app/config.go) and of the static start-up errors we
 * reproduce. `severity` is ours: the warnings that silently lose data are errors here.
 */
export const CHECK_CONFIG_RULES = {
  completeBlockTimeout: "tempo/check-config-complete-block-timeout",
  blockRetention: "tempo/check-config-block-retention",
  retentionConcurrency: "tempo/check-config-retention-concurrency",
  s3FlushSize: "tempo/check-config-s3-flush-size",
  blocklistPollConcurrency: "tempo/check-config-blocklist-poll-concurrency",
  spanLogging: "tempo/check-config-span-logging",
  discardedSpanLogging: "tempo/check-config-discarded-span-logging",
  localBackend: "tempo/check-config-local-backend",
  mcpServer: "tempo/check-config-mcp-server",
  dedicatedColumns: "tempo/check-config-dedicated-columns",
  v2Setting: "tempo/check-config-v2-setting",
  overridesStorageConflict: "tempo/check-config-overrides-storage-conflict",
  legacyOverrides: "tempo/check-config-legacy-overrides",
  nativeAwsAuth: "tempo/check-config-native-aws-auth",
  legacyCache: "tempo/check-config-legacy-cache",
  concurrentShards: "tempo/check-config-concurrent-shards",
  blockBuilderVersion: "tempo/check-config-block-builder-version",
  pruneAge: "tempo/check-config-prune-age",
  startupError: "tempo/startup-error",
  /** An S3 endpoint written as a URL (`http://minio:9000`): every component stops at start. */
  s3EndpointScheme: "tempo/s3-endpoint-scheme",
} as const;

type Obj = Record<string, unknown>;

function get(config: unknown, path: string): unknown {
  let v: unknown = config;
  for (const seg of path.split(".")) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Obj)[seg];
  }
  return v;
}

function ms(value: unknown, fallback: string): number {
  if (typeof value === "number") return value / 1e6; // a bare YAML number is nanoseconds
  if (typeof value === "string") return durationToMs(value) ?? Number.NaN;
  return durationToMs(fallback) ?? Number.NaN;
}

function num(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

/**
 * The S3 blocks of a Tempo configuration (Go type `s3.Config` of tempodb/backend/s3): trace storage and the store of
 * the user-configurable overrides.
 */
const S3_BLOCKS = ["storage.trace.s3", "overrides.user_configurable_overrides.client.s3"] as const;

/** Options of {@link checkTempoServerConfig}. */
export interface CheckTempoServerConfigOptions {
  /** Tempo `target`; every chart component runs with a single target, so anything but `all` is distributed. @default "distributed" */
  target?: string;
  /** Maps a Tempo config path (`storage.trace.backend`) to the path reported in diagnostics. @default the Tempo path */
  locate?: (tempoPath: string) => PathSegments;
}

/**
 * Runs Tempo 2.9's `CheckConfig()` rules (the `-- CONFIGURATION WARNINGS --` Tempo logs at start) and the static
 * start-up errors (`Compaction window can't be 0`, query-frontend shard ranges, …) over a Tempo configuration object
 * (a rendered tempo.yaml or a `structuredConfig`). Missing keys take Tempo's defaults. Messages quote Tempo's text.
 */
export function checkTempoServerConfig(config: unknown, options: CheckTempoServerConfigOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const locate = options.locate ?? ((p: string): PathSegments => parsePath(p) ?? [p]);
  const distributed = (options.target ?? (get(config, "target") as string | undefined) ?? "distributed") !== "all";
  const add = (ruleId: string, severity: Diagnostic["severity"], tempoPath: string, message: string, fix?: string) => {
    const d: Diagnostic = { ruleId, severity, path: locate(tempoPath), message };
    out.push(fix ? { ...d, fix } : d);
  };
  const poll = ms(get(config, "storage.trace.blocklist_poll"), "5m");
  const backend = get(config, "storage.trace.backend");

  // 1
  const cbt = ms(get(config, "ingester.complete_block_timeout"), "15m");
  if (cbt < poll) {
    add(
      CHECK_CONFIG_RULES.completeBlockTimeout,
      "error",
      "ingester.complete_block_timeout",
      'Tempo warns "ingester.complete_block_timeout < storage.trace.blocklist_poll": you may receive 404s between the time the ingesters have flushed a trace and the querier is aware of the new block',
      "keep ingester.complete_block_timeout (15m) at least storage.trace.blocklist_poll (5m)",
    );
  }
  // 2 (Tempo's message names compacted_block_timeout; the condition uses block_retention)
  const retention = ms(get(config, "compactor.compaction.block_retention"), "336h");
  if (retention < poll) {
    add(
      CHECK_CONFIG_RULES.blockRetention,
      "error",
      "compactor.compaction.block_retention",
      'Tempo warns "compactor.compaction.compacted_block_timeout < storage.trace.blocklist_poll": queriers and compactors may attempt to read a block that no longer exists (the condition is block_retention < blocklist_poll)',
      "keep the retention well above storage.trace.blocklist_poll (5m)",
    );
  }
  // 3
  if (get(config, "compactor.compaction.retention_concurrency") === 0) {
    add(
      CHECK_CONFIG_RULES.retentionConcurrency,
      "warning",
      "compactor.compaction.retention_concurrency",
      'Tempo warns "c.Compactor.Compactor.RetentionConcurrency must be greater than zero. Using default." (default=10)',
      "remove the setting or set it to 10",
    );
  }
  // 4
  if (backend === "s3" && num(get(config, "compactor.compaction.v2_out_buffer_bytes"), 20_971_520) < 5_242_880) {
    add(
      CHECK_CONFIG_RULES.s3FlushSize,
      "warning",
      "compactor.compaction.v2_out_buffer_bytes",
      'Tempo warns "c.Compactor.Compactor.FlushSizeBytes < 5242880": compaction flush size should be 5MB or higher for S3 backend',
      "set v2_out_buffer_bytes to at least 5242880",
    );
  }
  // 5
  if (get(config, "storage.trace.blocklist_poll_concurrency") === 0) {
    add(
      CHECK_CONFIG_RULES.blocklistPollConcurrency,
      "warning",
      "storage.trace.blocklist_poll_concurrency",
      'Tempo warns "c.StorageConfig.Trace.BlocklistPollConcurrency must be greater than zero. Using default." (default=50)',
      "remove the setting or set it to 50",
    );
  }
  // 6, 7
  if (get(config, "distributor.log_received_spans.enabled") === true) {
    add(
      CHECK_CONFIG_RULES.spanLogging,
      "warning",
      "distributor.log_received_spans.enabled",
      'Tempo warns "Span logging is enabled. This is for debugging only and not recommended for production deployments."',
      "turn it off outside debugging",
    );
  }
  if (get(config, "distributor.log_discarded_spans.enabled") === true) {
    add(
      CHECK_CONFIG_RULES.discardedSpanLogging,
      "warning",
      "distributor.log_discarded_spans.enabled",
      'Tempo warns "Span logging for discarded traces is enabled. This is for debugging only and not recommended for production deployments."',
      "turn it off outside debugging",
    );
  }
  // 8
  if (backend === "local" && distributed) {
    add(
      CHECK_CONFIG_RULES.localBackend,
      "error",
      "storage.trace.backend",
      'Tempo warns "Local backend will not correctly retrieve traces with a distributed deployment unless all components have access to the same disk. You should probably be using object storage as a backend."',
      "use s3, gcs or azure (or the MinIO subchart in development)",
    );
  }
  // 9
  if (get(config, "query_frontend.mcp_server.enabled") === true) {
    add(
      CHECK_CONFIG_RULES.mcpServer,
      "warning",
      "query_frontend.mcp_server.enabled",
      'Tempo warns "c.Frontend.MCPServer.Enabled is enabled.": tracing data may be passed to an LLM or LLM provider',
      "enable the MCP server only where sending trace data to an LLM is acceptable",
    );
  }
  // 10 (+ the >10 per scope start-up error)
  const columns = get(config, "storage.trace.block.parquet_dedicated_columns");
  if (Array.isArray(columns)) {
    const perScope: Record<string, number> = {};
    columns.forEach((c, i) => {
      const col = (c ?? {}) as Obj;
      const scope = col.scope;
      const type = col.type ?? "string";
      let problem: string | undefined;
      if (typeof col.name !== "string" || col.name === "") problem = "dedicated column name is empty";
      else if (scope !== "span" && scope !== "resource")
        problem = `dedicated column scope "${String(scope)}" is not span or resource`;
      else if (type !== "string" && type !== "int")
        problem = `dedicated column type "${String(type)}" is not string or int`;
      if (problem) {
        add(
          CHECK_CONFIG_RULES.dedicatedColumns,
          "error",
          `storage.trace.block.parquet_dedicated_columns[${i}]`,
          `${problem}: Tempo will not start with an invalid dedicated attribute column configuration`,
          "give every column a name, scope span|resource and type string|int",
        );
      }
      if (typeof scope === "string") perScope[scope] = (perScope[scope] ?? 0) + 1;
    });
    for (const [scope, n] of Object.entries(perScope)) {
      if (n > 10) {
        add(
          CHECK_CONFIG_RULES.dedicatedColumns,
          "error",
          "storage.trace.block.parquet_dedicated_columns",
          `${n} dedicated columns with scope ${scope}: Tempo allows at most 10 per scope and will not start`,
          "keep the 10 most queried attributes per scope",
        );
      }
    }
  }
  // 11–15
  const version = get(config, "storage.trace.block.version") ?? "vParquet4";
  if (version !== "v2") {
    const v2: [string, string, number][] = [
      ["storage.trace.block.v2_index_downsample_bytes", "v2_index_downsample_bytes", 1_048_576],
      ["storage.trace.block.v2_index_page_size_bytes", "v2_index_page_size_bytes", 256_000],
      ["compactor.compaction.v2_in_buffer_bytes", "v2_in_buffer_bytes", 5_242_880],
      ["compactor.compaction.v2_out_buffer_bytes", "v2_out_buffer_bytes", 20_971_520],
      ["compactor.compaction.v2_prefetch_traces_count", "v2_prefetch_traces_count", 1000],
    ];
    for (const [path, name, def] of v2) {
      const v = get(config, path);
      if (typeof v === "number" && v !== def) {
        add(
          CHECK_CONFIG_RULES.v2Setting,
          "warning",
          path,
          `Tempo warns "c.StorageConfig.Trace.Block.Version != \\"v2\\" but ${name} is set": this setting is only used in v2 blocks`,
          `remove ${name}`,
        );
      }
    }
  }
  if (version === "vParquet2") {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "storage.trace.block.version",
      'Tempo refuses to start: "vParquet2 is no longer supported, please use vParquet3 or later"',
      "use vParquet4 (the default)",
    );
  }
  // 16
  const uco = get(config, "overrides.user_configurable_overrides") as Obj | undefined;
  if (uco && uco.enabled === true) {
    const client = (uco.client ?? {}) as Obj;
    const cb = client.backend;
    if (cb !== undefined && cb === backend && typeof cb === "string") {
      const same = (a: unknown, b: unknown) => JSON.stringify(a ?? "") === JSON.stringify(b ?? "");
      const t = (get(config, `storage.trace.${cb}`) ?? {}) as Obj;
      const c = (client[cb] ?? {}) as Obj;
      const conflict =
        cb === "local"
          ? same(t.path, c.path)
          : cb === "gcs"
            ? same(t.bucket_name, c.bucket_name) && same(t.prefix, c.prefix)
            : cb === "azure"
              ? same(t.container_name, c.container_name) && same(t.prefix, c.prefix)
              : same(t.bucket, c.bucket) && same(t.prefix, c.prefix);
      if (conflict) {
        add(
          CHECK_CONFIG_RULES.overridesStorageConflict,
          "error",
          "overrides.user_configurable_overrides.client",
          'Tempo warns "Trace storage conflicts with user-configurable overrides storage": both write to the same bucket and prefix',
          "give the user-configurable overrides their own bucket or prefix",
        );
      }
    }
  }
  // 17
  const overrides = get(config, "overrides");
  if (overrides && typeof overrides === "object" && Object.keys(overrides).some(isLegacyOverrideKey)) {
    add(
      CHECK_CONFIG_RULES.legacyOverrides,
      "warning",
      "overrides",
      'Tempo warns "Inline, unscoped overrides are deprecated. Please use the new overrides config format."',
      "move the settings under overrides.defaults (tempo-cli migrate overrides-config)",
    );
  }
  // 18, 19
  if (backend === "s3" && get(config, "storage.trace.s3.native_aws_auth_enabled") === true) {
    add(
      CHECK_CONFIG_RULES.nativeAwsAuth,
      "warning",
      "storage.trace.s3.native_aws_auth_enabled",
      'Tempo warns "c.Storage.Trace.S3.NativeAWSAuthEnabled is deprecated and will be removed in a future release.": this setting is no longer necessary and will be ignored',
      "remove native_aws_auth_enabled",
    );
  }
  const cache = get(config, "storage.trace.cache");
  if (typeof cache === "string" && cache !== "") {
    add(
      CHECK_CONFIG_RULES.legacyCache,
      "warning",
      "storage.trace.cache",
      'Tempo warns "c.StorageConfig.Trace.Cache is deprecated and will be removed in a future release.": please migrate to the top level cache settings config',
      "configure cache.caches[] with roles instead",
    );
  }
  // 20
  const queryShards = num(get(config, "query_frontend.trace_by_id.query_shards"), 50);
  const concurrentShards = num(get(config, "query_frontend.trace_by_id.concurrent_shards"), 0);
  if (concurrentShards > queryShards) {
    add(
      CHECK_CONFIG_RULES.concurrentShards,
      "warning",
      "query_frontend.trace_by_id.concurrent_shards",
      'Tempo warns "c.Frontend.TraceByID.ConcurrentShards greater than query_shards is invalid. concurrent_shards will be set to query_shards"',
      `set concurrent_shards to at most ${queryShards}`,
    );
  }
  // 21
  const bbBlock = get(config, "block_builder.block.version");
  const bbWal = get(config, "block_builder.wal.version");
  if ((bbBlock !== undefined || bbWal !== undefined) && (bbBlock ?? "vParquet4") !== (bbWal ?? "vParquet4")) {
    add(
      CHECK_CONFIG_RULES.blockBuilderVersion,
      "warning",
      "block_builder.block.version",
      'Tempo warns "c.BlockConfig.BlockCfg.Version != c.WAL.Version"',
      "use the same version for block_builder.block and block_builder.wal",
    );
  }
  // 22
  const pruneAge = ms(get(config, "backend_scheduler.work.prune_age"), "1h");
  if (pruneAge <= 2 * poll) {
    add(
      CHECK_CONFIG_RULES.pruneAge,
      "warning",
      "backend_scheduler.work.prune_age",
      'Tempo warns "c.BackendScheduler.Work.PruneAge must be greater than 2x the storage.trace.blocklist_poll duration"',
      `set prune_age above ${(2 * poll) / 60_000}m`,
    );
  }

  // Static start-up errors (module init).
  if (ms(get(config, "compactor.compaction.compaction_window"), "1h") === 0) {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "compactor.compaction.compaction_window",
      'the compactor refuses to start: "Compaction window can\'t be 0"',
      "use 1h (Tempo's default)",
    );
  }
  if (queryShards < 2 || queryShards > 100_000) {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "query_frontend.trace_by_id.query_shards",
      `the query-frontend refuses to start: trace_by_id.query_shards ${queryShards} is outside 2..100000`,
      "use 50 (the default)",
    );
  }
  const backendAfter = ms(get(config, "query_frontend.search.query_backend_after"), "15m");
  const ingestersUntil = ms(get(config, "query_frontend.search.query_ingesters_until"), "30m");
  if (ingestersUntil < backendAfter) {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "query_frontend.search.query_backend_after",
      'the query-frontend refuses to start: "query backend after should be less than or equal to query ingester until"',
      "keep query_backend_after (15m) at or below query_ingesters_until (30m)",
    );
  }
  for (const p of ["search", "metrics"]) {
    for (const k of ["concurrent_jobs", "target_bytes_per_job"]) {
      const v = get(config, `query_frontend.${p}.${k}`);
      if (typeof v === "number" && v <= 0) {
        add(
          CHECK_CONFIG_RULES.startupError,
          "error",
          `query_frontend.${p}.${k}`,
          `the query-frontend refuses to start: ${p} ${k} must be greater than 0`,
          "remove the setting to use the default",
        );
      }
    }
  }
  const fp = get(config, "storage.trace.block.bloom_filter_false_positive");
  if (typeof fp === "number" && (fp <= 0 || fp >= 1)) {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "storage.trace.block.bloom_filter_false_positive",
      "Tempo refuses to start: bloom_filter_false_positive must be between 0 and 1 (exclusive)",
      "use 0.01 (the default)",
    );
  }
  if (backend !== undefined && !["local", "s3", "gcs", "azure"].includes(String(backend))) {
    add(
      CHECK_CONFIG_RULES.startupError,
      "error",
      "storage.trace.backend",
      `Tempo refuses to start: "unknown backend ${String(backend)}"`,
      "use s3, gcs, azure or local",
    );
  }
  for (const block of S3_BLOCKS) {
    const problem = s3EndpointSchemeProblem(get(config, `${block}.endpoint`));
    if (problem) add(CHECK_CONFIG_RULES.s3EndpointScheme, "error", `${block}.endpoint`, problem.message, problem.fix);
  }
  // server.log_level and other enumerations: the Go types of checkVerbatimTempoConfig (tempo/invalid-config-value).
  return out;
}

/**
 * Tempo's start-up checks (`CheckConfig`, notes/tempo.md §3) over what a spec deploys on `target` (default: the
 * tempo-distributed chart): the values `toChartValues` writes, read with the chart's defaults, rendered into tempo.yaml
 * by the Tempo↔chart mapping table, `structuredConfig` merged over it. Diagnostics point at the spec field responsible
 * (`retention`), or at `structuredConfig.…` for what the spec does not model. Rule ids: {@link CHECK_CONFIG_RULES}.
 */
export function checkTempoConfig(spec: TempoSpec, target: StackChartId = SPEC_TARGET): Diagnostic[] {
  const parsed = tempoSpecSchema.safeParse(spec);
  if (!parsed.success) {
    return [
      {
        ruleId: "tempo/invalid-spec",
        severity: "error",
        path: [],
        message: "not a valid TempoSpec; parse it with parseTempoSpec first",
        fix: "call parseTempoSpec(input) and pass its value",
      },
    ];
  }
  spec = parsed.data;
  const settings = tempoChartSettings(target);
  const tempoChart = tempoChartOf(target) ?? target;
  const values = compileTempoValues(spec, target);
  const config = renderTempoConfig((p) => effectiveValue(tempoChart, values, p), settings);
  const structured = structuredConfigPath(settings);
  const locate = (tempoPath: string): PathSegments => {
    const chartPath = chartPathOfTempoPath(tempoPath, settings, spec.structuredConfig);
    const inStructured = structured.every((seg, i) => chartPath[i] === seg);
    // Settings the spec does not model are changed through structuredConfig, so that is where the fix goes.
    if (inStructured) return ["structuredConfig", ...chartPath.slice(structured.length)];
    return specFieldOfChartPath(chartPath, settings) ?? ["structuredConfig", ...segmentsOf(tempoPath)];
  };
  return checkTempoServerConfig(config, { target: "distributed", locate });
}
