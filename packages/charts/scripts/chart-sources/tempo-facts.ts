/**
 * Facts about a Tempo chart version that the wiring needs, read from its templates:
 *   - which values paths set the Tempo image tag, in order, and whether an unset tag falls back to the chart's
 *     appVersion (so: which Tempo version the chart runs with its defaults);
 *   - the Service names of the query-frontend, gateway and distributor (tempo-distributed), or the one Service
 *     (tempo), as name templates.
 *
 * The image tag is recognised by the shapes the charts have used (each checked against the template text):
 *   tempo-distributed: `tempo.tempoImage` does `$tag := coalesce .component.tag .tempo.tag .defaultVersion`
 *     (`.service.tag` in 0.x), and `tempo.imageReference` passes `.ctx.Values.tempo.image` as `tempo`, the
 *     component section's `image` as `component` and `.ctx.Chart.AppVersion` as `defaultVersion`;
 *   tempo: the StatefulSet's `image: …{{ .Values.tempo.repository }}:{{ .Values.tempo.tag | default .Chart.AppVersion }}`
 *     (no `| default` before 1.6.x: the tag then comes from values.yaml only).
 * A version whose templates match none of these throws, so a new shape cannot slip through unrecorded.
 */
import type { TemplateSource } from "./template-reads.js";

export interface ImageTagFact {
  /** Values paths that set the Tempo image tag, the first non-empty one wins (`<component>`: a component section). */
  readonly paths: readonly string[];
  /** Whether an unset tag falls back to the chart's appVersion. */
  readonly fallsBackToAppVersion: boolean;
  /** The default of the most general path in values.yaml (null when unset). */
  readonly defaultTag: string | null;
  /** The template lines this was read from (`file:line`). */
  readonly evidence: readonly string[];
  /**
   * tempo-distributed with `enterprise.enabled`: the Tempo image map is `merge enterprise.image tempo.image`,
   * in which enterprise.image's keys win (Sprig `merge` keeps the first map's values), so this path takes
   * `tempo.image.tag`'s place.
   */
  readonly enterpriseTagPath?: string;
}

export interface ServiceFact {
  /** The name with `{fullname}` for the chart's fullname helper, when the helpers have the usual shape. */
  readonly name?: string;
  /** The name template as written, when `name` could not be derived. */
  readonly template?: string;
  readonly at: string;
}

export interface TempoFacts {
  /** Chart appVersion (the Tempo version it was released for). */
  readonly appVersion?: string;
  /** The Tempo image tag the chart deploys with its defaults. */
  readonly tempoVersionWithDefaults?: string;
  readonly imageTag: ImageTagFact;
  /**
   * `{fullname}` as the fullname helper computes it, when recognised: `{release}-tempo` (tempo-distributed: the
   * literal "tempo") or `{release}-{chart}` (tempo: the chart name, i.e. a dependency alias); in both, just
   * `{release}` when the release name contains that word, `nameOverride` replaces the word and
   * `fullnameOverride` the whole name (see FULLNAME_RULES).
   */
  readonly fullname?: "{release}-tempo" | "{release}-{chart}";
  readonly services: Readonly<Record<string, ServiceFact>>;
}

function findLine(files: readonly TemplateSource[], re: RegExp, only?: (f: string) => boolean): string | undefined {
  for (const f of files) {
    if (only !== undefined && !only(f.file)) continue;
    const lines = f.text.split("\n");
    const i = lines.findIndex((l) => re.test(l));
    if (i >= 0) return `${f.file}:${i + 1}`;
  }
  return undefined;
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let cur = values;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

const norm = (s: string): string => s.replace(/\s+/g, " ").trim();

/** Body text of a `define` (whitespace-normalised), if some file defines it. */
function defineBody(files: readonly TemplateSource[], name: string): string | undefined {
  for (const f of files) {
    const start = f.text.indexOf(`define "${name}"`);
    if (start < 0) continue;
    const open = f.text.indexOf("}}", start);
    const end = f.text.indexOf("{{- end -}}", open);
    const end2 = end < 0 ? f.text.indexOf("{{ end }}", open) : end;
    if (open < 0 || end2 < 0) continue;
    return norm(f.text.slice(open + 2, end2));
  }
  return undefined;
}

// The fullname helpers as both charts write them (whitespace-normalised), and what they compute.
const FULLNAME_DISTRIBUTED = norm(`{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default "tempo" .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}`);
const FULLNAME_SINGLE = FULLNAME_DISTRIBUTED.replace(
  'default "tempo" .Values.nameOverride',
  "default .Chart.Name .Values.nameOverride",
);
// (defineBody stops at the first `{{- end -}}`)
const RESOURCE_NAME = norm(`{{ include "tempo.fullname" .ctx }}{{- if .component -}}-{{ .component }}`);

/** What the two recognised fullname helpers compute. */
export const FULLNAME_RULES = {
  "{release}-tempo":
    'tempo-distributed `tempo.fullname`: fullnameOverride if set; else <release> if the release name contains (nameOverride or "tempo"); else <release>-(nameOverride or "tempo"); truncated to 63 characters',
  "{release}-{chart}":
    "tempo `tempo.fullname`: fullnameOverride if set; else <release> if the release name contains (nameOverride or the chart name, which a dependency alias replaces); else <release>-(nameOverride or chart name); truncated to 63 characters",
} as const;

function fullnameRule(files: readonly TemplateSource[]): TempoFacts["fullname"] {
  const body = defineBody(files, "tempo.fullname");
  // defineBody stops at the first `{{- end -}}`: compare prefixes
  if (body === undefined) return undefined;
  if (FULLNAME_DISTRIBUTED.startsWith(body) || body.startsWith(FULLNAME_DISTRIBUTED)) return "{release}-tempo";
  if (FULLNAME_SINGLE.startsWith(body) || body.startsWith(FULLNAME_SINGLE)) return "{release}-{chart}";
  return undefined;
}

function distributedServices(files: readonly TemplateSource[]): Record<string, ServiceFact> {
  const out: Record<string, ServiceFact> = {};
  const resourceNameOk = defineBody(files, "tempo.resourceName") === RESOURCE_NAME;
  for (const component of ["query-frontend", "gateway", "distributor"]) {
    const f = files.find((x) => x.file === `templates/${component}/service-${component}.yaml`);
    if (f === undefined) continue;
    const lines = f.text.split("\n");
    const i = lines.findIndex((l) => /^ {2}name: /.test(l));
    if (i < 0) continue;
    const template = (lines[i] as string).replace(/^ {2}name: /, "").trim();
    let comp: string | undefined;
    const lit = /include "tempo\.resourceName" \(dict "ctx" \. "component" "([^"]+)"\)\s*}}$/.exec(template);
    if (lit !== null) comp = lit[1];
    else if (/include "tempo\.resourceName" \$dict\s*}}$/.test(template)) {
      const d = /\$dict := dict "ctx" \. "component" "([^"]+)"/.exec(f.text);
      if (d !== null) comp = d[1];
    }
    out[component] = {
      ...(resourceNameOk && comp !== undefined ? { name: `{fullname}-${comp}` } : { template }),
      at: `${f.file}:${i + 1}`,
    };
  }
  return out;
}

function singleServices(files: readonly TemplateSource[]): Record<string, ServiceFact> {
  const f = files.find((x) => x.file === "templates/service.yaml");
  if (f === undefined) return {};
  const lines = f.text.split("\n");
  const i = lines.findIndex((l) => /^ {2}name: /.test(l));
  if (i < 0) return {};
  const template = (lines[i] as string).replace(/^ {2}name: /, "").trim();
  const plain = /^{{-? (template|include) "tempo\.fullname" \. -?}}$/.test(template);
  return { tempo: { ...(plain ? { name: "{fullname}" } : { template }), at: `${f.file}:${i + 1}` } };
}

/** The facts of one version of `tempo-distributed` or `tempo`. */
export function tempoFacts(
  chart: string,
  version: string,
  files: readonly TemplateSource[],
  values: unknown,
  appVersion: string | undefined,
): TempoFacts {
  let imageTag: ImageTagFact;
  let services: Record<string, ServiceFact>;
  if (chart === "tempo-distributed") {
    const helpers = (f: string): boolean => f.endsWith(".tpl");
    const tagLine = findLine(
      files,
      /\$tag\s*:=\s*coalesce\s+\.(component|service)\.tag\s+\.tempo\.tag\s+\.defaultVersion\b/,
      helpers,
    );
    const tempoLine = findLine(files, /\$tempo\s*=\s*\.ctx\.Values\.tempo\.image\b/, helpers);
    const defaultLine = findLine(files, /"defaultVersion"\s+\.ctx\.Chart\.AppVersion\b/, helpers);
    const componentLine = findLine(files, /\(index \.ctx\.Values \$componentSection\)\.image\b/, helpers);
    const enterpriseLine = findLine(
      files,
      /\$tempo\s*=\s*merge\s+\.ctx\.Values\.enterprise\.image\s+\.ctx\.Values\.tempo\.image\b/,
      helpers,
    );
    if (tagLine === undefined || tempoLine === undefined || defaultLine === undefined || componentLine === undefined)
      throw new Error(
        `tempo-distributed ${version}: the Tempo image helpers have a shape tempo-facts.ts does not know`,
      );
    const tag = valueAt(values, ["tempo", "image", "tag"]);
    imageTag = {
      paths: ["<component>.image.tag", "tempo.image.tag"],
      fallsBackToAppVersion: true,
      defaultTag: typeof tag === "string" || typeof tag === "number" ? String(tag) : null,
      evidence: [
        tagLine,
        tempoLine,
        componentLine,
        defaultLine,
        ...(enterpriseLine === undefined ? [] : [enterpriseLine]),
      ],
      ...(enterpriseLine === undefined ? {} : { enterpriseTagPath: "enterprise.image.tag" }),
    };
    services = distributedServices(files);
  } else if (chart === "tempo") {
    const re =
      /image:.*{{\s*\.Values\.tempo\.repository\s*}}:{{\s*\.Values\.tempo\.tag(\s*\|\s*default\s+\.Chart\.AppVersion)?\s*}}/;
    const f = files.find((x) => re.test(x.text));
    if (f === undefined)
      throw new Error(`tempo ${version}: the StatefulSet image line has a shape tempo-facts.ts does not know`);
    const lines = f.text.split("\n");
    const i = lines.findIndex((l) => re.test(l));
    const fallback = re.exec(lines[i] as string)?.[1] !== undefined;
    const tag = valueAt(values, ["tempo", "tag"]);
    imageTag = {
      paths: ["tempo.tag"],
      fallsBackToAppVersion: fallback,
      defaultTag: typeof tag === "string" || typeof tag === "number" ? String(tag) : null,
      evidence: [`${f.file}:${i + 1}`],
    };
    services = singleServices(files);
  } else throw new Error(`tempoFacts: ${chart} is not a Tempo chart`);
  const effective =
    imageTag.defaultTag !== null && imageTag.defaultTag !== ""
      ? imageTag.defaultTag
      : imageTag.fallsBackToAppVersion
        ? appVersion
        : undefined;
  const fullname = fullnameRule(files);
  return {
    ...(appVersion === undefined ? {} : { appVersion }),
    ...(effective === undefined ? {} : { tempoVersionWithDefaults: effective }),
    imageTag,
    ...(fullname === undefined ? {} : { fullname }),
    services,
  };
}
