import { type Diagnostic, getPath, isRecord, type PathSegments, type Severity } from "@lgtm-gitops/diagnostics";
import { type Cause, finding, type Rule } from "../engine.js";
import {
  type DatasourceEntry,
  type GrafanaInstance,
  grafanaInstances,
  type TempoInstall,
  tempoInstalls,
} from "../model.js";
import { asBoolean, asString } from "../values.js";
import { multitenant } from "./tempo-rules.js";

/** How a Tempo values path reads where the user edits it (the document, or the definition it was compiled from). */
const fmt = (i: TempoInstall, p: PathSegments) => i.doc.name(i.at(p));
const dsName = (e: DatasourceEntry) =>
  `\`${asString(e.value.name) ?? "?"}\`${asString(e.value.uid) ? ` (uid \`${asString(e.value.uid)}\`)` : ""}`;
const provided = (e: DatasourceEntry) => (e.providedBy ? `, provided by ${e.providedBy}` : "");

/** Every Tempo datasource of every Grafana, with its instance. */
function tempoDatasources(grafanas: readonly GrafanaInstance[]): { g: GrafanaInstance; e: DatasourceEntry }[] {
  return grafanas.flatMap((g) => g.datasources.filter((e) => e.value.type === "tempo").map((e) => ({ g, e })));
}

/** An environment variable Grafana expands in provisioning: a plain value, or one it reads at run time (Secret, ConfigMap). */
type EnvValue = { readonly known: true; readonly value: string } | { readonly known: false; readonly from: string };

/**
 * The environment a Grafana instance's chart values give the Grafana container: `env` (plain values) and
 * `envValueFrom` (Secret/ConfigMap keys, unknown here), later documents of the same release winning.
 */
export function grafanaEnvironment(g: GrafanaInstance): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const doc of g.docs) {
    const plain = getPath(doc.values, [...g.prefix, "env"]);
    if (isRecord(plain))
      for (const [k, v] of Object.entries(plain))
        if (v !== null && v !== undefined && typeof v !== "object") env.set(k, { known: true, value: String(v) });
    const from = getPath(doc.values, [...g.prefix, "envValueFrom"]);
    if (isRecord(from))
      for (const [k, v] of Object.entries(from))
        env.set(k, { known: false, from: isRecord(v) ? (Object.keys(v)[0] ?? "valueFrom") : "valueFrom" });
  }
  return env;
}

const ENV_REF = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * A provisioning string as Grafana sees it after expanding `${VAR}`/`$VAR` (and `$$` → `$`) through `env`;
 * `undefined` when a referenced variable's value cannot be known here (from a Secret or ConfigMap, or set
 * outside these values).
 */
export function expandGrafanaEnv(s: string, env: ReadonlyMap<string, EnvValue>): string | undefined {
  if (!s.includes("$")) return s;
  let unknown = false;
  const out = s.replace(ENV_REF, (m: string, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    if (name === undefined) return "$";
    const v = env.get(name);
    if (v?.known) return v.value;
    unknown = true;
    return m;
  });
  return unknown ? undefined : out;
}

/** The value of header `name` a datasource sends (jsonData.httpHeaderNameN + secureJsonData.httpHeaderValueN), `null` when named without a value, `undefined` when not sent. */
export function datasourceHeader(e: DatasourceEntry, name: string): string | null | undefined {
  const json = isRecord(e.value.jsonData) ? e.value.jsonData : {};
  const secure = isRecord(e.value.secureJsonData) ? e.value.secureJsonData : {};
  for (const [k, v] of Object.entries(json)) {
    const m = /^httpHeaderName(\d+)$/.exec(k);
    if (!m || typeof v !== "string" || v.toLowerCase() !== name.toLowerCase()) continue;
    const value = secure[`httpHeaderValue${m[1]}`];
    return typeof value === "string" ? value : null;
  }
  return undefined;
}

function processors(i: TempoInstall): string[] {
  const sc = i.get(["tempo", "structuredConfig"]);
  const lists = [
    i.get(["overrides", "defaults", "metrics_generator", "processors"]),
    i.get(["overrides", "metrics_generator_processors"]),
    getPath(sc, ["overrides", "defaults", "metrics_generator", "processors"]),
  ];
  const tenants = i.get(["per_tenant_overrides"]);
  if (isRecord(tenants))
    for (const t of Object.values(tenants)) lists.push(getPath(t, ["metrics_generator", "processors"]));
  return lists.flatMap((l) => (Array.isArray(l) ? l.filter((x): x is string => typeof x === "string") : []));
}

function remoteWrites(i: TempoInstall): { url?: string; headers: Record<string, unknown>; path: PathSegments }[] {
  const chartPath: PathSegments = ["metricsGenerator", "config", "storage", "remote_write"];
  const scPath: PathSegments = ["tempo", "structuredConfig", "metrics_generator", "storage", "remote_write"];
  const sc = getPath(i.get(["tempo", "structuredConfig"]), ["metrics_generator", "storage", "remote_write"]);
  const [list, base] = Array.isArray(sc) && sc.length > 0 ? [sc, scPath] : [i.get(chartPath), chartPath];
  if (!Array.isArray(list)) return [];
  return list.map((rw, n) => {
    const url = isRecord(rw) ? asString(rw.url) : undefined;
    return {
      ...(url !== undefined ? { url } : {}),
      headers: isRecord(rw) && isRecord(rw.headers) ? rw.headers : {},
      path: [...base, n],
    };
  });
}

/** The Service a URL points at: the first DNS label of its host, with a Helm `{{ .Release.Name }}-` prefix dropped. */
export function serviceOf(url: string): string | undefined {
  const m = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url.replace(/\{\{[^}]*\}\}/g, "").trim());
  if (!m?.[1]) return undefined;
  const label = m[1].split(".")[0] ?? "";
  return label.replace(/^-+/, "") || undefined;
}

function sameService(a: string, b: string): boolean | undefined {
  const sa = serviceOf(a);
  const sb = serviceOf(b);
  if (!sa || !sb) return undefined;
  return sa === sb || sa.endsWith(`-${sb}`) || sb.endsWith(`-${sa}`);
}

interface Need {
  readonly field: "serviceMap" | "tracesToMetrics";
  readonly processor: string;
  readonly label: string;
}
const NEEDS: readonly Need[] = [
  { field: "serviceMap", processor: "service-graphs", label: "service map" },
  { field: "tracesToMetrics", processor: "span-metrics", label: "traces-to-metrics links" },
];

/** A problem of a metrics-generator, with the values it comes from (see `FindingInput.causes`). */
interface Problem {
  readonly message: string;
  readonly fix: string;
  readonly causes: readonly Cause[];
}

const ENABLED: PathSegments = ["metricsGenerator", "enabled"];
const REMOTE_WRITE: PathSegments = ["metricsGenerator", "config", "storage", "remote_write"];
const PROCESSORS: PathSegments = ["overrides", "defaults", "metrics_generator", "processors"];

/** Where an install's generator settings are (for causes): the chart keys and their structuredConfig twins. */
function generatorCauses(i: TempoInstall, ...paths: PathSegments[]): Cause[] {
  return paths.map((p) => ({ doc: i.doc, path: i.at(p) }));
}

/**
 * Every problem of an install's metrics-generator for one need of a datasource, each on its own: disabled, the
 * processor not listed, metrics written where the datasource does not read, another tenant. A generator that is on
 * without a remote_write is reported on its own (by {@link standaloneProblems}), not here.
 */
function generatorProblems(
  i: TempoInstall,
  need: Need,
  target: DatasourceEntry | undefined,
  source: DatasourceEntry,
  env: ReadonlyMap<string, EnvValue>,
  compared?: Set<TempoInstall>,
): Problem[] {
  const out: Problem[] = [];
  const file = i.doc.file;
  const ds: Cause = { doc: source.doc, path: [...source.path, "jsonData", need.field] };
  const enabled = asBoolean(i.get(ENABLED)) === true;
  const setup = `\`${fmt(i, ENABLED)}: true\`, a \`${fmt(i, REMOTE_WRITE)}\` entry pointing at the Prometheus/Mimir that Grafana reads, and \`${fmt(i, PROCESSORS)}: [service-graphs, span-metrics]\``;
  if (!enabled) {
    out.push({
      message: `The ${need.label} of Tempo datasource ${dsName(source)} need${need.field === "serviceMap" ? "s" : ""} metrics from Tempo's metrics-generator, but \`${fmt(i, ENABLED)}\` is false${i.has(ENABLED) ? "" : " (chart default)"} in ${file}: ${need.field === "serviceMap" ? 'Grafana shows "No service graph data"' : "the span-metric queries behind the links return nothing"}.`,
      fix: `In ${file} set ${setup}.`,
      causes: [ds, ...generatorCauses(i, ENABLED)],
    });
  }
  const procs = processors(i);
  if (!procs.includes(need.processor)) {
    out.push({
      message: `Tempo's metrics-generator in ${file} runs no \`${need.processor}\` processor (processors are off until listed in \`${fmt(i, PROCESSORS)}\`), so the ${need.label} of datasource ${dsName(source)} get no data.`,
      fix: `Set \`${fmt(i, PROCESSORS)}: [service-graphs, span-metrics]\`.`,
      causes: [ds, ...generatorCauses(i, PROCESSORS, ["overrides"], ["tempo", "structuredConfig"])],
    });
  }
  const rws = remoteWrites(i);
  const targetUrl = target ? asString(target.value.url) : undefined;
  if (!target || !targetUrl || rws.length === 0) return out;
  compared?.add(i);
  const urls = rws.map((r) => r.url).filter((u): u is string => u !== undefined);
  const verdicts = urls.map((u) => sameService(u, targetUrl));
  if (urls.length > 0 && verdicts.every((v) => v === false)) {
    out.push({
      message: `Tempo's metrics-generator in ${file} writes to ${urls.join(", ")}, but the ${need.label} of datasource ${dsName(source)} read ${dsName(target)} at ${targetUrl}: the metrics land where Grafana does not look.`,
      fix: `Point the remote_write at the same Prometheus/Mimir as ${dsName(target)}, or point \`jsonData.${need.field}.datasourceUid\` at the datasource that reads the remote_write target.`,
      causes: [ds, ...rws.map((r) => ({ doc: i.doc, path: i.at(r.path) }))],
    });
  }
  const header = datasourceHeader(target, "X-Scope-OrgID");
  // Grafana expands `${VAR}` from its environment; a value read from a Secret cannot be compared here.
  const dsTenant = typeof header === "string" ? expandGrafanaEnv(header, env) : header;
  const rwTenants = rws.map((r) => {
    const h = Object.entries(r.headers).find(([k]) => k.toLowerCase() === "x-scope-orgid");
    return h ? String(h[1]) : undefined;
  });
  const written = rwTenants.find((t) => t !== undefined);
  if (typeof dsTenant === "string" && written !== undefined && written !== dsTenant) {
    out.push({
      message: `Tempo's metrics-generator in ${file} writes as tenant \`${written}\` (remote_write header X-Scope-OrgID), but ${dsName(target)} reads tenant \`${dsTenant}\`: the ${need.label} of ${dsName(source)} stay empty.`,
      fix: `Use the same X-Scope-OrgID on the remote_write and on ${dsName(target)}.`,
      causes: [
        ds,
        { doc: target.doc, path: [...target.path, "jsonData"] },
        ...rws.map((r) => ({ doc: i.doc, path: i.at(r.path) })),
      ],
    });
  }
  return out;
}

/**
 * What is wrong with an install's metrics-generator whatever Grafana shows: on with processors but no remote_write
 * (the metrics are computed and dropped), on without any processor, remote_write set while it is off, and a
 * remote_write to a Prometheus/Mimir that none of the documents' Grafana datasources reads. `needed`: a Tempo datasource
 * relies on it (its findings then say which processor is missing); `compared`: its remote_write was compared with the
 * metrics datasource one of them reads (that finding then says where the metrics land).
 */
function standaloneProblems(
  i: TempoInstall,
  grafanas: readonly GrafanaInstance[],
  needed: boolean,
  compared: boolean,
): (Problem & { path: PathSegments; severity: Severity })[] {
  const out: (Problem & { path: PathSegments; severity: Severity })[] = [];
  const file = i.doc.file;
  const enabled = asBoolean(i.get(ENABLED)) === true;
  const rws = remoteWrites(i);
  const procs = processors(i);
  if (enabled && rws.length === 0) {
    out.push({
      path: i.at(REMOTE_WRITE),
      severity: procs.length > 0 || needed ? "error" : "warning",
      message: `Tempo's metrics-generator in ${file} is enabled${procs.length > 0 ? ` with processors ${procs.join(", ")}` : ""} but has no remote_write (\`${fmt(i, REMOTE_WRITE)}\` is empty): the metrics it computes are never stored anywhere, so no service map or span metric can show them.`,
      fix: `Add \`${fmt(i, REMOTE_WRITE)}: [{url: <push URL of your Prometheus/Mimir, e.g. http://mimir-nginx.mimir.svc.cluster.local/api/v1/push>, send_exemplars: true}]\`, or set \`${fmt(i, ENABLED)}: false\`.`,
      causes: generatorCauses(i, ENABLED, REMOTE_WRITE),
    });
  }
  if (enabled && rws.length > 0 && procs.length === 0 && !needed) {
    out.push({
      path: i.at(ENABLED),
      severity: "warning",
      message: `Tempo's metrics-generator in ${file} is enabled and writes to a remote_write, but no processor is listed (\`${fmt(i, PROCESSORS)}\`): processors are off until listed, so it generates nothing.`,
      fix: `Set \`${fmt(i, PROCESSORS)}: [service-graphs, span-metrics]\`.`,
      causes: generatorCauses(i, ENABLED, PROCESSORS),
    });
  }
  if (!enabled && rws.length > 0 && i.has(REMOTE_WRITE)) {
    out.push({
      path: i.at(ENABLED),
      severity: "warning",
      message: `\`${fmt(i, REMOTE_WRITE)}\` is set in ${file}, but the metrics-generator is off (\`${fmt(i, ENABLED)}\` is false${i.has(ENABLED) ? "" : ", the chart default"}): nothing is written.`,
      fix: `Set \`${fmt(i, ENABLED)}: true\` (and list the processors in \`${fmt(i, PROCESSORS)}\`).`,
      causes: generatorCauses(i, ENABLED, REMOTE_WRITE),
    });
  }
  // A remote_write that no Prometheus/Mimir datasource of the documents' Grafanas reads (when any is known).
  const metricsUrls = grafanas.flatMap((g) =>
    g.datasources
      .filter((e) => e.value.type === "prometheus")
      .map((e) => asString(e.value.url))
      .filter((u): u is string => u !== undefined),
  );
  if (enabled && metricsUrls.length > 0 && !compared) {
    for (const rw of rws) {
      if (rw.url === undefined) continue;
      const verdicts = metricsUrls.map((u) => sameService(rw.url as string, u));
      if (!verdicts.every((v) => v === false)) continue;
      out.push({
        path: i.at([...rw.path, "url"]),
        severity: "warning",
        message: `Tempo's metrics-generator in ${file} writes to ${rw.url}, but no Prometheus/Mimir datasource of the Grafana in these files reads that Service (they read ${metricsUrls.join(", ")}): the service-graph and span metrics are stored where nobody looks.`,
        fix: "Point the remote_write at the Prometheus/Mimir your Grafana reads (its push URL, e.g. `/api/v1/push` of the same Mimir), or add a datasource for it.",
        causes: [{ doc: i.doc, path: i.at(rw.path) }],
      });
    }
  }
  return out;
}

export const tempoMetricsGeneratorWiring: Rule = {
  id: "tempo/metrics-generator-wiring",
  severity: "error",
  title: "A metrics-generator that cannot feed the service map or span metrics",
  docs: {
    checks:
      "Tempo's metrics-generator on its own, in every tempo-distributed (1.x–3.x) and lgtm-distributed `tempo:` values file, whether or not a Grafana is in the files: enabled with processors but no `metricsGenerator.config.storage.remote_write` (or `tempo.structuredConfig.metrics_generator.storage.remote_write`) is an error (without processors: a warning); enabled with a remote_write but no processor listed in `overrides.defaults.metrics_generator.processors` (also the legacy `overrides.metrics_generator_processors`, structuredConfig and `per_tenant_overrides`), and a remote_write while it is disabled, are warnings; a remote_write to a Service that no `prometheus` datasource of the files' Grafanas reads is a warning. Then, for every Grafana Tempo datasource with `jsonData.serviceMap` (needs `service-graphs`) or `jsonData.tracesToMetrics` without custom queries (needs `span-metrics`), each problem on its own: the generator is disabled, the processor is not listed, it writes to another Service than the referenced datasource reads, or as another tenant (X-Scope-OrgID; a datasource header given as an environment reference is resolved through the Grafana release's `env` values, and a tenant from a Secret through `envValueFrom` cannot be known and is not compared). Service map findings are errors, traces-to-metrics findings warnings. In a TempoSpec: `metricsGenerator.enabled` without `remoteWrite` (error) or without `processors` (warning), and `remoteWrite` or tenant processors while it is disabled (warning).",
    why: 'The service map and span-metric links are Prometheus queries over metrics only the metrics-generator produces. It is off by default, its processors are off until listed in overrides, metrics without a remote_write are dropped, and metrics written elsewhere (or to another tenant) are invisible: Grafana shows "No service graph data".',
    fix: "Enable `metricsGenerator`, add `metricsGenerator.config.storage.remote_write` to the Mimir/Prometheus the datasource reads, and list `service-graphs` and `span-metrics` in `overrides.defaults.metrics_generator.processors`.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const installs = tempoInstalls(ctx);
    if (installs.length === 0) return out;
    const grafanas = grafanaInstances(ctx);
    const needed = new Set<TempoInstall>();
    const compared = new Set<TempoInstall>();
    for (const g of grafanas) {
      const env = grafanaEnvironment(g);
      for (const { e } of tempoDatasources([g])) {
        const json = isRecord(e.value.jsonData) ? e.value.jsonData : {};
        for (const need of NEEDS) {
          const cfg = json[need.field];
          if (!isRecord(cfg)) continue;
          if (need.field === "tracesToMetrics" && Array.isArray(cfg.queries) && cfg.queries.length > 0) continue;
          const uid = asString(cfg.datasourceUid);
          const target = g.datasources.find((t) => asString(t.value.uid) === uid);
          for (const i of installs) needed.add(i);
          const problems = installs.map((i) => generatorProblems(i, need, target, e, env, compared));
          // Wired when one install serves it (a generator without remote_write is reported on its own, below).
          if (problems.some((p, n) => p.length === 0 && remoteWrites(installs[n] as TempoInstall).length > 0)) continue;
          for (const p of problems.flat()) {
            out.push(
              finding(this, e.doc, [...e.path, "jsonData", need.field], {
                message: `${p.message}${provided(e) ? ` (Datasource${provided(e)}.)` : ""}`,
                fix: p.fix,
                severity: need.field === "serviceMap" ? "error" : "warning",
                causes: p.causes,
              }),
            );
          }
        }
      }
    }
    for (const i of installs) {
      for (const p of standaloneProblems(i, grafanas, needed.has(i), compared.has(i))) {
        out.push(
          finding(this, i.doc, p.path, { message: p.message, fix: p.fix, severity: p.severity, causes: p.causes }),
        );
      }
    }
    return out;
  },
};

export const datasourceTempoStreaming: Rule = {
  id: "datasource/tempo-streaming-disabled",
  severity: "error",
  title: "Grafana streams TraceQL while Tempo's streaming over HTTP is off",
  docs: {
    checks:
      "Tempo datasources with `jsonData.streamingEnabled.search` or `.metrics` true, against the effective `streamOverHTTPEnabled` of every Tempo install (chart default false; `tempo.structuredConfig.stream_over_http_enabled` wins).",
    why: 'With streaming off Tempo serves no `/tempopb.StreamingQuerier/` endpoint (and the gateway has no route for it): streamed searches fail with "Unimplemented" / 404 in Grafana (grafana/grafana#92179).',
    fix: "Set `streamOverHTTPEnabled: true` in the Tempo values, or turn streaming off on the datasource.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const installs = tempoInstalls(ctx);
    if (installs.length === 0) return out;
    const streamingOn = (i: TempoInstall) =>
      (asBoolean(getPath(i.get(["tempo", "structuredConfig"]), ["stream_over_http_enabled"])) ??
        asBoolean(i.get(["streamOverHTTPEnabled"]))) === true;
    if (installs.some(streamingOn)) return out;
    const i = installs[0] as TempoInstall;
    for (const { e } of tempoDatasources(grafanaInstances(ctx))) {
      const s = getPath(e.value, ["jsonData", "streamingEnabled"]);
      if (!isRecord(s) || !(asBoolean(s.search) === true || asBoolean(s.metrics) === true)) continue;
      out.push(
        finding(this, e.doc, [...e.path, "jsonData", "streamingEnabled"], {
          message: `Tempo datasource ${dsName(e)} streams queries, but \`${fmt(i, ["streamOverHTTPEnabled"])}\` is false${i.has(["streamOverHTTPEnabled"]) ? "" : " (chart default)"} in ${i.doc.file}: streamed searches fail.`,
          fix: `Set \`${fmt(i, ["streamOverHTTPEnabled"])}: true\` in ${i.doc.file}, or remove \`jsonData.streamingEnabled\`.`,
        }),
      );
    }
    return out;
  },
};

export const datasourceMissingTenantHeader: Rule = {
  id: "datasource/missing-tenant-header",
  severity: "error",
  title: "Tempo multitenancy is on but a Tempo datasource sends no X-Scope-OrgID",
  docs: {
    checks:
      "When any Tempo install has multitenancy on (effective `multitenancyEnabled`, or `tempo.structuredConfig.multitenancy_enabled`), every Tempo datasource sets `jsonData.httpHeaderNameN: X-Scope-OrgID` with a `secureJsonData.httpHeaderValueN`.",
    why: 'A multitenant Tempo rejects every request without a tenant: Grafana shows "no org id" (grafana/tempo#3512).',
    fix: "Add `jsonData.httpHeaderName1: X-Scope-OrgID` and `secureJsonData.httpHeaderValue1: <tenant>` to the Tempo datasource.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const mt = tempoInstalls(ctx).find(multitenant);
    if (!mt) return out;
    for (const { e } of tempoDatasources(grafanaInstances(ctx))) {
      const h = datasourceHeader(e, "X-Scope-OrgID");
      if (typeof h === "string" && h !== "") continue;
      out.push(
        finding(this, e.doc, [...e.path, "jsonData"], {
          message: `Tempo in ${mt.doc.file} is multitenant (\`${fmt(mt, ["multitenancyEnabled"])}\`), but Tempo datasource ${dsName(e)}${provided(e)} ${h === null ? "names X-Scope-OrgID without a value" : "sends no X-Scope-OrgID header"}: every query fails with "no org id".`,
          fix: "Add `jsonData.httpHeaderName1: X-Scope-OrgID` and `secureJsonData.httpHeaderValue1: <tenant>`.",
        }),
      );
    }
    return out;
  },
};

/** Rules that connect Tempo values with the Grafana datasources of other documents. */
export const WIRING_RULES: readonly Rule[] = [
  tempoMetricsGeneratorWiring,
  datasourceTempoStreaming,
  datasourceMissingTenantHeader,
];
