import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import type { Datasource } from "./builders.js";
import {
  type ChartProvidedDatasource,
  KUBE_PROMETHEUS_STACK,
  kubePrometheusStackDatasources,
} from "./chart-provided.js";
import { checkDatasourceEntries } from "./check-entries.js";
import { type CompiledDatasource, collectMarkers, compileDatasource, renderTree } from "./compile.js";
import type { DatasourceEntry } from "./entry-schema.js";
import { envReference, isEnvName } from "./escaping.js";
import { kubernetesName } from "./kubernetes-name.js";
import type { SecureSource } from "./secure-value.js";

/** Where a set is emitted to; some targets cannot express everything. */
export type EmitTarget = "kube-prometheus-stack" | "grafana-chart" | "file" | "grafana-operator";

/** Options of {@link DatasourceSet}. */
export interface DatasourceSetOptions {
  /**
   * Datasources the hosting chart provisions itself, e.g. `kubePrometheusStackDatasources()` (kube-prometheus-stack's
   * `Prometheus`, uid `prometheus`, default unless `grafana.sidecar.datasources.isDefaultDatasource: false`).
   * They count for unique names/uids and the one-default rule, and links may target them. @default []
   */
  readonly chartProvided?: readonly ChartProvidedDatasource[] | undefined;
  /** Findings made while building the set (e.g. by `lgtm()`), returned by `validate()`. @default [] */
  readonly diagnostics?: readonly Diagnostic[] | undefined;
}

/** An environment variable Grafana needs so that the `${NAME}` references in the entries resolve. */
export type EnvironmentVariable =
  | {
      readonly name: string;
      readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
    }
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly fromProcess: true };

/**
 * The datasources of one Grafana, checked together the way Grafana provisions them: uid syntax, unique
 * names and uids per org, one default per org (counting chart-provided ones), every link resolvable and of
 * the right type, headers numbered from 1 and never literal. Emitters take a set.
 */
export class DatasourceSet {
  /** The datasources this set emits (chart-provided ones passed here are moved to {@link chartProvided}). */
  readonly datasources: readonly Datasource[];
  /** Datasources the chart provisions itself. */
  readonly chartProvided: readonly ChartProvidedDatasource[];
  private readonly notes: readonly Diagnostic[];
  private cache: { compiled: CompiledDatasource[]; diagnostics: Diagnostic[] } | undefined;

  constructor(datasources: readonly Datasource[], options: DatasourceSetOptions = {}) {
    const provided = datasources.filter((d): d is ChartProvidedDatasource => d.definition.kind === "chart-provided");
    this.datasources = datasources.filter((d) => d.definition.kind !== "chart-provided");
    this.chartProvided = [...(options.chartProvided ?? []), ...provided];
    this.notes = options.diagnostics ?? [];
  }

  /** The compiled datasources (secure values as markers). Used by the emitters. */
  compiled(): readonly CompiledDatasource[] {
    return this.compile().compiled;
  }

  private compile() {
    if (!this.cache) {
      const diagnostics: Diagnostic[] = [];
      const compiled = this.datasources.map((datasource, i) => {
        const r = compileDatasource(datasource, i);
        diagnostics.push(...r.diagnostics);
        return { datasource, tree: r.tree };
      });
      this.cache = { compiled, diagnostics };
    }
    return this.cache;
  }

  /**
   * The provisioning entries, uids filled in from the link targets, secure values as `${ENV}` references
   * (see {@link environment}). Strings are not escaped: emitters do that for their target.
   */
  entries(): DatasourceEntry[] {
    return this.compiled().map(
      (c) =>
        renderTree(
          c.tree,
          (s) => s,
          (m) => envReference(m.source.env),
        ) as DatasourceEntry,
    );
  }

  /** Environment variables Grafana needs for the `${ENV}` references, in a stable order. */
  environment(): EnvironmentVariable[] {
    const out = new Map<string, EnvironmentVariable>();
    for (const c of this.compiled()) {
      for (const { marker } of collectMarkers(c.tree)) {
        if (!out.has(marker.source.env)) out.set(marker.source.env, toEnv(marker.source));
      }
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Everything Grafana would only find out at start-up (or never), as diagnostics with paths
   * `datasources[i].…`. Pass the target to also check what it cannot express.
   */
  validate(options: { readonly target?: EmitTarget | undefined } = {}): Diagnostic[] {
    const out: Diagnostic[] = [...this.notes, ...this.compile().diagnostics];
    // kube-prometheus-stack always adds its Prometheus and Alertmanager; when the set does not declare them,
    // count them for names and uids (the emitter makes that Prometheus non-default if the set has a default).
    const implicitKps =
      options.target === "kube-prometheus-stack" &&
      !this.chartProvided.some((d) => d.chart.startsWith(KUBE_PROMETHEUS_STACK))
        ? kubePrometheusStackDatasources({ isDefaultDatasource: false })
        : [];
    out.push(
      ...checkDatasourceEntries(this.entries(), {
        basePath: ["datasources"],
        chartProvided: [...this.chartProvided, ...implicitKps],
        escaping: "none",
      }),
    );
    if (options.target === "grafana-operator") out.push(...operatorChecks(this.datasources));
    const seen = new Map<string, { source: SecureSource; where: string }>();
    this.compiled().forEach((c, i) => {
      for (const { marker, path } of collectMarkers(c.tree)) {
        const where = ["datasources", i, ...path];
        const src = marker.source;
        if (!isEnvName(src.env)) {
          out.push({
            ruleId: "datasource/invalid-env-name",
            severity: "error",
            path: where,
            message: `"${src.env}" is not a valid environment variable name, so Grafana cannot expand it.`,
            fix: "Use letters, digits and '_', not starting with a digit.",
          });
        }
        const prev = seen.get(src.env);
        if (prev && JSON.stringify(prev.source) !== JSON.stringify(src)) {
          out.push({
            ruleId: "datasource/env-conflict",
            severity: "error",
            path: where,
            message: `Environment variable ${src.env} is used for two different values (also at ${prev.where}); one would overwrite the other.`,
            fix: "Give one of them its own env name.",
          });
        } else if (!prev) seen.set(src.env, { source: src, where: formatPath(where) });
        if (options.target === "grafana-operator" && src.kind === "env") {
          out.push({
            ruleId: "datasource/env-unsupported-target",
            severity: "error",
            path: where,
            message: `The grafana-operator sends datasources through Grafana's HTTP API, which does not expand environment variables, so \${${src.env}} would be sent literally.`,
            fix: "Use { fromSecret: { name, key } } (becomes valuesFrom.secretKeyRef) or { fromValue } (becomes a ConfigMap).",
          });
        }
      }
      if (options.target === "grafana-operator" && c.tree.correlations !== undefined) {
        out.push({
          ruleId: "datasource/unsupported-field",
          severity: "warning",
          path: ["datasources", i, "correlations"],
          message: "GrafanaDatasource resources have no correlations field; these correlations are not created.",
          fix: "Provision the correlations from a file, or add them in Grafana.",
        });
      }
    });
    return out;
  }
}

function operatorChecks(datasources: readonly Datasource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = new Map<string, string>();
  datasources.forEach((d, i) => {
    const resource = kubernetesName(d.name, d.uid);
    const other = names.get(resource);
    if (other !== undefined) {
      out.push({
        ruleId: "datasource/duplicate-name",
        severity: "error",
        path: ["datasources", i, "name"],
        message: `"${d.name}" and "${other}" both become the GrafanaDatasource resource "${resource}", so one replaces the other.`,
        fix: "Give the datasources names that differ in more than case and punctuation.",
      });
    } else names.set(resource, d.name);
    if (d.orgId !== 1) {
      out.push({
        ruleId: "datasource/unsupported-field",
        severity: "warning",
        path: ["datasources", i, "orgId"],
        message: `GrafanaDatasource has no working orgId ("has no effect"), so "${d.name}" lands in the organisation of the instance, not org ${d.orgId}.`,
        fix: "Select a Grafana instance per organisation with instanceSelector instead.",
      });
    }
  });
  return out;
}

function toEnv(src: SecureSource): EnvironmentVariable {
  if (src.kind === "secret")
    return { name: src.env, valueFrom: { secretKeyRef: { name: src.secret.name, key: src.secret.key } } };
  if (src.kind === "value") return { name: src.env, value: src.value };
  return { name: src.env, fromProcess: true };
}
