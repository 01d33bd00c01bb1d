import { childKeys, RECEIVERS, tempoChartOf } from "@lgtm-gitops/charts";
import { closestKey, type Diagnostic, formatPath, getPath } from "@lgtm-gitops/diagnostics";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { isGoDuration, isModelDuration, suggestDuration } from "./duration.js";
import { isTree, type KeyNode, type KeyTree, listItem } from "./key-tree.js";
import { isLegacyOverrideKey, newOverridePath } from "./legacy-overrides.js";
import { RECEIVER_KEY_TREE } from "./receiver-keys.js";
import { findLiteralSecrets } from "./secrets.js";
import { settingHint, storageKeyHint } from "./setting-names.js";
import { TEMPO_2_9_KEY_TREE } from "./tempo-config-schema.gen.js";

/** Where a verbatim fragment of Tempo configuration sits in the chart values. */
export type VerbatimWhere =
  | "structuredConfig"
  | "overrides"
  | "per_tenant_overrides"
  | "metricsGenerator.config"
  | "receivers";

/** Options of {@link checkVerbatimTempoConfig}. */
export interface VerbatimOptions {
  /**
   * For `metricsGenerator.config`: the keys the chart's template copies into tempo.yaml (the chart version's catalog:
   * `childKeys(chart, ["metricsGenerator", "config"])`). Only these are checked against Tempo's configuration; a key
   * Tempo knows outside them is reported as dropped by the chart (`tempo/metrics-generator-config-ignored`), any other
   * key is left to the chart's key catalog (`chart/unknown-key`).
   * @default the keys of the chart generate writes (tempo-distributed 1.x)
   */
  readonly renderedKeys?: readonly string[];
}

/** Rule ids this module emits. */
export const VERBATIM_RULES = {
  unknownKey: "tempo/unknown-config-key",
  invalidValue: "tempo/invalid-config-value",
  legacyOverrides: "tempo/legacy-overrides",
  mixedFormats: "tempo/mixed-override-formats",
  tenantIncomplete: "tempo/tenant-override-incomplete",
  chartDropsKey: "tempo/metrics-generator-config-ignored",
  receiverLoopback: "tempo/receiver-loopback",
} as const;

/**
 * Receivers without an endpoint, or on a loopback address, cannot be reached from other pods (Tempo ≥ 2.7 binds the
 * protocol's default port on localhost when `endpoint` is unset).
 */
function checkReceiverEndpoints(receivers: unknown, base: (string | number)[], out: Diagnostic[]): void {
  if (!receivers || typeof receivers !== "object") return;
  for (const { otelPath, port } of RECEIVERS) {
    const v = getPath(receivers, otelPath);
    if (v === undefined) continue;
    const where = otelPath.join(".");
    const path = [...base, ...otelPath];
    const endpoint = v && typeof v === "object" ? (v as Record<string, unknown>).endpoint : undefined;
    if (endpoint === undefined || endpoint === null || endpoint === "") {
      out.push({
        ruleId: VERBATIM_RULES.receiverLoopback,
        severity: "error",
        path,
        message: `${where} has no endpoint: since Tempo 2.7 (OTel collector 0.116) a receiver binds localhost:${port} by default, which no other pod can reach`,
        fix: `set endpoint: 0.0.0.0:${port}`,
      });
    } else if (typeof endpoint === "string" && /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:|$)/.test(endpoint)) {
      out.push({
        ruleId: VERBATIM_RULES.receiverLoopback,
        severity: "error",
        path: [...path, "endpoint"],
        message: `${where} listens on ${endpoint}, a loopback address: collectors in other pods cannot send to it`,
        fix: `set endpoint: 0.0.0.0:${endpoint.split(":").pop() ?? port}`,
      });
    }
  }
}

/** Go type names Tempo prints in "field X not found in type Y" for the top-level sections. */
const GO_TYPES: Record<string, string> = {
  "": "app.Config",
  server: "server.Config",
  distributor: "distributor.Config",
  ingester_client: "client.Config",
  metrics_generator_client: "client.Config",
  querier: "querier.Config",
  query_frontend: "frontend.Config",
  compactor: "compactor.Config",
  ingester: "ingester.Config",
  metrics_generator: "generator.Config",
  storage: "storage.Config",
  "storage.trace": "tempodb.Config",
  "storage.trace.s3": "s3.Config",
  "storage.trace.gcs": "gcs.Config",
  "storage.trace.azure": "azure.Config",
  overrides: "overrides.Config",
  "overrides.defaults": "overrides.Overrides",
  memberlist: "memberlist.KVConfig",
  usage_report: "usagestats.Config",
  cache: "cache.Config",
};

/**
 * The `metricsGenerator.config` keys the chart's `config:` template copies into tempo.yaml, by default those of the
 * chart generate writes (read from its key catalog: `processor`, `storage`, `traces_storage`, `registry`,
 * `metrics_ingestion_time_range_slack` in tempo-distributed 1.x).
 */
function defaultRenderedGeneratorKeys(): readonly string[] {
  return childKeys(tempoChartOf(SPEC_TARGET) ?? SPEC_TARGET, ["metricsGenerator", "config"]);
}

const OVERRIDES_TREE = (TEMPO_2_9_KEY_TREE.overrides as KeyTree) ?? {};
const OVERRIDES_BLOCK = (OVERRIDES_TREE.defaults as KeyTree) ?? {};

function typeName(tempoPath: string): string {
  return (
    (Object.hasOwn(GO_TYPES, tempoPath) ? GO_TYPES[tempoPath] : undefined) ?? `${tempoPath || "config"} (Tempo 2.9)`
  );
}

function leafMismatch(node: KeyNode, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined; // an empty YAML value keeps Tempo's default
  switch (node) {
    case "i":
      return typeof value === "number" && Number.isInteger(value) ? undefined : "an integer";
    case "f":
      return typeof value === "number" ? undefined : "a number";
    case "b":
      return typeof value === "boolean" ? undefined : "true or false";
    case "d":
      if (typeof value === "string" && isGoDuration(value)) return undefined;
      return typeof value === "number" && Number.isInteger(value) ? undefined : "a Go duration such as 30s, 5m or 24h";
    case "md":
      if (typeof value === "string" && isModelDuration(value)) return undefined;
      return "a duration such as 24h, 14d or 1w (Prometheus model.Duration)";
    case "s":
      return typeof value === "object" ? "a string" : undefined;
    case "l":
      return Array.isArray(value) ? undefined : "a list";
    case "m":
      return typeof value === "object" && !Array.isArray(value) ? undefined : "a map";
    default:
      return undefined;
  }
}

interface Walk {
  out: Diagnostic[];
  /** Value path (for diagnostics). */
  valuePath: (string | number)[];
  /** Tempo config path (for type names), dot-joined. */
  tempoPath: string;
}

function walk(node: KeyNode, value: unknown, w: Walk): void {
  const item = listItem(node);
  if (item !== undefined) {
    if (value === null || value === undefined) return;
    if (!Array.isArray(value)) {
      w.out.push(invalid(w.valuePath, "a list"));
      return;
    }
    value.forEach((v, i) => {
      walk(item, v, { ...w, valuePath: [...w.valuePath, i] });
    });
    return;
  }
  if (!isTree(node)) {
    const expected = leafMismatch(node, value);
    if (expected) {
      const d = invalid(w.valuePath, expected, value);
      // time.Duration has no `d` unit: `14d` → `336h` (Go's time.ParseDuration; yaml.v2 decodes time.Duration with it)
      const suggestion = node === "d" && typeof value === "string" ? suggestDuration(value) : undefined;
      w.out.push(suggestion ? { ...d, fix: `write ${suggestion}` } : d);
    }
    if (node === "d" && typeof value === "number" && value !== 0) {
      w.out.push({
        ruleId: VERBATIM_RULES.invalidValue,
        severity: "warning",
        path: w.valuePath,
        message: `${formatPath(w.valuePath)} is the bare number ${value}: Tempo reads it as ${value} nanoseconds`,
        fix: "write the duration with a unit, e.g. 30s, 5m or 24h",
      });
    }
    return;
  }
  if (value === null || value === undefined) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    w.out.push(invalid(w.valuePath, "a map of settings", value));
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childNode = Object.hasOwn(node, key) ? node[key] : undefined;
    const childPath = [...w.valuePath, key];
    const childTempo = w.tempoPath ? `${w.tempoPath}.${key}` : key;
    if (childNode === undefined) {
      w.out.push(unknownKey(key, childPath, w.tempoPath, Object.keys(node), node));
      continue;
    }
    if (childTempo === "overrides") {
      w.out.push(...checkOverrides(child, childPath));
      continue;
    }
    if (childTempo === "distributor.receivers") {
      walk(RECEIVER_KEY_TREE, child, { out: w.out, valuePath: childPath, tempoPath: "receivers" });
      checkReceiverEndpoints(child, childPath, w.out);
      continue;
    }
    walk(childNode, child, { out: w.out, valuePath: childPath, tempoPath: childTempo });
  }
}

/** `compaction.compaction_window` when `key` exists one or two levels below `node` (a key set one level too high). */
function nestedHint(key: string, node: KeyTree | undefined): string | undefined {
  if (!node) return undefined;
  for (const [k, child] of Object.entries(node)) {
    if (!isTree(child)) continue;
    if (Object.hasOwn(child, key)) return `${k}.${key}`;
    for (const [k2, grandchild] of Object.entries(child)) {
      if (isTree(grandchild) && Object.hasOwn(grandchild, key)) return `${k}.${k2}.${key}`;
    }
  }
  return undefined;
}

function unknownKey(
  key: string,
  path: (string | number)[],
  parentTempo: string,
  siblings: string[],
  parent?: KeyTree,
): Diagnostic {
  const p = formatPath(path);
  // A Loki/Mimir or chart name of a setting, then a key set a level too high, then a typo.
  const hint =
    settingHint(key, "tempo", tempoChartSettings(SPEC_TARGET)) ?? nestedHint(key, parent) ?? closestKey(key, siblings);
  let message = `Tempo 2.9 refuses to start: "field ${key} not found in type ${typeName(parentTempo)}" (${p} is not a Tempo setting; Tempo parses its configuration strictly)`;
  if (parentTempo === "receivers") {
    message = `the distributor fails to start: "${key}" is not a receiver Tempo 2.9 knows (otlp, jaeger, zipkin, opencensus, kafka)`;
  } else if (parentTempo.startsWith("receivers.")) {
    const [receiver, ...inner] = parentTempo.split(".").slice(1);
    const where = inner.length > 0 ? `'${inner.join(".")}' has` : "has";
    message = `the distributor fails to start: "error reading receivers configuration for ${receiver}: ${where} invalid keys: ${key}"`;
  }
  // Object storage: Loki/Mimir spellings of the block's own keys (`bucketnames` → `bucket`), from Tempo's key tree.
  const storageKey = /(^|\.)(s3|gcs|azure)$/.test(parentTempo) ? storageKeyHint(key, siblings) : undefined;
  if (storageKey !== undefined) {
    return {
      ruleId: VERBATIM_RULES.unknownKey,
      severity: "error",
      path,
      message: `${message}: Tempo's ${parentTempo.split(".").pop()} block calls this setting ${storageKey} (${key} is how Loki, Mimir or their charts spell it)`,
      fix: `rename ${key} to ${storageKey}`,
    };
  }
  const diag: Diagnostic = { ruleId: VERBATIM_RULES.unknownKey, severity: "error", path, message };
  return hint ? { ...diag, fix: `did you mean ${hint}?` } : { ...diag, fix: `remove ${p}` };
}

function invalid(path: (string | number)[], expected: string, value?: unknown): Diagnostic {
  const p = formatPath(path);
  return {
    ruleId: VERBATIM_RULES.invalidValue,
    severity: "error",
    path,
    message: `${p} must be ${expected}${value === undefined ? "" : `, not ${JSON.stringify(value)}`}; Tempo fails to parse its configuration`,
    fix: `write ${expected}`,
  };
}

/** Checks a new-format `<Overrides>` block (`overrides.defaults` or one tenant). */
function checkOverridesBlock(block: unknown, path: (string | number)[], out: Diagnostic[], tempoPath: string): void {
  if (block === null || block === undefined) return;
  if (typeof block !== "object" || Array.isArray(block)) {
    out.push(invalid(path, "a map of overrides", block));
    return;
  }
  for (const key of Object.keys(block)) {
    if (isLegacyOverrideKey(key) && !Object.hasOwn(OVERRIDES_BLOCK, key)) {
      out.push({
        ruleId: VERBATIM_RULES.mixedFormats,
        severity: "error",
        path: [...path, key],
        message: `legacy flat key ${key} inside a new-format overrides block: Tempo refuses to start (mixing the two formats fails to parse, and Tempo then reports the legacy parser's error)`,
        fix: `write ${formatPath(path)}.${newOverridePath(key)}`,
      });
    }
  }
  const rest = Object.fromEntries(
    Object.entries(block).filter(([k]) => !(isLegacyOverrideKey(k) && !Object.hasOwn(OVERRIDES_BLOCK, k))),
  );
  walk(OVERRIDES_BLOCK, rest, { out, valuePath: path, tempoPath });
}

function legacyKeysOf(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter(isLegacyOverrideKey);
}

/** Checks the `overrides:` section (new or legacy format). */
function checkOverrides(value: unknown, path: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (value === null || value === undefined) return out;
  if (typeof value !== "object" || Array.isArray(value)) return [invalid(path, "a map", value)];
  const v = value as Record<string, unknown>;
  const legacy = legacyKeysOf(v);
  if (legacy.length > 0 && Object.hasOwn(v, "defaults")) {
    out.push({
      ruleId: VERBATIM_RULES.mixedFormats,
      severity: "error",
      path: path,
      message: `overrides mixes the new format (defaults) with legacy flat keys (${legacy.join(", ")}): Tempo refuses to start with "field defaults not found in type overrides.legacyConfig"`,
      fix: `move ${legacy.map((k) => `${k} → defaults.${newOverridePath(k)}`).join(", ")}`,
    });
  } else if (legacy.length > 0) {
    out.push({
      ruleId: VERBATIM_RULES.legacyOverrides,
      severity: "warning",
      path: path,
      message:
        'legacy flat overrides: Tempo 2.9 warns "Inline, unscoped overrides are deprecated. Please use the new overrides config format." and Tempo 3.0 refuses to start',
      fix: `rewrite as overrides.defaults: ${legacy.map((k) => `${k} → defaults.${newOverridePath(k)}`).join(", ")}`,
    });
  }
  for (const [key, child] of Object.entries(v)) {
    const p = [...path, key];
    if (legacy.includes(key)) continue;
    if (key === "defaults") {
      checkOverridesBlock(child, p, out, "overrides.defaults");
      continue;
    }
    const node = Object.hasOwn(OVERRIDES_TREE, key) ? OVERRIDES_TREE[key] : undefined;
    if (node === undefined) out.push(unknownKey(key, p, "overrides", Object.keys(OVERRIDES_TREE)));
    else walk(node, child, { out, valuePath: p, tempoPath: `overrides.${key}` });
  }
  return out;
}

const INGESTION_REQUIRED: [string, "error" | "warning", string][] = [
  ["rate_limit_bytes", "error", "every span is refused with RATE_LIMITED (ingestion rate limit 0 bytes)"],
  ["burst_size_bytes", "error", "every batch is refused with RATE_LIMITED (burst 0 bytes)"],
  ["max_traces_per_user", "warning", "the live-trace limit becomes 0 (unlimited)"],
];

/** Checks the chart's `per_tenant_overrides` (the runtime file's `overrides:` map of tenant → block). */
function checkPerTenant(value: unknown, path: (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (value === null || value === undefined) return out;
  if (typeof value !== "object" || Array.isArray(value))
    return [invalid(path, "a map of tenant id → overrides", value)];
  for (const [tenant, block] of Object.entries(value as Record<string, unknown>)) {
    const p = [...path, tenant];
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
      out.push(invalid(p, "a map of overrides", block));
      continue;
    }
    const b = block as Record<string, unknown>;
    const legacy = legacyKeysOf(b).filter((k) => !Object.hasOwn(OVERRIDES_BLOCK, k));
    const modern = Object.keys(b).filter((k) => Object.hasOwn(OVERRIDES_BLOCK, k) && k !== "forwarders");
    if (legacy.length > 0 && modern.length > 0) {
      out.push({
        ruleId: VERBATIM_RULES.mixedFormats,
        severity: "error",
        path: p,
        message: `tenant ${tenant} mixes new-format sections (${modern.join(", ")}) with legacy flat keys (${legacy.join(", ")}): the runtime overrides file fails to load and the overrides module does not start`,
        fix: `move ${legacy.map((k) => `${k} → ${newOverridePath(k)}`).join(", ")}`,
      });
      continue;
    }
    if (legacy.length > 0) {
      out.push({
        ruleId: VERBATIM_RULES.legacyOverrides,
        severity: "warning",
        path: p,
        message: `tenant ${tenant} uses the legacy flat overrides format (deprecated; refused by Tempo 3.0)`,
        fix: `rewrite as ${legacy.map((k) => `${k} → ${newOverridePath(k)}`).join(", ")}`,
      });
      const has = (k: string) => k in b;
      if (!has("ingestion_rate_limit_bytes") || !has("ingestion_burst_size_bytes")) {
        out.push({
          ruleId: VERBATIM_RULES.tenantIncomplete,
          severity: "error",
          path: p,
          message: `tenant ${tenant} has no ingestion_rate_limit_bytes/ingestion_burst_size_bytes: a tenant block replaces the defaults (no merge), so every span is refused with RATE_LIMITED`,
          fix: "copy the ingestion limits of the defaults into this block",
        });
      }
      continue;
    }
    checkOverridesBlock(b, p, out, "overrides.defaults");
    const ingestion = (b.ingestion ?? {}) as Record<string, unknown>;
    for (const [key, severity, effect] of INGESTION_REQUIRED) {
      if (ingestion === null || typeof ingestion !== "object" || ingestion[key] === undefined) {
        out.push({
          ruleId: VERBATIM_RULES.tenantIncomplete,
          severity,
          path: [...p, "ingestion", key],
          message: `tenant ${tenant} sets no ingestion.${key}: a tenant block replaces the defaults instead of merging with them, so ${effect}`,
          fix: `copy ingestion.${key} from overrides.defaults into this tenant block (a complete block per tenant)`,
        });
      }
    }
    const global = b.global as Record<string, unknown> | undefined;
    if (!global || typeof global !== "object" || global.max_bytes_per_trace === undefined) {
      out.push({
        ruleId: VERBATIM_RULES.tenantIncomplete,
        severity: "warning",
        path: [...p, "global", "max_bytes_per_trace"],
        message: `tenant ${tenant} sets no global.max_bytes_per_trace: without the defaults it is 0 (unlimited), so one huge trace can exhaust ingester memory`,
        fix: "copy global.max_bytes_per_trace (Tempo default 5000000) into this tenant block",
      });
    }
  }
  return out;
}

/**
 * Checks a fragment of configuration that reaches Tempo verbatim, the way Tempo itself would:
 * unknown keys (Tempo parses strictly and exits: `tempo/unknown-config-key`, with a did-you-mean fix), values of the
 * wrong type, legacy flat overrides (`tempo/legacy-overrides`), mixed override formats
 * (`tempo/mixed-override-formats`), tenant blocks without ingestion limits (`tempo/tenant-override-incomplete`),
 * and literal credentials (`tempo/literal-secret`).
 *
 * @param value the fragment (a parsed YAML/JSON value)
 * @param where what it is: the chart's `tempo.structuredConfig` (the whole Tempo config), `overrides`,
 *   `per_tenant_overrides` (tenant id → block), `metricsGenerator.config` (Tempo `metrics_generator`), or
 *   `receivers` (`distributor.receivers`, OTel receiver configs)
 * @param basePath where the fragment sits in its document, prefixed to every diagnostic path
 * @param options for `metricsGenerator.config`, the keys the chart version renders (only those are parsed as Tempo's)
 */
export function checkVerbatimTempoConfig(
  value: unknown,
  where: VerbatimWhere,
  basePath: readonly (string | number)[],
  options: VerbatimOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = [...basePath];
  switch (where) {
    case "structuredConfig":
      walk(TEMPO_2_9_KEY_TREE, value, { out, valuePath: base, tempoPath: "" });
      break;
    case "overrides":
      out.push(...checkOverrides(value, base));
      break;
    case "per_tenant_overrides":
      out.push(...checkPerTenant(value, base));
      break;
    case "metricsGenerator.config": {
      // Only what the chart renders reaches Tempo's strict parser; the rest is dropped by the chart, so it cannot stop
      // Tempo. A dropped key Tempo knows gets the structuredConfig fix here; any other dropped key is the chart's
      // unknown key (chart/unknown-key), not reported here.
      const rendered = new Set(options.renderedKeys ?? defaultRenderedGeneratorKeys());
      const tree = TEMPO_2_9_KEY_TREE.metrics_generator as KeyTree;
      const isMap = value !== null && typeof value === "object" && !Array.isArray(value);
      const kept = isMap ? Object.fromEntries(Object.entries(value).filter(([k]) => rendered.has(k))) : value;
      walk(tree, kept, { out, valuePath: base, tempoPath: "metrics_generator" });
      if (isMap) {
        for (const key of Object.keys(value)) {
          if (!rendered.has(key) && Object.hasOwn(tree, key)) {
            out.push({
              ruleId: VERBATIM_RULES.chartDropsKey,
              severity: "warning",
              path: [...base, key],
              message: `the chart copies only ${[...rendered].join(", ")} from metricsGenerator.config into tempo.yaml; ${key} is silently dropped (Tempo never sees it)`,
              fix: `set it as tempo.structuredConfig.metrics_generator.${key}`,
            });
          }
        }
      }
      break;
    }
    case "receivers":
      walk(RECEIVER_KEY_TREE, value, { out, valuePath: base, tempoPath: "receivers" });
      checkReceiverEndpoints(value, base, out);
      break;
  }
  out.push(...findLiteralSecrets(value, base));
  return out;
}
