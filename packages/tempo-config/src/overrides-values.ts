import type { TempoSpec } from "./spec-schema.js";

type Values = Record<string, unknown>;

type Limits = TempoSpec["ingestion"];
type ReadLimits = Parameters<typeof readBlock>[0];

/** An `<Overrides>` block (new format) with ingestion, trace-size and read limits. */
function limitsBlock(i: Limits, query: ReadLimits): Values {
  const block: Values = {
    ingestion: {
      rate_strategy: i.rateStrategy,
      rate_limit_bytes: i.rateLimitBytes,
      burst_size_bytes: i.burstSizeBytes,
      max_traces_per_user: i.maxTracesPerUser,
    },
    global: { max_bytes_per_trace: i.maxBytesPerTrace },
  };
  const read = readBlock(query);
  if (read) block.read = read;
  return block;
}

/** The complete `<Overrides>` block of the defaults (new format). */
export function defaultsBlock(spec: TempoSpec): Values {
  const block = limitsBlock(spec.ingestion, spec.query);
  if (spec.metricsGenerator.enabled) block.metrics_generator = { processors: [...spec.metricsGenerator.processors] };
  return block;
}

function readBlock(q: {
  maxSearchDuration?: string | undefined;
  maxMetricsDuration?: string | undefined;
  maxBytesPerTagValuesQuery?: number | undefined;
}): Values | undefined {
  const read: Values = {};
  if (q.maxSearchDuration !== undefined) read.max_search_duration = q.maxSearchDuration;
  if (q.maxMetricsDuration !== undefined) read.max_metrics_duration = q.maxMetricsDuration;
  if (q.maxBytesPerTagValuesQuery !== undefined) read.max_bytes_per_tag_values_query = q.maxBytesPerTagValuesQuery;
  return Object.keys(read).length > 0 ? read : undefined;
}

/** `base` with the fields `over` sets (an `undefined` field keeps the base value). */
function overlay<T extends object>(base: T, over: { [K in keyof T]?: T[K] | undefined } | undefined): T {
  const out = { ...base };
  for (const [k, v] of Object.entries(over ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A complete tenant block: the defaults with the tenant's settings laid over them (Tempo does not merge). */
export function tenantBlock(spec: TempoSpec, tenant: TempoSpec["tenants"][string]): Values {
  const block = limitsBlock(overlay(spec.ingestion, tenant.ingestion), overlay(spec.query, tenant.query));
  if (tenant.retention !== undefined) block.compaction = { block_retention: tenant.retention };
  const processors =
    tenant.metricsGeneratorProcessors ?? (spec.metricsGenerator.enabled ? spec.metricsGenerator.processors : undefined);
  if (processors !== undefined) block.metrics_generator = { processors: [...processors] };
  return block;
}
