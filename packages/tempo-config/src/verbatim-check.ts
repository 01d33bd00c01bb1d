import { childKeys, RECEIVERS, tempoChartOf, tempoVersionOf } from "@lgtm-gitops/charts";
import { closestKey, type Diagnostic, type Edit, formatPath, getPath } from "@lgtm-gitops/diagnostics";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { isLegacyOverrideKey, newOverridePath } from "./legacy-overrides.js";
import { findLiteralSecrets } from "./secrets.js";
import { settingHint, storageKeyHint } from "./setting-names.js";
import { leafProblem } from "./tempo-leaf.js";
import {
  childOf,
  isMap,
  listItemOf,
  type SchemaNode,
  structKeys,
  TEMPO_SCHEMA_VERSIONS,
  type TempoSchema,
  tempoSchemaFor,
  versionsHaving,
} from "./tempo-schema.js";

/** Where a verbatim fragment of Tempo configuration sits in the chart values. */
export type VerbatimWhere =
  | "structuredConfig"
  | "overrides"
  | "per_tenant_overrides"
  | "metricsGenerator.config"
  | "receivers";

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

/** The Tempo version a fragment is checked against when none is given: the one the spec's chart runs. */
export const DEFAULT_TEMPO_VERSION: string = tempoVersionOf(SPEC_TARGET) ?? (TEMPO_SCHEMA_VERSIONS.at(-1) as string);

/** Options of {@link checkVerbatimTempoConfig}. */
export interface VerbatimOptions {
  /**
   * The Tempo version (release or image tag) whose configuration structs the fragment is checked against; default
   * {@link DEFAULT_TEMPO_VERSION}. A version the schema table does not hold uses the nearest lower release.
   */
  readonly tempoVersion?: string;
  /**
   * For `metricsGenerator.config`: the keys the chart's template copies into tempo.yaml (the chart version's catalog:
   * `childKeys(chart, ["metricsGenerator", "config"])`). Only these are checked against Tempo's configuration; a key
   * Tempo knows outside them is reported as dropped by the chart (`tempo/metrics-generator-config-ignored`), any other
   * key is left to the chart's key catalog (`chart/unknown-key`).
   * @default the keys of the chart generate writes (tempo-distributed 1.x)
   */
  readonly renderedKeys?: readonly string[];
}

interface Walk {
  readonly schema: TempoSchema;
  readonly out: Diagnostic[];
  /** Value path (for diagnostics). */
  readonly valuePath: (string | number)[];
  /** Tempo config path (for type names and version lookups), dot-joined; `receivers…` inside receiver configs. */
  readonly tempoPath: string;
}

function typeName(tempoPath: string, schema: TempoSchema): string {
  if (tempoPath === "overrides" && schema.legacyOverrides === "only") return "overrides.Limits";
  return (
    (Object.hasOwn(GO_TYPES, tempoPath) ? GO_TYPES[tempoPath] : undefined) ??
    `${tempoPath || "config"} (${schema.label})`
  );
}

function walk(node: SchemaNode, value: unknown, w: Walk): void {
  if (value === null || value === undefined) return; // an empty YAML value keeps Tempo's default
  if (typeof node === "string") {
    checkLeaf(node, value, w);
    return;
  }
  const item = listItemOf(node);
  if (item !== undefined) {
    if (!Array.isArray(value)) {
      w.out.push(invalid(w, "a list", value));
      return;
    }
    value.forEach((v, i) => {
      walk(item, v, { ...w, valuePath: [...w.valuePath, i], tempoPath: `${w.tempoPath}.[]` });
    });
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    w.out.push(invalid(w, "a map of settings", value));
    return;
  }
  const map = isMap(node);
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const childNode = childOf(node, key);
    const cw: Walk = { ...w, valuePath: [...w.valuePath, key], tempoPath: map ? w.tempoPath : join(w.tempoPath, key) };
    if (childNode === undefined) {
      w.out.push(unknownKey(key, cw.valuePath, w.tempoPath, w.schema, node));
      continue;
    }
    if (cw.tempoPath === "overrides") {
      checkOverrides(v, cw.valuePath, w.schema, w.out);
      continue;
    }
    if (cw.tempoPath === "distributor.receivers") {
      checkReceivers(v, cw.valuePath, w.schema, w.out);
      continue;
    }
    walk(childNode, v, cw);
  }
}

const join = (a: string, b: string): string => (a ? `${a}.${b}` : b);

function checkLeaf(leaf: string, value: unknown, w: Walk): void {
  const problem = leafProblem(leaf, value);
  if (!problem) return;
  const p = formatPath(w.valuePath);
  if (problem.severity === "warning") {
    w.out.push({
      ruleId: VERBATIM_RULES.invalidValue,
      severity: "warning",
      path: w.valuePath,
      message: `${p} is ${problem.message} (${problem.type} in ${w.schema.label})`,
      ...(problem.fix !== undefined ? { fix: problem.fix } : {}),
    });
    return;
  }
  w.out.push({
    ruleId: VERBATIM_RULES.invalidValue,
    severity: "error",
    path: w.valuePath,
    message: `${p} must be ${problem.expected}, not ${JSON.stringify(value)} (${problem.type} in ${w.schema.label}): ${stopsWhat(w.tempoPath)}`,
    fix: problem.fix ?? `write ${problem.expected}`,
  });
}

function stopsWhat(tempoPath: string): string {
  return tempoPath.startsWith("receivers")
    ? "the distributor fails to start"
    : "Tempo fails to parse its configuration and does not start";
}

/** `compaction.compaction_window` when `key` exists one or two levels below `node` (a key set one level too high). */
function nestedHint(key: string, node: SchemaNode | undefined): string | undefined {
  for (const k of structKeys(node)) {
    const c = childOf(node, k);
    if (structKeys(c).includes(key)) return `${k}.${key}`;
    for (const k2 of structKeys(c)) if (structKeys(childOf(c, k2)).includes(key)) return `${k}.${k2}.${key}`;
  }
  return undefined;
}

/** A sibling whose name the unknown key extends (`tls_settings` → `tls`), after the usual did-you-mean. */
function nearestKey(key: string, siblings: string[]): string | undefined {
  return closestKey(key, siblings) ?? siblings.find((s) => s.length >= 3 && key.startsWith(`${s}_`));
}

/** `2.3.1–2.10.8`, `2.10.1 and later`, or a list of such runs, for the versions of `list` out of `all`. */
export function describeVersions(list: readonly string[], all: readonly string[]): string {
  const idx = list.map((v) => all.indexOf(v)).sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === (idx[j] as number) + 1) j++;
    const a = all[idx[i] as number] as string;
    const b = all[idx[j] as number] as string;
    runs.push(idx[j] === all.length - 1 && i !== j ? `${a} and later` : a === b ? a : `${a}–${b}`);
    i = j + 1;
  }
  return runs.join(", ");
}

function unknownKey(
  key: string,
  path: (string | number)[],
  parentTempo: string,
  schema: TempoSchema,
  parent: SchemaNode,
): Diagnostic {
  const p = formatPath(path);
  const siblings = structKeys(parent);
  const receivers = parentTempo === "receivers" || parentTempo.startsWith("receivers.");
  const other = versionsHaving(receivers ? "receivers" : "config", [
    ...parentTempo.split(".").filter((seg) => seg !== ""),
    key,
  ]);
  const inOther = other.versions.length > 0;
  // A key of another release, then a Loki/Mimir or chart name of a setting, then a key set a level too high, then a typo.
  const hint = inOther
    ? undefined
    : ((receivers ? undefined : settingHint(key, "tempo", tempoChartSettings(SPEC_TARGET))) ??
      nestedHint(key, parent) ??
      nearestKey(key, siblings));
  const releases = `Tempo ${describeVersions(other.tempo, other.allTempo)}`;
  const elsewhere = inOther
    ? ` The key exists in ${receivers ? `OTel collector ${describeVersions(other.versions, other.all)} (${releases})` : releases}; this install runs ${schema.label}.`
    : "";
  let message = `${schema.label} refuses to start: "field ${key} not found in type ${typeName(parentTempo, schema)}" (${p} is not a setting of Tempo ${schema.version}; Tempo parses its configuration strictly).${elsewhere}`;
  if (parentTempo === "receivers") {
    message = `the distributor fails to start: "${key}" is not a receiver ${schema.label} knows (${Object.keys(schema.receivers).join(", ")}).${elsewhere}`;
  } else if (receivers) {
    const [receiver, ...inner] = parentTempo.split(".").slice(1);
    const where = inner.length > 0 ? `'${inner.join(".")}' has` : "has";
    message = `the distributor fails to start: "error reading receivers configuration for ${receiver}: ${where} invalid keys: ${key}" (${schema.label} vendors OTel collector ${schema.collector}).${elsewhere}`;
  }
  // Object storage: Loki/Mimir spellings of the block's own keys (`bucketnames` → `bucket`), from Tempo's schema.
  const storageKey = !inOther && /(^|\.)(s3|gcs|azure)$/.test(parentTempo) ? storageKeyHint(key, siblings) : undefined;
  if (storageKey !== undefined) {
    return {
      ruleId: VERBATIM_RULES.unknownKey,
      severity: "error",
      path,
      message: `${message} Tempo's ${parentTempo.split(".").pop()} block calls this setting ${storageKey} (${key} is how Loki, Mimir or their charts spell it).`,
      fix: `rename ${key} to ${storageKey}`,
    };
  }
  const diag: Diagnostic = { ruleId: VERBATIM_RULES.unknownKey, severity: "error", path, message };
  if (hint) return { ...diag, fix: `did you mean ${hint}?` };
  return { ...diag, fix: inOther ? `remove ${p}, or run ${releases} (tempo.image.tag)` : `remove ${p}` };
}

function invalid(w: Walk, expected: string, value?: unknown): Diagnostic {
  const p = formatPath(w.valuePath);
  return {
    ruleId: VERBATIM_RULES.invalidValue,
    severity: "error",
    path: w.valuePath,
    message: `${p} must be ${expected}${value === undefined ? "" : `, not ${JSON.stringify(value)}`}; ${w.schema.label} fails to parse its configuration`,
    fix: `write ${expected}`,
  };
}

/** Receiver configs (`distributor.receivers`): the config structs of the OTel collector this Tempo vendors. */
function checkReceivers(value: unknown, path: (string | number)[], schema: TempoSchema, out: Diagnostic[]): void {
  walk(schema.receivers as SchemaNode, value, { schema, out, valuePath: path, tempoPath: "receivers" });
  checkReceiverEndpoints(value, path, out);
}

/** The `overrides:` section's own node (new format from 2.3; the flat `Limits` before). */
function overridesNode(schema: TempoSchema): SchemaNode {
  return childOf(schema.config, "overrides") ?? {};
}

/** The moves from legacy flat keys of the block at `path` to the new format (`under` the block: `defaults`, or none). */
function legacyMoves(keys: readonly string[], path: (string | number)[], under: readonly string[]): Edit[] {
  return keys.map((k) => ({
    op: "move",
    from: [...path, k],
    to: [...path, ...under, ...newOverridePath(k).split(".")],
  }));
}

/** Flat-format keys of a block: keys of the legacy struct that the new format does not have. */
function legacyKeysOf(value: Record<string, unknown>, schema: TempoSchema, modern: SchemaNode | undefined): string[] {
  const legacy = new Set(structKeys(schema.overridesLegacy));
  const own = new Set(structKeys(modern));
  return Object.keys(value).filter((k) => !own.has(k) && (legacy.has(k) || isLegacyOverrideKey(k)));
}

function legacyWarning(schema: TempoSchema): string {
  return schema.legacyOverrides === "opt-in"
    ? `${schema.label} refuses the legacy format unless overrides.enable_legacy_overrides is true`
    : `${schema.label} warns "Inline, unscoped overrides are deprecated. Please use the new overrides config format." and Tempo 3.0 refuses to start`;
}

/** Checks a new-format `<Overrides>` block (`overrides.defaults` or one tenant). */
function checkOverridesBlock(
  block: unknown,
  path: (string | number)[],
  out: Diagnostic[],
  schema: TempoSchema,
  node: SchemaNode,
  tempoPath: string,
): void {
  if (block === null || block === undefined) return;
  const w: Walk = { schema, out, valuePath: path, tempoPath };
  if (typeof block !== "object" || Array.isArray(block)) {
    out.push(invalid(w, "a map of overrides", block));
    return;
  }
  const own = new Set(structKeys(node));
  const stray = Object.keys(block).filter((k) => isLegacyOverrideKey(k) && !own.has(k));
  for (const key of stray) {
    out.push({
      ruleId: VERBATIM_RULES.mixedFormats,
      severity: "error",
      path: [...path, key],
      message: `legacy flat key ${key} inside a new-format overrides block: ${schema.label} refuses to start (mixing the two formats fails to parse, and Tempo then reports the legacy parser's error)`,
      fix: `write ${formatPath(path)}.${newOverridePath(key)}`,
      edits: legacyMoves([key], path, []),
    });
  }
  const rest = Object.fromEntries(Object.entries(block).filter(([k]) => !stray.includes(k)));
  walk(node, rest, w);
}

/** Checks the `overrides:` section (new or legacy format). */
function checkOverrides(value: unknown, path: (string | number)[], schema: TempoSchema, out: Diagnostic[]): void {
  if (value === null || value === undefined) return;
  const node = overridesNode(schema);
  const w: Walk = { schema, out, valuePath: path, tempoPath: "overrides" };
  if (typeof value !== "object" || Array.isArray(value)) {
    out.push(invalid(w, "a map", value));
    return;
  }
  if (schema.legacyOverrides === "only") {
    // Tempo ≤ 2.2 has only the flat format: `overrides` is the Limits struct itself.
    walk(node, value, w);
    return;
  }
  const v = value as Record<string, unknown>;
  const legacy = legacyKeysOf(v, schema, node);
  if (legacy.length > 0 && Object.hasOwn(v, "defaults")) {
    out.push({
      ruleId: VERBATIM_RULES.mixedFormats,
      severity: "error",
      path: path,
      message: `overrides mixes the new format (defaults) with legacy flat keys (${legacy.join(", ")}): ${schema.label} refuses to start with "field defaults not found in type overrides.legacyConfig"`,
      fix: `move ${legacy.map((k) => `${k} → defaults.${newOverridePath(k)}`).join(", ")}`,
      edits: legacyMoves(legacy, path, ["defaults"]),
    });
  } else if (legacy.length > 0) {
    out.push({
      ruleId: VERBATIM_RULES.legacyOverrides,
      severity: "warning",
      path: path,
      message: `legacy flat overrides: ${legacyWarning(schema)}`,
      fix: `rewrite as overrides.defaults: ${legacy.map((k) => `${k} → defaults.${newOverridePath(k)}`).join(", ")}`,
      edits: legacyMoves(legacy, path, ["defaults"]),
    });
    // The flat format is its own struct: check its keys and types.
    walk(schema.overridesLegacy, Object.fromEntries(legacy.map((k) => [k, v[k]])), w);
  }
  for (const [key, c] of Object.entries(v)) {
    if (legacy.includes(key)) continue;
    const p = [...path, key];
    if (key === "defaults") {
      checkOverridesBlock(c, p, out, schema, childOf(node, "defaults") ?? {}, "overrides.defaults");
      continue;
    }
    const n = childOf(node, key);
    if (n === undefined) out.push(unknownKey(key, p, "overrides", schema, node));
    else walk(n, c, { schema, out, valuePath: p, tempoPath: `overrides.${key}` });
  }
}

const INGESTION_REQUIRED: [string, "error" | "warning", string][] = [
  ["rate_limit_bytes", "error", "every span is refused with RATE_LIMITED (ingestion rate limit 0 bytes)"],
  ["burst_size_bytes", "error", "every batch is refused with RATE_LIMITED (burst 0 bytes)"],
  ["max_traces_per_user", "warning", "the live-trace limit becomes 0 (unlimited)"],
];

/** One tenant's block in the runtime overrides file (`overrides: {tenant: block}`), new or flat format. */
function tenantNode(root: SchemaNode | undefined): SchemaNode | undefined {
  return childOf(childOf(root, "overrides"), "tenant");
}

/** Checks the chart's `per_tenant_overrides` (the runtime file's `overrides:` map of tenant → block). */
function checkPerTenant(value: unknown, path: (string | number)[], schema: TempoSchema): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (value === null || value === undefined) return out;
  const w: Walk = { schema, out, valuePath: path, tempoPath: "per_tenant_overrides" };
  if (typeof value !== "object" || Array.isArray(value)) return [invalid(w, "a map of tenant id → overrides", value)];
  const modern = tenantNode(schema.tenantOverrides);
  const flat = tenantNode(schema.tenantOverridesLegacy) ?? {};
  for (const [tenant, block] of Object.entries(value as Record<string, unknown>)) {
    const p = [...path, tenant];
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
      out.push(invalid({ ...w, valuePath: p }, "a map of overrides", block));
      continue;
    }
    const b = block as Record<string, unknown>;
    if (modern === undefined) {
      // Tempo ≤ 2.2: tenant blocks have only the flat format.
      walk(flat, b, { schema, out, valuePath: p, tempoPath: "per_tenant_overrides.[]" });
      if (!("ingestion_rate_limit_bytes" in b) || !("ingestion_burst_size_bytes" in b))
        out.push(flatIncomplete(tenant, p));
      continue;
    }
    const legacy = legacyKeysOf(b, schema, modern);
    const own = structKeys(modern);
    const newer = Object.keys(b).filter((k) => own.includes(k) && k !== "forwarders");
    if (legacy.length > 0 && newer.length > 0) {
      out.push({
        ruleId: VERBATIM_RULES.mixedFormats,
        severity: "error",
        path: p,
        message: `tenant ${tenant} mixes new-format sections (${newer.join(", ")}) with legacy flat keys (${legacy.join(", ")}): the runtime overrides file fails to load and the overrides module does not start`,
        fix: `move ${legacy.map((k) => `${k} → ${newOverridePath(k)}`).join(", ")}`,
        edits: legacyMoves(legacy, p, []),
      });
      continue;
    }
    if (legacy.length > 0) {
      out.push({
        ruleId: VERBATIM_RULES.legacyOverrides,
        severity: "warning",
        path: p,
        message: `tenant ${tenant} uses the legacy flat overrides format: ${legacyWarning(schema)}`,
        fix: `rewrite as ${legacy.map((k) => `${k} → ${newOverridePath(k)}`).join(", ")}`,
        edits: legacyMoves(legacy, p, []),
      });
      walk(flat, b, { schema, out, valuePath: p, tempoPath: "per_tenant_overrides.[]" });
      if (!("ingestion_rate_limit_bytes" in b) || !("ingestion_burst_size_bytes" in b))
        out.push(flatIncomplete(tenant, p));
      continue;
    }
    checkOverridesBlock(b, p, out, schema, modern, "overrides.defaults");
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

function flatIncomplete(tenant: string, path: (string | number)[]): Diagnostic {
  return {
    ruleId: VERBATIM_RULES.tenantIncomplete,
    severity: "error",
    path,
    message: `tenant ${tenant} has no ingestion_rate_limit_bytes/ingestion_burst_size_bytes: a tenant block replaces the defaults (no merge), so every span is refused with RATE_LIMITED`,
    fix: "copy the ingestion limits of the defaults into this block",
  };
}

/**
 * Checks a fragment of configuration that reaches Tempo verbatim, the way the Tempo version it runs on would:
 * unknown keys (Tempo parses strictly and exits: `tempo/unknown-config-key`, with a did-you-mean fix and the Tempo
 * versions that do have the key), values of the wrong Go type (`tempo/invalid-config-value`: time.Duration vs
 * model.Duration, enumerations with the nearest value, sizes, integers, booleans), legacy flat overrides
 * (`tempo/legacy-overrides`), mixed override formats (`tempo/mixed-override-formats`), tenant blocks without
 * ingestion limits (`tempo/tenant-override-incomplete`), receiver configs against the OTel collector version that
 * Tempo vendors, and literal credentials (`tempo/literal-secret`).
 *
 * @param value the fragment (a parsed YAML/JSON value)
 * @param where what it is: the chart's `tempo.structuredConfig` (the whole Tempo config), `overrides`,
 *   `per_tenant_overrides` (tenant id → block), `metricsGenerator.config` (Tempo `metrics_generator`), or
 *   `receivers` (`distributor.receivers`, OTel receiver configs)
 * @param basePath where the fragment sits in its document, prefixed to every diagnostic path
 * @param options `tempoVersion`: the Tempo release (or image tag) to check against; `renderedKeys`: for
 *   `metricsGenerator.config`, the keys the chart version renders (only those are parsed as Tempo's)
 */
export function checkVerbatimTempoConfig(
  value: unknown,
  where: VerbatimWhere,
  basePath: readonly (string | number)[],
  options: VerbatimOptions = {},
): Diagnostic[] {
  const schema = tempoSchemaFor(options.tempoVersion ?? DEFAULT_TEMPO_VERSION);
  const out: Diagnostic[] = [];
  const base = [...basePath];
  switch (where) {
    case "structuredConfig":
      walk(schema.config, value, { schema, out, valuePath: base, tempoPath: "" });
      break;
    case "overrides":
      checkOverrides(value, base, schema, out);
      break;
    case "per_tenant_overrides":
      out.push(...checkPerTenant(value, base, schema));
      break;
    case "metricsGenerator.config": {
      // Only what the chart renders reaches Tempo's strict parser; the rest is dropped by the chart, so it cannot stop
      // Tempo. A dropped key Tempo knows gets the structuredConfig fix here; any other dropped key is the chart's
      // unknown key (chart/unknown-key), not reported here.
      const rendered = new Set(options.renderedKeys ?? defaultRenderedGeneratorKeys());
      const generator = childOf(schema.config, "metrics_generator") ?? {};
      const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
      const kept = isObject ? Object.fromEntries(Object.entries(value).filter(([k]) => rendered.has(k))) : value;
      walk(generator, kept, { schema, out, valuePath: base, tempoPath: "metrics_generator" });
      if (isObject) {
        const keys = structKeys(generator);
        for (const key of Object.keys(value)) {
          if (keys.includes(key) && !rendered.has(key)) {
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
      checkReceivers(value, base, schema, out);
      break;
  }
  out.push(...findLiteralSecrets(value, base));
  return out;
}
