import { componentPrefix, type StackChartId } from "@lgtm-gitops/charts";
import { getPath, hasPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { chartValueSource } from "@lgtm-gitops/tempo-config";
import type { DocumentOrigin, SourcePosition } from "@lgtm-gitops/validators";

/**
 * The source map of a generated values file: which definition field each values path comes from. Values that
 * `values.stack`/`values.grafana` set come from there (the override wins); the rest from the field that generated
 * them; a chart default nothing generates is answered with `values.<release>.<path>`, where it would be set.
 */
export type SourceMap = (valuesPath: PathSegments) => PathSegments;

/**
 * Whether an override (`values.stack`) provides the value at `path` of the merged values: it sets the path itself,
 * replaces an ancestor with something that is not a map, or brings an ancestor map the generated values do not have
 * (a map the generated values have only gets keys added: Helm merges it).
 */
function providedBy(values: unknown, generated: unknown, path: PathSegments): boolean {
  for (let n = 1; n <= path.length; n++) {
    const prefix = path.slice(0, n);
    if (!hasPath(values, prefix)) return false;
    if (!isRecord(getPath(values, prefix)) || !hasPath(generated, prefix)) return true;
  }
  return path.length > 0;
}

/** Where a value the bundler generated (before the definition's `values:`) comes from in the definition. */
export type TypedSource = (valuesPath: PathSegments) => PathSegments;

/** The stack chart's generated values: Tempo's from the spec (tempo-config's source map), its own Grafana switched off. */
export function stackTypedSource(chart: StackChartId): TypedSource {
  const ownGrafana = componentPrefix(chart, "grafana");
  return (path) => {
    const source = chartValueSource(chart, path);
    if (source !== undefined && "spec" in source) return ["tempo", ...source.spec];
    if (source !== undefined) return source.option === "target" ? ["stack", "chart"] : ["distribution"];
    // Grafana runs in kube-prometheus-stack: the stack chart's own is switched off because of `grafana`.
    if (ownGrafana !== undefined && ownGrafana.length > 0 && ownGrafana.every((seg, i) => path[i] === seg))
      return ["grafana"];
    return ["values", "stack", ...path];
  };
}

/** kube-prometheus-stack's generated values: the admin Secret from `grafana.adminSecret`, the rest from `datasources`. */
export function grafanaTypedSource(): TypedSource {
  const admin: Readonly<Record<string, string>> = {
    existingSecret: "name",
    userKey: "userKey",
    passwordKey: "passwordKey",
  };
  return (path) => {
    if (path[0] !== "grafana" || path.length < 2) return ["values", "grafana", ...path];
    if (path[1] === "admin") {
      const field = typeof path[2] === "string" && Object.hasOwn(admin, path[2]) ? admin[path[2]] : undefined;
      return field ? ["grafana", "adminSecret", field] : ["grafana", "adminSecret"];
    }
    // The datasources, their Secret-backed env (the tenant) and the sidecar settings they need.
    return ["datasources"];
  };
}

/**
 * The generated values of an Application a definition section deploys (`loki:`, `kafka:`): a generated value comes
 * from the definition field of the longest matching prefix in `table` (values path → definition path, dotted), else
 * from the section itself; a path the bundle does not generate is answered with `values.<section>.<path>`.
 */
export function sectionTypedSource(
  section: string,
  generated: unknown,
  table: readonly (readonly [values: string, definition: string])[],
): TypedSource {
  const rows = table.map(([v, d]) => [v.split("."), d.split(".")] as const).sort(([a], [b]) => b.length - a.length);
  return (path) => {
    if (path.length === 0 || !hasPath(generated, path)) return ["values", section, ...path];
    for (const [prefix, field] of rows) if (prefix.every((seg, i) => path[i] === seg)) return field;
    return [section];
  };
}

/**
 * The source map of a values file: a value `values.stack`/`values.grafana` (`release`) provides comes from there (the
 * override wins), the rest from the typed field that generated it; a chart default nothing generates is answered
 * with `values.<release>.<path>`, where it would be set.
 */
export function sourceMap(overridesOf: string, overrides: unknown, generated: unknown, typed: TypedSource): SourceMap {
  return (path) => (providedBy(overrides, generated, path) ? ["values", overridesOf, ...path] : typed(path));
}

/** A generated values file as the validators see it: its findings are reported at the definition, through `map`. */
export function definitionOrigin(
  parsed: { readonly file: string; readonly locate: (path: PathSegments) => SourcePosition | undefined },
  map: SourceMap,
): DocumentOrigin {
  return {
    file: parsed.file,
    path: map,
    position: (p) => parsed.locate(p),
  };
}
