import { type ChartId, RECEIVERS, type Receiver, resolveKey } from "@lgtm-gitops/charts";
import type { PathSegments } from "@lgtm-gitops/diagnostics";
import { FOREIGN_SETTING_NAMES } from "@lgtm-gitops/tempo-config";

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
  /** The value cannot be moved as it is: the real setting takes another unit (spans → bytes). */
  readonly otherUnit?: true;
}

/** The relocation of a name Tempo does not have, from tempo-config's one table of them (the last segment of `from`). */
function foreign(from: readonly string[]): Relocation {
  const name = from[from.length - 1] ?? "";
  const real = FOREIGN_SETTING_NAMES[name];
  if (real === undefined) throw new Error(`internal: ${name} is not in FOREIGN_SETTING_NAMES`);
  const note = real.note ? `${real.note[0]?.toUpperCase()}${real.note.slice(1)}.` : undefined;
  return { from, to: real.chart, ...(note ? { note } : {}), ...(real.otherUnit ? { otherUnit: true } : {}) };
}

/** Known relocations, most specific first (tempo-distributed values paths). */
export const RELOCATIONS: readonly Relocation[] = [
  foreign(["tempo", "retention_period"]),
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
  foreign(["tempo", "ingestion", "max_spans_per_trace"]),
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
  foreign(["tempo", "query_frontend", "max_query_length"]),
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
  foreign(["global_overrides"]),
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

/** A relocation found for one path: where the setting really is. */
export interface FoundRelocation {
  readonly to: string;
  readonly note?: string;
  readonly fallback?: string;
  readonly otherUnit?: true;
}

/** The relocation of exactly this tempo-distributed values path, or `undefined`. */
export function findRelocation(path: PathSegments): FoundRelocation | undefined {
  for (const r of RELOCATIONS) {
    const m = matches(r.from, path);
    if (m === false) continue;
    const sub = (s: string) => (m === undefined ? s : s.replace("*", m));
    return {
      to: sub(r.to),
      ...(r.note ? { note: r.note } : {}),
      ...(r.fallback ? { fallback: sub(r.fallback) } : {}),
      ...(r.otherUnit ? { otherUnit: true as const } : {}),
    };
  }
  return undefined;
}

/** Whether the Tempo chart `tempo` reads this values path (a known key, or inside a free-form one). */
export function chartReads(tempo: ChartId, to: string): boolean {
  try {
    return resolveKey(tempo, to.split(".")).kind !== "unknown";
  } catch {
    return false;
  }
}

/**
 * Relocation of `rel` itself or of its nearest ancestor at or below `floor` segments, with the rest appended; when the
 * Tempo chart `tempo` does not read the target, the `structuredConfig` fallback is used.
 */
export function relocate(
  tempo: ChartId,
  rel: PathSegments,
  floor: number,
): { to: string; note?: string; otherUnit?: true } | undefined {
  for (let i = rel.length; i >= Math.max(floor, 1); i--) {
    const r = findRelocation(rel.slice(0, i));
    if (!r) continue;
    const rest = rel.slice(i).map(String);
    const to = [r.to, ...rest].join(".");
    const fallback = r.fallback ? [r.fallback, ...rest].join(".") : undefined;
    const chosen = fallback && !chartReads(tempo, to) ? `${fallback}` : to;
    return {
      to: chosen,
      ...(r.note
        ? { note: r.note }
        : fallback && chosen === fallback
          ? { note: "The chart does not render this Tempo setting itself, so it goes in structuredConfig." }
          : {}),
      ...(r.otherUnit ? { otherUnit: true as const } : {}),
    };
  }
  return undefined;
}

/**
 * The receiver of the table at a `distributor.receivers` key written the OTel way: `otlp` + protocol `grpc`, or a
 * receiver without protocols (`zipkin`).
 */
export function receiverAt(name: string, protocol: string | undefined): Receiver | undefined {
  return RECEIVERS.find((r) =>
    r.otelPath.length === 1 ? r.otelPath[0] === name : r.otelPath[0] === name && r.otelPath[2] === protocol,
  );
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
    if (name === "kafka") {
      // Kafka is configured as a whole block (`traces.kafka`), not switched on.
      out.push("traces.kafka");
      continue;
    }
    for (const p of protocols.length === 0 ? [undefined] : protocols) {
      const r = receiverAt(name, p);
      if (r) out.push(`${[...r.chartPath, "enabled"].join(".")}: true`);
    }
  }
  return out;
}
