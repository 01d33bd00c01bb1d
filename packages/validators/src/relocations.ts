import type { PathSegments } from "./values.js";

/**
 * A key people write where the chart (tempo-distributed, also under lgtm-distributed `tempo:`)
 * does not read it, and where the setting really lives. Paths are tempo-distributed values paths.
 * `*` in `from` matches one key and is substituted into `to`; `from` matching a whole node moves the node.
 */
export interface Relocation {
  readonly from: readonly string[];
  /** The real values path (dot path; `*` replaced by the matched key). */
  readonly to: string;
  /** Extra advice (e.g. the value format differs). */
  readonly note?: string;
  /** Where to put it when the chart does not read `to` for this key (Tempo settings the chart template does not render). */
  readonly fallback?: string;
}

/** Receivers written the Tempo way (`distributor.config.receivers`) and the chart switches that open them. */
export const RECEIVER_SWITCHES: Readonly<Record<string, string>> = {
  "otlp.grpc": "traces.otlp.grpc.enabled",
  "otlp.http": "traces.otlp.http.enabled",
  "jaeger.grpc": "traces.jaeger.grpc.enabled",
  "jaeger.thrift_http": "traces.jaeger.thriftHttp.enabled",
  "jaeger.thrift_compact": "traces.jaeger.thriftCompact.enabled",
  "jaeger.thrift_binary": "traces.jaeger.thriftBinary.enabled",
  zipkin: "traces.zipkin.enabled",
  opencensus: "traces.opencensus.enabled",
  kafka: "traces.kafka",
};

/** Known relocations, most specific first (tempo-distributed values paths). */
export const RELOCATIONS: readonly Relocation[] = [
  {
    from: ["tempo", "retention_period"],
    to: "compactor.config.compaction.block_retention",
    note: "Trace retention is the compactor's block_retention (chart default 48h).",
  },
  { from: ["tempo", "multitenancy_enabled"], to: "multitenancyEnabled" },
  {
    from: ["tempo", "storage", "backend"],
    to: "storage.trace.backend",
    note: "Tempo's backends are local, s3, gcs and azure (`filesystem` is not one).",
  },
  {
    from: ["tempo", "storage", "filesystem", "path"],
    to: "tempo.structuredConfig.storage.trace.local.path",
    note: "The chart fixes the local path at /var/tempo/traces.",
  },
  { from: ["tempo", "storage", "trace"], to: "storage.trace" },
  {
    from: ["tempo", "ingestion", "max_spans_per_trace"],
    to: "overrides.defaults.global.max_bytes_per_trace",
    note: "Tempo limits trace size in bytes (default 5000000), not spans.",
  },
  { from: ["tempo", "ingestion", "*"], to: "overrides.defaults.ingestion.*" },
  {
    from: ["tempo", "compactor", "*"],
    to: "compactor.config.compaction.*",
    fallback: "tempo.structuredConfig.compactor.compaction.*",
  },
  {
    from: ["tempo", "compaction", "*"],
    to: "compactor.config.compaction.*",
    fallback: "tempo.structuredConfig.compactor.compaction.*",
  },
  {
    from: ["tempo", "query_frontend", "max_query_length"],
    to: "tempo.structuredConfig.query_frontend.search.max_duration",
    note: "max_query_length is a Loki/Mimir name; Tempo's search range limit is query_frontend.search.max_duration (default 168h), which the chart does not render, so it goes in structuredConfig.",
  },
  {
    from: ["tempo", "query_frontend", "*"],
    to: "queryFrontend.config.*",
    fallback: "tempo.structuredConfig.query_frontend.*",
  },
  { from: ["tempo", "querier", "*"], to: "querier.config.*", fallback: "tempo.structuredConfig.querier.*" },
  { from: ["tempo", "overrides"], to: "overrides" },
  { from: ["tempo", "metrics_generator"], to: "metricsGenerator.config" },
  { from: ["tempo", "usage_report", "reporting_enabled"], to: "reportingEnabled" },
  { from: ["query_frontend"], to: "queryFrontend" },
  { from: ["metrics_generator"], to: "metricsGenerator" },
  {
    from: ["global_overrides"],
    to: "overrides",
    note: "Renamed in chart 1.33.0; write the defaults: format (overrides.defaults.ingestion.…).",
  },
  {
    from: ["distributor", "config", "receivers"],
    to: "traces.*",
    note: "The chart renders receivers from traces.<protocol>.enabled (all off by default).",
  },
  {
    from: ["distributor", "receivers"],
    to: "traces.*",
    note: "The chart renders receivers from traces.<protocol>.enabled (all off by default).",
  },
  { from: ["ingester", "replication_factor"], to: "ingester.config.replication_factor" },
  { from: ["compactor", "compaction", "*"], to: "compactor.config.compaction.*" },
  { from: ["compactor", "config", "block_retention"], to: "compactor.config.compaction.block_retention" },
  { from: ["compactor", "retention"], to: "compactor.config.compaction.block_retention" },
  { from: ["server", "http_listen_port"], to: "server.httpListenPort" },
  { from: ["server", "log_level"], to: "server.logLevel" },
];

function matches(from: readonly string[], path: PathSegments): string | undefined | false {
  if (from.length !== path.length) return false;
  let star: string | undefined;
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    const p = path[i];
    if (typeof p !== "string") return false;
    if (f === "*") star = p;
    else if (f !== p) return false;
  }
  return star;
}

/** The relocation of exactly this tempo-distributed values path, or `undefined`. */
export function findRelocation(path: PathSegments): { to: string; note?: string; fallback?: string } | undefined {
  for (const r of RELOCATIONS) {
    const m = matches(r.from, path);
    if (m === false) continue;
    const sub = (s: string) => (m === undefined ? s : s.replace("*", m));
    return { to: sub(r.to), ...(r.note ? { note: r.note } : {}), ...(r.fallback ? { fallback: sub(r.fallback) } : {}) };
  }
  return undefined;
}

/** How receivers written as `distributor.config.receivers` map to chart switches, e.g. `otlp.grpc → traces.otlp.grpc.enabled: true`. */
export function receiverSwitchesFor(receivers: unknown): string[] {
  const out: string[] = [];
  if (typeof receivers !== "object" || receivers === null) return out;
  for (const [name, cfg] of Object.entries(receivers as Record<string, unknown>)) {
    const protocols =
      typeof cfg === "object" && cfg !== null && typeof (cfg as Record<string, unknown>).protocols === "object"
        ? Object.keys((cfg as { protocols: Record<string, unknown> }).protocols ?? {})
        : [];
    if (protocols.length === 0) {
      const s = Object.hasOwn(RECEIVER_SWITCHES, name) ? RECEIVER_SWITCHES[name] : undefined;
      if (s) out.push(s === "traces.kafka" ? s : `${s}: true`);
      continue;
    }
    for (const p of protocols) {
      const key = `${name}.${p}`;
      const s = Object.hasOwn(RECEIVER_SWITCHES, key) ? RECEIVER_SWITCHES[key] : undefined;
      if (s) out.push(`${s}: true`);
    }
  }
  return out;
}
