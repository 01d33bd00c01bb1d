import { z } from "zod";
import { MAX_UID_LENGTH, UID_CHARACTERS } from "./safe-uid.js";

/**
 * zod schemas for one Grafana provisioning datasource entry (`apiVersion: 1`), field by field from the
 * master table in notes/datasources.md §9. They are the single source of truth: the entry types are
 * inferred from them and `checkDatasourceEntries` parses untyped YAML with them. Objects are loose
 * (plugins read more keys than modelled here); known keys are typed strictly.
 */

/** A uid Grafana accepts: 1 to 40 of `[a-zA-Z0-9_-]`. */
export const uidSchema = z
  .string()
  .min(1, "a uid cannot be empty")
  .max(MAX_UID_LENGTH, `a uid has at most ${MAX_UID_LENGTH} characters`)
  .regex(UID_CHARACTERS, "a uid may only contain letters, digits, '-' and '_'");

/** A Grafana duration such as `5s`, `-1m`, `1h30m` or `0`. */
export const durationSchema = z
  .string()
  .regex(/^(0|-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w|y))+)$/, "expected a duration such as 5s, -1m or 1h");

/** A whole number, also accepted as a numeric string (Grafana reads both). */
export const intOrNumericStringSchema = z.union([z.int().nonnegative(), z.string().regex(/^\d+$/)]);

/** A span/resource attribute mapped to a label of the target datasource: `{key: service.name, value: service_name}`. */
export const tagMappingSchema = z.looseObject({
  /** Span or resource attribute. */
  key: z.string().min(1),
  /** Label name in the target; the key itself when omitted. */
  value: z.string().optional(),
});
/** A tag mapping of a Tempo link. */
export type TagMapping = z.infer<typeof tagMappingSchema>;

/** Settings every HTTP datasource shares (jsonData). Custom headers are checked separately. */
export const commonJsonDataShape = {
  /** Request timeout in seconds. */
  timeout: intOrNumericStringSchema.optional(),
  tlsAuth: z.boolean().optional(),
  tlsAuthWithCACert: z.boolean().optional(),
  tlsSkipVerify: z.boolean().optional(),
  serverName: z.string().optional(),
  keepCookies: z.array(z.string()).optional(),
  oauthPassThru: z.boolean().optional(),
  manageAlerts: z.boolean().optional(),
  /** uid of an alertmanager datasource. */
  alertmanagerUid: z.string().optional(),
} as const;

/** jsonData of any datasource type we do not model further. */
export const commonJsonDataSchema = z.looseObject(commonJsonDataShape);

const customQueryRule = (v: { customQuery?: boolean | undefined; query?: string | undefined }) =>
  v.customQuery !== true || (v.query !== undefined && v.query.trim() !== "");
const customQueryMessage = {
  message: "customQuery is true but query is empty: Grafana would build an empty link",
  path: ["query"],
};

/** Tempo `tracesToLogsV2`: the span → logs link. */
export const tracesToLogsV2Schema = z
  .looseObject({
    /** uid of a logs datasource (Loki, Elasticsearch, …). */
    datasourceUid: z.string().optional(),
    tags: z.array(tagMappingSchema).optional(),
    /** @default "0" */
    spanStartTimeShift: durationSchema.optional(),
    /** @default "0" */
    spanEndTimeShift: durationSchema.optional(),
    /** @default false */
    filterByTraceID: z.boolean().optional(),
    /** @default false */
    filterBySpanID: z.boolean().optional(),
    /** @default false */
    customQuery: z.boolean().optional(),
    /** Query used when customQuery is true; may use `$__tags`, `${__span.*}`, `${__trace.*}`. */
    query: z.string().optional(),
  })
  .refine(customQueryRule, customQueryMessage);

/** Tempo `tracesToLogs` (v1, deprecated: Grafana reads it only when tracesToLogsV2 is absent). */
export const tracesToLogsV1Schema = z.looseObject({
  datasourceUid: z.string().optional(),
  tags: z.array(z.string()).optional(),
  mappedTags: z.array(tagMappingSchema).optional(),
  mapTagNamesEnabled: z.boolean().optional(),
  spanStartTimeShift: durationSchema.optional(),
  spanEndTimeShift: durationSchema.optional(),
  filterByTraceID: z.boolean().optional(),
  filterBySpanID: z.boolean().optional(),
  lokiSearch: z.boolean().optional(),
  customQuery: z.boolean().optional(),
  query: z.string().optional(),
});

/** One link of Tempo `tracesToMetrics.queries`. */
export const traceToMetricsQuerySchema = z.looseObject({
  /** Link title. */
  name: z.string().optional(),
  /** PromQL; `$__tags` expands to the mapped tags. Grafana's default latency query when omitted. */
  query: z.string().optional(),
});
/** One traces → metrics query. */
export type TraceToMetricsQuery = z.infer<typeof traceToMetricsQuerySchema>;

/** Tempo `tracesToMetrics`. */
export const tracesToMetricsSchema = z.looseObject({
  /** uid of a Prometheus-type datasource. */
  datasourceUid: z.string().optional(),
  tags: z.array(tagMappingSchema).optional(),
  /** @default "-2m" */
  spanStartTimeShift: durationSchema.optional(),
  /** @default "2m" */
  spanEndTimeShift: durationSchema.optional(),
  queries: z.array(traceToMetricsQuerySchema).optional(),
});

/** Tempo `tracesToProfiles`. */
export const tracesToProfilesSchema = z
  .looseObject({
    /** uid of a Pyroscope datasource. */
    datasourceUid: z.string().optional(),
    tags: z.array(tagMappingSchema).optional(),
    /** e.g. `process_cpu:cpu:nanoseconds:cpu:nanoseconds`. */
    profileTypeId: z.string().optional(),
    /** @default false */
    customQuery: z.boolean().optional(),
    query: z.string().optional(),
  })
  .refine(customQueryRule, customQueryMessage);

/** Scopes of a TraceQL search filter. */
export const traceqlScopeSchema = z.enum([
  "intrinsic",
  "unscoped",
  "event",
  "instrumentation",
  "link",
  "resource",
  "span",
]);

/** A static TraceQL search filter (Tempo `search.filters[]`). */
export const traceqlFilterSchema = z.looseObject({
  id: z.string().min(1),
  tag: z.string().optional(),
  operator: z.string().optional(),
  value: z.union([z.string(), z.array(z.string())]).optional(),
  valueType: z.string().optional(),
  scope: traceqlScopeSchema.optional(),
  isCustomValue: z.boolean().optional(),
});
/** A TraceQL search filter. */
export type TraceqlFilter = z.infer<typeof traceqlFilterSchema>;

/** The allowed `timeRangeForTags` values in seconds. */
export const TIME_RANGE_FOR_TAGS = [1800, 10800, 86400, 259200, 604800] as const;

/** Tempo datasource jsonData. */
export const tempoJsonDataSchema = z.looseObject({
  ...commonJsonDataShape,
  tracesToLogsV2: tracesToLogsV2Schema.optional(),
  /** Proposed (grafana/grafana#128703): several trace → logs links; the first is also written to tracesToLogsV2. */
  tracesToLogsV3: z
    .array(z.looseObject({ name: z.string().optional(), datasourceUid: z.string().optional() }))
    .optional(),
  /** Deprecated v1 form; a warning is reported. */
  tracesToLogs: tracesToLogsV1Schema.optional(),
  tracesToMetrics: tracesToMetricsSchema.optional(),
  tracesToProfiles: tracesToProfilesSchema.optional(),
  serviceMap: z.looseObject({ datasourceUid: z.string().optional() }).optional(),
  nodeGraph: z.looseObject({ /** @default false */ enabled: z.boolean().optional() }).optional(),
  search: z
    .looseObject({
      /** @default false */
      hide: z.boolean().optional(),
      filters: z.array(traceqlFilterSchema).optional(),
    })
    .optional(),
  traceQuery: z
    .looseObject({
      /** @default false */
      timeShiftEnabled: z.boolean().optional(),
      /** @default "30m" */
      spanStartTimeShift: durationSchema.optional(),
      /** @default "30m" */
      spanEndTimeShift: durationSchema.optional(),
    })
    .optional(),
  spanBar: z
    .looseObject({
      /** @default "Duration" */
      type: z.enum(["None", "Duration", "Tag"]).optional(),
      tag: z.string().optional(),
    })
    .refine((v) => v.type !== "Tag" || (v.tag !== undefined && v.tag !== ""), {
      message: "spanBar.type is Tag but spanBar.tag is empty",
      path: ["tag"],
    })
    .optional(),
  streamingEnabled: z
    .looseObject({
      /** Needs Tempo ≥ 2.2 with stream_over_http_enabled. @default false */
      search: z.boolean().optional(),
      /** Needs Tempo ≥ 2.7 with stream_over_http_enabled. @default false */
      metrics: z.boolean().optional(),
    })
    .optional(),
  /** @default 5000 */
  tagLimit: intOrNumericStringSchema.optional(),
  /** Seconds; one of 1800, 10800, 86400, 259200, 604800. @default 1800 */
  timeRangeForTags: z.union([z.literal(TIME_RANGE_FOR_TAGS), z.string()]).optional(),
  /** Removed in Grafana 11 (Loki search tab); a warning is reported. */
  lokiSearch: z.looseObject({ datasourceUid: z.string().optional() }).optional(),
});
/** Tempo jsonData as written to a provisioning file. */
export type TempoJsonData = z.infer<typeof tempoJsonDataSchema>;

/** A Loki derived field: turns a log line match into a link (usually to a trace). */
export const derivedFieldSchema = z.looseObject({
  name: z.string().min(1),
  /** A regex with one capture group, or the label name when matcherType is `label`. */
  matcherRegex: z.string().min(1),
  /** @default "regex" */
  matcherType: z.enum(["regex", "label"]).optional(),
  /** External URL, or the query for the internal link (`${__value.raw}`). */
  url: z.string().optional(),
  urlDisplayLabel: z.string().optional(),
  /** uid of a tracing datasource (internal link). */
  datasourceUid: z.string().optional(),
  /** @default false */
  targetBlank: z.boolean().optional(),
});
/** A Loki derived field as written to a provisioning file. */
export type DerivedFieldEntry = z.infer<typeof derivedFieldSchema>;

/** Loki datasource jsonData. */
export const lokiJsonDataSchema = z.looseObject({
  ...commonJsonDataShape,
  /** @default 1000 */
  maxLines: intOrNumericStringSchema.optional(),
  derivedFields: z.array(derivedFieldSchema).optional(),
});

/** A Prometheus exemplar → trace link. */
export const exemplarDestinationSchema = z.looseObject({
  /** Exemplar label holding the trace id, e.g. `trace_id` or `traceID`. */
  name: z.string().min(1),
  /** uid of a tracing datasource (internal link). */
  datasourceUid: z.string().optional(),
  url: z.string().optional(),
  urlDisplayLabel: z.string().optional(),
});
/** An exemplar destination as written to a provisioning file. */
export type ExemplarDestinationEntry = z.infer<typeof exemplarDestinationSchema>;

/** Prometheus (and Mimir, Cortex, Thanos) datasource jsonData. */
export const prometheusJsonDataSchema = z.looseObject({
  ...commonJsonDataShape,
  /** @default "POST" */
  httpMethod: z.enum(["POST", "GET"]).optional(),
  /** Scrape interval, e.g. `15s`. */
  timeInterval: durationSchema.optional(),
  /** e.g. `60s`. */
  queryTimeout: durationSchema.optional(),
  prometheusType: z.enum(["Prometheus", "Cortex", "Mimir", "Thanos"]).optional(),
  prometheusVersion: z.string().optional(),
  cacheLevel: z.enum(["Low", "Medium", "High", "None"]).optional(),
  /** @default false */
  incrementalQuerying: z.boolean().optional(),
  /** @default "10m" */
  incrementalQueryOverlapWindow: durationSchema.optional(),
  /** @default false */
  disableRecordingRules: z.boolean().optional(),
  /** @default false */
  allowAsRecordingRulesTarget: z.boolean().optional(),
  defaultEditor: z.enum(["builder", "code"]).optional(),
  /** @default false */
  disableMetricsLookup: z.boolean().optional(),
  /** URL-encoded query string added to every request. */
  customQueryParameters: z.string().optional(),
  /** @default false */
  seriesEndpoint: z.boolean().optional(),
  /** 0 = unlimited. @default 40000 */
  seriesLimit: z.int().nonnegative().optional(),
  exemplarTraceIdDestinations: z.array(exemplarDestinationSchema).optional(),
});
/** Prometheus jsonData as written to a provisioning file. */
export type PrometheusJsonData = z.infer<typeof prometheusJsonDataSchema>;

/** A correlation Grafana provisions with the datasource (`correlations[]`). */
export const correlationSchema = z.looseObject({
  /** uid of the target datasource. */
  targetUID: z.string().optional(),
  label: z.string().min(1),
  description: z.string().optional(),
  /** @default "query" */
  type: z.enum(["query", "external"]).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});

const baseEntryShape = {
  /** Unique per org. Upsert key of provisioning. */
  name: z.string().min(1).max(190, "Grafana rejects datasource names longer than 190 characters"),
  /** Plugin id (`tempo`, `loki`, `prometheus`, …). */
  type: z.string().min(1),
  /** @default safeUidFromName(name) */
  uid: uidSchema.optional(),
  /** @default 1 */
  orgId: z.int().min(1).optional(),
  orgName: z.string().optional(),
  /** @default "proxy" */
  access: z.enum(["proxy", "direct"]).optional(),
  url: z.string().max(255, "Grafana rejects datasource URLs longer than 255 characters").optional(),
  user: z.string().optional(),
  database: z.string().optional(),
  /** @default false */
  basicAuth: z.boolean().optional(),
  basicAuthUser: z.string().optional(),
  /** @default false */
  withCredentials: z.boolean().optional(),
  /** @default false */
  isDefault: z.boolean().optional(),
  /** @default false */
  editable: z.boolean().optional(),
  /** Optional metadata; updates are effectively unconditional. */
  version: z.int().optional(),
  /** Encrypted settings: `basicAuthPassword`, `httpHeaderValueN`, TLS material. */
  secureJsonData: z.record(z.string(), z.string()).optional(),
  correlations: z.array(correlationSchema).optional(),
} as const;

/** A Tempo entry. */
export const tempoEntrySchema = z.looseObject({
  ...baseEntryShape,
  type: z.literal("tempo"),
  jsonData: tempoJsonDataSchema.optional(),
});
/** A Loki entry. */
export const lokiEntrySchema = z.looseObject({
  ...baseEntryShape,
  type: z.literal("loki"),
  jsonData: lokiJsonDataSchema.optional(),
});
/** A Prometheus/Mimir entry. */
export const prometheusEntrySchema = z.looseObject({
  ...baseEntryShape,
  type: z.literal("prometheus"),
  jsonData: prometheusJsonDataSchema.optional(),
});
/** Any other datasource type (elasticsearch, pyroscope, alertmanager, …). */
export const genericEntrySchema = z.looseObject({
  ...baseEntryShape,
  jsonData: commonJsonDataSchema.optional(),
});

/**
 * One datasource entry of a provisioning file, in its untyped/YAML form (references are uid strings).
 * Tempo, Loki and Prometheus entries get their jsonData checked field by field.
 */
export const datasourceEntrySchema = z.union([
  tempoEntrySchema,
  lokiEntrySchema,
  prometheusEntrySchema,
  genericEntrySchema,
]);
/** One datasource entry of a provisioning file. */
export type DatasourceEntry = z.infer<typeof datasourceEntrySchema>;

/** The schema that checks an entry of the given plugin type. */
export function entrySchemaFor(type: unknown) {
  if (type === "tempo") return tempoEntrySchema;
  if (type === "loki") return lokiEntrySchema;
  if (type === "prometheus") return prometheusEntrySchema;
  return genericEntrySchema;
}

/** A `deleteDatasources[]` item. */
export const deleteDatasourceSchema = z.looseObject({
  name: z.string().min(1),
  /** @default 1 */
  orgId: z.int().min(1).optional(),
  orgName: z.string().optional(),
});
/** A datasource to delete before the upserts run. */
export type DeleteDatasource = z.infer<typeof deleteDatasourceSchema>;

/** A whole provisioning file (`/etc/grafana/provisioning/datasources/*.yaml`). */
export const provisioningFileSchema = z.looseObject({
  apiVersion: z.literal(1),
  deleteDatasources: z.array(deleteDatasourceSchema).optional(),
  /** Grafana ≥ 11.1: delete provisioned datasources no longer in any file. @default false */
  prune: z.boolean().optional(),
  datasources: z.array(datasourceEntrySchema).optional(),
});
