import { childKeys, RECEIVERS } from "@lgtm-gitops/charts";
import { type Diagnostic, getPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import {
  CHECK_CONFIG_RULES,
  chartPathOfTempoPath,
  checkTempoServerConfig,
  checkVerbatimTempoConfig,
  DEFAULT_TEMPO_VERSION,
  renderTempoConfig,
  s3EndpointSchemeProblem,
  schemaNodeAt,
  structuredConfigPath,
  TEMPO_SCHEMA_VERSIONS,
  tempoChartSettings,
  tempoSchemaFor,
  VERBATIM_RULES,
  type VerbatimWhere,
} from "@lgtm-gitops/tempo-config";
import { documentedRule, type FlatRuleDocs, positioned, type Rule, type RuleContext } from "../engine.js";
import { installTempoVersion, type TempoInstall, tempoInstalls } from "../model.js";
import { asBoolean } from "../values.js";
import { TEMPO3_REMOVED_SETTINGS } from "./tempo3-rules.js";

/** Sets `value` at `path` in a fresh map tree (for a storage block checked as the tempo.yaml it becomes). */
function wrapAt(path: PathSegments, value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (const seg of [...path].reverse()) out = { [String(seg)]: out };
  return out as Record<string, unknown>;
}

/** The tempo.yaml the chart renders from an install's effective values, `tempo.structuredConfig` merged over it. */
function renderedConfig(i: TempoInstall): Record<string, unknown> {
  return renderTempoConfig((p) => i.get(p), tempoChartSettings(i.doc.chart));
}

/** Maps a Tempo config path to where the user sets it: `tempo.structuredConfig.…` when set there, else the chart key. */
function locator(i: TempoInstall): (tempoPath: string) => PathSegments {
  const settings = tempoChartSettings(i.doc.chart);
  const structured = i.get(structuredConfigPath(settings));
  return (tempoPath) => i.at(chartPathOfTempoPath(tempoPath, settings, structured));
}

/** CheckConfig ids that a chart-aware rule of ours already reports better (`tempo/local-storage`, `tempo/legacy-overrides`). */
const COVERED = new Set<string>([CHECK_CONFIG_RULES.localBackend, CHECK_CONFIG_RULES.legacyOverrides]);

/** The fragments of chart values that reach Tempo verbatim, and what they are. */
const VERBATIM: readonly { path: PathSegments; where: VerbatimWhere; wrap?: PathSegments }[] = [
  { path: ["tempo", "structuredConfig"], where: "structuredConfig" },
  { path: ["overrides"], where: "overrides" },
  { path: ["per_tenant_overrides"], where: "per_tenant_overrides" },
  { path: ["metricsGenerator", "config"], where: "metricsGenerator.config" },
  { path: ["storage", "trace", "s3"], where: "structuredConfig", wrap: ["storage", "trace", "s3"] },
  { path: ["storage", "trace", "gcs"], where: "structuredConfig", wrap: ["storage", "trace", "gcs"] },
  { path: ["storage", "trace", "azure"], where: "structuredConfig", wrap: ["storage", "trace", "azure"] },
];

const memo = new WeakMap<RuleContext, Diagnostic[]>();

/** Every finding `@lgtm-gitops/tempo-config` makes on the documents' Tempo installs, computed once per run. */
function tempoConfigFindings(ctx: RuleContext): Diagnostic[] {
  const cached = memo.get(ctx);
  if (cached) return cached;
  const out: Diagnostic[] = [];
  for (const i of tempoInstalls(ctx)) {
    // The Tempo version the install runs: `tempo.image.tag` when set, else the chart's appVersion.
    const tempoVersion = installTempoVersion(i);
    const options = tempoVersion === undefined ? {} : { tempoVersion };
    const schema = tempoSchemaFor(tempoVersion ?? DEFAULT_TEMPO_VERSION);
    const tempo3 = tempoVersion !== undefined && Number.parseInt(tempoVersion.replace(/^v/, ""), 10) >= 3;
    // On Tempo 3, `tempo3/removed-setting` reports the 2.x sections with their replacement: no second finding.
    const removed = tempo3
      ? new Set(
          TEMPO3_REMOVED_SETTINGS.map((r) => JSON.stringify(i.at(["tempo", "structuredConfig", ...r.path.split(".")]))),
        )
      : new Set<string>();
    for (const v of VERBATIM) {
      if (!i.has(v.path)) continue;
      const value = getPath(i.doc.values, i.at(v.path));
      if (value === null || value === undefined) continue;
      let found: Diagnostic[];
      if (v.wrap) {
        // A storage block sits at the same path in chart values and in tempo.yaml: check it as tempo.yaml from the prefix.
        found = checkVerbatimTempoConfig(wrapAt(v.wrap, value), v.where, i.prefix, options);
      } else if (v.where === "metricsGenerator.config") {
        // Only the keys this chart version's `config:` template renders reach Tempo (from its catalog).
        const renderedKeys = childKeys(i.doc.chart, i.at(v.path));
        found = checkVerbatimTempoConfig(value, v.where, i.at(v.path), { ...options, renderedKeys });
      } else found = checkVerbatimTempoConfig(value, v.where, i.at(v.path), options);
      for (const d of found) {
        if (d.ruleId === VERBATIM_RULES.unknownKey && removed.has(JSON.stringify(d.path))) continue;
        out.push(positioned(i.doc, d));
      }
    }
    // Chart values the chart copies into tempo.yaml (rows of the mapping table with a Tempo leaf): the Go type of that
    // field (`compactor.config.compaction.block_retention: 14d`, `server.logLevel: warning`).
    for (const row of tempoChartSettings(i.doc.chart)) {
      if (row.tempoPath === undefined || row.templated) continue;
      const chartPath = row.chartPath.split(".");
      const tempoPath = row.tempoPath.split(".");
      if (!i.has(chartPath) || typeof schemaNodeAt(schema.config, tempoPath) !== "string") continue;
      const value = getPath(i.doc.values, i.at(chartPath));
      for (const d of checkVerbatimTempoConfig(wrapAt(tempoPath, value), "structuredConfig", [], options)) {
        if (d.ruleId !== VERBATIM_RULES.invalidValue) continue;
        const at = i.at(chartPath);
        const message = d.message.replace(
          row.tempoPath,
          `${i.doc.name(at)} (rendered as ${row.tempoPath} in tempo.yaml)`,
        );
        out.push(positioned(i.doc, { ...d, path: at, message }));
      }
    }
    // `traces.<receiver>.receiverConfig`: the chart merges it over `endpoint: 0.0.0.0:<port>` into
    // distributor.receivers when the receiver is enabled; the OTel collector Tempo vendors decodes it strictly.
    for (const r of RECEIVERS) {
      const rc = [...r.chartPath, "receiverConfig"];
      if (!i.has(rc) || asBoolean(i.get([...r.chartPath, "enabled"])) !== true) continue;
      const value = getPath(i.doc.values, i.at(rc));
      if (!isRecord(value)) continue;
      const rendered = wrapAt(r.otelPath, { endpoint: `0.0.0.0:${r.port}`, ...value });
      for (const d of checkVerbatimTempoConfig(rendered, "receivers", [], options)) {
        if (d.ruleId === VERBATIM_RULES.receiverLoopback) continue; // tempo/receiver-loopback reads receiverConfig itself
        const under = r.otelPath.every((seg, k) => d.path[k] === seg);
        out.push(positioned(i.doc, { ...d, path: i.at([...rc, ...(under ? d.path.slice(r.otelPath.length) : [])]) }));
      }
    }
    for (const d of checkTempoServerConfig(renderedConfig(i), { target: "distributed", locate: locator(i) })) {
      if (!COVERED.has(d.ruleId)) out.push(positioned(i.doc, d));
    }
    // GEM's admin bucket (tempo-distributed `storage.admin`, rendered as `admin_client.storage` with enterprise on) is
    // a Thanos objstore config: other key names (grafana/tempo#1140), but the same minio-go endpoint parsing.
    const admin = i.get(["storage", "admin", "s3", "endpoint"]);
    const adminProblem =
      asBoolean(i.get(["enterprise", "enabled"])) === true ? s3EndpointSchemeProblem(admin) : undefined;
    if (adminProblem) {
      out.push(
        positioned(i.doc, {
          ruleId: CHECK_CONFIG_RULES.s3EndpointScheme,
          severity: "error",
          path: i.at(["storage", "admin", "s3", "endpoint"]),
          message: adminProblem.message.replace("every component", "the enterprise admin-api"),
          fix: adminProblem.fix,
        }),
      );
    }
  }
  memo.set(ctx, out);
  return out;
}

const COLLECTORS = [...new Set(TEMPO_SCHEMA_VERSIONS.map((v) => tempoSchemaFor(v).collector))].sort((a, b) =>
  a.localeCompare(b, "en", { numeric: true }),
);

/** Which Tempo versions the strict parse knows, for the rule docs (from the schema table). */
const VERSIONS_KNOWN = `the configuration structs of the Tempo version the install runs (\`tempo.image.tag\` when set, else the chart's appVersion), derived from Tempo's Go source for every release ${TEMPO_SCHEMA_VERSIONS[0]} … ${TEMPO_SCHEMA_VERSIONS.at(-1)} (${TEMPO_SCHEMA_VERSIONS.length} releases; a version without its own schema is checked as the nearest lower release, and every message names the version checked); receiver configs against the OTel collector version that release vendors (${COLLECTORS[0]} … ${COLLECTORS.at(-1)}).`;

const CC =
  "Reproduces a Tempo 2.9 `CheckConfig()` warning (logged under `-- CONFIGURATION WARNINGS --` at start) on the tempo.yaml the chart renders from the effective values plus `tempo.structuredConfig`";

const SPECS: readonly FlatRuleDocs[] = [
  {
    id: VERBATIM_RULES.unknownKey,
    severity: "error",
    title: "A key Tempo rejects at start-up (strict parse)",
    checks: `Everything that reaches Tempo verbatim (\`tempo.structuredConfig\`, \`overrides\`, \`per_tenant_overrides\`, the keys of \`metricsGenerator.config\` the chart version renders, \`storage.trace.s3|gcs|azure\`, \`distributor.receivers\`, and \`traces.*.receiverConfig\` of enabled receivers) against ${VERSIONS_KNOWN} In Tempo's object-storage blocks (\`storage.trace.s3|gcs|azure\`, also inside \`tempo.structuredConfig\` and the user-configurable overrides' client) a Loki or Mimir spelling of a setting (\`bucketnames\`, \`bucket_name\`, \`s3forcepathstyle\`/\`s3ForcePathStyle\`, \`access_key_id\`, \`secret_access_key\`, \`endpoint_url\`, \`insecure_skip_verify\`; \`account_name\` under azure, \`bucket\` under gcs) gets the block's own Tempo key as the fix, read from that version's schema.`,
    why: "Tempo parses its configuration with `yaml.UnmarshalStrict`: one unknown or misplaced key (`field X not found in type Y`) and the pod exits at start, crash-looping. Receiver configs are decoded by the OTel collector's confmap with `ErrorUnused` (`'protocols.grpc' has invalid keys: tls_settings`): the distributor does not start. A key of another Tempo release (2.2's `autocomplete_filtering_enabled` on 2.9, 2.9's `overrides.defaults` on 2.2) is reported with the releases that have it.",
    fix: "Use the key the message suggests (a typo, a key one level too high, `tls_settings` → `tls`, in a storage block `bucketnames` → `bucket`, `s3ForcePathStyle` → `forcepathstyle`), run a Tempo release that has it, or remove it.",
  },
  {
    id: VERBATIM_RULES.invalidValue,
    severity: "error",
    title: "A value of the wrong type in verbatim Tempo configuration",
    checks: `Types of verbatim Tempo settings, receiver configs, and the chart values the chart copies into tempo.yaml (the Tempo↔chart mapping table: \`compactor.config.compaction.block_retention\`, \`ingester.config.*\`, \`server.logLevel\`, \`server.logFormat\`, …) against the Go type of each field in ${VERSIONS_KNOWN} The types: Go \`time.Duration\` (units ns, us, ms, s, m, h; no \`d\` or \`w\`: \`compactor.compaction.block_retention: 14d\` is an error with the fix \`336h\`; a bare integer is read as nanoseconds, a warning); Prometheus \`model.Duration\` (\`14d\`, \`1w\` allowed: the per-tenant \`compaction.block_retention\` and \`read.max_search_duration\` in \`overrides.defaults\`, tenant blocks and the legacy flat keys); enumerations with the nearest value as the fix (\`server.log_level: warning\` → \`warn\`, of debug, info, warn, error; \`log_format\`, block encodings, native-histogram modes, relabel actions, TLS versions, OTel transports and compressions); dskit \`flagext.Bytes\` sizes (\`100MiB\`, \`1GB\` = 1 GiB; a bare number is refused, the fix gives it with a unit); booleans; signed and unsigned integers (a quoted number is refused); floats; strings; lists; maps; comma-separated string lists (\`flagext.StringSliceCSV\`: a YAML list is refused).`,
    why: "Tempo fails to parse the configuration and does not start (the distributor, for receiver configs).",
    fix: "Write the value in the type the message names; the fix gives the converted value when there is one.",
  },
  {
    id: VERBATIM_RULES.legacyOverrides,
    severity: "warning",
    title: "Overrides in the legacy flat format",
    checks:
      "`overrides` (or per-tenant blocks) written in the pre-2.3 flat format (`ingestion_rate_limit_bytes`, `max_bytes_per_trace`, …).",
    why: "Tempo 2.6–2.10 still reads it with a deprecation warning; Tempo 3.0 refuses to start unless `enable_legacy_overrides: true`.",
    fix: "Move each key to `overrides.defaults.<section>.<key>` as the message shows (e.g. `max_bytes_per_trace` → `overrides.defaults.global.max_bytes_per_trace`).",
  },
  {
    id: VERBATIM_RULES.mixedFormats,
    severity: "error",
    title: "Legacy and new override formats mixed in one block",
    checks: "An `overrides` (or tenant) block holding both `defaults:`-format sections and legacy flat keys.",
    why: "Tempo tries the new format strictly, falls back to the legacy one and reports only the legacy error (`field defaults not found in type overrides.legacyConfig`): the pod does not start.",
    fix: "Write the whole block in the `defaults:` format.",
  },
  {
    id: VERBATIM_RULES.tenantIncomplete,
    severity: "error",
    title: "A per-tenant override block without ingestion limits",
    checks:
      "Every tenant block of `per_tenant_overrides` sets `ingestion.rate_limit_bytes` and `ingestion.burst_size_bytes`.",
    why: "A tenant block replaces the defaults instead of merging with them: a block that sets only `metrics_generator` leaves the tenant a 0-byte ingestion limit (`RATE_LIMITED`, grafana/tempo#3462).",
    fix: "Copy the ingestion limits (and everything else you rely on) into each tenant block.",
  },
  {
    id: VERBATIM_RULES.chartDropsKey,
    severity: "warning",
    title: "A `metricsGenerator.config` key the chart does not render",
    checks:
      "Keys of `metricsGenerator.config` that Tempo's `metrics_generator` has but the chart's `config:` template does not copy into tempo.yaml. The rendered keys come from each chart version's key catalog (tempo-distributed 1.x–2.x: `processor`, `storage`, `traces_storage`, `registry`, `metrics_ingestion_time_range_slack`; 3.x drops `traces_storage`; lgtm-distributed: its tempo-distributed subchart's). Only the rendered keys are checked against Tempo's strict parser (`tempo/unknown-config-key`); a key neither Tempo nor the chart knows (`processors`) is reported once, by `chart/unknown-key`, never as a start-up crash.",
    why: "The chart drops them silently: Tempo never sees them (so they cannot stop it either).",
    fix: "Set them as `tempo.structuredConfig.metrics_generator.<key>`.",
  },
  {
    id: "tempo/literal-secret",
    severity: "error",
    title: "A credential written literally in Tempo configuration",
    checks:
      "Secret-looking keys (`secret_key`, `access_key`, `password`, `storage_account_key`, …) with literal values in verbatim Tempo configuration and storage blocks.",
    why: "The credential ends up in Git and in the rendered ConfigMap.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference written in documentation
    fix: "Reference an environment variable (`${S3_SECRET_KEY}` with `-config.expand-env=true`) filled from a Secret via `extraEnvFrom`, as the message shows.",
  },
  {
    id: CHECK_CONFIG_RULES.completeBlockTimeout,
    severity: "error",
    title: "Tempo CheckConfig: complete_block_timeout < blocklist_poll",
    checks: `${CC}: \`ingester.complete_block_timeout\` (15m) ≥ \`storage.trace.blocklist_poll\` (5m).`,
    why: "Queries return 404 between an ingester flushing a trace and the queriers noticing the new block.",
    fix: "Keep complete_block_timeout at least blocklist_poll.",
  },
  {
    id: CHECK_CONFIG_RULES.blockRetention,
    severity: "error",
    title: "Tempo CheckConfig: block_retention < blocklist_poll",
    checks: `${CC}: \`compactor.compaction.block_retention\` ≥ \`storage.trace.blocklist_poll\`.`,
    why: "Queriers and compactors try to read blocks that were already deleted.",
    fix: "Keep the retention well above blocklist_poll.",
  },
  {
    id: CHECK_CONFIG_RULES.retentionConcurrency,
    severity: "warning",
    title: "Tempo CheckConfig: retention_concurrency is 0",
    checks: `${CC}: \`compactor.compaction.retention_concurrency\` > 0.`,
    why: "Tempo ignores 0 and uses 10.",
    fix: "Remove it or set a positive value.",
  },
  {
    id: CHECK_CONFIG_RULES.s3FlushSize,
    severity: "warning",
    title: "Tempo CheckConfig: S3 flush size below 5 MiB",
    checks: `${CC}: with the s3 backend, \`compactor.compaction.v2_out_buffer_bytes\` ≥ 5242880.`,
    why: "S3 multipart uploads need parts of at least 5 MiB.",
    fix: "Raise v2_out_buffer_bytes to 5242880 or more.",
  },
  {
    id: CHECK_CONFIG_RULES.blocklistPollConcurrency,
    severity: "warning",
    title: "Tempo CheckConfig: blocklist_poll_concurrency is 0",
    checks: `${CC}: \`storage.trace.blocklist_poll_concurrency\` > 0.`,
    why: "Tempo ignores 0 and uses 50.",
    fix: "Remove it or set a positive value.",
  },
  {
    id: CHECK_CONFIG_RULES.spanLogging,
    severity: "warning",
    title: "Tempo CheckConfig: span logging is on",
    checks: `${CC}: \`distributor.log_received_spans.enabled\`.`,
    why: "Logging every span is for debugging only and costs a lot of log volume.",
    fix: "Turn it off in production.",
  },
  {
    id: CHECK_CONFIG_RULES.discardedSpanLogging,
    severity: "warning",
    title: "Tempo CheckConfig: discarded-span logging is on",
    checks: `${CC}: \`distributor.log_discarded_spans.enabled\`.`,
    why: "For debugging only; can produce a lot of logs.",
    fix: "Turn it off in production.",
  },
  {
    id: CHECK_CONFIG_RULES.localBackend,
    severity: "error",
    title: "Tempo CheckConfig: local backend with a distributed target",
    checks: `${CC}: \`storage.trace.backend: local\` with a target other than \`all\`. On chart values \`tempo/local-storage\` reports this instead.`,
    why: "Each pod keeps its own blocks: queriers never see flushed traces.",
    fix: "Use object storage (s3, gcs, azure).",
  },
  {
    id: CHECK_CONFIG_RULES.mcpServer,
    severity: "warning",
    title: "Tempo CheckConfig: the MCP server is enabled",
    checks: `${CC}: \`query_frontend.mcp_server.enabled\`.`,
    why: "Trace data becomes available to LLM tools connected to Tempo.",
    fix: "Enable it only deliberately.",
  },
  {
    id: CHECK_CONFIG_RULES.dedicatedColumns,
    severity: "error",
    title: "Tempo CheckConfig: invalid dedicated attribute columns",
    checks: `${CC}: each \`storage.trace.block.parquet_dedicated_columns\` entry (name, type, scope; at most 10 per scope).`,
    why: "Tempo will not start with an invalid dedicated column configuration.",
    fix: "Correct the entry the message names.",
  },
  {
    id: CHECK_CONFIG_RULES.v2Setting,
    severity: "warning",
    title: "Tempo CheckConfig: v2 block setting with a non-v2 block format",
    checks: `${CC}: v2-only settings changed while \`storage.trace.block.version\` is not v2.`,
    why: "The setting has no effect.",
    fix: "Remove it.",
  },
  {
    id: CHECK_CONFIG_RULES.overridesStorageConflict,
    severity: "error",
    title: "Tempo CheckConfig: user-configurable overrides share the trace bucket",
    checks: `${CC}: trace storage and \`overrides.user_configurable_overrides.client\` use the same backend and bucket/prefix.`,
    why: "Override files are mistaken for tenants' blocks and the other way round.",
    fix: "Use a different bucket or prefix for overrides.",
  },
  {
    id: CHECK_CONFIG_RULES.legacyOverrides,
    severity: "warning",
    title: "Tempo CheckConfig: legacy overrides",
    checks: `${CC}: overrides parsed as the legacy format. On chart values \`tempo/legacy-overrides\` reports this instead, per key.`,
    why: "Deprecated; Tempo 3.0 refuses it.",
    fix: "Use the `defaults:` format.",
  },
  {
    id: CHECK_CONFIG_RULES.nativeAwsAuth,
    severity: "warning",
    title: "Tempo CheckConfig: native_aws_auth_enabled is deprecated",
    checks: `${CC}: \`storage.trace.s3.native_aws_auth_enabled\`.`,
    why: "The setting is deprecated and will be removed.",
    fix: "Remove it; the AWS SDK credential chain is used by default.",
  },
  {
    id: CHECK_CONFIG_RULES.legacyCache,
    severity: "warning",
    title: "Tempo CheckConfig: storage.trace.cache is deprecated",
    checks: `${CC}: \`storage.trace.cache\`.`,
    why: "Deprecated in favour of the top-level `cache:` block.",
    fix: "Move the cache to `cache.caches[]`.",
  },
  {
    id: CHECK_CONFIG_RULES.concurrentShards,
    severity: "warning",
    title: "Tempo CheckConfig: concurrent_shards greater than query_shards",
    checks: `${CC}: \`query_frontend.trace_by_id.concurrent_shards\` ≤ \`query_shards\`.`,
    why: "The setting is invalid and Tempo falls back to its default.",
    fix: "Lower concurrent_shards.",
  },
  {
    id: CHECK_CONFIG_RULES.blockBuilderVersion,
    severity: "warning",
    title: "Tempo CheckConfig: block-builder block and WAL versions differ",
    checks: `${CC}: \`block_builder.block.version\` equals \`block_builder.wal.version\`.`,
    why: "The block-builder writes blocks in an unexpected format.",
    fix: "Use the same version for both.",
  },
  {
    id: CHECK_CONFIG_RULES.pruneAge,
    severity: "warning",
    title: "Tempo CheckConfig: backend_scheduler prune_age too short",
    checks: `${CC}: \`backend_scheduler.work.prune_age\` > 2 × \`storage.trace.blocklist_poll\`.`,
    why: "Jobs can be pruned before workers see their blocks.",
    fix: "Raise prune_age.",
  },
  {
    id: CHECK_CONFIG_RULES.s3EndpointScheme,
    severity: "error",
    title: "An S3 endpoint written as a URL (`http://…`)",
    checks:
      "Every S3 `endpoint` Tempo reads, on the tempo.yaml the chart renders from the effective values plus `tempo.structuredConfig`: `storage.trace.s3` (tempo-distributed 1.x–3.x, the `tempo` chart, lgtm-distributed's `tempo.storage.trace.s3`), `tempo.structuredConfig.storage.trace.s3`, `overrides.user_configurable_overrides.client.s3`, and tempo-distributed's `storage.admin.s3` when `enterprise.enabled`. A cluster definition's `tempo.storage.endpoint` is checked on the definition itself, with the same fact.",
    why: 'Tempo hands the endpoint to minio-go, which adds its own scheme: `http://minio:9000` becomes a URL with a path, and every component (distributor, ingester, querier, compactor, …) exits at start with "Endpoint url cannot have fully qualified paths" (grafana/tempo#4216).',
    fix: "Write `host[:port]` (`minio:9000`); for a plain-HTTP endpoint also set `insecure: true` in the same block.",
  },
  {
    id: CHECK_CONFIG_RULES.startupError,
    severity: "error",
    title: "A setting Tempo refuses at module start-up",
    checks:
      "Static start-up errors of Tempo 2.9 on the rendered configuration (`compaction_window: 0`, `query_shards` outside 2–100000, `query_ingesters_until < query_backend_after`, `block.version: vParquet2`, …).",
    why: "The component exits at start (CrashLoopBackOff).",
    fix: "Use a value in the range the message gives.",
  },
];

/** Rules whose findings come from `@lgtm-gitops/tempo-config` (strict parse, override formats, CheckConfig). */
export const TEMPO_CONFIG_RULES: readonly Rule[] = SPECS.map((s) =>
  documentedRule(s, (ctx) => tempoConfigFindings(ctx).filter((d) => d.ruleId === s.id)),
);
