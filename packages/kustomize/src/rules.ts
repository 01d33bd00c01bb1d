import { closestKey, type Diagnostic, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { KNOWN_SYNC_OPTIONS } from "./argocd-constants.js";
import { issue } from "./issue.js";
import { SYNC_WAVE_ANNOTATION } from "./metadata.js";
import { dns1123LabelError, dns1123SubdomainError, isTemplated, labelValueError, qualifiedNameError } from "./names.js";

/**
 * The rule ids this package emits. Each is checked here because Argo CD or kustomize would only
 * fail (or silently misbehave) at sync/build time.
 */
export const RULES = {
  /** `spec.destination` sets both `server` and `name`, or neither. */
  destination: "argocd/destination",
  /** An Application has neither `source` nor `sources` (error), or both (`source` is ignored: warning). */
  sources: "argocd/sources",
  /** A `ref` source also sets `chart`. */
  refWithChart: "argocd/ref-with-chart",
  /** A value file uses `$<ref>` anywhere but at its start, names a ref no source defines, or is in a single-source app. */
  valuesRef: "argocd/values-ref",
  /** A Helm source sets both `values` and `valuesObject`: Argo CD uses `valuesObject` and ignores `values`. */
  helmValuesIgnored: "argocd/helm-values-ignored",
  /** A `syncPolicy.syncOptions` entry Argo CD does not know (it ignores it silently). */
  syncOption: "argocd/sync-option",
  /** `managedNamespaceMetadata` without `CreateNamespace=true` (it has no effect). */
  managedNamespaceMetadata: "argocd/managed-namespace-metadata",
  /** The `argocd.argoproj.io/sync-wave` annotation is not an integer. */
  syncWave: "argocd/sync-wave",
  /** A field Argo CD's CRD does not declare (the API server drops it). */
  unknownField: "argocd/unknown-field",
  /** A value that does not match Argo CD's CRD schema. */
  crdSchema: "argocd/crd-schema",
  /** A value that does not match the CRD schema of another custom resource checked here (Strimzi's Kafka kinds). */
  k8sCrdSchema: "k8s/crd-schema",
  /** An Argo CD object that does not match this package's model. */
  argocdSchema: "argocd/schema",
  /** A kustomization that lists Argo CD objects sets `namespace:` (it moves them out of Argo CD's namespace). */
  namespaceWithApplications: "kustomize/namespace-with-applications",
  /** `helmCharts` in a kustomization: Argo CD renders it only with `--enable-helm` in `kustomize.buildOptions`. */
  helmCharts: "kustomize/helm-charts",
  /** A kustomization `resources`/`components` entry names a file or directory that is not in the bundle. */
  missingResource: "kustomize/missing-resource",
  /** A Kustomization or Component that does not match the kustomize schema (unknown fields included). */
  kustomizeSchema: "kustomize/schema",
  /** A field kustomize does not know (it fails the build). */
  kustomizeUnknownField: "kustomize/unknown-field",
  /** A name that is not a valid DNS-1123 label/subdomain. */
  dnsName: "k8s/dns-name",
  /** An invalid label key/value or annotation key. */
  label: "k8s/label",
  /** A core object (Namespace) that does not match its schema. */
  k8sSchema: "k8s/schema",
  /** A field that a core object, or a custom resource other than Argo CD's (Strimzi's), does not have. */
  k8sUnknownField: "k8s/unknown-field",
  /** Not an object with `apiVersion` and `kind`. */
  notAnObject: "k8s/not-an-object",
} as const;

type Rec = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** `k8s/dns-name` for a name that must be a DNS-1123 label or subdomain; templated names are skipped. */
export function checkName(
  value: unknown,
  path: PathSegments,
  format: "label" | "subdomain",
  what: string,
): Diagnostic[] {
  if (typeof value !== "string" || isTemplated(value)) return [];
  const error = format === "label" ? dns1123LabelError(value) : dns1123SubdomainError(value);
  if (error === undefined) return [];
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return [
    issue(
      RULES.dnsName,
      "error",
      path,
      `${what} "${value}" is not a valid DNS-1123 ${format}: it ${error}`,
      suggestion !== "" && suggestion !== value ? `Use "${suggestion}".` : undefined,
    ),
  ];
}

/** Checks `metadata`: name format, label keys/values, annotation keys, the sync-wave annotation. */
export function checkMetadata(
  metadata: unknown,
  nameFormat: "label" | "subdomain" | "none",
  what: string,
): Diagnostic[] {
  if (!isRecord(metadata)) return [];
  const out: Diagnostic[] = [];
  if (nameFormat !== "none") out.push(...checkName(metadata.name, ["metadata", "name"], nameFormat, `${what} name`));
  if (typeof metadata.namespace === "string")
    out.push(...checkName(metadata.namespace, ["metadata", "namespace"], "label", "Namespace"));
  if (isRecord(metadata.labels)) {
    for (const [key, value] of Object.entries(metadata.labels)) {
      const path = ["metadata", "labels", key];
      if (isTemplated(key)) continue;
      const keyError = qualifiedNameError(key);
      if (keyError !== undefined) out.push(issue(RULES.label, "error", path, `label key is invalid: ${keyError}`));
      if (typeof value === "string" && !isTemplated(value)) {
        const valueError = labelValueError(value);
        if (valueError !== undefined)
          out.push(issue(RULES.label, "error", path, `label value "${value}" is invalid: it ${valueError}`));
      }
    }
  }
  if (isRecord(metadata.annotations)) {
    for (const [key, value] of Object.entries(metadata.annotations)) {
      const path = ["metadata", "annotations", key];
      const keyError = isTemplated(key) ? undefined : qualifiedNameError(key);
      if (keyError !== undefined) out.push(issue(RULES.label, "error", path, `annotation key is invalid: ${keyError}`));
      if (key === SYNC_WAVE_ANNOTATION && typeof value === "string" && !isTemplated(value)) {
        if (!/^[-+]?\d+$/.test(value.trim()))
          out.push(
            issue(
              RULES.syncWave,
              "error",
              path,
              `sync wave "${value}" is not an integer; Argo CD fails the sync`,
              'Use an integer in quotes, e.g. "-1", "0" or "5".',
            ),
          );
      }
    }
  }
  return out;
}

const VALUE_REF_AT_START = /^\$([A-Za-z0-9_-]+)(\/|$)/;
const VALUE_REF_ANYWHERE = /\$[A-Za-z0-9_-]+/;

/** Rules on one source: `ref` with `chart`, `values` next to `valuesObject`, and value files' `$<ref>` usage. */
function checkSource(source: Rec, path: PathSegments, refs: ReadonlySet<string> | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (source.ref !== undefined && source.chart !== undefined) {
    out.push(
      issue(
        RULES.refWithChart,
        "error",
        [...path, "chart"],
        `a source with ref "${String(source.ref)}" cannot also set chart "${String(source.chart)}" (Argo CD rejects it)`,
        "Split it into two sources: the chart source, and a Git source with only repoURL, targetRevision and ref.",
      ),
    );
  }
  const helm = source.helm;
  if (isRecord(helm) && helm.values !== undefined && helm.valuesObject !== undefined) {
    out.push(
      issue(
        RULES.helmValuesIgnored,
        "warning",
        [...path, "helm", "values"],
        "is ignored because valuesObject is set: Argo CD passes only valuesObject to Helm, so nothing written here reaches the chart",
        "Move these values into valuesObject (or a value file), and remove values.",
      ),
    );
  }
  if (!isRecord(helm) || !Array.isArray(helm.valueFiles)) return out;
  helm.valueFiles.forEach((file, i) => {
    if (typeof file !== "string" || isTemplated(file)) return;
    const p = [...path, "helm", "valueFiles", i];
    const start = VALUE_REF_AT_START.exec(file);
    if (start === null) {
      const inner = VALUE_REF_ANYWHERE.exec(file);
      if (inner !== null) {
        out.push(
          issue(
            RULES.valuesRef,
            "error",
            p,
            `"${file}" uses ${inner[0]} after the start; Argo CD only expands a ref at the very start of a value file`,
            `Write it as "${file.slice(inner.index)}" (the path is relative to the root of the ref'd repository).`,
          ),
        );
      }
      return;
    }
    const name = start[1]!;
    if (refs === undefined) {
      out.push(
        issue(
          RULES.valuesRef,
          "error",
          p,
          `"${file}" reads from $${name}, but refs only work in multi-source Applications (spec.sources)`,
          `Use spec.sources with this chart source and a Git source with ref: ${name}.`,
        ),
      );
    } else if (!refs.has(name)) {
      out.push(
        issue(
          RULES.valuesRef,
          "error",
          p,
          `"${file}" reads from $${name}, but no source has ref: ${name}` +
            (refs.size > 0 ? ` (refs: ${[...refs].join(", ")})` : ""),
          `Add a source { repoURL: <values repo>, targetRevision: <branch>, ref: ${name} }.`,
        ),
      );
    }
  });
  return out;
}

function checkSyncPolicy(syncPolicy: unknown, path: PathSegments): Diagnostic[] {
  if (!isRecord(syncPolicy)) return [];
  const out: Diagnostic[] = [];
  const options = Array.isArray(syncPolicy.syncOptions) ? syncPolicy.syncOptions : [];
  const known = Object.keys(KNOWN_SYNC_OPTIONS);
  options.forEach((option, i) => {
    if (typeof option !== "string" || isTemplated(option)) return;
    const p = [...path, "syncOptions", i];
    const eq = option.indexOf("=");
    const name = eq < 0 ? option : option.slice(0, eq);
    const value = eq < 0 ? undefined : option.slice(eq + 1);
    const allowed = Object.hasOwn(KNOWN_SYNC_OPTIONS, name) ? KNOWN_SYNC_OPTIONS[name] : undefined;
    if (allowed === undefined) {
      const near = closestKey(name, known);
      out.push(
        issue(
          RULES.syncOption,
          "error",
          p,
          `"${option}" is not a sync option Argo CD knows; it is ignored silently`,
          near !== undefined
            ? `Did you mean "${near}=${KNOWN_SYNC_OPTIONS[near]![0]}"?`
            : `Known options: ${known.join(", ")}.`,
        ),
      );
    } else if (value === undefined || !allowed.includes(value)) {
      out.push(
        issue(
          RULES.syncOption,
          "error",
          p,
          `"${option}" needs a value: ${name}=${allowed.join(`|${name}=`)}`,
          `Write "${name}=${allowed[0]}".`,
        ),
      );
    }
  });
  if (
    syncPolicy.managedNamespaceMetadata !== undefined &&
    !options.some((o) => typeof o === "string" && o.replace(/\s/g, "") === "CreateNamespace=true")
  ) {
    out.push(
      issue(
        RULES.managedNamespaceMetadata,
        "warning",
        [...path, "managedNamespaceMetadata"],
        "has no effect without the sync option CreateNamespace=true",
        'Add "CreateNamespace=true" to syncOptions, or remove managedNamespaceMetadata.',
      ),
    );
  }
  return out;
}

/**
 * The late rules on an Application spec (also an ApplicationSet template spec, where `templated`
 * relaxes checks that a `templatePatch` may complete). `path` is where the spec sits.
 */
export function checkApplicationSpec(spec: unknown, path: PathSegments, templated = false): Diagnostic[] {
  if (!isRecord(spec)) return [];
  const out: Diagnostic[] = [];
  const destination = spec.destination;
  if (isRecord(destination)) {
    const hasServer = destination.server !== undefined && destination.server !== "";
    const hasName = destination.name !== undefined && destination.name !== "";
    if (hasServer && hasName) {
      out.push(
        issue(
          RULES.destination,
          "error",
          [...path, "destination"],
          `sets both server "${String(destination.server)}" and name "${String(destination.name)}"; Argo CD rejects it ("application destination can't have both name and server defined")`,
          "Keep only one: name (the cluster's name in Argo CD) or server (its API URL).",
        ),
      );
    } else if (!hasServer && !hasName && !templated) {
      out.push(
        issue(
          RULES.destination,
          "error",
          [...path, "destination"],
          "sets neither server nor name; Argo CD cannot tell which cluster to deploy to",
          'Set name (e.g. "in-cluster") or server (e.g. "https://kubernetes.default.svc").',
        ),
      );
    }
    if (typeof destination.namespace === "string" && destination.namespace !== "")
      out.push(...checkName(destination.namespace, [...path, "destination", "namespace"], "label", "Namespace"));
  }
  const hasSource = spec.source !== undefined;
  const hasSources = Array.isArray(spec.sources);
  if (hasSource && hasSources) {
    out.push(
      issue(
        RULES.sources,
        "warning",
        [...path, "source"],
        "is ignored because sources is set",
        "Move this source into sources, or remove it.",
      ),
    );
  } else if (!hasSource && !hasSources && !templated) {
    out.push(
      issue(
        RULES.sources,
        "error",
        path,
        "has neither source nor sources; Argo CD has nothing to deploy",
        "Add source (one chart or Git path) or sources (e.g. a chart plus a ref: values Git source).",
      ),
    );
  } else if (hasSources && (spec.sources as unknown[]).length === 0 && !templated) {
    out.push(issue(RULES.sources, "error", [...path, "sources"], "is empty; Argo CD has nothing to deploy"));
  }
  if (hasSources) {
    const sources = spec.sources as unknown[];
    const refs = new Set(sources.filter(isRecord).flatMap((s) => (typeof s.ref === "string" ? [s.ref] : [])));
    sources.forEach((s, i) => {
      if (isRecord(s)) out.push(...checkSource(s, [...path, "sources", i], refs));
    });
  } else if (isRecord(spec.source)) {
    out.push(...checkSource(spec.source, [...path, "source"], undefined));
  }
  out.push(...checkSyncPolicy(spec.syncPolicy, [...path, "syncPolicy"]));
  return out;
}

/** Late rules on a Kustomization/Component object (the bundle-level namespace rule is in `validateBundle`). */
export function checkKustomization(obj: Rec): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (Array.isArray(obj.helmCharts) && obj.helmCharts.length > 0) {
    out.push(
      issue(
        RULES.helmCharts,
        "warning",
        ["helmCharts"],
        "needs kustomize --enable-helm and a helm binary; Argo CD has no per-Application switch, so the sync fails unless kustomize.buildOptions in argocd-cm has --enable-helm",
        "Prefer an Argo CD Application with a Helm source (chart + values), or enable --enable-helm globally in argocd-cm.",
      ),
    );
  }
  for (const key of ["configMapGenerator", "secretGenerator"] as const) {
    const list = obj[key];
    if (!Array.isArray(list)) continue;
    list.forEach((g, i) => {
      if (isRecord(g)) out.push(...checkName(g.name, [key, i, "name"], "subdomain", "Generated object"));
    });
  }
  if (typeof obj.namespace === "string") out.push(...checkName(obj.namespace, ["namespace"], "label", "Namespace"));
  out.push(...checkMetadata(obj.metadata, "none", "Kustomization"));
  return out;
}

/** `metadata.name` of an object when it is a string, for messages. */
export function nameOf(obj: unknown): string | undefined {
  return isRecord(obj) && isRecord(obj.metadata) ? str(obj.metadata.name) : undefined;
}
