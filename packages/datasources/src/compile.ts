import { type Diagnostic, formatPath, setOwn } from "@lgtm-gitops/diagnostics";
import {
  type CommonDatasourceOptions,
  type Datasource,
  type LokiDatasourceOptions,
  type PrometheusDatasourceOptions,
  resolveTarget,
  type Target,
  type TempoDatasourceOptions,
} from "./builders.js";
import type { SecureSource, SecureValue } from "./secure-value.js";
import { secureSource } from "./secure-value.js";

/** A secure value in a compiled tree; each emitter decides how to write it. */
export class SecureMarker {
  constructor(
    /** Where the value comes from. */
    readonly source: SecureSource,
  ) {}
}

/** A datasource compiled to the shape of a provisioning entry, secure values still as markers. */
export interface CompiledDatasource {
  readonly datasource: Datasource;
  /** Entry fields; strings are literal (unescaped), secure values are {@link SecureMarker}s. */
  readonly tree: Record<string, unknown>;
}

function clean(value: unknown): unknown {
  if (value instanceof SecureMarker) return value;
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const c = clean(v);
      if (c !== null && typeof c === "object" && !Array.isArray(c) && !(c instanceof SecureMarker)) {
        if (Object.keys(c).length === 0 && (k === "jsonData" || k === "secureJsonData")) continue;
      }
      setOwn(out, k, c);
    }
    return out;
  }
  return value;
}

class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly ds: Datasource,
    private readonly index: number,
  ) {}

  uid(target: Target<Datasource> | undefined, path: readonly (string | number)[]): string | undefined {
    if (target === undefined) return undefined;
    try {
      const t = resolveTarget(target);
      if (t && typeof t.uid === "string") return t.uid;
    } catch {
      // fall through: reported below
    }
    this.diagnostics.push({
      ruleId: "datasource/dangling-uid",
      severity: "error",
      path: ["datasources", this.index, ...path],
      message: `The link of "${this.ds.name}" at ${formatPath(path)} could not be resolved: its target function threw or returned no datasource.`,
      fix: "Pass the datasource object, or a function that returns an already created one.",
    });
    return undefined;
  }

  secure(value: SecureValue | undefined, field: string): SecureMarker | undefined {
    return value === undefined ? undefined : new SecureMarker(secureSource(value, this.ds.name, field));
  }

  common(o: CommonDatasourceOptions): {
    entry: Record<string, unknown>;
    jsonData: Record<string, unknown>;
    secure: Record<string, unknown>;
  } {
    const secure: Record<string, unknown> = {};
    const jsonData: Record<string, unknown> = { ...(o.jsonData ?? {}) };
    if (o.timeout !== undefined) jsonData.timeout = o.timeout;
    if (o.tls) {
      jsonData.tlsSkipVerify = o.tls.skipVerify;
      jsonData.serverName = o.tls.serverName;
      if (o.tls.clientCert !== undefined || o.tls.clientKey !== undefined) jsonData.tlsAuth = true;
      if (o.tls.caCert !== undefined) jsonData.tlsAuthWithCACert = true;
      secure.tlsCACert = this.secure(o.tls.caCert, "tlsCACert");
      secure.tlsClientCert = this.secure(o.tls.clientCert, "tlsClientCert");
      secure.tlsClientKey = this.secure(o.tls.clientKey, "tlsClientKey");
    }
    if (o.keepCookies) jsonData.keepCookies = [...o.keepCookies];
    jsonData.oauthPassThru = o.oauthPassThru;
    jsonData.manageAlerts = o.manageAlerts;
    jsonData.alertmanagerUid = this.uid(o.alertmanager, ["jsonData", "alertmanagerUid"]);
    (o.headers ?? []).forEach((h, i) => {
      jsonData[`httpHeaderName${i + 1}`] = h.name;
      secure[`httpHeaderValue${i + 1}`] = this.secure(h.value, `httpHeaderValue${i + 1}`);
    });
    let basicAuthUser: unknown;
    if (o.basicAuth) {
      const user = o.basicAuth.user;
      basicAuthUser =
        typeof user === "string" && !/^\$\{.*\}$/.test(user) ? user : this.secure(user as SecureValue, "basicAuthUser");
      secure.basicAuthPassword = this.secure(o.basicAuth.password, "basicAuthPassword");
    }
    const entry: Record<string, unknown> = {
      name: this.ds.name,
      type: this.ds.type,
      uid: this.ds.uid,
      orgId: o.orgId,
      access: o.access ?? "proxy",
      url: o.url,
      user: o.user,
      database: o.database,
      basicAuth: o.basicAuth ? true : undefined,
      basicAuthUser,
      withCredentials: o.withCredentials,
      isDefault: this.ds.isDefault,
      editable: o.editable,
      version: o.version,
    };
    if (o.correlations) {
      entry.correlations = o.correlations.map((c, i) => ({
        targetUID: this.uid(c.target, ["correlations", i, "targetUID"]),
        label: c.label,
        description: c.description,
        type: c.type ?? "query",
        config: c.config ? { ...c.config } : undefined,
      }));
    }
    return { entry, jsonData, secure };
  }

  loki(o: LokiDatasourceOptions, jsonData: Record<string, unknown>): void {
    jsonData.maxLines = o.maxLines;
    if (o.derivedFields) {
      jsonData.derivedFields = o.derivedFields.map((f, i) => ({
        name: f.name,
        matcherType: f.matcherType,
        matcherRegex: f.matcherRegex,
        url: f.url,
        urlDisplayLabel: f.urlDisplayLabel,
        datasourceUid: this.uid(f.datasource, ["jsonData", "derivedFields", i, "datasourceUid"]),
        targetBlank: f.targetBlank,
      }));
    }
  }

  prometheus(o: PrometheusDatasourceOptions, jsonData: Record<string, unknown>): void {
    Object.assign(jsonData, {
      httpMethod: o.httpMethod,
      timeInterval: o.timeInterval,
      queryTimeout: o.queryTimeout,
      prometheusType: o.prometheusType,
      prometheusVersion: o.prometheusVersion,
      cacheLevel: o.cacheLevel,
      incrementalQuerying: o.incrementalQuerying,
      incrementalQueryOverlapWindow: o.incrementalQueryOverlapWindow,
      disableRecordingRules: o.disableRecordingRules,
      allowAsRecordingRulesTarget: o.allowAsRecordingRulesTarget,
      defaultEditor: o.defaultEditor,
      disableMetricsLookup: o.disableMetricsLookup,
      customQueryParameters: o.customQueryParameters,
      seriesEndpoint: o.seriesEndpoint,
      seriesLimit: o.seriesLimit,
    });
    if (o.exemplarTraceIdDestinations) {
      jsonData.exemplarTraceIdDestinations = o.exemplarTraceIdDestinations.map((d, i) => ({
        name: d.name,
        datasourceUid: this.uid(d.datasource, ["jsonData", "exemplarTraceIdDestinations", i, "datasourceUid"]),
        url: d.url,
        urlDisplayLabel: d.urlDisplayLabel,
      }));
    }
  }

  tempo(o: TempoDatasourceOptions, jsonData: Record<string, unknown>): void {
    const tags = (t: readonly { key: string; value?: string | undefined }[] | undefined) =>
      t?.map((x) => ({ key: x.key, value: x.value }));
    if (o.tracesToLogs) {
      const l = o.tracesToLogs;
      jsonData.tracesToLogsV2 = {
        datasourceUid: this.uid(l.datasource, ["jsonData", "tracesToLogsV2", "datasourceUid"]),
        tags: tags(l.tags),
        spanStartTimeShift: l.spanStartTimeShift,
        spanEndTimeShift: l.spanEndTimeShift,
        filterByTraceID: l.filterByTraceID,
        filterBySpanID: l.filterBySpanID,
        customQuery: l.query !== undefined,
        query: l.query,
      };
    }
    if (o.tracesToMetrics) {
      const m = o.tracesToMetrics;
      jsonData.tracesToMetrics = {
        datasourceUid: this.uid(m.datasource, ["jsonData", "tracesToMetrics", "datasourceUid"]),
        tags: tags(m.tags),
        spanStartTimeShift: m.spanStartTimeShift,
        spanEndTimeShift: m.spanEndTimeShift,
        queries: m.queries?.map((q) => ({ name: q.name, query: q.query })),
      };
    }
    if (o.tracesToProfiles) {
      const p = o.tracesToProfiles;
      jsonData.tracesToProfiles = {
        datasourceUid: this.uid(p.datasource, ["jsonData", "tracesToProfiles", "datasourceUid"]),
        tags: tags(p.tags),
        profileTypeId: p.profileTypeId,
        customQuery: p.query !== undefined,
        query: p.query,
      };
    }
    if (o.serviceMap) {
      jsonData.serviceMap = {
        datasourceUid: this.uid(o.serviceMap.datasource, ["jsonData", "serviceMap", "datasourceUid"]),
      };
    }
    if (o.nodeGraph !== undefined) jsonData.nodeGraph = { enabled: o.nodeGraph };
    if (o.search) {
      jsonData.search = { hide: o.search.hide, filters: o.search.filters?.map((f) => ({ ...f })) };
    }
    if (o.traceQuery) jsonData.traceQuery = { ...o.traceQuery };
    if (o.spanBar) jsonData.spanBar = { ...o.spanBar };
    if (o.streamingEnabled) jsonData.streamingEnabled = { ...o.streamingEnabled };
    jsonData.tagLimit = o.tagLimit;
    jsonData.timeRangeForTags = o.timeRangeForTags;
  }
}

/** Compiles one datasource (not chart-provided ones) into an entry tree. `index` is used in diagnostic paths. */
export function compileDatasource(
  ds: Datasource,
  index: number,
): { tree: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const c = new Compiler(ds, index);
  const def = ds.definition;
  if (def.kind === "chart-provided") return { tree: {}, diagnostics: [] };
  const { entry, jsonData, secure } = c.common(def.options);
  if (def.kind === "loki") c.loki(def.options, jsonData);
  else if (def.kind === "prometheus") c.prometheus(def.options, jsonData);
  else if (def.kind === "tempo") c.tempo(def.options, jsonData);
  const tree = clean({ ...entry, jsonData, secureJsonData: secure }) as Record<string, unknown>;
  return { tree, diagnostics: c.diagnostics };
}

/** Walks a compiled tree, escaping literal strings and rendering secure markers. */
export function renderTree(
  value: unknown,
  escapeString: (s: string) => string,
  marker: (m: SecureMarker, path: readonly (string | number)[]) => string,
  path: readonly (string | number)[] = [],
): unknown {
  if (value instanceof SecureMarker) return marker(value, path);
  if (typeof value === "string") return escapeString(value);
  if (Array.isArray(value)) return value.map((v, i) => renderTree(v, escapeString, marker, [...path, i]));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, renderTree(v, escapeString, marker, [...path, k]));
    return out;
  }
  return value;
}

/** Every secure marker of a tree with its path. */
export function collectMarkers(
  value: unknown,
  path: readonly (string | number)[] = [],
): { marker: SecureMarker; path: (string | number)[] }[] {
  if (value instanceof SecureMarker) return [{ marker: value, path: [...path] }];
  if (Array.isArray(value)) return value.flatMap((v, i) => collectMarkers(v, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => collectMarkers(v, [...path, k]));
  }
  return [];
}
