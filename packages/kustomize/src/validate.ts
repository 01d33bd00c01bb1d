import { posix } from "node:path";
import { closestKey, type Diagnostic, formatPath, isRecord } from "@lgtm-gitops/diagnostics";
import { ZodArray, ZodDefault, ZodNullable, ZodObject, ZodOptional, ZodRecord, ZodUnion, type z } from "zod";
import { appProjectSchema } from "./app-project.js";
import { applicationSchema } from "./application.js";
import { applicationSetSchema } from "./application-set.js";
import { ARGOCD_API_VERSION } from "./argocd-constants.js";
import { K8S_CRD_RULES, validateAgainstCrd, wrongTypeFix } from "./crd-validate.js";
import { issue } from "./issue.js";
import {
  COMPONENT_API_VERSION,
  componentSchema,
  KUSTOMIZATION_API_VERSION,
  kustomizationSchema,
} from "./kustomization.js";
import { namespaceSchema } from "./namespace.js";
import { checkApplicationSpec, checkKustomization, checkMetadata, checkName, nameOf, RULES } from "./rules.js";
import { strimziCrdSchemas } from "./strimzi-crd-schemas.gen.js";

type Rec = Record<string, unknown>;

type Segment = string | number;

function toSegments(path: readonly PropertyKey[]): Segment[] {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

/** The value at `path` inside `root` (`undefined` when absent). */
function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let v = root;
  for (const s of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

/** A zod `invalid_type` issue in words an operator reads at 3 a.m., with the fix (quote it, unquote it, …). */
function typeIssue(code: string, path: Segment[], expected: string, value: unknown): Diagnostic {
  if (value === undefined) return issue(code, "error", path, `is required (${expected})`, `Add it: ${expected}.`);
  const got = Array.isArray(value) ? "list" : value === null ? "null" : typeof value;
  return issue(
    code,
    "error",
    path,
    `must be a ${expected === "array" ? "list" : expected}, got a ${got} (${JSON.stringify(value)})`,
    wrongTypeFix(expected, value),
  );
}

/**
 * The keys an object schema declares at `path` inside `schema` (through optional, nullable, default,
 * array, record and union wrappers), for "did you mean" hints on unknown fields; `[]` when unknown.
 */
function declaredKeysAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  let cur: z.ZodType | undefined = schema;
  const unwrap = (t: z.ZodType): z.ZodType => {
    let u = t;
    while (u instanceof ZodOptional || u instanceof ZodNullable || u instanceof ZodDefault) u = u.unwrap() as z.ZodType;
    return u;
  };
  for (const seg of path) {
    if (cur === undefined) return [];
    const t = unwrap(cur);
    if (t instanceof ZodObject) cur = (t.shape as Record<string, z.ZodType>)[String(seg)];
    else if (t instanceof ZodArray) cur = t.element as z.ZodType;
    else if (t instanceof ZodRecord) cur = t.valueType as z.ZodType;
    else if (t instanceof ZodUnion) {
      const key = String(seg);
      const branch = (t.options as z.ZodType[])
        .map(unwrap)
        .find((o) => (o instanceof ZodObject ? key in o.shape : o instanceof ZodArray));
      if (branch instanceof ZodObject) cur = (branch.shape as Record<string, z.ZodType>)[key];
      else if (branch instanceof ZodArray) cur = branch.element as z.ZodType;
      else return [];
    } else return [];
  }
  if (cur === undefined) return [];
  const t = unwrap(cur);
  if (t instanceof ZodObject) return Object.keys(t.shape);
  if (t instanceof ZodUnion) {
    return [
      ...new Set((t.options as z.ZodType[]).flatMap((o) => (o instanceof ZodObject ? Object.keys(o.shape) : []))),
    ];
  }
  return [];
}

/** Maps zod issues to ours; a failed union reports the branch that came closest. */
function zodIssues(
  issues: readonly z.core.$ZodIssue[],
  base: readonly Segment[],
  schemaCode: string,
  unknownCode: string,
  root: unknown,
  schema: z.ZodType,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const zi of issues) {
    const path = [...base, ...toSegments(zi.path)];
    if (zi.code === "unrecognized_keys") {
      const declared = declaredKeysAt(schema, path);
      for (const key of zi.keys) {
        const near = closestKey(key, declared);
        out.push(
          issue(
            unknownCode,
            "error",
            [...path, key],
            unknownCode.startsWith("kustomize/")
              ? "is not a known field here; kustomize fails the build on it"
              : "is not a known field here; the API server drops it silently",
            near !== undefined
              ? `Did you mean "${near}"?`
              : declared.length > 0
                ? `Remove it; known fields here: ${declared.join(", ")}.`
                : "Remove it or fix its spelling.",
          ),
        );
      }
    } else if (zi.code === "invalid_union" && zi.errors.length > 0) {
      const best = zi.errors.reduce((a, b) => (b.length < a.length ? b : a));
      out.push(...zodIssues(best, path, schemaCode, unknownCode, root, schema));
    } else if (zi.code === "invalid_type") {
      out.push(typeIssue(schemaCode, path, zi.expected, valueAt(root, path)));
    } else {
      out.push(issue(schemaCode, "error", path, zi.message));
    }
  }
  return out;
}

function parseWith(schema: z.ZodType, obj: unknown, schemaCode: string, unknownCode: string): Diagnostic[] {
  const r = schema.safeParse(obj);
  return r.success ? [] : zodIssues(r.error.issues, [], schemaCode, unknownCode, obj, schema);
}

/** Drops zod issues on paths the CRD check already reported (same path, or one inside/around it). */
function mergeArgo(crd: Diagnostic[], model: Diagnostic[]): Diagnostic[] {
  const seen = crd.map((i) => formatPath(i.path));
  const overlaps = (p: string) => seen.some((s) => s === p || p.startsWith(`${s}.`) || p.startsWith(`${s}[`));
  return [...crd, ...model.filter((i) => !overlaps(formatPath(i.path)))];
}

/**
 * Validates one Kubernetes object, dispatching on `apiVersion`/`kind`:
 * - `kustomize.config.k8s.io` Kustomization / Component: the zod model (unknown fields rejected, as
 *   kustomize does), `helmCharts` warning, generator and namespace names;
 * - `argoproj.io/v1alpha1` Application / ApplicationSet / AppProject: the CRD-derived schema (types,
 *   required, enums, unknown fields with their path), the zod model, and the late rules (destination
 *   server xor name, `$values` placement and refs, `ref` without `chart`, sync options, DNS names);
 * - `v1` Namespace: the model and a DNS-1123 label name;
 * - `kafka.strimzi.io/v1` Kafka, KafkaNodePool and KafkaTopic (a Tempo 3.0 bundle's broker): the Strimzi CRD schema;
 * - anything else: label/annotation keys and the sync-wave annotation only.
 * Never throws; returns `[]` when the object is fine.
 */
export function validateObject(obj: unknown): Diagnostic[] {
  if (!isRecord(obj) || typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
    return [
      issue(
        RULES.notAnObject,
        "error",
        [],
        "is not a Kubernetes object: it needs string apiVersion and kind fields",
        "Start the document with apiVersion and kind.",
      ),
    ];
  }
  const { apiVersion, kind } = obj;
  if (apiVersion === KUSTOMIZATION_API_VERSION || apiVersion === COMPONENT_API_VERSION) {
    const schema = kind === "Component" ? componentSchema : kustomizationSchema;
    return [...parseWith(schema, obj, RULES.kustomizeSchema, RULES.kustomizeUnknownField), ...checkKustomization(obj)];
  }
  if (
    apiVersion === ARGOCD_API_VERSION &&
    (kind === "Application" || kind === "ApplicationSet" || kind === "AppProject")
  ) {
    const crd = validateAgainstCrd(obj, kind);
    const model = parseWith(
      kind === "Application" ? applicationSchema : kind === "ApplicationSet" ? applicationSetSchema : appProjectSchema,
      obj,
      RULES.argocdSchema,
      RULES.unknownField,
    );
    const out = mergeArgo(crd, model);
    out.push(...checkMetadata(obj.metadata, "subdomain", kind));
    if (kind === "Application") {
      out.push(...checkApplicationSpec(obj.spec, ["spec"]));
      const name = nameOf(obj);
      if (name !== undefined && name.length > 63) {
        out.push(
          issue(
            RULES.dnsName,
            "warning",
            ["metadata", "name"],
            `Application name has ${name.length} characters; Argo CD writes it into the app.kubernetes.io/instance label, which allows 63`,
            "Shorten the name to 63 characters or fewer.",
          ),
        );
      }
    } else if (kind === "ApplicationSet" && isRecord(obj.spec)) {
      const template = obj.spec.template;
      if (isRecord(template)) {
        out.push(
          ...checkApplicationSpec(template.spec, ["spec", "template", "spec"], obj.spec.templatePatch !== undefined),
        );
        if (isRecord(template.metadata))
          out.push(
            ...checkName(
              template.metadata.name,
              ["spec", "template", "metadata", "name"],
              "subdomain",
              "Application name",
            ),
          );
      }
    }
    return out;
  }
  const strimzi = Object.hasOwn(strimziCrdSchemas.kinds, kind) ? strimziCrdSchemas.kinds[kind] : undefined;
  if (strimzi !== undefined && apiVersion === `${strimzi.group}/${strimzi.version}`)
    return [
      ...validateAgainstCrd(obj, kind, strimziCrdSchemas, K8S_CRD_RULES),
      ...checkMetadata(obj.metadata, "subdomain", kind),
    ];
  if (apiVersion === "v1" && kind === "Namespace") {
    return [
      ...parseWith(namespaceSchema, obj, RULES.k8sSchema, RULES.k8sUnknownField),
      ...checkMetadata(obj.metadata, "label", "Namespace"),
    ];
  }
  return checkMetadata(obj.metadata, "none", kind);
}

/** A problem found by {@link validateBundle}, with the bundle file it is in. */
export interface BundleDiagnostic extends Diagnostic {
  /** Path of the file in the bundle (a key of the `files` given). */
  readonly file: string;
  /** Index of the document in the file (0-based). */
  readonly document: number;
}

const ARGO_KINDS = new Set(["Application", "ApplicationSet", "AppProject"]);

function isKustomization(o: unknown): o is Rec {
  return (
    isRecord(o) &&
    (o.apiVersion === KUSTOMIZATION_API_VERSION || o.apiVersion === COMPONENT_API_VERSION) &&
    (o.kind === "Kustomization" || o.kind === "Component")
  );
}

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/**
 * Validates a whole bundle: `files` maps a path (relative, `/`-separated, e.g.
 * `clusters/c1/kustomization.yaml`) to the documents parsed from it. Runs {@link validateObject} on
 * every document that has an `apiVersion` or `kind` (maps with neither, such as Helm values files, and
 * empty documents are data and skipped), then the cross-file rules:
 * - `kustomize/namespace-with-applications`: a kustomization whose resources (directly or through
 *   listed directories' kustomizations) include Argo CD Applications, ApplicationSets or AppProjects
 *   must not set `namespace:` (itself or through a Component it includes), which would move them out of
 *   Argo CD's namespace;
 * - `kustomize/missing-resource`: `resources`/`components` entries that point at or below the
 *   kustomization's directory but at nothing in `files` (remote URLs and `../` paths are not checked:
 *   they may live outside the files given), and listed directories without a kustomization file.
 */
export function validateBundle(files: Readonly<Record<string, readonly unknown[]>>): BundleDiagnostic[] {
  const out: BundleDiagnostic[] = [];
  const paths = Object.keys(files).map((p) => posix.normalize(p));
  const byPath = new Map<string, readonly unknown[]>();
  for (const [p, docs] of Object.entries(files)) byPath.set(posix.normalize(p), docs);

  for (const [file, docs] of Object.entries(files)) {
    docs.forEach((doc, document) => {
      if (doc === null || doc === undefined) return; // an empty YAML document
      if (isRecord(doc) && doc.apiVersion === undefined && doc.kind === undefined) return;
      for (const i of validateObject(doc)) out.push({ ...i, file, document });
    });
  }

  const isDir = (dir: string) => paths.some((p) => p.startsWith(`${dir}/`));
  const kustomizationIn = (dir: string): string | undefined =>
    KUSTOMIZATION_FILES.map((f) => posix.join(dir, f)).find((p) => byPath.has(p));

  /** Argo CD objects reachable from a kustomization file, as "Kind/name (file)". */
  const argoObjectsOf = (kfile: string, seen: Set<string>): string[] => {
    if (seen.has(kfile)) return [];
    seen.add(kfile);
    const found: string[] = [];
    const dir = posix.dirname(kfile);
    for (const k of byPath.get(kfile) ?? []) {
      if (!isKustomization(k) || !Array.isArray(k.resources)) continue;
      for (const r of k.resources) {
        if (typeof r !== "string") continue;
        const target = posix.normalize(posix.join(dir, r));
        const docs = byPath.get(target);
        if (docs !== undefined) {
          for (const d of docs) {
            if (
              isRecord(d) &&
              typeof d.kind === "string" &&
              ARGO_KINDS.has(d.kind) &&
              d.apiVersion === ARGOCD_API_VERSION
            )
              found.push(`${d.kind}/${nameOf(d) ?? "?"} (${target})`);
          }
        } else {
          const sub = kustomizationIn(target);
          if (sub !== undefined) found.push(...argoObjectsOf(sub, seen));
        }
      }
    }
    return found;
  };

  for (const [file, docs] of Object.entries(files)) {
    const normalized = posix.normalize(file);
    docs.forEach((doc, document) => {
      if (!isKustomization(doc)) return;
      const dir = posix.dirname(normalized);
      // Where a namespace would come from: this kustomization, or a Component it includes.
      const setters: { path: (string | number)[]; namespace: string; via: string }[] = [];
      if (typeof doc.namespace === "string") setters.push({ path: ["namespace"], namespace: doc.namespace, via: "" });
      if (Array.isArray(doc.components)) {
        doc.components.forEach((c, i) => {
          if (typeof c !== "string") return;
          const kfile = kustomizationIn(posix.join(dir, c));
          for (const k of kfile !== undefined ? (byPath.get(kfile) ?? []) : []) {
            if (isKustomization(k) && typeof k.namespace === "string")
              setters.push({
                path: ["components", i],
                namespace: k.namespace,
                via: ` (set by the component in ${kfile})`,
              });
          }
        });
      }
      const argo = setters.length > 0 ? argoObjectsOf(normalized, new Set()) : [];
      for (const setter of argo.length > 0 ? setters : []) {
        const one = argo.length === 1;
        out.push({
          ...issue(
            RULES.namespaceWithApplications,
            "error",
            setter.path,
            `namespace "${setter.namespace}"${setter.via} would move ${one ? "this Argo CD object" : "these Argo CD objects"} out of Argo CD's namespace, where Argo CD no longer sees ${one ? "it" : "them"}: ${argo.join(", ")}`,
            "Remove namespace: and set spec.destination.namespace on each Application instead.",
          ),
          file,
          document,
        });
      }
      for (const key of ["resources", "components"] as const) {
        const list = doc[key];
        if (!Array.isArray(list)) continue;
        list.forEach((r, i) => {
          if (typeof r !== "string" || /^[a-z][a-z0-9+.-]*:\/\//i.test(r) || r.startsWith("git@")) return;
          const local = posix.normalize(r);
          if (local === ".." || local.startsWith("../") || posix.isAbsolute(local)) return;
          const target = posix.join(dir, local);
          if (byPath.has(target)) return;
          if (isDir(target)) {
            if (kustomizationIn(target) !== undefined) return;
            out.push({
              ...issue(
                RULES.missingResource,
                "error",
                [key, i],
                `"${r}" is a directory without a kustomization.yaml; kustomize build fails`,
                `Add ${posix.join(target, "kustomization.yaml")} listing its files, or list the files themselves.`,
              ),
              file,
              document,
            });
            return;
          }
          out.push({
            ...issue(
              RULES.missingResource,
              "error",
              [key, i],
              `"${r}" (${target}) is not in the bundle; kustomize build fails`,
              "Fix the path, or add the file to the bundle.",
            ),
            file,
            document,
          });
        });
      }
    });
  }
  return out;
}
