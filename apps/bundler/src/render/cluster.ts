import { mergeValues } from "@lgtm-gitops/charts";
import { type Diagnostic, fail, hasErrors, ok, type PathSegments, type Result } from "@lgtm-gitops/diagnostics";
import { toYaml, toYamlDocument } from "@lgtm-gitops/kustomize";
import type { SourcePosition } from "@lgtm-gitops/validators";
import { KEY_RULES } from "../definition/parse.js";
import { type ClusterDefinition, KAFKA_RELEASES } from "../definition/schema.js";
import { GENERATED_BY } from "../output/generated.js";
import { scanForSecrets } from "../safety/secret-scan.js";
import {
  applicationObject,
  clusterKustomization,
  isInCluster,
  NAMESPACES_APPLICATION_FILE,
  namespaceObjects,
  namespacesApplicationObject,
  projectObject,
} from "./argo.js";
import {
  KAFKA_DIR,
  kafkaAddressOption,
  kafkaApplicationObject,
  kafkaKustomization,
  kafkaObjects,
  kafkaOperatorRelease,
  kafkaOperatorTypedSource,
  kafkaOperatorValues,
  STRIMZI_KINDS,
} from "./kafka.js";
import { lokiRelease, lokiTypedSource, lokiValues } from "./loki.js";
import { effectiveDefinition, overrideWarnings, valuesOverrides } from "./overrides.js";
import { renderReadme } from "./readme.js";
import { releasesOf, stackChartOf } from "./releases.js";
import { definitionOrigin, grafanaTypedSource, sourceMap, stackTypedSource } from "./source-map.js";
import { checkBundle, checkValuesDocuments } from "./validate.js";
import { buildGrafanaValues, buildStackValues, stackContext } from "./values.js";

const Y = { generatedBy: GENERATED_BY } as const;

/** What the bundle generated for a chart, and the values the chart gets with the definition's pass-through merged over. */
function passThrough(
  generated: Record<string, unknown>,
  overrides: Record<string, unknown> | undefined,
): { values: Record<string, unknown>; generated: Record<string, unknown> } {
  return { values: overrides === undefined ? generated : mergeValues(generated, overrides), generated };
}

/** Options of {@link renderCluster}. */
export interface RenderClusterOptions {
  /** The definition file, set on diagnostics. @default "<definition>" */
  readonly file?: string;
  /** Where a path of the definition is written in that file (line and column on diagnostics). @default nowhere */
  readonly locate?: (path: PathSegments) => SourcePosition | undefined;
  /** Where the key at the end of a path is written (findings about a key itself). @default {@link locate} */
  readonly locateKey?: (path: PathSegments) => SourcePosition | undefined;
  /** Whether the definition file writes a path (else its value is the schema default). @default every path */
  readonly written?: (path: PathSegments) => boolean;
}

/**
 * Renders one cluster's bundle in memory: paths relative to `clusters/<name>/` → file content. Pure and
 * deterministic (same definition, same bytes). Every diagnostic points at the definition (its file, the definition
 * path and its line and column): the values are checked once, by the validators' rules, through the source map of
 * each values file. Fails with every diagnostic when the Tempo values, the datasources, an Argo CD object, an emitted
 * values document or a secret scan has an error.
 */
export function renderCluster(def: ClusterDefinition, options: RenderClusterOptions = {}): Result<Map<string, string>> {
  return renderBundle(def, options, true);
}

/**
 * {@link renderCluster}, or with `validate: false` the same bytes without the checks that only find problems
 * (datasource set, pass-through keys, the values files' lint rules, the Argo CD objects, the `values:` override
 * warnings; tempo-config's own checks while compiling still run). Only for a definition whose render passed those
 * checks before: render/verdicts.ts.
 */
export function renderBundle(
  def: ClusterDefinition,
  options: RenderClusterOptions,
  validate: boolean,
): Result<Map<string, string>> {
  const file = options.file ?? "<definition>";
  const locate = options.locate ?? (() => undefined);
  const locateKey = options.locateKey ?? locate;
  const diagnostics: Diagnostic[] = [];
  /** A finding on the definition at `path` (its own, or moved there from a generated object). */
  const at = (d: Diagnostic, path: PathSegments = d.path): Diagnostic => {
    const pos = (KEY_RULES.has(d.ruleId) ? locateKey : locate)(path);
    return { ...d, path, file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const [grafanaRelease, stackRelease] = releasesOf(def);
  // A Tempo 3.0 bundle with its own Kafka broker: the Strimzi operator release and the broker's manifests.
  const operatorRelease = kafkaOperatorRelease(def);
  // Loki of the bundle's own (`loki:`), beside a Tempo-only stack chart.
  const logsRelease = lokiRelease(def);
  const releases = [
    ...(operatorRelease === undefined ? [] : [operatorRelease]),
    grafanaRelease,
    stackRelease,
    ...(logsRelease === undefined ? [] : [logsRelease]),
  ];
  const context = stackContext(def);
  const stack = buildStackValues(def);
  diagnostics.push(...stack.diagnostics.map((d) => at(d)));
  const grafana = buildGrafanaValues(def, context, validate);
  diagnostics.push(...grafana.diagnostics.map((d) => at(d)));
  if (!stack.ok || !grafana.ok) return fail(diagnostics);

  const parsed = { file, locate };
  // Every values file of the bundle with the `values:` pass-through of its Application merged over what the bundle
  // generated (Helm's rules): the Strimzi operator (`kafka:`), Loki (`loki:`), the stack and kube-prometheus-stack.
  const operatorValues = kafkaOperatorValues();
  const lokiGenerated = lokiValues(def) ?? {};
  const built = [
    ...(operatorRelease === undefined
      ? []
      : [
          {
            which: "kafka",
            release: operatorRelease,
            ...passThrough(operatorValues, def.values?.kafka),
            typed: kafkaOperatorTypedSource(operatorValues),
          } as const,
        ]),
    ...(logsRelease === undefined
      ? []
      : [
          {
            which: "loki",
            release: logsRelease,
            ...passThrough(lokiGenerated, def.values?.loki),
            typed: lokiTypedSource(lokiGenerated),
          } as const,
        ]),
    { which: "stack", release: stackRelease, ...stack.value, typed: stackTypedSource(stackChartOf(def)) } as const,
    { which: "grafana", release: grafanaRelease, ...grafana.value, typed: grafanaTypedSource() } as const,
  ];
  const valuesDocs = built.map((b) => {
    const overrides = def.values?.[b.which];
    return { ...b, overrides, map: sourceMap(b.which, overrides, b.generated, b.typed) };
  });
  // What `values:` changes of what the typed fields generate: warned at the override; the README shows the result.
  const overridden = valuesOverrides(valuesDocs.map((v) => ({ ...v, chart: v.release.chartId })));
  if (validate)
    diagnostics.push(...overrideWarnings(overridden, { file, locate, written: options.written ?? (() => true) }));
  const valuesText = valuesDocs.map((v) => ({ ...v, text: toYamlDocument(v.values, Y) }));
  // The validators' rules, once, on the values about to be written; findings land in the definition.
  if (validate)
    diagnostics.push(
      ...checkValuesDocuments(
        valuesDocs.map((v) => ({
          // Messages that name a document name it by the definition it was compiled from.
          file: `${file.split(/[\\/]/).pop()} (the ${v.release.release} values)`,
          chart: v.release.chartId,
          values: v.values,
          origin: definitionOrigin(parsed, v.map),
        })),
        def.distribution,
      ),
    );

  const namespaces = namespaceObjects(def);
  const broker = kafkaObjects(def);
  const project = projectObject(
    def,
    releases,
    valuesDocs.map((v) => ({ chartId: v.release.chartId, values: v.values })),
    broker.length > 0 ? STRIMZI_KINDS : [],
  );
  const apps = releases.map((r) => ({ file: `applications/${r.release}.yaml`, object: applicationObject(def, r) }));
  const brokerApp = kafkaApplicationObject(def);
  if (brokerApp !== undefined) apps.push({ file: `applications/${KAFKA_RELEASES.broker}.yaml`, object: brokerApp });
  // In-cluster, the root Application creates the namespaces itself; a remote cluster gets them through the
  // <cluster>-namespaces Application (the root Application only ever syncs into Argo CD's own cluster).
  const local = isInCluster(def);
  if (!local) apps.unshift({ file: NAMESPACES_APPLICATION_FILE, object: namespacesApplicationObject(def) });
  const resources = [...(local ? ["namespaces.yaml"] : []), "project.yaml", ...apps.map((a) => a.file)];
  const kustomizationObject = clusterKustomization(resources);
  const base = `clusters/${def.name}`;
  // The Argo CD and Kustomize objects are built from the definition's `argocd` settings (and its name).
  if (validate)
    diagnostics.push(
      ...checkBundle({
        [`${base}/kustomization.yaml`]: [kustomizationObject],
        [`${base}/namespaces.yaml`]: namespaces,
        [`${base}/project.yaml`]: [project],
        ...Object.fromEntries(apps.map((a) => [`${base}/${a.file}`, [a.object]])),
        ...(broker.length > 0
          ? {
              [`${base}/${KAFKA_DIR}/kustomization.yaml`]: [kafkaKustomization()],
              [`${base}/${KAFKA_DIR}/${KAFKA_RELEASES.broker}.yaml`]: broker,
            }
          : {}),
      }).map((d) => at(d, ["argocd"])),
    );
  if (hasErrors(diagnostics)) return fail(diagnostics);

  const files = new Map<string, string>();
  files.set("kustomization.yaml", toYaml([kustomizationObject], Y));
  files.set("namespaces.yaml", toYaml(namespaces, Y));
  files.set("project.yaml", toYaml([project], Y));
  for (const a of apps) files.set(a.file, toYaml([a.object], Y));
  for (const v of valuesText) files.set(`values/${v.release.release}.yaml`, v.text);
  if (broker.length > 0) {
    files.set(`${KAFKA_DIR}/kustomization.yaml`, toYaml([kafkaKustomization()], Y));
    files.set(`${KAFKA_DIR}/${KAFKA_RELEASES.broker}.yaml`, toYaml(broker, Y));
  }
  const listed = ["README.md", ...[...files.keys()]].sort();
  // The README describes what runs: the typed fields with what `values:` overrides of them applied.
  const running = effectiveDefinition(def, overridden);
  files.set(
    "README.md",
    renderReadme({
      def: running,
      tempo: running.tempo,
      releases,
      datasources: grafana.value.datasources,
      lokiUrl: context.lokiUrl,
      mimirUrl: context.mimirUrl,
      ...kafkaAddressOption(def),
      files: listed,
    }),
  );
  // Last line of defence: no credential in anything about to be committed, reported where it was written.
  const maps = new Map(valuesText.map((v) => [`values/${v.release.release}.yaml`, v.map]));
  if (validate)
    for (const d of scanForSecrets(new Map([...files].map(([rel, text]) => [`${base}/${rel}`, text])))) {
      const rel = (d.file ?? "").slice(base.length + 1);
      const map = maps.get(rel);
      // Outside the values files only the definition's `argocd` settings (repoURL) and names reach the objects.
      diagnostics.push(at(d, map ? map(d.path) : rel === "README.md" ? [] : ["argocd"]));
    }
  if (hasErrors(diagnostics)) return fail(diagnostics);
  return ok(new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), diagnostics);
}
