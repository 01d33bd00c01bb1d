/**
 * The legacy flat overrides format (Tempo < 2.3, still parsed by 2.6–2.10 with a deprecation warning, refused by 3.0)
 * and where each key lives in the new `defaults:` format (`modules/overrides/config_legacy.go`).
 */
export const LEGACY_OVERRIDE_KEYS: Readonly<Record<string, string>> = {
  ingestion_rate_strategy: "ingestion.rate_strategy",
  ingestion_rate_limit_bytes: "ingestion.rate_limit_bytes",
  ingestion_burst_size_bytes: "ingestion.burst_size_bytes",
  ingestion_tenant_shard_size: "ingestion.tenant_shard_size",
  ingestion_max_attribute_bytes: "ingestion.max_attribute_bytes",
  ingestion_artificial_delay: "ingestion.artificial_delay",
  max_traces_per_user: "ingestion.max_traces_per_user",
  max_global_traces_per_user: "ingestion.max_global_traces_per_user",
  max_bytes_per_trace: "global.max_bytes_per_trace",
  max_bytes_per_tag_values_query: "read.max_bytes_per_tag_values_query",
  max_blocks_per_tag_values_query: "read.max_blocks_per_tag_values_query",
  max_search_duration: "read.max_search_duration",
  max_metrics_duration: "read.max_metrics_duration",
  unsafe_query_hints: "read.unsafe_query_hints",
  block_retention: "compaction.block_retention",
  compaction_window: "compaction.compaction_window",
  compaction_disabled: "compaction.compaction_disabled",
  metrics_generator_ring_size: "metrics_generator.ring_size",
  metrics_generator_processors: "metrics_generator.processors",
  metrics_generator_max_active_series: "metrics_generator.max_active_series",
  metrics_generator_collection_interval: "metrics_generator.collection_interval",
  metrics_generator_disable_collection: "metrics_generator.disable_collection",
  metrics_generator_generate_native_histograms: "metrics_generator.generate_native_histograms",
  metrics_generator_trace_id_label_name: "metrics_generator.trace_id_label_name",
  metrics_generator_remote_write_headers: "metrics_generator.remote_write_headers",
  metrics_generator_forwarder_queue_size: "metrics_generator.forwarder.queue_size",
  metrics_generator_forwarder_workers: "metrics_generator.forwarder.workers",
  metrics_generator_ingestion_time_range_slack: "metrics_generator.ingestion_time_range_slack",
  metrics_generator_native_histogram_bucket_factor: "metrics_generator.native_histogram_bucket_factor",
  metrics_generator_native_histogram_max_bucket_number: "metrics_generator.native_histogram_max_bucket_number",
  metrics_generator_native_histogram_min_reset_duration: "metrics_generator.native_histogram_min_reset_duration",
  parquet_dedicated_columns: "storage.parquet_dedicated_columns",
  cost_attribution: "cost_attribution",
};

/** True when `key` belongs to the legacy flat format (including every `metrics_generator_*` key). */
export function isLegacyOverrideKey(key: string): boolean {
  return Object.hasOwn(LEGACY_OVERRIDE_KEYS, key) || key.startsWith("metrics_generator_");
}

/** The new-format path for a legacy key (`metrics_generator_processor_span_metrics_dimensions` → `metrics_generator.processor.span_metrics.dimensions`). */
export function newOverridePath(key: string): string {
  const known = Object.hasOwn(LEGACY_OVERRIDE_KEYS, key) ? LEGACY_OVERRIDE_KEYS[key] : undefined;
  if (known) return known;
  const proc = /^metrics_generator_processor_(service_graphs|span_metrics|local_blocks|host_info)_(.+)$/.exec(key);
  if (proc) return `metrics_generator.processor.${proc[1]}.${proc[2]}`;
  return key.startsWith("metrics_generator_") ? `metrics_generator.${key.slice("metrics_generator_".length)}` : key;
}
