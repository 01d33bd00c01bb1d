import { type Diagnostic, isRecord } from "@lgtm-gitops/diagnostics";
import { kubePrometheusStackDatasourcesFromValues } from "./chart-provided.js";
import { checkDatasourceEntries, type KnownDatasource } from "./check-entries.js";
import { deleteDatasourceSchema } from "./entry-schema.js";
import type { Escaping } from "./escaping.js";
import { safeUidFromName } from "./safe-uid.js";

type Segment = string | number;

/** The identity of untyped entries (uid derived from the name when missing), for cross-file checks. */
export function knownDatasources(entries: unknown): KnownDatasource[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e): KnownDatasource[] => {
    if (!isRecord(e) || typeof e.name !== "string" || typeof e.type !== "string") return [];
    return [
      {
        name: e.name,
        type: e.type,
        uid: typeof e.uid === "string" && e.uid !== "" ? e.uid : safeUidFromName(e.name),
        orgId: typeof e.orgId === "number" ? e.orgId : 1,
        isDefault: e.isDefault === true,
      },
    ];
  });
}

/** Options of the document checks. */
export interface CheckDocumentOptions {
  /** Path of the document's root inside its file. @default [] */
  readonly basePath?: readonly Segment[] | undefined;
  /** Datasources provisioned by other means into the same Grafana (other files, charts). @default [] */
  readonly chartProvided?: readonly KnownDatasource[] | undefined;
}

/**
 * Checks one provisioning file document (`apiVersion: 1`, `datasources`, `deleteDatasources`, `prune`):
 * the document shape plus every {@link checkDatasourceEntries} rule, with file escaping by default.
 */
export function checkProvisioningDocument(
  doc: unknown,
  options: CheckDocumentOptions & {
    readonly escaping?: Escaping | undefined;
    readonly resolvable?: readonly KnownDatasource[] | undefined;
  } = {},
): Diagnostic[] {
  const base = options.basePath ?? [];
  const out: Diagnostic[] = [];
  if (!isRecord(doc)) {
    return [
      {
        ruleId: "datasource/invalid-entry",
        severity: "error",
        path: base,
        message: "A datasource provisioning file must be a mapping with apiVersion: 1 and datasources.",
      },
    ];
  }
  if (doc.apiVersion !== 1) {
    out.push({
      ruleId: "datasource/api-version",
      severity: doc.apiVersion === undefined || doc.apiVersion === 0 ? "warning" : "error",
      path: [...base, "apiVersion"],
      message:
        doc.apiVersion === undefined || doc.apiVersion === 0
          ? "Without apiVersion: 1 Grafana reads the file in the deprecated v0 format (snake_case keys such as json_data), so camelCase fields like jsonData are ignored."
          : `apiVersion ${JSON.stringify(doc.apiVersion)} is not a datasource provisioning version Grafana knows.`,
      fix: "Set apiVersion: 1.",
    });
  }
  if (doc.deleteDatasources !== undefined) {
    const list = Array.isArray(doc.deleteDatasources) ? doc.deleteDatasources : [doc.deleteDatasources];
    list.forEach((d, i) => {
      const r = deleteDatasourceSchema.safeParse(d);
      if (!r.success) {
        out.push({
          ruleId: "datasource/invalid-entry",
          severity: "error",
          path: [...base, "deleteDatasources", i],
          message: `deleteDatasources entries need a name: ${r.error.issues[0]?.message ?? "invalid"}.`,
        });
      }
    });
  }
  if (doc.prune !== undefined && typeof doc.prune !== "boolean") {
    out.push({
      ruleId: "datasource/invalid-entry",
      severity: "error",
      path: [...base, "prune"],
      message: "prune must be true or false.",
    });
  }
  const entries = doc.datasources;
  if (entries === undefined || entries === null) return out;
  if (!Array.isArray(entries)) {
    out.push({
      ruleId: "datasource/invalid-entry",
      severity: "error",
      path: [...base, "datasources"],
      message: "datasources must be a list.",
    });
    return out;
  }
  out.push(
    ...checkDatasourceEntries(entries, {
      basePath: [...base, "datasources"],
      escaping: options.escaping ?? "file",
      ...(options.chartProvided ? { chartProvided: options.chartProvided } : {}),
      ...(options.resolvable ? { resolvable: options.resolvable } : {}),
    }),
  );
  return out;
}

/**
 * Checks the datasources of a kube-prometheus-stack values document: `grafana.additionalDataSources`
 * (Helm escaping), counting the chart's own Prometheus/Alertmanager as read from the same values.
 */
export function checkKubePrometheusStackDatasources(values: unknown, options: CheckDocumentOptions = {}): Diagnostic[] {
  const base = options.basePath ?? [];
  const grafana = isRecord(values) && isRecord(values.grafana) ? values.grafana : undefined;
  const list = grafana?.additionalDataSources;
  if (list === undefined || list === null) return [];
  const provided: KnownDatasource[] = [
    ...kubePrometheusStackDatasourcesFromValues(values),
    ...(options.chartProvided ?? []),
  ];
  if (!Array.isArray(list)) {
    return [
      {
        ruleId: "datasource/invalid-entry",
        severity: "error",
        path: [...base, "grafana", "additionalDataSources"],
        message: "grafana.additionalDataSources must be a list of datasources.",
      },
    ];
  }
  return checkDatasourceEntries(list, {
    basePath: [...base, "grafana", "additionalDataSources"],
    chartProvided: provided,
    escaping: "helm",
  });
}

/**
 * Checks the grafana chart's `datasources:` map (`<file>.yaml → provisioning document`, Helm escaping).
 * All files land in one directory, so names, uids and defaults are unique across them and links resolve
 * across them.
 */
export function checkGrafanaChartDatasources(values: unknown, options: CheckDocumentOptions = {}): Diagnostic[] {
  const base = options.basePath ?? [];
  const files = isRecord(values) && isRecord(values.datasources) ? values.datasources : undefined;
  if (!files) return [];
  const out: Diagnostic[] = [];
  const all = Object.entries(files).filter(([, doc]) => isRecord(doc) && !isRecord(doc.secret));
  const earlier: KnownDatasource[] = [...(options.chartProvided ?? [])];
  for (const [name, doc] of all) {
    const own = knownDatasources((doc as Record<string, unknown>).datasources);
    const resolvable = all
      .filter(([n]) => n !== name)
      .flatMap(([, d]) => knownDatasources((d as Record<string, unknown>).datasources));
    out.push(
      ...checkProvisioningDocument(doc, {
        basePath: [...base, "datasources", name],
        escaping: "helm",
        chartProvided: earlier,
        resolvable,
      }),
    );
    earlier.push(...own);
  }
  return out;
}
