import { type Diagnostic, hasPath } from "@lgtm-gitops/diagnostics";
import { toYaml } from "@lgtm-gitops/kustomize";
import type { ParsedDefinition } from "../definition/parse.js";
import { GENERATED_BY } from "../output/generated.js";
import { scanForSecrets } from "../safety/secret-scan.js";
import { projectName } from "./argo.js";
import { bootstrapKustomization, fleetApplicationSet, rootApplication } from "./bootstrap.js";
import { renderCluster } from "./cluster.js";
import { checkBundle } from "./validate.js";

/** One output directory of a generation (a cluster, or `bootstrap`) and its files (paths relative to the output dir). */
export interface RenderedUnit {
  readonly name: string;
  readonly files: readonly string[];
}

/** The whole fleet rendered in memory. */
export interface RenderedFleet {
  /** Path relative to the output directory (`dev-rke2/README.md`, `bootstrap/applicationset.yaml`) → content. */
  readonly files: Map<string, string>;
  /** Per rendered cluster (in name order), then `bootstrap`. */
  readonly units: RenderedUnit[];
  readonly diagnostics: Diagnostic[];
}

/** Options of {@link renderFleet}. */
export interface RenderFleetOptions {
  /** Only these clusters are rendered (bootstrap always covers the whole fleet). @default all */
  readonly selected?: ReadonlySet<string>;
  /** Called after every 50th rendered cluster and after the last. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Fleet-wide checks: every AppProject name (argocd.project, default the cluster name) is used by one cluster only. */
export function checkFleet(definitions: readonly ParsedDefinition[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const projects = new Map<string, string>();
  for (const { definition: def, file, locate } of definitions) {
    const p = projectName(def);
    const other = projects.get(p);
    const pos = locate(["argocd", "project"]) ?? locate(["argocd"]);
    if (other !== undefined)
      diagnostics.push({
        ruleId: "definition/duplicate-project",
        severity: "error",
        path: ["argocd", "project"],
        message: `AppProject "${p}" is also generated for cluster ${other}; both bundles would fight over it`,
        fix: "Give each cluster its own argocd.project (the default is the cluster name).",
        file,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
      });
    else projects.set(p, def.name);
  }
  return diagnostics;
}

/**
 * Renders the (selected) clusters' bundles. Diagnostics on a YAML/JSON definition get its line and column.
 * Files of clusters with errors are left out.
 */
export function renderClusters(
  definitions: readonly ParsedDefinition[],
  options: RenderFleetOptions = {},
): RenderedFleet {
  const files = new Map<string, string>();
  const units: RenderedUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  const selected = definitions.filter((d) => !options.selected || options.selected.has(d.definition.name));
  let done = 0;
  for (const { definition: def, file, locate, input } of selected) {
    const r = renderCluster(def, { file, locate, written: (path) => hasPath(input, path) });
    diagnostics.push(...r.diagnostics);
    if (r.ok) {
      const names: string[] = [];
      for (const [rel, content] of r.value) {
        files.set(`${def.name}/${rel}`, content);
        names.push(`${def.name}/${rel}`);
      }
      units.push({ name: def.name, files: names });
    }
    done++;
    if (options.onProgress && (done % 50 === 0 || done === selected.length)) options.onProgress(done, selected.length);
  }
  return { files, units, diagnostics };
}

/** `clusters/bootstrap/`: a root Application per cluster, their kustomization, and the ApplicationSet alternative. */
export function renderBootstrap(definitions: readonly ParsedDefinition[]): RenderedFleet {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  if (definitions.length === 0) return { files, units: [], diagnostics };
  const defs = definitions.map((d) => d.definition);
  // Bootstrap is built from the clusters' `argocd` settings: a finding goes to the definition it came from (a root
  // Application's cluster), else to the first cluster's, whose settings the ApplicationSet uses.
  const byName = new Map(definitions.map((d) => [d.definition.name, d]));
  const first = definitions[0] as ParsedDefinition;
  const toDefinition = (d: Diagnostic, owner: ParsedDefinition = first): Diagnostic => {
    const pos = owner.locate(["argocd"]);
    return { ...d, path: ["argocd"], file: owner.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  const ownerOf = (file: string | undefined) => byName.get(/bootstrap\/([^/]+)\.yaml$/.exec(file ?? "")?.[1] ?? "");
  const roots = defs.map((d) => ({ name: d.name, object: rootApplication(d) }));
  const appSet = fleetApplicationSet(defs);
  diagnostics.push(...appSet.diagnostics.map((d) => toDefinition(d, byName.get(appSet.differing[0]?.name ?? ""))));
  const bootKustomization = bootstrapKustomization(defs);
  diagnostics.push(
    ...checkBundle({
      "clusters/bootstrap/kustomization.yaml": [bootKustomization],
      "clusters/bootstrap/applicationset.yaml": [appSet.object],
      ...Object.fromEntries(roots.map((r) => [`clusters/bootstrap/${r.name}.yaml`, [r.object]])),
    }).map((d) => toDefinition(d, ownerOf(d.file))),
  );
  const y = { generatedBy: GENERATED_BY };
  const boot = new Map<string, string>();
  boot.set("bootstrap/kustomization.yaml", toYaml([bootKustomization], y));
  boot.set("bootstrap/applicationset.yaml", toYaml([appSet.object], y));
  for (const r of roots) boot.set(`bootstrap/${r.name}.yaml`, toYaml([r.object], y));
  const names = [...boot.keys()].sort();
  for (const n of names) files.set(n, boot.get(n)!);
  for (const d of scanForSecrets(new Map(names.map((n) => [`clusters/${n}`, boot.get(n)!]))))
    diagnostics.push(toDefinition(d, ownerOf(d.file)));
  return { files, units: [{ name: "bootstrap", files: names }], diagnostics };
}

/** Renders every (selected) cluster and `bootstrap/` (which always covers the whole fleet), with fleet checks. */
export function renderFleet(definitions: readonly ParsedDefinition[], options: RenderFleetOptions = {}): RenderedFleet {
  const clusters = renderClusters(definitions, options);
  const boot = renderBootstrap(definitions);
  return {
    files: new Map([...clusters.files, ...boot.files]),
    units: [...clusters.units, ...boot.units],
    diagnostics: [...checkFleet(definitions), ...clusters.diagnostics, ...boot.diagnostics],
  };
}
