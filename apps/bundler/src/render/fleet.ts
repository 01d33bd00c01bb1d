import { type Diagnostic, hasPath } from "@lgtm-gitops/diagnostics";
import { toYaml } from "@lgtm-gitops/kustomize";
import type { ParsedDefinition } from "../definition/parse.js";
import { GENERATED_BY } from "../output/generated.js";
import { scanForSecrets } from "../safety/secret-scan.js";
import { projectName } from "./argo.js";
import { bootstrapKustomization, fleetApplicationSet, rootApplication } from "./bootstrap.js";
import { renderBundle, renderCluster } from "./cluster.js";
import { checkBundle } from "./validate.js";
import { VerdictStore } from "./verdicts.js";

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
  /**
   * Verdicts of earlier renders: a cluster whose render is byte-identical to one that passed validation is not
   * validated again (render/verdicts.ts); new verdicts are recorded in it. @default every cluster is validated
   */
  readonly verdicts?: VerdictStore;
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

/** One cluster rendered: its files (relative to its directory; none when it has errors) and its diagnostics. */
interface ClusterRender {
  readonly files: ReadonlyMap<string, string> | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Renders and validates one cluster. With verdicts: when a render of the same inputs passed before, it renders
 * without the checks and, when the bytes are the same as then, takes that verdict instead of checking again.
 */
function renderOne(pd: ParsedDefinition, verdicts: VerdictStore | undefined): ClusterRender {
  const { definition: def, file, locate, locateKey } = pd;
  let pre: string | undefined;
  if (verdicts) {
    pre = verdicts.preKey(["cluster", def.name, file, pd.source ?? "", JSON.stringify(def)]);
    if (verdicts.knows(pre)) {
      let quick: ReturnType<typeof renderBundle> | undefined;
      try {
        quick = renderBundle(def, { file }, false);
      } catch {
        quick = undefined; // the full render below reports whatever this was
      }
      const known = quick?.ok ? verdicts.lookup(VerdictStore.key(pre, quick.value)) : undefined;
      if (quick?.ok && known) return { files: quick.value, diagnostics: known.diagnostics };
    }
  }
  // Every finding points at the definition (renderCluster locates it, the secret scan included).
  const r = renderCluster(def, {
    file,
    locate,
    ...(locateKey ? { locateKey } : {}),
    written: (path) => hasPath(pd.input, path),
  });
  const diagnostics = [...r.diagnostics];
  if (!r.ok) return { files: undefined, diagnostics };
  if (verdicts && pre !== undefined)
    verdicts.record({ unit: def.name, pre, key: VerdictStore.key(pre, r.value), diagnostics });
  return { files: r.value, diagnostics };
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
  for (const pd of selected) {
    const name = pd.definition.name;
    const r = renderOne(pd, options.verdicts);
    diagnostics.push(...r.diagnostics);
    if (r.files) {
      const names: string[] = [];
      for (const [rel, content] of r.files) {
        files.set(`${name}/${rel}`, content);
        names.push(`${name}/${rel}`);
      }
      units.push({ name, files: names });
    }
    done++;
    if (options.onProgress && (done % 50 === 0 || done === selected.length)) options.onProgress(done, selected.length);
  }
  return { files, units, diagnostics };
}

/**
 * `clusters/bootstrap/`: a root Application per cluster, their kustomization, and the ApplicationSet alternative.
 * With verdicts, its checks are skipped when the same files passed them before (as for a cluster).
 */
export function renderBootstrap(definitions: readonly ParsedDefinition[], verdicts?: VerdictStore): RenderedFleet {
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
  const bootKustomization = bootstrapKustomization(defs);
  const y = { generatedBy: GENERATED_BY };
  const boot = new Map<string, string>();
  boot.set("bootstrap/kustomization.yaml", toYaml([bootKustomization], y));
  boot.set("bootstrap/applicationset.yaml", toYaml([appSet.object], y));
  for (const r of roots) boot.set(`bootstrap/${r.name}.yaml`, toYaml([r.object], y));
  const names = [...boot.keys()].sort();
  for (const n of names) files.set(n, boot.get(n)!);
  const units = [{ name: "bootstrap", files: names }];
  const pre = verdicts?.preKey(["bootstrap", JSON.stringify(definitions.map((d) => [d.file, d.definition]))]);
  const key = pre !== undefined ? VerdictStore.key(pre, files) : undefined;
  const known =
    verdicts && pre !== undefined && key !== undefined && verdicts.knows(pre) ? verdicts.lookup(key) : undefined;
  if (known) return { files, units, diagnostics: [...known.diagnostics] };
  diagnostics.push(...appSet.diagnostics.map((d) => toDefinition(d, byName.get(appSet.differing[0]?.name ?? ""))));
  diagnostics.push(
    ...checkBundle({
      "clusters/bootstrap/kustomization.yaml": [bootKustomization],
      "clusters/bootstrap/applicationset.yaml": [appSet.object],
      ...Object.fromEntries(roots.map((r) => [`clusters/bootstrap/${r.name}.yaml`, [r.object]])),
    }).map((d) => toDefinition(d, ownerOf(d.file))),
  );
  for (const d of scanForSecrets(new Map(names.map((n) => [`clusters/${n}`, boot.get(n)!]))))
    diagnostics.push(toDefinition(d, ownerOf(d.file)));
  if (verdicts && pre !== undefined && key !== undefined) verdicts.record({ unit: "bootstrap", pre, key, diagnostics });
  return { files, units, diagnostics };
}

/** Renders every (selected) cluster and `bootstrap/` (which always covers the whole fleet), with fleet checks. */
export function renderFleet(definitions: readonly ParsedDefinition[], options: RenderFleetOptions = {}): RenderedFleet {
  const clusters = renderClusters(definitions, options);
  const boot = renderBootstrap(definitions, options.verdicts);
  return {
    files: new Map([...clusters.files, ...boot.files]),
    units: [...clusters.units, ...boot.units],
    diagnostics: [...checkFleet(definitions), ...clusters.diagnostics, ...boot.diagnostics],
  };
}
