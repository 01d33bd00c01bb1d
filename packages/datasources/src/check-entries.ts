import { type Diagnostic, formatPath, isRecord } from "@lgtm-gitops/diagnostics";
import { REFERENCE_FIELDS } from "./datasource-types.js";
import { entrySchemaFor } from "./entry-schema.js";
import { type Escaping, findUnescapedDollars, isExpanderReference, parseEnvReference } from "./escaping.js";
import { safeUidFromName } from "./safe-uid.js";

type Segment = string | number;

/** A datasource that exists without being in the checked entries (chart-provided, or from another file). */
export interface KnownDatasource {
  readonly name: string;
  readonly uid: string;
  readonly type: string;
  /** @default 1 */
  readonly orgId?: number | undefined;
  /** @default false */
  readonly isDefault?: boolean | undefined;
  /** Where it comes from, for messages, e.g. `kube-prometheus-stack`. */
  readonly chart?: string | undefined;
}

/** Options of {@link checkDatasourceEntries}. */
export interface CheckDatasourceEntriesOptions {
  /** Path of the list in its document, e.g. `["grafana", "additionalDataSources"]`; diagnostics are below it. */
  readonly basePath: readonly Segment[];
  /** Datasources the chart provisions itself (kube-prometheus-stack `Prometheus`…), or other files' entries. */
  readonly chartProvided?: readonly KnownDatasource[] | undefined;
  /**
   * Datasources that links may point at but that are checked elsewhere (other files of the same provisioning
   * directory, reported there); they do not count for uniqueness or defaults here. @default []
   */
  readonly resolvable?: readonly KnownDatasource[] | undefined;
  /**
   * How the strings were escaped for where they are written: `helm` and `file` outputs are expanded by
   * Grafana (`$` must be `$$`), `none` (grafana-operator, HTTP API) is not. @default "none"
   */
  readonly escaping?: Escaping | undefined;
}

/**
 * Every rule id this package reports, with what it catches (the validators package owns the full docs).
 */
export const DATASOURCE_RULES = {
  "datasource/invalid-entry": "an entry or field has the wrong shape or value (zod)",
  "datasource/invalid-uid": "uid is not 1-40 of [a-zA-Z0-9_-]",
  "datasource/duplicate-name": "two datasources of one org share a name",
  "datasource/duplicate-uid": "two datasources of one org share a uid (explicit or derived from the name)",
  "datasource/multiple-defaults": "more than one isDefault per org, counting chart-provided datasources",
  "datasource/dangling-uid": "a link's uid matches no datasource of the org",
  "datasource/wrong-type-uid": "a link points at a datasource of a type it cannot use",
  "datasource/header-gap": "custom headers are not numbered 1, 2, 3 … without gaps",
  "datasource/header-missing-value": "a custom header name has no secureJsonData value",
  "datasource/header-value-in-jsondata": "a custom header value sits in jsonData, where Grafana never reads it",
  "datasource/literal-header-value": "a custom header value is written literally instead of from a Secret/env",
  "datasource/literal-secret": "a secure value or legacy password field is written literally",
  "datasource/unescaped-dollar": "a $ Grafana's provisioning would expand (write $$)",
  "datasource/deprecated-field": "tracesToLogs v1, lokiSearch or string timeRangeForTags",
  "datasource/url-path": "Tempo URL with a path or wrong port, Mimir URL without /prometheus, or no absolute URL",
  "datasource/api-version": "a provisioning file without apiVersion: 1",
  "datasource/missing-url": "lgtm() cannot derive a URL for a tempo-distributed install",
  "datasource/env-conflict": "one environment variable would carry two different values",
  "datasource/invalid-env-name": "an environment reference that is not a valid variable name",
  "datasource/env-unsupported-target": "an env reference emitted for the grafana-operator, which expands none",
  "datasource/unsupported-field": "a field the emit target cannot express (e.g. correlations in a GrafanaDatasource)",
} as const;

/** A datasource rule id. */
export type DatasourceRuleId = keyof typeof DATASOURCE_RULES;

/** Every rule id this package reports. */
export const DATASOURCE_RULE_IDS = Object.keys(DATASOURCE_RULES) as DatasourceRuleId[];

interface Seen {
  readonly name: string;
  readonly uid: string;
  readonly type: string;
  readonly where: string;
  readonly isDefault: boolean;
}

function expand(value: unknown, path: readonly string[], at: Segment[] = []): { path: Segment[]; value: unknown }[] {
  if (path.length === 0) return [{ path: at, value }];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === "*") {
    if (!Array.isArray(value)) return [];
    return value.flatMap((v, i) => expand(v, rest, [...at, i]));
  }
  if (!isRecord(value) || !Object.hasOwn(value, head)) return [];
  return expand(value[head], rest, [...at, head]);
}

function walkStrings(value: unknown, at: Segment[], visit: (s: string, path: Segment[]) => void): void {
  if (typeof value === "string") visit(value, at);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkStrings(v, [...at, i], visit);
  } else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, [...at, k], visit);
}

const isReference = (v: string) => parseEnvReference(v) !== undefined || isExpanderReference(v);

/**
 * Checks datasource entries in their untyped form (parsed YAML/JSON) for what Grafana only finds out at
 * start-up, or never: invalid or duplicate uids and names, several defaults per org (counting
 * `chartProvided`), links whose uid resolves to nothing or to the wrong kind of datasource (an entry
 * without uid is found under the uid Grafana derives from its name), custom headers with gaps or with
 * values outside `secureJsonData` or written literally, and `$` Grafana would expand.
 *
 * Never throws. Paths are `basePath` + index + field, e.g.
 * `grafana.additionalDataSources[2].jsonData.serviceMap.datasourceUid`.
 */
export function checkDatasourceEntries(
  entries: readonly unknown[],
  options: CheckDatasourceEntriesOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const escaping = options.escaping ?? "none";
  const at = (...rest: Segment[]): Segment[] => [...options.basePath, ...rest];
  const push = (d: Diagnostic) => out.push(d);

  const byOrg = new Map<number, { names: Map<string, Seen>; uids: Map<string, Seen>; defaults: Seen[] }>();
  const org = (id: number) => {
    let o = byOrg.get(id);
    if (!o) {
      o = { names: new Map(), uids: new Map(), defaults: [] };
      byOrg.set(id, o);
    }
    return o;
  };

  for (const known of options.chartProvided ?? []) {
    const seen: Seen = {
      name: known.name,
      uid: known.uid,
      type: known.type,
      where: `${known.chart ?? "chart"}'s own datasource "${known.name}"`,
      isDefault: known.isDefault ?? false,
    };
    const o = org(known.orgId ?? 1);
    o.names.set(known.name, seen);
    o.uids.set(known.uid, seen);
    if (seen.isDefault) o.defaults.push(seen);
  }

  // Pass 1: shape, identity, uniqueness, defaults.
  const resolved: { entry: Record<string, unknown>; index: number; orgId: number; type: string }[] = [];
  entries.forEach((entry, index) => {
    if (!isRecord(entry)) {
      push({
        ruleId: "datasource/invalid-entry",
        severity: "error",
        path: at(index),
        message: `Datasource entry ${index} is not a mapping, so Grafana cannot read it.`,
        fix: "Write each datasource as a mapping with at least name and type.",
      });
      return;
    }
    const parsed = entrySchemaFor(entry.type).safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is Segment => typeof p !== "symbol");
        const isUid = path.length === 1 && path[0] === "uid";
        push({
          ruleId: isUid ? "datasource/invalid-uid" : "datasource/invalid-entry",
          severity: "error",
          path: at(index, ...path),
          message: isUid
            ? `uid ${JSON.stringify(entry.uid)} is not a valid Grafana uid: ${issue.message}. Grafana rewrites or rejects it, and links to it break.`
            : `${path.length ? formatPath(path) : "entry"}: ${issue.message}`,
          ...(isUid ? { fix: "Use at most 40 letters, digits, '-' or '_', e.g. a lower-case slug of the name." } : {}),
        });
      }
    }
    const name = typeof entry.name === "string" ? entry.name : undefined;
    const type = typeof entry.type === "string" ? entry.type : "";
    const orgId = typeof entry.orgId === "number" && entry.orgId >= 1 ? entry.orgId : 1;
    const explicitUid = typeof entry.uid === "string" && entry.uid !== "" ? entry.uid : undefined;
    const uid = explicitUid ?? (name !== undefined ? safeUidFromName(name) : undefined);
    resolved.push({ entry, index, orgId, type });
    if (name === undefined || uid === undefined) return;
    const seen: Seen = { name, uid, type, where: formatPath(at(index)), isDefault: entry.isDefault === true };
    const o = org(orgId);
    const sameName = o.names.get(name);
    if (sameName) {
      push({
        ruleId: "datasource/duplicate-name",
        severity: "error",
        path: at(index, "name"),
        message: `Datasource name "${name}" is already used in org ${orgId} by ${sameName.where}. Grafana provisions by name, so one silently overwrites the other (in no fixed order).`,
        fix: "Give every datasource of an org its own name.",
      });
    } else o.names.set(name, seen);
    const sameUid = o.uids.get(uid);
    if (sameUid) {
      push({
        ruleId: "datasource/duplicate-uid",
        severity: "error",
        path: at(index, explicitUid !== undefined ? "uid" : "name"),
        message:
          explicitUid !== undefined
            ? `uid "${uid}" is already used in org ${orgId} by ${sameUid.where}. Grafana fails provisioning with "data source with the same uid already exists".`
            : `This entry has no uid, so Grafana derives "${uid}" from its name, which ${sameUid.where} already uses.`,
        fix: "Give every datasource of an org its own uid.",
      });
    } else o.uids.set(uid, seen);
    if (seen.isDefault) {
      const first = o.defaults[0];
      if (first) {
        const chartFix = first.where.includes("kube-prometheus-stack")
          ? " For kube-prometheus-stack's own Prometheus, set grafana.sidecar.datasources.isDefaultDatasource: false."
          : "";
        push({
          ruleId: "datasource/multiple-defaults",
          severity: "error",
          path: at(index, "isDefault"),
          message: `"${name}" is marked isDefault, but ${first.where} already is the default of org ${orgId}. Grafana refuses the whole provisioning: "Only one datasource per organization can be marked as default".`,
          fix: `Keep isDefault: true on one datasource only.${chartFix}`,
        });
      }
      o.defaults.push(seen);
    }
  });

  const lookup = (orgId: number, uid: string): Seen | undefined => {
    const hit = org(orgId).uids.get(uid);
    if (hit) return hit;
    const other = options.resolvable?.find((k) => k.uid === uid && (k.orgId ?? 1) === orgId);
    return other && { name: other.name, uid: other.uid, type: other.type, where: `"${other.name}"`, isDefault: false };
  };

  // Pass 2: references, headers, escaping, deprecations.
  for (const { entry, index, orgId, type } of resolved) {
    const o = org(orgId);
    for (const field of REFERENCE_FIELDS) {
      if (field.owner !== "*" && field.owner !== type) continue;
      for (const ref of expand(entry, field.path)) {
        const uid = ref.value;
        if (typeof uid !== "string" || uid === "") continue;
        const target = lookup(orgId, uid);
        if (!target) {
          const byName = [...o.names.values()].find((s) => s.name.toLowerCase() === uid.toLowerCase());
          push({
            ruleId: "datasource/dangling-uid",
            severity: "error",
            path: at(index, ...ref.path),
            message: `The ${field.label} link points at uid "${uid}", but no datasource in org ${orgId} has that uid${byName ? ` (${byName.where} is named "${byName.name}" but has uid "${byName.uid}")` : ""}. Grafana shows no link.`,
            fix: byName
              ? `Add uid: ${uid} to ${byName.where}, or point the link at "${byName.uid}".`
              : "Point the link at the uid of an existing datasource, or give the target datasource that uid.",
          });
          continue;
        }
        if (field.allowed !== "any" && !field.allowed.includes(target.type)) {
          push({
            ruleId: "datasource/wrong-type-uid",
            severity: "error",
            path: at(index, ...ref.path),
            message: `The ${field.label} link points at "${target.name}" (type ${target.type}), but it must be a ${field.allowed.join(" / ")} datasource.`,
            fix: `Point it at a datasource of type ${field.allowed.join(" or ")}.`,
          });
        }
      }
    }
    checkHeaders(entry, index, at, push);
    checkSecrets(entry, index, at, push);
    if (escaping !== "none") {
      walkStrings(entry, [index], (s, path) => {
        // Helm evaluates {{ … }} before Grafana sees the file: `$` inside an action is Helm's, not Grafana's.
        const probe = escaping === "helm" ? s.replace(/\{\{.*?\}\}/gs, (m) => " ".repeat(m.length)) : s;
        const bad = findUnescapedDollars(probe);
        if (bad.length === 0) return;
        const fixAt = new Set(bad.map((b) => b.index));
        const fixed = [...s].map((c, i) => (fixAt.has(i) ? "$$" : c)).join("");
        push({
          ruleId: "datasource/unescaped-dollar",
          severity: "error",
          path: at(...path),
          message: `Grafana expands ${bad.map((b) => b.text).join(", ")} as environment variable${bad.length > 1 ? "s" : ""} when it reads the provisioning file, so the value ends up without ${bad.length > 1 ? "them" : "it"}.`,
          fix: `Write every literal $ as $$: ${JSON.stringify(fixed)}`,
        });
      });
    }
    checkDeprecated(entry, index, type, at, push);
    checkUrl(entry, index, type, at, push);
  }
  return out;
}

type At = (...rest: Segment[]) => Segment[];
type Push = (d: Diagnostic) => void;

function checkHeaders(entry: Record<string, unknown>, index: number, at: At, push: Push): void {
  const jsonData = isRecord(entry.jsonData) ? entry.jsonData : {};
  const secure = isRecord(entry.secureJsonData) ? entry.secureJsonData : {};
  const names = new Map<number, string>();
  for (const key of Object.keys(jsonData)) {
    const m = /^httpHeaderName(\d+)$/.exec(key);
    if (m?.[1]) {
      const n = Number(m[1]);
      if (String(n) !== m[1] || n === 0) {
        push({
          ruleId: "datasource/header-gap",
          severity: "error",
          path: at(index, "jsonData", key),
          message: `Grafana reads httpHeaderName1, httpHeaderName2, … and never "${key}", so this header is not sent.`,
          fix: "Number custom headers 1, 2, 3 … without leading zeros.",
        });
      } else names.set(n, key);
    }
    const v = /^httpHeaderValue(\d+)$/.exec(key);
    if (v) {
      push({
        ruleId: "datasource/header-value-in-jsondata",
        severity: "error",
        path: at(index, "jsonData", key),
        message: `Grafana reads header values only from secureJsonData, so ${key} in jsonData is ignored and the header goes out empty. It also stores the value unencrypted.`,
        fix: `Move it to secureJsonData.${key}, as an environment reference such as \${HEADER_VALUE} filled from a Secret.`,
      });
    }
  }
  const max = Math.max(0, ...names.keys());
  for (let n = 1; n <= max; n++) {
    if (!names.has(n)) {
      const after = [...names.keys()].filter((k) => k > n).sort((a, b) => a - b);
      push({
        ruleId: "datasource/header-gap",
        severity: "error",
        path: at(index, "jsonData", `httpHeaderName${after[0] ?? n}`),
        message: `Custom headers must be numbered from 1 without gaps: httpHeaderName${n} is missing, and Grafana stops reading at the first gap, so ${after.map((k) => `httpHeaderName${k}`).join(", ")} ${after.length > 1 ? "are" : "is"} never sent.`,
        fix: "Renumber the headers 1, 2, 3 … (the value index must match the name index).",
      });
      break;
    }
  }
  for (const [n, key] of names) {
    if (!(`httpHeaderValue${n}` in secure)) {
      push({
        ruleId: "datasource/header-missing-value",
        severity: "warning",
        path: at(index, "jsonData", key),
        message: `Header ${JSON.stringify(jsonData[key])} has no secureJsonData.httpHeaderValue${n}, so Grafana sends it empty.`,
        fix: `Add secureJsonData.httpHeaderValue${n} as an environment reference filled from a Secret.`,
      });
    }
  }
  for (const [key, value] of Object.entries(secure)) {
    if (!/^httpHeaderValue\d+$/.test(key) || typeof value !== "string") continue;
    if (isReference(value)) continue;
    push({
      ruleId: "datasource/literal-header-value",
      severity: "error",
      path: at(index, "secureJsonData", key),
      message: `The value of a custom header is written literally in the values, so it is in Git and in the Helm release for everyone who can read them.`,
      fix: "Reference it instead: ${ENV_NAME} with the variable set from a Secret (grafana envValueFrom / envFromSecret), or $__file{/path} of a mounted Secret.",
    });
  }
}

function checkSecrets(entry: Record<string, unknown>, index: number, at: At, push: Push): void {
  const secure = isRecord(entry.secureJsonData) ? entry.secureJsonData : {};
  for (const [key, value] of Object.entries(secure)) {
    if (/^httpHeaderValue\d+$/.test(key) || typeof value !== "string" || isReference(value)) continue;
    push({
      ruleId: "datasource/literal-secret",
      severity: "warning",
      path: at(index, "secureJsonData", key),
      message: `secureJsonData.${key} is written literally, so the secret is readable in Git and in the Helm release.`,
      fix: "Reference it instead: ${ENV_NAME} set from a Secret, or $__file{/path} of a mounted Secret.",
    });
  }
  for (const key of ["password", "basicAuthPassword"]) {
    if (typeof entry[key] === "string") {
      push({
        ruleId: "datasource/literal-secret",
        severity: "error",
        path: at(index, key),
        message: `"${key}" is the removed plaintext password field: current Grafana ignores it, and it exposes the password.`,
        fix: `Use secureJsonData.${key === "password" ? "password" : "basicAuthPassword"} with an environment reference set from a Secret.`,
      });
    }
  }
}

function checkDeprecated(entry: Record<string, unknown>, index: number, type: string, at: At, push: Push): void {
  if (type !== "tempo" || !isRecord(entry.jsonData)) return;
  const jd = entry.jsonData;
  if (isRecord(jd.tracesToLogs)) {
    const v2 = isRecord(jd.tracesToLogsV2) ? jd.tracesToLogsV2 : undefined;
    const disagree = v2 !== undefined && v2.datasourceUid !== jd.tracesToLogs.datasourceUid;
    push({
      ruleId: "datasource/deprecated-field",
      severity: disagree ? "error" : "warning",
      path: at(index, "jsonData", "tracesToLogs"),
      message: disagree
        ? "tracesToLogs (v1) and tracesToLogsV2 point at different datasources; Grafana silently uses tracesToLogsV2 only."
        : "tracesToLogs is the deprecated v1 form; Grafana only converts it on read, and ignores it whenever tracesToLogsV2 is set.",
      fix: "Write tracesToLogsV2 (tags as {key, value} pairs) and remove tracesToLogs.",
    });
  }
  if (isRecord(jd.lokiSearch)) {
    push({
      ruleId: "datasource/deprecated-field",
      severity: "warning",
      path: at(index, "jsonData", "lokiSearch"),
      message: "lokiSearch has had no effect since Grafana 11 removed the Loki search tab.",
      fix: "Remove lokiSearch; use tracesToLogsV2 for trace → logs links.",
    });
  }
  if (typeof jd.timeRangeForTags === "string") {
    push({
      ruleId: "datasource/deprecated-field",
      severity: "warning",
      path: at(index, "jsonData", "timeRangeForTags"),
      message: "timeRangeForTags is a string; Tempo datasources before mid-2026 only understand a number of seconds.",
      fix: "Write seconds as a number: 1800, 10800, 86400, 259200 or 604800.",
    });
  }
}

function checkUrl(entry: Record<string, unknown>, index: number, type: string, at: At, push: Push): void {
  if (typeof entry.url !== "string" || entry.url.includes("{{") || entry.url.includes("$")) return;
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    push({
      ruleId: "datasource/url-path",
      severity: "error",
      path: at(index, "url"),
      message: `${JSON.stringify(entry.url)} is not an absolute URL, so Grafana cannot reach the datasource.`,
      fix: "Write scheme, host and port, e.g. http://<service>.<namespace>.svc.cluster.local:3200.",
    });
    return;
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (type === "tempo") {
    if (path !== "") {
      push({
        ruleId: "datasource/url-path",
        severity: "warning",
        path: at(index, "url"),
        message: `The Tempo URL ends in "${path}"; Grafana appends /api/… itself, so this gives "Tempo echo endpoint returned status 404" (only Grafana Cloud uses /tempo).`,
        fix: `Use ${url.origin}.`,
      });
    }
    if (url.hostname.includes("query-frontend") && url.port !== "3200") {
      push({
        ruleId: "datasource/url-path",
        severity: "warning",
        path: at(index, "url"),
        message: `The Tempo query-frontend serves HTTP on port 3200, but the URL uses ${url.port === "" ? "the default port" : `port ${url.port}`}.`,
        fix: "Use port 3200 for the query-frontend (or the gateway on port 80).",
      });
    }
  }
  if (type === "prometheus") {
    const jd = isRecord(entry.jsonData) ? entry.jsonData : {};
    const mimir = jd.prometheusType === "Mimir" || /mimir/i.test(url.hostname);
    if (mimir && path !== "/prometheus") {
      push({
        ruleId: "datasource/url-path",
        severity: "warning",
        path: at(index, "url"),
        message: `Mimir serves the Prometheus API under /prometheus, but this URL's path is "${path || "/"}".`,
        fix: `Use ${url.origin}/prometheus.`,
      });
    }
  }
}
