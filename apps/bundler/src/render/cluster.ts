import { type Diagnostic, fail, hasErrors, ok, type Result } from "@lgtm-gitops/diagnostics";
import { toYaml, toYamlDocument } from "@lgtm-gitops/kustomize";
import type { ClusterDefinition } from "../definition/schema.js";
import { GENERATED_BY } from "../output/generated.js";
import {
  applicationObject,
  clusterKustomization,
  isInCluster,
  NAMESPACES_APPLICATION_FILE,
  namespaceObjects,
  namespacesApplicationObject,
  projectObject,
} from "./argo.js";
import { renderReadme } from "./readme.js";
import { releasesOf } from "./releases.js";
import { checkBundle, checkValuesDocuments } from "./validate.js";
import { buildGrafanaValues, buildStackValues, stackContext } from "./values.js";

const Y = { generatedBy: GENERATED_BY } as const;

/** Options of {@link renderCluster}. */
export interface RenderClusterOptions {
  /** The definition file, set on diagnostics. @default none */
  readonly file?: string;
}

/**
 * Renders one cluster's bundle in memory: paths relative to `clusters/<name>/` → file content. Pure and
 * deterministic (same definition, same bytes). Fails with every diagnostic when the Tempo values, the datasources,
 * an Argo CD object or an emitted values document has an error.
 */
export function renderCluster(def: ClusterDefinition, options: RenderClusterOptions = {}): Result<Map<string, string>> {
  return renderBundle(def, options, true);
}

/**
 * {@link renderCluster}, or with `validate: false` the same bytes without the checks that only find problems
 * (datasource set, pass-through keys, the values files' lint rules, the Argo CD objects; tempo-config's own checks
 * while compiling still run). Only for a definition whose render passed those checks before: render/verdicts.ts.
 */
export function renderBundle(
  def: ClusterDefinition,
  options: RenderClusterOptions,
  validate: boolean,
): Result<Map<string, string>> {
  const diagnostics: Diagnostic[] = [];
  const attach = (ds: readonly Diagnostic[], prefix?: string): Diagnostic[] =>
    ds.map((d) => ({
      ...d,
      ...(prefix ? { message: `${prefix}: ${d.message}` } : {}),
      ...(options.file !== undefined && d.file === undefined ? { file: options.file } : {}),
    }));
  const releases = releasesOf(def);
  const [grafanaRelease, stackRelease] = releases;
  const context = stackContext(def);
  const stack = buildStackValues(def, validate);
  diagnostics.push(...attach(stack.diagnostics));
  const grafana = buildGrafanaValues(def, context, validate);
  diagnostics.push(...attach(grafana.diagnostics));
  if (!stack.ok || !grafana.ok) return fail(diagnostics);

  const valuesDocs = [
    { release: stackRelease, values: stack.value },
    { release: grafanaRelease, values: grafana.value.values },
  ];
  const valuesText = valuesDocs.map((v) => ({ ...v, text: toYamlDocument(v.values, Y) }));
  if (validate)
    diagnostics.push(
      ...attach(
        checkValuesDocuments(
          valuesText.map((v) => ({
            file: `clusters/${def.name}/values/${v.release.release}.yaml`,
            chart: v.release.chartId,
            values: v.values,
            text: v.text,
          })),
          def.distribution,
        ),
      ),
    );

  const namespaces = namespaceObjects(def);
  const project = projectObject(def, releases);
  const apps = releases.map((r) => ({ file: `applications/${r.release}.yaml`, object: applicationObject(def, r) }));
  // In-cluster, the root Application creates the namespaces itself; a remote cluster gets them through the
  // <cluster>-namespaces Application (the root Application only ever syncs into Argo CD's own cluster).
  const local = isInCluster(def);
  if (!local) apps.unshift({ file: NAMESPACES_APPLICATION_FILE, object: namespacesApplicationObject(def) });
  const resources = [...(local ? ["namespaces.yaml"] : []), "project.yaml", ...apps.map((a) => a.file)];
  const kustomizationObject = clusterKustomization(resources);
  const base = `clusters/${def.name}`;
  if (validate)
    diagnostics.push(
      ...attach(
        checkBundle({
          [`${base}/kustomization.yaml`]: [kustomizationObject],
          [`${base}/namespaces.yaml`]: namespaces,
          [`${base}/project.yaml`]: [project],
          ...Object.fromEntries(apps.map((a) => [`${base}/${a.file}`, [a.object]])),
        }),
      ),
    );
  if (hasErrors(diagnostics)) return fail(diagnostics);

  const files = new Map<string, string>();
  files.set("kustomization.yaml", toYaml([kustomizationObject], Y));
  files.set("namespaces.yaml", toYaml(namespaces, Y));
  files.set("project.yaml", toYaml([project], Y));
  for (const a of apps) files.set(a.file, toYaml([a.object], Y));
  for (const v of valuesText) files.set(`values/${v.release.release}.yaml`, v.text);
  const listed = ["README.md", ...[...files.keys()]].sort();
  files.set(
    "README.md",
    renderReadme({
      def,
      tempo: def.tempo,
      releases,
      datasources: grafana.value.datasources,
      lokiUrl: context.lokiUrl,
      mimirUrl: context.mimirUrl,
      files: listed,
    }),
  );
  return ok(new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), diagnostics);
}
