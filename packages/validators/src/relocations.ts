import { RECEIVERS, type Receiver } from "@lgtm-gitops/charts";
import { type Edit, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
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
  /** Why moving the value as it is would be wrong (another unit, a path the chart fixes): `lint --fix` leaves it to a person. */
  readonly manual?: string;
  /** Values that are spelled differently at `to` (Loki's `filesystem` is Tempo's `local`): `lint --fix` rewrites them. */
  readonly values?: Readonly<Record<string, string>>;
}

/** The relocation of a name Tempo does not have, from tempo-config's one table of them (the last segment of `from`). */
function foreign(from: readonly string[]): Relocation {
  const name = from[from.length - 1] ?? "";
  const real = FOREIGN_SETTING_NAMES[name];
  if (real === undefined) throw new Error(`internal: ${name} is not in FOREIGN_SETTING_NAMES`);
  const note = real.note ? `${real.note[0]?.toUpperCase()}${real.note.slice(1)}.` : undefined;
  return {
    from,
    to: real.chart,
    ...(note ? { note } : {}),
    ...(real.valueDiffers ? { manual: real.valueDiffers } : {}),
  };
}

/** Known relocations, most specific first (tempo-distributed values paths). */
export const RELOCATIONS: readonly Relocation[] = [
  foreign(["tempo", "retention_period"]),
  { from: ["tempo", "multitenancy_enabled"], to: "multitenancyEnabled" },
  {
    from: ["tempo", "storage", "backend"],
    to: "storage.trace.backend",
    note: "Tempo's backends are local, s3, gcs and azure (`filesystem` is not one).",
    values: { filesystem: "local" },
  },
  {
    from: ["tempo", "storage", "filesystem", "path"],
    to: "tempo.structuredConfig.storage.trace.local.path",
    note: "The chart fixes the local path at /var/tempo/traces.",
    manual:
      "setting it in structuredConfig changes where every pod writes its blocks (next to the WAL under /var/tempo); decide whether you need it at all",
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

/** A relocation matched against one path: `*` replaced by the matched key. */
export interface FoundRelocation {
  /** Dot path (for messages). */
  readonly to: string;
  /** The same as segments (a matched key with a dot stays one segment). */
  readonly toPath: readonly string[];
  readonly note?: string;
  readonly fallback?: string;
  readonly fallbackPath?: readonly string[];
  readonly manual?: string;
  readonly values?: Readonly<Record<string, string>>;
}

/** The relocation of exactly this tempo-distributed values path, or `undefined`. */
export function findRelocation(path: PathSegments): FoundRelocation | undefined {
  for (const r of RELOCATIONS) {
    const m = matches(r.from, path);
    if (m === false) continue;
    const sub = (s: string) => (m === undefined ? s : s.replace("*", m));
    const segs = (s: string) => s.split(".").map((x) => (x === "*" && m !== undefined ? m : x));
    return {
      to: sub(r.to),
      toPath: segs(r.to),
      ...(r.note ? { note: r.note } : {}),
      ...(r.fallback ? { fallback: sub(r.fallback), fallbackPath: segs(r.fallback) } : {}),
      ...(r.manual ? { manual: r.manual } : {}),
      ...(r.values ? { values: r.values } : {}),
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

/** The port a receiver endpoint names when it listens on every interface (`0.0.0.0:4317`, `:4317`), else `undefined`. */
function anyInterfacePort(endpoint: unknown): number | undefined {
  if (typeof endpoint !== "string") return undefined;
  const m = /^(?:0\.0\.0\.0)?:(\d+)$/.exec(endpoint.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * The edits that replace receivers written the OTel way (`distributor.config.receivers` at `at`) with the chart's
 * switches (`traces.<receiver>.enabled: true` under `tempoPrefix`), when that loses nothing: every receiver is in the
 * receiver table and sets at most its default endpoint. Otherwise the reason a person must do it.
 */
export function receiverSwitchEdits(receivers: unknown, at: PathSegments, tempoPrefix: PathSegments): Edit[] | string {
  if (!isRecord(receivers) || Object.keys(receivers).length === 0) return "there is no receiver to switch on";
  const sets: Edit[] = [];
  for (const [name, cfg] of Object.entries(receivers)) {
    const block = cfg ?? {};
    if (!isRecord(block)) return `receiver \`${name}\` is not a map`;
    const protocols = block.protocols ?? undefined;
    const extra = Object.keys(block).filter((k) => k !== "protocols" && (protocols !== undefined || k !== "endpoint"));
    if (extra.length > 0)
      return `receiver \`${name}\` sets ${extra.map((k) => `\`${k}\``).join(", ")}, which a switch does not carry (use the chart's receiverConfig)`;
    const entries: [string | undefined, unknown][] =
      protocols === undefined ? [[undefined, block]] : isRecord(protocols) ? Object.entries(protocols) : [];
    if (entries.length === 0) return `receiver \`${name}\` has no protocols`;
    for (const [protocol, pcfg] of entries) {
      const r = receiverAt(name, protocol);
      const label = protocol ? `${name}.${protocol}` : name;
      if (!r) return `\`${label}\` has no switch in the chart`;
      const p = pcfg ?? {};
      if (!isRecord(p)) return `\`${label}\` is not a map`;
      const keys = Object.keys(p).filter((k) => k !== "endpoint");
      if (keys.length > 0)
        return `\`${label}\` sets ${keys.map((k) => `\`${k}\``).join(", ")}, which a switch does not carry`;
      if (p.endpoint !== undefined && anyInterfacePort(p.endpoint) !== r.port)
        return `\`${label}\` listens on \`${String(p.endpoint)}\`, not the chart's 0.0.0.0:${r.port}`;
      sets.push({ op: "set", path: [...tempoPrefix, ...r.chartPath, "enabled"], value: true });
    }
  }
  return [{ op: "delete", path: at }, ...sets];
}
