/**
 * Builds `catalogs/` from clones of the chart repositories:
 *   catalogs/versions.gen.json    the catalogued versions with commit, appVersion, kubeVersion, dependencies
 *                                 (ranges resolved to concrete versions) and the reasons each was selected
 *   catalogs/<chart>.gen.json     one merged key catalog per chart (format: merge.ts)
 *   catalogs/renames.gen.json     keys renamed between versions, with evidence (renames.ts)
 * (`.gen.json`: generated, so Biome leaves them alone.)
 *
 * Usage (from packages/charts):
 *   pnpm exec tsx scripts/chart-sources/build.ts \
 *     --grafana <git dir of grafana/helm-charts> --community <git dir of grafana-community/helm-charts> \
 *     --prometheus <git dir of prometheus-community/helm-charts> [--out catalogs] [--check]
 * `--check` writes nothing and exits 1 when the committed files differ from what the clones give.
 * Each git dir may be a bare clone or a work tree's `.git`; the builder only runs `git log`, `git ls-tree`
 * and `git cat-file` (= `git show <commit>:<path>`) on `main` and `gh-pages`.
 */

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { commitInfo } from "./git.js";
import { canonicalJson, type MergedCatalog, mergeCatalogs } from "./merge.js";
import { deriveRenames, type Rename } from "./renames.js";
import {
  isStable,
  KPS_MIN_MAJOR,
  KPS_MIN_MAJOR_REASON,
  keyChangingPatches,
  lastOfEach,
  majorOf,
  minorOf,
  REPO_SLUG,
  REPO_URL_OF,
  REPO_URLS,
  type Repos,
  type SelectedVersion,
  Sources,
  TEMPO_MINORS,
} from "./select.js";
import { compareVersions, parseSemVer } from "./semver.js";
import { readChartFiles } from "./sources.js";
import { buildVersionCatalog, type VersionCatalog, type VNode } from "./version-catalog.js";

export interface CatalogVersionEntry extends SelectedVersion {
  /** sha256 of the canonical JSON of this version's catalog tree (what `catalogAt` must give back). */
  readonly catalogSha256: string;
  /** Counts from the builder. */
  readonly stats: {
    readonly keys: number;
    readonly valuesKeys: number;
    readonly templateOnly: number;
    readonly conditioned: number;
    readonly passThrough: number;
    readonly unread: number;
  };
}

export interface VersionsFile {
  readonly sources: Record<string, { readonly repository: string; readonly main: string; readonly ghPages: string }>;
  readonly policy: Record<string, string>;
  readonly charts: Record<string, CatalogVersionEntry[]>;
  /** Versions some parent pulls in that have no catalog here, and why. */
  readonly uncatalogued: { chart: string; version: string; pulledInBy: string[]; why: string }[];
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** All key paths of a tree (dot-joined), for signatures and counts. */
export function treePaths(n: VNode, prefix = "", out: string[] = []): string[] {
  for (const [k, c] of Object.entries(n.c ?? {})) {
    const p = prefix === "" ? k : `${prefix}.${k}`;
    out.push(p);
    treePaths(c, p, out);
  }
  return out;
}

function countStats(root: VNode): CatalogVersionEntry["stats"] {
  let keys = 0;
  let valuesKeys = 0;
  let templateOnly = 0;
  let conditioned = 0;
  let passThrough = 0;
  let unread = 0;
  const walk = (n: VNode): void => {
    for (const c of Object.values(n.c ?? {})) {
      keys++;
      if (c.s === "t") templateOnly++;
      else valuesKeys++;
      if (c.if !== undefined) conditioned++;
      if (c.p === 1) passThrough++;
      if (c.u === 1) unread++;
      walk(c);
    }
  };
  walk(root);
  return { keys, valuesKeys, templateOnly, conditioned, passThrough, unread };
}

interface Built {
  readonly versions: VersionsFile;
  readonly merged: Map<string, MergedCatalog>;
  readonly catalogs: Map<string, VersionCatalog[]>;
  readonly renames: Rename[];
}

export function buildAll(repos: Repos, log: (s: string) => void = () => {}): Built {
  const src = new Sources(repos);
  const selected = new Map<string, Map<string, SelectedVersion>>(); // chart -> version -> entry
  const catalogCache = new Map<string, VersionCatalog>();
  const catalogOf = (
    chart: string,
    s: Pick<SelectedVersion, "repo" | "chartDir" | "commit" | "version" | "dependencies">,
  ): VersionCatalog => {
    const key = `${s.repo}:${chart}@${s.version}:${s.commit}`;
    let c = catalogCache.get(key);
    if (c === undefined) {
      const files = readChartFiles(repos[s.repo], s.commit, s.chartDir);
      const subcharts: Record<string, string> = {};
      for (const d of s.dependencies) subcharts[d.alias ?? d.name] = d.name;
      c = buildVersionCatalog({
        chart,
        version: s.version,
        valuesYaml: files.valuesYaml,
        templates: files.templates,
        subcharts,
      }).catalog;
      catalogCache.set(key, c);
    }
    return c;
  };
  const signature = (chart: string, s: SelectedVersion): string =>
    treePaths(catalogOf(chart, s).root).sort().join("\n");
  const add = (chart: string, s: SelectedVersion): void => {
    let m = selected.get(chart);
    if (m === undefined) {
      m = new Map();
      selected.set(chart, m);
    }
    const prev = m.get(s.version);
    if (prev === undefined) m.set(s.version, s);
    else for (const r of s.reasons) if (!prev.reasons.includes(r)) prev.reasons.push(r);
  };

  // --- tempo-distributed: every minor 1.18 .. 1.61, last patch; plus patches that changed the key set
  const tempo = src.history("grafana", "tempo-distributed");
  const tempoLines = new Map<string, string[]>();
  for (const v of tempo.versions) {
    const sv = parseSemVer(v.version);
    if (
      sv === undefined ||
      sv.major !== 1 ||
      sv.minor < TEMPO_MINORS.from ||
      sv.minor > TEMPO_MINORS.to ||
      sv.pre.length > 0
    )
      continue;
    const line = minorOf(v.version);
    tempoLines.set(line, [...(tempoLines.get(line) ?? []), v.version]);
  }
  const tempoDescribe = (ver: string, reasons: string[]): SelectedVersion => {
    const vc = tempo.versions.find((x) => x.version === ver);
    if (vc === undefined) throw new Error(`tempo-distributed ${ver} not in history`);
    return src.describe(tempo, "tempo-distributed", vc, reasons);
  };
  for (const [line, vers] of tempoLines) {
    const last = [...vers].sort(compareVersions).at(-1) as string;
    add("tempo-distributed", tempoDescribe(last, [`last patch of ${line}`]));
    const descs = new Map(vers.map((v) => [v, tempoDescribe(v, [])]));
    const changing = keyChangingPatches(vers, (v) => signature("tempo-distributed", descs.get(v) as SelectedVersion));
    for (const [v, next] of changing) {
      const d = descs.get(v) as SelectedVersion;
      add("tempo-distributed", { ...d, reasons: [`key set differs from ${next} (a patch of ${line} changed keys)`] });
    }
    log(`tempo-distributed ${line}: ${vers.length} patches, ${changing.size} key-changing`);
  }

  // --- lgtm-distributed: every release that changed values or dependencies, and the last patch of each minor
  const lgtm = src.history("grafana", "lgtm-distributed");
  const lgtmAll = lgtm.versions
    .filter((v) => isStable(v.version))
    .sort((a, b) => compareVersions(a.version, b.version));
  const lgtmLast = new Set(
    lastOfEach(
      lgtmAll.map((v) => v.version),
      minorOf,
    ).values(),
  );
  let prevSig: string | undefined;
  for (const v of lgtmAll) {
    const d = src.describe(lgtm, "lgtm-distributed", v, []);
    const sig = `${signature("lgtm-distributed", d)}\n${canonicalJson(catalogOf("lgtm-distributed", d).root)}\n${canonicalJson(d.dependencies.map((x) => [x.name, x.alias, x.range, x.repository, x.condition]))}`;
    const reasons: string[] = [];
    if (prevSig === undefined) reasons.push("first release");
    else if (sig !== prevSig) reasons.push("values or dependencies changed from the previous release");
    if (lgtmLast.has(v.version)) reasons.push(`last patch of ${minorOf(v.version)}`);
    prevSig = sig;
    if (reasons.length > 0) add("lgtm-distributed", { ...d, reasons });
  }

  // --- kube-prometheus-stack: last release of each major from KPS_MIN_MAJOR
  const kps = src.history("prometheus", "kube-prometheus-stack");
  const kpsLast = lastOfEach(
    kps.versions.filter((v) => isStable(v.version) && majorOf(v.version) >= KPS_MIN_MAJOR).map((v) => v.version),
    majorOf,
  );
  for (const [major, ver] of kpsLast) {
    const vc = kps.versions.find((x) => x.version === ver);
    if (vc !== undefined)
      add("kube-prometheus-stack", src.describe(kps, "kube-prometheus-stack", vc, [`last release of major ${major}`]));
  }

  // --- subcharts pulled in by lgtm-distributed and kube-prometheus-stack
  const uncatalogued = new Map<string, { chart: string; version: string; pulledInBy: string[]; why: string }>();
  const wanted: { chart: string; version: string; repoUrl: string; by: string }[] = [];
  for (const parent of ["lgtm-distributed", "kube-prometheus-stack"]) {
    for (const s of selected.get(parent)?.values() ?? []) {
      for (const d of s.dependencies) {
        if (d.resolved === undefined) continue;
        wanted.push({
          chart: d.name,
          version: d.resolved,
          repoUrl: d.repository.replace(/\/$/, ""),
          by: `${parent}@${s.version} (${d.alias ?? d.name} ${d.range})`,
        });
      }
    }
  }
  const catalogued = new Set([
    "tempo-distributed",
    "loki-distributed",
    "grafana",
    "lgtm-distributed",
    "kube-prometheus-stack",
  ]);
  for (const w of wanted) {
    const repo = REPO_URLS[w.repoUrl];
    const key = `${w.chart}@${w.version}`;
    let why: string | undefined;
    if (!catalogued.has(w.chart))
      why =
        w.chart === "mimir-distributed"
          ? "mimir-distributed's sources moved to grafana/mimir (operations/helm/charts/mimir-distributed); that repository could not be brought into reach (snapshot larger than the 500 MB limit), so only its published index entry is known"
          : "not in the scope of issue 13";
    if (why === undefined && repo !== undefined) {
      let h = src.history(repo, w.chart);
      let vc = h.versions.find((x) => x.version === w.version);
      if (vc === undefined && repo === "grafana") {
        // The grafana chart moved to grafana-community, which carries its full history.
        h = src.history("community", w.chart);
        vc = h.versions.find((x) => x.version === w.version);
      }
      if (vc === undefined) why = `version not found in the mainline history of ${REPO_SLUG[repo]}`;
      else {
        add(w.chart, src.describe(h, w.chart, vc, [`pulled in by ${w.by}`]));
        continue;
      }
    }
    const u = uncatalogued.get(key) ?? { chart: w.chart, version: w.version, pulledInBy: [], why: why ?? "" };
    u.pulledInBy.push(w.by);
    uncatalogued.set(key, u);
  }

  // --- catalogs
  const charts: Record<string, CatalogVersionEntry[]> = {};
  const merged = new Map<string, MergedCatalog>();
  const catalogs = new Map<string, VersionCatalog[]>();
  for (const chart of [...selected.keys()].sort()) {
    const entries = [...(selected.get(chart)?.values() ?? [])].sort((a, b) => compareVersions(a.version, b.version));
    const cats = entries.map((e) => catalogOf(chart, e));
    charts[chart] = entries.map((e, i) => {
      const root = (cats[i] as VersionCatalog).root;
      return { ...e, catalogSha256: sha256(canonicalJson(root)), stats: countStats(root) };
    });
    catalogs.set(chart, cats);
    merged.set(
      chart,
      mergeCatalogs(
        chart,
        cats,
        entries.map((e) => e.version),
      ),
    );
    log(`${chart}: ${entries.length} versions`);
  }
  const sources: VersionsFile["sources"] = {};
  for (const r of ["grafana", "community", "prometheus"] as const) {
    sources[REPO_SLUG[r]] = {
      repository: REPO_URL_OF[r],
      main: commitInfo(repos[r], "main").commit,
      ghPages: commitInfo(repos[r], "gh-pages").commit,
    };
  }
  const versions: VersionsFile = {
    sources,
    policy: {
      "tempo-distributed": `grafana/helm-charts: the last patch of every minor ${TEMPO_MINORS.from}..${TEMPO_MINORS.to} of 1.x (later patches of a line are fixes: same keys, corrected templates/defaults), plus every earlier patch of a line whose key set differs from the next patch's, plus the versions lgtm-distributed pulls in.`,
      "lgtm-distributed":
        "grafana/helm-charts: every release whose values or dependencies differ from the previous release, and the last patch of each minor.",
      "kube-prometheus-stack": `prometheus-community/helm-charts: the last release of each major from ${KPS_MIN_MAJOR}. ${KPS_MIN_MAJOR_REASON}`,
      grafana:
        "the versions lgtm-distributed and kube-prometheus-stack pull in, read from the repository the parent names (grafana/helm-charts until the chart moved; grafana-community/helm-charts, which also carries the older history, afterwards).",
      "loki-distributed": "the versions lgtm-distributed pulls in.",
      "mimir-distributed": "not catalogued: see `uncatalogued`.",
      commits:
        "a version's commit is the last mainline (first-parent) commit of charts/<name>/Chart.yaml with that version before it changed again; firstCommit is the first one.",
      dependencies:
        "a range is resolved to the highest version in the dependency repository's published index.yaml (gh-pages branch of the clone) that satisfies it (Helm/Masterminds semantics: no pre-releases) and whose `created` is before the parent's own `created` there (what `helm dependency update` saw when the parent was packaged).",
    },
    charts,
    uncatalogued: [...uncatalogued.values()].sort(
      (a, b) => a.chart.localeCompare(b.chart) || compareVersions(a.version, b.version),
    ),
  };
  const renames = deriveRenames(merged, versions, repos);
  return { versions, merged, catalogs, renames };
}

/** The files `catalogs/` holds, as text. */
export function renderFiles(b: Built): Map<string, string> {
  const files = new Map<string, string>();
  files.set("versions.gen.json", `${JSON.stringify(b.versions, null, 2)}\n`);
  for (const [chart, m] of b.merged) files.set(`${chart}.gen.json`, `${JSON.stringify(m)}\n`);
  files.set("renames.gen.json", `${JSON.stringify(b.renames, null, 2)}\n`);
  return files;
}

/** Byte sizes of the merged catalogs against the per-version catalogs they replace. */
export function sizeTable(b: Built): {
  chart: string;
  versions: number;
  perVersionRaw: number;
  perVersionGzip: number;
  mergedRaw: number;
  mergedGzip: number;
}[] {
  const rows = [];
  for (const [chart, m] of b.merged) {
    const cats = b.catalogs.get(chart) ?? [];
    let raw = 0;
    let gz = 0;
    for (const c of cats) {
      const t = JSON.stringify(c);
      raw += Buffer.byteLength(t);
      gz += gzipSync(t).length;
    }
    const mt = JSON.stringify(m);
    rows.push({
      chart,
      versions: cats.length,
      perVersionRaw: raw,
      perVersionGzip: gz,
      mergedRaw: Buffer.byteLength(mt),
      mergedGzip: gzipSync(mt).length,
    });
  }
  return rows;
}

function main(argv: readonly string[]): number {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const mirror = (slug: string): string => path.resolve(packageDir, "../../../.mirror", slug, "repo");
  const repos: Repos = {
    grafana: arg("grafana") ?? process.env.GRAFANA_HELM_CHARTS_GIT ?? mirror("grafana+helm-charts"),
    community:
      arg("community") ?? process.env.GRAFANA_COMMUNITY_HELM_CHARTS_GIT ?? mirror("grafana-community+helm-charts"),
    prometheus:
      arg("prometheus") ??
      process.env.PROMETHEUS_COMMUNITY_HELM_CHARTS_GIT ??
      mirror("prometheus-community+helm-charts"),
  };
  for (const [k, v] of Object.entries(repos))
    if (!existsSync(v)) {
      process.stderr.write(`build: git dir for ${k} not found: ${v} (pass --${k} <git dir>)\n`);
      return 2;
    }
  const out = path.resolve(arg("out") ?? path.join(packageDir, "catalogs"));
  const t0 = Date.now();
  const built = buildAll(repos, (s) => process.stderr.write(`${s}\n`));
  const files = renderFiles(built);
  if (argv.includes("--check")) {
    let drift = 0;
    for (const [name, text] of files) {
      const p = path.join(out, name);
      if (!existsSync(p) || readFileSync(p, "utf8") !== text) {
        process.stderr.write(`drift: ${name}\n`);
        drift++;
      }
    }
    return drift === 0 ? 0 : 1;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(out, name), text);
  for (const r of sizeTable(built))
    process.stdout.write(
      `${r.chart}: ${r.versions} versions; per-version ${r.perVersionRaw} B (gzip ${r.perVersionGzip}); merged ${r.mergedRaw} B (gzip ${r.mergedGzip})\n`,
    );
  process.stdout.write(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${out}\n`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
