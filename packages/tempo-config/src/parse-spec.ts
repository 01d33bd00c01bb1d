import { RECEIVERS } from "@lgtm-gitops/charts";
import {
  closestKey,
  type Diagnostic,
  fail,
  formatPath,
  getPath,
  hasErrors,
  isRecord,
  ok,
  type Result,
} from "@lgtm-gitops/diagnostics";
import type { z } from "zod";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { describeGiven, valueAt, wrongValueText } from "./issue-text.js";
import { LITERAL_SECRET, LITERAL_SECRET_FIX, looksLikeSecretKey } from "./secrets.js";
import { checkSpecSemantics } from "./semantic-checks.js";
import { settingHint } from "./setting-names.js";
import { SPEC_RULES } from "./spec-rules.js";
import { INVALID_DURATION, isDurationSchema, type TempoSpec, tempoSpecSchema } from "./spec-schema.js";
import { checkVerbatimTempoConfig } from "./verbatim-check.js";

/** Rule id of any spec value the schema rejects. */
export const INVALID_SPEC = "tempo/invalid-spec";

/** Fixes for required fields, keyed by the field name (last path segment). */
const REQUIRED_FIX: Record<string, string> = {
  storage:
    "add storage: { backend: s3, bucket: <bucket>, endpoint: <host:port>, credentials: { secretName: <Secret> } } (or gcs, azure; minio on a development cluster)",
  bucket: "name the existing bucket Tempo writes trace blocks to",
  bucketName: "name the existing GCS bucket Tempo writes trace blocks to",
  containerName: "name the existing blob container Tempo writes trace blocks to",
  storageAccountName: "name the Azure storage account that holds the container",
  url: "set the push URL, e.g. http://<release>-mimir-nginx.<namespace>.svc.cluster.local/api/v1/push",
  secretName: "name an existing Secret in the release namespace",
  existingSecret: "name an existing Secret in the release namespace that has an .htpasswd key",
};

type ZodInternal = { _zod: { def: Record<string, unknown> } };

function def(schema: unknown): Record<string, unknown> | undefined {
  return (schema as ZodInternal | undefined)?._zod?.def;
}

/** The schema at `path` of `data`, wrappers removed (follows defaults, optionals, records, arrays, unions). */
function schemaAt(schema: unknown, data: unknown, path: readonly PropertyKey[]): unknown {
  let s: unknown = schema;
  let v: unknown = data;
  const unwrap = () => {
    for (let guard = 0; guard < 20; guard++) {
      const dd = def(s);
      if (!dd) return;
      if (["default", "prefault", "optional", "nullable", "readonly", "catch"].includes(dd.type as string)) {
        s = dd.innerType;
      } else if (dd.type === "pipe") {
        s = dd.in;
      } else if (dd.type === "union") {
        const options = (dd.options as unknown[]) ?? [];
        const disc = dd.discriminator as string | undefined;
        const value = disc && v && typeof v === "object" ? (v as Record<string, unknown>)[disc] : undefined;
        const match = options.find((o) => {
          const shape = def(o)?.shape as Record<string, unknown> | undefined;
          const lit = shape && disc ? def(shape[disc])?.values : undefined;
          return Array.isArray(lit) && lit.includes(value);
        });
        s = match ?? options[0];
      } else return;
    }
  };
  for (const seg of path) {
    unwrap();
    const dd = def(s);
    if (!dd) return undefined;
    if (dd.type === "object") {
      const shape = dd.shape as Record<string, unknown>;
      s = Object.hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    } else if (dd.type === "record") s = dd.valueType;
    else if (dd.type === "array") s = dd.element;
    else return undefined;
    v = valueAt(v, [seg]).value;
  }
  unwrap();
  return s;
}

/** Object keys the schema accepts at `path` of `data`. */
function knownKeysAt(schema: unknown, data: unknown, path: readonly PropertyKey[]): string[] {
  const dd = def(schemaAt(schema, data, path));
  return dd?.type === "object" ? Object.keys(dd.shape as Record<string, unknown>) : [];
}

function pathOf(p: readonly PropertyKey[]): (string | number)[] {
  return p.map((x) => (typeof x === "number" ? x : String(x)));
}

/**
 * Turns zod issues of a TempoSpec into diagnostics with paths, Tempo-aware messages and fixes (Loki/Mimir and chart
 * names answered with the real spec field). `input` is what was parsed (for the values given).
 */
export function tempoSpecIssues(issues: readonly z.core.$ZodIssue[], input: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = pathOf(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const p = formatPath([...path, key]);
        if (looksLikeSecretKey(key)) {
          out.push({
            ruleId: LITERAL_SECRET,
            severity: "error",
            path: [...path, key],
            message: `${p} looks like a credential written into the spec; a spec is committed to Git, so secrets never belong in it`,
            fix: LITERAL_SECRET_FIX,
          });
          continue;
        }
        // A Loki/Mimir, chart or tempo.yaml name of a setting, else a typo.
        const suggestion =
          settingHint(key, "spec", tempoChartSettings(SPEC_TARGET)) ??
          closestKey(key, knownKeysAt(tempoSpecSchema, input, issue.path));
        const base: Diagnostic = {
          ruleId: SPEC_RULES.unknownSpecKey,
          severity: "error",
          path: [...path, key],
          message: `${p} is not a TempoSpec field`,
        };
        out.push(suggestion ? { ...base, fix: `did you mean ${suggestion}?` } : base);
      }
      continue;
    }
    const params = (issue as { params?: { ruleId?: string; fix?: string } }).params;
    let fix = params?.fix;
    let message = issue.message;
    let ruleId = params?.ruleId ?? INVALID_SPEC;
    if (issue.code === "invalid_union" && (issue as { note?: string }).note === "No matching discriminator") {
      message = "unknown storage backend";
      fix = "backend must be one of s3, gcs, azure, minio or local";
    } else if (issue.code === "too_small" && path[path.length - 1] === "replicas") {
      const given = describeGiven(valueAt(input, issue.path).value);
      out.push({
        ruleId: SPEC_RULES.invalidReplicas,
        severity: "error",
        path: path,
        message: `${formatPath(path)} must be a whole number ≥ 1, got ${given}: a Tempo component with no pods breaks the trace pipeline`,
        fix: `set ${formatPath(path)} to 1 or more`,
      });
      continue;
    } else if (
      issue.code === "invalid_type" &&
      typeof valueAt(input, issue.path).value === "number" &&
      isDurationSchema(schemaAt(tempoSpecSchema, input, issue.path))
    ) {
      // A number where a duration is wanted: Tempo durations are strings with a unit.
      const n = valueAt(input, issue.path).value as number;
      ruleId = INVALID_DURATION;
      message = `${formatPath(path)} must be a duration with a unit (a string such as "48h"), got the number ${n}`;
      fix = `write ${formatPath(path)}: "${n}h" (or another unit: s, m, h; Tempo has no d)`;
    } else if (wrongValueText(issue, input) !== undefined) {
      const text = wrongValueText(issue, input);
      if (text !== undefined) {
        const field = path[path.length - 1];
        message = text.message;
        fix ??=
          (issue.code === "invalid_type" && typeof field === "string" && Object.hasOwn(REQUIRED_FIX, field)
            ? REQUIRED_FIX[field]
            : undefined) ?? text.fix;
      }
    } else if (issue.code === "invalid_type") {
      message = `${formatPath(path)} is required`;
      const field = path[path.length - 1];
      fix ??=
        (typeof field === "string" && Object.hasOwn(REQUIRED_FIX, field) && REQUIRED_FIX[field]) ||
        `set ${formatPath(path)}`;
    } else if (issue.code === "invalid_key") {
      // A record key (tenant id) the key schema refuses: zod reports "Invalid key in record" and nests the reason.
      const reasons = issue.issues.map((i) => i.message).join("; ");
      const key = path[path.length - 1];
      message = `${JSON.stringify(key)} is not a valid key here: ${reasons}`;
      fix ??= `rename ${JSON.stringify(key)}`;
    }
    const diag: Diagnostic = { ruleId, severity: "error", path: path, message };
    out.push(fix ? { ...diag, fix } : diag);
  }
  return out;
}

/**
 * Parses and validates a TempoSpec: schema errors (with dot paths and fixes, {@link tempoSpecIssues}), then the checks
 * only the spec can tell ({@link checkTempoSpec}). What the compiled values show (replication quorum, local storage,
 * receivers, strict Tempo parsing of structuredConfig, Tempo's start-up checks) is checked by the value rules of
 * @lgtm-gitops/validators on what `toChartValues` writes. Never throws.
 */
export function parseTempoSpec(input: unknown): Result<TempoSpec> {
  const parsed = tempoSpecSchema.safeParse(input);
  if (!parsed.success) return fail(tempoSpecIssues(parsed.error.issues, input));
  const spec = parsed.data;
  const diagnostics = checkTempoSpec(spec);
  return hasErrors(diagnostics) ? fail(diagnostics) : ok(spec, diagnostics);
}

/** The checks of a parsed spec that only the spec can tell: storage, generator and tenant wiring, receiver configs. */
export function checkTempoSpec(spec: TempoSpec): Diagnostic[] {
  return [...checkSpecSemantics(spec), ...checkReceiverConfigs(spec)];
}

/**
 * A receiver `config` is merged over the chart's `0.0.0.0:<port>` endpoint: it must keep that port and pass the
 * OTel collector's strict decoding.
 */
function checkReceiverConfigs(spec: TempoSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const receiver of RECEIVERS) {
    // The spec has the chart's `traces.<…>` blocks under `receivers`.
    const specPath = ["receivers", ...receiver.chartPath.slice(1)];
    const userConfig = getPath(spec, [...specPath, "config"]);
    if (!isRecord(userConfig)) continue;
    const port = receiver.port;
    // The chart merges receiverConfig over `endpoint: 0.0.0.0:<port>`.
    const config = { endpoint: `0.0.0.0:${port}`, ...userConfig };
    let value: unknown = config;
    for (const seg of [...receiver.otelPath].reverse()) value = { [String(seg)]: value };
    const base = [...specPath, "config"];
    const ownPort = typeof userConfig.endpoint === "string" ? /:(\d+)$/.exec(userConfig.endpoint)?.[1] : undefined;
    if (ownPort !== undefined && Number(ownPort) !== port) {
      out.push({
        ruleId: SPEC_RULES.receiverPortMismatch,
        severity: "error",
        path: [...base, "endpoint"],
        message: `the receiver would listen on port ${ownPort}, but tempo-distributed opens only port ${port} for it (the distributor's containerPort, its Service and the gateway are fixed to ${port}): no span can reach it`,
        fix: `remove endpoint from this config (the chart binds 0.0.0.0:${port})`,
      });
    }
    for (const diag of checkVerbatimTempoConfig(value, "receivers", [])) {
      // Re-root the path from the OTel shape onto the spec field.
      const prefix = receiver.otelPath;
      const under = prefix.every((seg, i) => diag.path[i] === seg);
      out.push({ ...diag, path: [...base, ...(under ? diag.path.slice(prefix.length) : diag.path)] });
    }
  }
  return out;
}
