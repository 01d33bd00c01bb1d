/**
 * Builds the compact key tree of Tempo's configuration (`src/tempo-config-schema.gen.ts`) from Tempo's defaults
 * manifest as committed in `sources/tempo-<version>.json` (Tempo's generated "all options and defaults" manifest, as
 * data) plus the `omitempty` fields the manifest cannot show (notes/tempo.md §1). Used by `scripts/codegen.ts`.
 */
import { mergeValues } from "@lgtm-gitops/charts";
import type { KeyNode, KeyTree } from "../src/key-tree.js";

const GO_DURATION = /^(?:0|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/;

/** Leaf type of a manifest default value. */
function leaf(value: unknown): KeyNode {
  if (value === null) return "*";
  if (typeof value === "boolean") return "b";
  if (typeof value === "number") return Number.isInteger(value) ? "i" : "f";
  if (typeof value === "string") {
    if (value !== "" && value !== "0" && GO_DURATION.test(value)) return "d";
    if (/^\d+(\.\d+)?[KMGT]?i?B$/.test(value)) return "s"; // flagext.Bytes ("0B")
    return "s";
  }
  if (Array.isArray(value)) return "l";
  return "*";
}

function toTree(value: Record<string, unknown>): KeyTree {
  const out: KeyTree = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const entries = Object.keys(v);
      // `{}` defaults are maps (tags, metadata, external_labels); numeric-keyed maps are too (subprocessors).
      out[k] =
        entries.length === 0 || entries.every((e) => /^\d+$/.test(e)) ? "m" : toTree(v as Record<string, unknown>);
    } else {
      out[k] = leaf(v);
    }
  }
  return out;
}

const dedicatedColumn: KeyTree = { scope: "s", name: "s", type: "s", options: "l" };
const remoteWrite: KeyTree = {
  url: "s",
  name: "s",
  remote_timeout: "d",
  headers: "m",
  write_relabel_configs: "l",
  send_exemplars: "b",
  send_native_histograms: "b",
  round_robin_dns: "b",
  basic_auth: { username: "s", username_file: "s", password: "s", password_file: "s" },
  authorization: { type: "s", credentials: "s", credentials_file: "s" },
  oauth2: "m",
  sigv4: "m",
  azuread: "m",
  google_iam: "m",
  tls_config: "m",
  proxy_url: "s",
  no_proxy: "s",
  proxy_from_environment: "b",
  proxy_connect_header: "m",
  follow_redirects: "b",
  enable_http2: "b",
  queue_config: "m",
  metadata_config: "m",
  protobuf_message: "s",
};
const forwarder: KeyTree = {
  name: "s",
  backend: "s",
  otlpgrpc: { endpoints: "l", tls: "m" },
  filter: "m",
};
const spanLogging: KeyTree = { enabled: "b", include_all_attributes: "b", filter_by_status_error: "b" };

/**
 * The per-tenant `Overrides` block (new format, `modules/overrides/config.go`). Every field is `omitempty`, so
 * the manifest shows only those with a non-zero default. `metrics_generator.processor` is kept free-form.
 */
export const overridesBlock: KeyTree = {
  ingestion: {
    rate_strategy: "s",
    rate_limit_bytes: "i",
    burst_size_bytes: "i",
    max_traces_per_user: "i",
    max_global_traces_per_user: "i",
    tenant_shard_size: "i",
    max_attribute_bytes: "i",
    artificial_delay: "d",
    retry_info_enabled: "b",
  },
  read: {
    max_bytes_per_tag_values_query: "i",
    max_blocks_per_tag_values_query: "i",
    max_search_duration: "md", // model.Duration: modules/overrides/config.go@v2.9.0 (schemas/tempo-config.gen.json)
    max_metrics_duration: "d",
    unsafe_query_hints: "b",
  },
  compaction: { block_retention: "md", compaction_window: "d", compaction_disabled: "b" },
  metrics_generator: {
    ring_size: "i",
    processors: "l",
    max_active_series: "i",
    collection_interval: "d",
    disable_collection: "b",
    generate_native_histograms: "s",
    trace_id_label_name: "s",
    remote_write_headers: "m",
    forwarder: { queue_size: "i", workers: "i" },
    processor: "m",
    ingestion_time_range_slack: "d",
    native_histogram_bucket_factor: "f",
    native_histogram_max_bucket_number: "i",
    native_histogram_min_reset_duration: "d",
  },
  forwarders: "l",
  global: { max_bytes_per_trace: "i" },
  storage: { parquet_dedicated_columns: { "[]": dedicatedColumn } },
  cost_attribution: { max_cardinality: "i", dimensions: "m" },
};

/** `omitempty` fields of Tempo 2.9 that the manifest cannot show (notes/tempo.md §1.1–§1.10). */
export const omitemptyExtras: KeyTree = {
  multitenancy_enabled: "b",
  auth_enabled: "b",
  shutdown_delay: "d",
  stream_over_http_enabled: "b",
  enable_go_runtime_metrics: "b",
  partition_ring_live_store: "b",
  distributor: {
    receivers: "m",
    log_received_spans: spanLogging,
    log_discarded_spans: spanLogging,
    metric_received_spans: { enabled: "b", root_only: "b" },
    forwarders: { "[]": forwarder },
    usage: { cost_attribution: { enabled: "b", max_cardinality: "i", stale_duration: "d" } },
    artificial_delay: "d",
  },
  query_frontend: {
    api_timeout: "d",
    url_deny_list: "l",
    allowed_headers: "l",
    search: { duration_slo: "d", throughput_bytes_slo: "f", metadata_slo: "m" },
    trace_by_id: { concurrent_shards: "i", duration_slo: "d", throughput_bytes_slo: "f" },
    metrics: { duration_slo: "d", throughput_bytes_slo: "f", max_response_series: "i" },
  },
  compactor: { disabled: "b" },
  metrics_generator: {
    registry: { external_labels: "m", inject_tenant_id_as: "s" },
    storage: { remote_write: { "[]": remoteWrite } },
  },
  storage: {
    trace: {
      block: { parquet_dedicated_columns: { "[]": dedicatedColumn } },
      memcached: "m",
      redis: "m",
    },
  },
  cache: { caches: { "[]": { roles: "l", memcached: "m", redis: "m" } } },
  overrides: {
    defaults: overridesBlock,
  },
};

/** Derives the key tree from Tempo's defaults (the manifest, parsed). */
export function deriveTempoKeyTree(defaults: Record<string, unknown>): KeyTree {
  // Helm's merge is the one deep merge: maps merge, leaves of `omitemptyExtras` win.
  return sortTree(mergeValues(toTree(defaults), omitemptyExtras));
}

function sortTree(tree: KeyTree): KeyTree {
  const out: KeyTree = {};
  for (const k of Object.keys(tree).sort()) {
    const v = tree[k] as KeyNode;
    out[k] = typeof v === "object" && !Array.isArray(v) ? sortTree(v as KeyTree) : v;
  }
  return out;
}

/** The generated module text. */
export function renderModule(tree: KeyTree, source: TempoDefaults): string {
  return `// GENERATED by packages/tempo-config/scripts/codegen.ts from packages/tempo-config/sources/tempo-${source.tempoVersion}.json
// (Tempo v${source.tempoVersion}'s defaults manifest, commit ${source.commit}) plus the omitempty fields of notes/tempo.md.
// DO NOT EDIT: regenerate with \`pnpm codegen\`.
// Leaves: "s" string, "i" int, "f" float, "b" bool, "d" Go duration, "md" Prometheus model duration, "l" list, "m" free-form map, "*" any;
// {"[]": node} is a list of node.
import type { KeyTree } from "./key-tree.js";

/** Every key of Tempo 2.9's configuration file, as Tempo's strict YAML decoder accepts it. */
export const TEMPO_2_9_KEY_TREE: KeyTree = ${JSON.stringify(tree, null, 2)};
`;
}

/** \`sources/tempo-<version>.json\`: Tempo's defaults manifest of one version, as data (our format, not the YAML file). */
export interface TempoDefaults {
  readonly tempoVersion: string;
  /** The Tempo commit the manifest was generated at. */
  readonly commit: string;
  /** \`manifest.md\`'s configuration: every option with its default. */
  readonly defaults: Record<string, unknown>;
}
