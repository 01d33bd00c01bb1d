import {
  type ChartId,
  type ChartName,
  chartDescriptor,
  chartVersions,
  compareVersions,
  componentPrefix,
  DEFAULT_DNS,
  type Distribution,
  defaultValue,
  dnsResolver,
  findChart,
  isStackChartId,
  mergeValues,
  preferredChart,
  RECEIVERS,
  resolveKey,
  STACK_CHART_NAMES,
  type StackChartId,
  tempoChartOf,
  tempoPrefix,
  tempoVersionOf,
} from "@lgtm-gitops/charts";
import {
  type Diagnostic,
  fail,
  getPath,
  hasErrors,
  isRecord,
  ok,
  type PathSegments,
  type Result,
} from "@lgtm-gitops/diagnostics";
import {
  generatesFor,
  refusedBecause,
  type SectionBuilder,
  sinceTempo,
  type TempoChartSetting,
  tempoChartSettings,
} from "./chart-mapping.js";
import { quantityValue } from "./duration.js";
import { LEGACY_OVERRIDE_KEYS } from "./legacy-overrides.js";
import { defaultsBlock, tenantBlock } from "./overrides-values.js";
import { INVALID_SPEC } from "./parse-spec.js";
import { segmentsOf, specFieldOfChartPath } from "./rendered-config.js";
import { TEMPO_GRPC_MAX_MSG_BYTES } from "./semantic-checks.js";
import { SPEC_RULES } from "./spec-rules.js";
import { kafkaSchema, type Resources, type TempoSpec, tempoSpecSchema } from "./spec-schema.js";
import { checkExpandEnvReferences, type EnvVar, type StorageValues, storageValues } from "./storage-values.js";
import { checkTempoGeneration } from "./tempo-generation.js";

/** Where and how the chart is installed. */
export interface ChartValuesOptions {
  /** Kubernetes distribution; sets `global.dnsService`/`global.dnsNamespace` when its DNS Service is not `kube-dns`. @default none (chart default kube-dns) */
  distribution?: Distribution;
  /** Helm release name (names Services and the MinIO Secret). */
  release: string;
  /** Namespace of the release. */
  namespace: string;
  /** Cluster DNS domain; sets `global.clusterDomain` when not `cluster.local`. @default "cluster.local" */
  clusterDomain?: string;
  /**
   * Tempo 3.x: the Kafka broker (`host:port`) when the spec's `kafka.address` gives none, e.g. the broker the bundle
   * deploys. @default none (then `kafka.address` is required)
   */
  kafkaAddress?: string;
}

/** The gRPC limit tempo-distributed sets (`server.grpc_server_max_recv_msg_size`). */
const CHART_GRPC_MAX_MSG_BYTES = 4_194_304;

type Values = Record<string, unknown>;

function resources(r: Resources | undefined): Values | undefined {
  if (!r) return undefined;
  const out: Values = {};
  if (r.requests) out.requests = { ...r.requests };
  if (r.limits) out.limits = { ...r.limits };
  return out;
}

/** The value of charts that derive GOMEMLIMIT from each component's memory limit themselves. */
const GO_MEM_LIMIT_FACTOR = "global.goSettings.goMemLimitFactor";

/** GOMEMLIMIT at 85% of the memory limit (Tempo guidance: keep the Go heap below the container limit). */
function goMemLimit(r: Resources | undefined): EnvVar | undefined {
  const limit = r?.limits?.memory;
  if (limit === undefined) return undefined;
  const bytes = quantityValue(limit);
  if (bytes === undefined || bytes <= 0) return undefined;
  return { name: "GOMEMLIMIT", value: `${Math.floor((bytes * 0.85) / 1024 / 1024)}MiB` };
}

function protocolValues(p: { enabled: boolean; config?: Record<string, unknown> | undefined }): Values {
  return p.config ? { enabled: p.enabled, receiverConfig: p.config } : { enabled: p.enabled };
}

/** Sets `value` at `path`, creating maps on the way (in insertion order: the order of the emitted file). */
function setAt(root: Values, path: PathSegments, value: unknown): void {
  let cur = root;
  for (const seg of path.slice(0, -1)) {
    const key = String(seg);
    if (!isRecord(cur[key])) cur[key] = {};
    cur = cur[key] as Values;
  }
  cur[String(path[path.length - 1])] = value;
}

/** What the section builders share while one spec is compiled. */
interface Emission {
  readonly spec: TempoSpec;
  readonly storage: StorageValues;
  readonly values: Values;
  /** The Kafka broker when the spec names none (Tempo 3.x). */
  readonly kafkaAddress: string | undefined;
  /** The chart sets GOMEMLIMIT from each component's memory limit itself (`global.goSettings`, community charts). */
  readonly chartSetsGoMemLimit: boolean;
}

/** The spec's Kafka section with its defaults (Tempo 3.x), or the defaults when the spec has none. */
export function kafkaOf(spec: TempoSpec): NonNullable<TempoSpec["kafka"]> {
  return spec.kafka ?? (kafkaSchema.parse({}) as NonNullable<TempoSpec["kafka"]>);
}

/** The resources, GOMEMLIMIT and storage credential env/volumes every Tempo component's pods get. */
function componentExtras(e: Emission, component: Values, res: Resources | undefined): void {
  const rv = resources(res);
  if (rv) component.resources = rv;
  // Fresh objects per component: shared references would serialise as YAML anchors.
  const env: EnvVar[] = structuredClone(e.storage.env);
  const mem = e.chartSetsGoMemLimit ? undefined : goMemLimit(res);
  if (mem) env.push(mem);
  if (e.storage.env.some((v) => v.valueFrom)) component.extraArgs = ["-config.expand-env=true"];
  if (env.length > 0) component.extraEnv = env;
  if (e.storage.volumes.length > 0) {
    component.extraVolumes = structuredClone(e.storage.volumes);
    component.extraVolumeMounts = structuredClone(e.storage.mounts);
  }
}

/** The builders of the sections that are more than one copied spec field, by the name the mapping table gives. */
const BUILDERS: Readonly<Record<SectionBuilder, (e: Emission, row: TempoChartSetting) => void>> = {
  receivers(e, row) {
    for (const r of RECEIVERS) {
      const p = getPath(e.spec.receivers, r.chartPath.slice(1));
      if (isRecord(p))
        setAt(e.values, [...segmentsOf(row.chartPath), ...r.chartPath.slice(1)], protocolValues(p as Protocol));
    }
  },
  storage(e, row) {
    setAt(e.values, segmentsOf(row.chartPath), e.storage.trace);
  },
  overrides(e, row) {
    setAt(e.values, segmentsOf(row.chartPath), { defaults: defaultsBlock(e.spec) });
  },
  tenantOverrides(e, row) {
    const tenants = Object.entries(e.spec.tenants);
    if (tenants.length > 0)
      tenantValues(e, row, Object.fromEntries(tenants.map(([id, t]) => [id, tenantBlock(e.spec, t)])));
  },
  legacyOverrides(e, row) {
    setAt(e.values, segmentsOf(row.chartPath), legacyBlock(defaultsBlock(e.spec)));
  },
  legacyTenantOverrides(e, row) {
    const tenants = Object.entries(e.spec.tenants);
    if (tenants.length > 0)
      tenantValues(e, row, Object.fromEntries(tenants.map(([id, t]) => [id, legacyBlock(tenantBlock(e.spec, t))])));
  },
  grpcLimits(e, row) {
    // The chart caps gRPC messages at 4 MiB; a trace above that cannot be fetched. Restore Tempo's own 16 MiB.
    if (e.spec.ingestion.maxBytesPerTrace > CHART_GRPC_MAX_MSG_BYTES)
      setAt(e.values, segmentsOf(row.chartPath), {
        grpc_server_max_recv_msg_size: TEMPO_GRPC_MAX_MSG_BYTES,
        grpc_server_max_send_msg_size: TEMPO_GRPC_MAX_MSG_BYTES,
      });
  },
  component(e, row) {
    const path = segmentsOf(row.chartPath);
    const component = getPath(e.values, path.slice(0, -1));
    if (isRecord(component))
      componentExtras(e, component, getPath(e.spec, segmentsOf(row.specField ?? "")) as Resources);
  },
  metricsGenerator(e, row) {
    const mg = e.spec.metricsGenerator;
    if (!mg.enabled) {
      setAt(e.values, segmentsOf(row.chartPath), { enabled: false });
      return;
    }
    const config: Values = {
      storage: {
        remote_write: mg.remoteWrite.map((rw) => {
          const headers: Record<string, string> = { ...rw.headers };
          if (rw.tenantId) headers["X-Scope-OrgID"] = rw.tenantId;
          const item: Values = { url: rw.url, send_exemplars: rw.sendExemplars };
          if (Object.keys(headers).length > 0) item.headers = headers;
          return item;
        }),
      },
    };
    if (mg.externalLabels) config.registry = { external_labels: { ...mg.externalLabels } };
    const generator: Values = {
      enabled: true,
      replicas: mg.replicas,
      config: mg.config ? mergeValues(config, mg.config) : config,
    };
    componentExtras(e, generator, mg.resources);
    setAt(e.values, segmentsOf(row.chartPath), generator);
  },
  gateway(e, row) {
    const gw = e.spec.gateway;
    const gateway: Values = gw.enabled ? { enabled: true, replicas: gw.replicas } : { enabled: false };
    const rv = gw.enabled ? resources(gw.resources) : undefined;
    if (rv) gateway.resources = rv;
    if (gw.enabled && gw.basicAuth) gateway.basicAuth = { enabled: true, existingSecret: gw.basicAuth.existingSecret };
    setAt(e.values, segmentsOf(row.chartPath), gateway);
  },
  kafka(e, row) {
    const k = kafkaOf(e.spec);
    const address = k.address ?? e.kafkaAddress;
    setAt(e.values, segmentsOf(row.chartPath), {
      ...(address === undefined ? {} : { address }),
      topic: k.topic,
      // Tempo's auto-creation sets the broker-wide num.partitions: the topic is created with exactly `partitions`.
      auto_create_topic_enabled: false,
      auto_create_topic_default_partitions: k.partitions,
    });
  },
  partitioned(e, row) {
    // One live-store and one block-builder per partition (each block-builder reads partitions_per_instance: 1).
    setAt(e.values, segmentsOf(row.chartPath), row.specField === undefined ? 1 : kafkaOf(e.spec).partitions);
  },
  backendWorker(e, row) {
    const replicas = e.spec.backendWorker?.replicas ?? 1;
    // The chart's PodDisruptionBudget template reads backendWorker.podDisruptionBudget.enabled (absent from its
    // values.yaml) once there are 2 workers: without it the render fails on a nil pointer.
    setAt(
      e.values,
      segmentsOf(row.chartPath),
      replicas > 1 ? { replicas, podDisruptionBudget: { enabled: true }, maxUnavailable: 1 } : { replicas },
    );
  },
  minio(e, row) {
    if (e.storage.minio) setAt(e.values, segmentsOf(row.chartPath), e.storage.minio);
  },
  structuredConfig(e, row) {
    // Merged over what rows before it wrote there (a setting an older chart version does not read itself).
    if (e.spec.structuredConfig)
      setAt(
        e.values,
        segmentsOf(row.chartPath),
        mergeValues(getPath(e.values, segmentsOf(row.chartPath)), e.spec.structuredConfig),
      );
  },
};

/** The newest version of `target`'s chart that generate writes values for. */
function preferredGenerated(target: StackChartId): string {
  const { name } = chartDescriptor(target);
  const ok = chartVersions(name as never)
    .map((v) => `${name}@${v}`)
    .filter((id) => generatesFor(id as ChartId));
  return ok.at(-1) ?? `${preferredChart(name)}`;
}

/** Builders that write one row's value each (the others write a whole section, once per top-level key). */
const PER_ROW: ReadonlySet<SectionBuilder> = new Set(["component", "partitioned"]);

type Protocol = { enabled: boolean; config?: Record<string, unknown> | undefined };

/** The per-tenant overrides at the row's chart path: the map, or (a `text` row) the runtime file as YAML text. */
function tenantValues(e: Emission, row: TempoChartSetting, tenants: Values): void {
  setAt(e.values, segmentsOf(row.chartPath), row.text ? yamlText({ overrides: tenants }) : tenants);
}

/** An `<Overrides>` block (`defaults:` format) in the legacy flat format (`ingestion.rate_strategy` → `ingestion_rate_strategy`). */
function legacyBlock(block: Values): Values {
  const out: Values = {};
  const walk = (v: unknown, path: string[]) => {
    const legacy = LEGACY_KEY_OF.get(path.join("."));
    if (legacy !== undefined) out[legacy] = v;
    else if (isRecord(v)) for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
    else throw new Error(`no legacy overrides key for ${path.join(".")}`); // unreachable: the blocks' keys all have one
  };
  walk(block, []);
  return out;
}

const LEGACY_KEY_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(LEGACY_OVERRIDE_KEYS).map(([legacy, current]) => [current, legacy]),
);

/**
 * Block-style YAML of plain data, every string and odd key double-quoted (JSON strings are YAML): the text a chart
 * renders with `tpl`. The values are limits, durations, processor names and tenant ids (no `{{`).
 */
function yamlText(value: Values, indent = ""): string {
  return Object.entries(value)
    .map(([k, v]) => {
      const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k);
      return isRecord(v) && Object.keys(v).length > 0
        ? `${indent}${key}:\n${yamlText(v, `${indent}  `)}`
        : `${indent}${key}: ${JSON.stringify(v)}\n`;
    })
    .join("");
}

/** Whether the Tempo chart `tempo` reads the values path `chartPath` (a key, or inside a pass-through one). */
function chartReads(tempo: ChartId, chartPath: string): boolean {
  return resolveKey(tempo, segmentsOf(chartPath)).kind !== "unknown";
}

/**
 * The tempo-distributed values of the target's Tempo (without `global`, not nested under the Tempo prefix), written
 * row by row from the Tempo↔chart mapping table: a row with a spec field copies it, a row naming a section builder
 * runs it (once per top-level key). `release` names the MinIO subchart's Service. Expects a parsed spec.
 */
export function compileTempoValues(
  spec: TempoSpec,
  target: StackChartId,
  release = "tempo",
  kafkaAddress?: string,
): Values {
  // A chart that also installs Mimir runs Mimir's MinIO under the default name: Tempo's gets its own.
  const storage = storageValues(spec, release, componentPrefix(target, "mimir") !== undefined);
  const tempoChart = tempoChartOf(target);
  // Its values.yaml has the factor (a key read through the free-form `global` map is not enough).
  const chartSetsGoMemLimit =
    tempoChart !== undefined && defaultValue(tempoChart, segmentsOf(GO_MEM_LIMIT_FACTOR)) !== undefined;
  const e: Emission = { spec, storage, values: {}, kafkaAddress, chartSetsGoMemLimit };
  const built = new Set<string>();
  const tempoVersion = tempoVersionOf(target);
  for (const row of tempoChartSettings(target)) {
    // A setting the Tempo this chart runs does not have: left out (unsupportedSettings reports a value set).
    if (tempoVersion !== undefined && compareVersions(tempoVersion, sinceTempo(row) ?? tempoVersion) < 0) continue;
    if (row.via !== undefined) {
      const once = `${row.via}:${PER_ROW.has(row.via) ? row.chartPath : segmentsOf(row.chartPath)[0]}`;
      if (built.has(once)) continue;
      built.add(once);
      BUILDERS[row.via](e, row);
    } else if (row.specField !== undefined) {
      const v = getPath(spec, segmentsOf(row.specField));
      if (v === undefined) continue;
      // A setting this chart version does not read itself (older versions have no `streamOverHTTPEnabled`) reaches Tempo
      // through structuredConfig, at its tempo.yaml path (the structuredConfig row merges the spec's over it).
      const fallback =
        row.tempoPath !== undefined &&
        !row.templated &&
        tempoChart !== undefined &&
        !chartReads(tempoChart, row.chartPath);
      setAt(
        e.values,
        fallback ? ["tempo", "structuredConfig", ...segmentsOf(row.tempoPath ?? "")] : segmentsOf(row.chartPath),
        v,
      );
    }
  }
  return e.values;
}

function globalValues(options: ChartValuesOptions): Values {
  const g: Values = {};
  if (options.distribution) {
    const dns = dnsResolver(options.distribution);
    if (!dns.isDefault) {
      g.dnsService = dns.dnsService;
      g.dnsNamespace = dns.dnsNamespace;
    }
  }
  if (options.clusterDomain && options.clusterDomain !== DEFAULT_DNS.clusterDomain) {
    g.clusterDomain = options.clusterDomain;
  }
  return g;
}

/** Dot paths (as segments) of every value a values object sets: leaves, lists and empty maps. */
export function emittedKeyPaths(values: Values): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
      for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
    } else {
      out.push(path);
    }
  };
  walk(values, []);
  return out;
}

/**
 * Compiles a parsed spec (a `TempoSpec` is only what `tempoSpecSchema` parsed: it is not parsed again) into the values
 * of a Tempo stack chart: for lgtm-distributed, `{ global, tempo: {...} }` (Tempo is the `tempo:` subchart, its
 * descriptor's Tempo prefix); for tempo-distributed, the chart's top-level values plus `global` when needed. The
 * values are written row by row from the Tempo↔chart mapping table, so every key is one the chart reads;
 * {@link chartValueSource} says which spec field each came from. Credentials appear only as Secret references.
 * Checking the values is the validators' job (their rules run once, on what this returns). Never throws.
 */
export function toChartValues(
  spec: TempoSpec,
  target: StackChartId,
  options: ChartValuesOptions,
): Result<Record<string, unknown>> {
  const diagnostics: Diagnostic[] = [];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.release) || options.release.length > 53) {
    diagnostics.push({
      ruleId: SPEC_RULES.invalidRelease,
      severity: "error",
      path: ["release"],
      message: `"${options.release}" is not a valid Helm release name`,
      fix: "use lower-case letters, digits and '-', at most 53 characters",
    });
  }
  const tempoChart = tempoChartOf(target);
  const refused = refusedBecause(target);
  if (refused !== undefined) {
    diagnostics.push({
      ruleId: INVALID_SPEC,
      severity: "error",
      path: [],
      message: `generate writes no values for ${target}: ${refused}.`,
      fix: `Use a later ${chartDescriptor(target).name} version in the definition (${preferredGenerated(target)}).`,
    });
  } else if (!generatesFor(target) && tempoChart !== undefined) {
    const stand =
      tempoChart === target ? "" : ` (${target.replace("@", " ")} installs ${tempoChart.replace("@", " ")})`;
    diagnostics.push({
      ruleId: INVALID_SPEC,
      severity: "error",
      path: [],
      message: `generate has no Tempo↔chart mapping for ${target}${stand}: no entry of the mapping table covers its values layout. \`lint --chart ${target}\` checks values for it.`,
      fix: `Use a chart version generate writes (${STACK_CHART_NAMES.map((n) => preferredChart(n)).join(", ")}).`,
    });
  } else diagnostics.push(...unsupportedSettings(spec, target));
  diagnostics.push(...checkTempoGeneration(spec, target, options.kafkaAddress));
  if (hasErrors(diagnostics)) return fail(diagnostics);
  let td: Values | undefined;
  try {
    // Not a parse: only whether every section a parsed spec always has is there.
    if (isRecord(spec) && PARSED_SECTIONS.every((k) => (spec as Record<string, unknown>)[k] !== undefined))
      td = compileTempoValues(spec, target, options.release, options.kafkaAddress);
  } catch {
    td = undefined;
  }
  if (td === undefined) {
    // Only reachable from JavaScript: a TempoSpec typed by hand, not parsed.
    return fail([
      {
        ruleId: INVALID_SPEC,
        severity: "error",
        path: [],
        message: "not a parsed TempoSpec: toChartValues compiles what parseTempoSpec (or tempoSpecSchema) returned",
        fix: "pass the value of parseTempoSpec(input)",
      },
    ]);
  }
  if ((td.distributor as Values).extraArgs !== undefined) diagnostics.push(...checkExpandEnvReferences(spec));
  const global = globalValues(options);
  // Tempo as a subchart (lgtm-distributed `tempo:`) is switched on and nested under its alias.
  let tempo: Values = td;
  for (const key of [...(tempoPrefix(target) ?? [])].reverse()) tempo = { [String(key)]: { enabled: true, ...tempo } };
  const values: Values = Object.keys(global).length > 0 ? { global, ...tempo } : tempo;
  return hasErrors(diagnostics) ? fail(diagnostics) : ok(values, diagnostics);
}

/** A release as messages name it: `x.y` for `x.y.0` (the minor release that added a key), else the release itself. */
const releaseLabel = (release: string) => release.replace(/^(\d+\.\d+)\.0$/, "$1");

/** The spec as parsed from nothing but a storage backend: every field at its default. */
let specDefaults: TempoSpec | undefined;

/**
 * The settings `spec` gives that the Tempo `target` runs cannot take (rows whose {@link sinceTempo} is newer than it),
 * at a value other than the spec's default: one `tempo/unsupported-setting` error each, naming the oldest chart
 * version of the same name that can set it. A default value is left out silently (the chart's Tempo keeps its own).
 */
function unsupportedSettings(spec: TempoSpec, target: StackChartId): Diagnostic[] {
  const tempoVersion = tempoVersionOf(target);
  if (tempoVersion === undefined) return [];
  specDefaults ??= tempoSpecSchema.parse({ storage: { backend: "minio" } });
  const out: Diagnostic[] = [];
  for (const row of tempoChartSettings(target)) {
    if (row.specField === undefined) continue;
    const added = sinceTempo(row);
    if (added === undefined || compareVersions(tempoVersion, added) >= 0) continue;
    const field = segmentsOf(row.specField);
    // An overrides setting is also set per tenant (`tenants.<id>.query.maxMetricsDuration`).
    const paths: PathSegments[] = [field];
    if (row.via === "overrides" || row.via === "legacyOverrides")
      for (const id of isRecord(spec.tenants) ? Object.keys(spec.tenants) : []) paths.push(["tenants", id, ...field]);
    for (const path of paths) {
      const value = getPath(spec, path);
      if (value === undefined || (path === field && value === getPath(specDefaults, field))) continue;
      const { name, version } = chartDescriptor(target);
      const since = (chartVersions(name as ChartName) as readonly string[]).find((v) => {
        const id = findChart(name, v) as ChartId;
        const t = tempoVersionOf(id);
        return t !== undefined && compareVersions(t, added) >= 0 && isStackChartId(id) && generatesFor(id);
      });
      out.push({
        ruleId: SPEC_RULES.unsupportedSetting,
        severity: "error",
        path,
        message: `chart ${name}@${version} has no way to set ${path.join(".")}: it runs Tempo ${tempoVersion}, which has no \`${row.tempoPath}\` (Tempo ${releaseLabel(added)} added it) and refuses to start with it.`,
        fix:
          since === undefined
            ? `remove ${path.join(".")}`
            : `use ${name} ≥ ${since} (Tempo ${tempoVersionOf(findChart(name, since) as ChartId)}), or remove ${path.join(".")}`,
      });
    }
  }
  return out;
}

/** The sections every parsed spec has (the schema's fields that are not optional: they have defaults). */
const PARSED_SECTIONS: readonly string[] = Object.entries(tempoSpecSchema.shape)
  .filter(([, field]) => !field.safeParse(undefined).success || field.safeParse(undefined).data !== undefined)
  .map(([key]) => key);

/** Where a value `toChartValues` wrote comes from: a spec field, or one of the options (`target` = the chart chosen). */
export type ChartValueSource =
  | { readonly spec: PathSegments }
  | { readonly option: "distribution" | "clusterDomain" | "target" };

/**
 * The source map of `toChartValues`: which spec field (or option) the value at `path` of its output comes from, by the
 * Tempo↔chart mapping table. A value the table does not map (a chart default the spec does not model) has none.
 */
export function chartValueSource(target: StackChartId, path: PathSegments): ChartValueSource | undefined {
  if (path[0] === "global") return { option: path[1] === "clusterDomain" ? "clusterDomain" : "distribution" };
  const prefix = tempoPrefix(target) ?? [];
  if (!prefix.every((seg, i) => path[i] === seg)) return undefined;
  const rel = path.slice(prefix.length);
  if (prefix.length > 0 && rel.length === 1 && rel[0] === "enabled") return { option: "target" };
  const spec = specFieldOfChartPath(rel, tempoChartSettings(target));
  return spec === undefined ? undefined : { spec };
}
