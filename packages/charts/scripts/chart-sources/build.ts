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
 *     --prometheus <git dir of prometheus-community/helm-charts> [--files <files root>] [--out catalogs] [--check]
 * `--check` writes nothing and exits 1 when the committed files differ from what the clones give.
 * `--files` (or CHART_FILES_DIR): chart versions from plain directories (file-source.ts), e.g. an unpacked
 * `helm pull grafana/mimir-distributed --version 5.8.0 --untar`; none by default.
 * Each git dir may be a bare clone or a work tree's `.git`; the builder only runs `git log`, `git ls-tree`
 * and `git cat-file` (= `git show <commit>:<path>`) on `main` and `gh-pages`.
 */

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { listFileSourceVersions, readChartDirectory } from "./file-source.js";
import { commitInfo } from "./git.js";
import { parseChartYaml } from "./history.js";
import { canonicalJson, formatRanges, type MergedCatalog, mergeCatalogs } from "./merge.js";
import { deriveRenames, type Rename } from "./renames.js";
import { type RenderFailure, type RequiredValue, renderFailures, requiredValues } from "./render-failures.js";
import {
  type ChartHistory,
  isStable,
  KPS_MIN_MAJOR,
  KPS_MIN_MAJOR_REASON,
  keyChangingPatches,
  lastOfEach,
  majorOf,
  minorOf,
  type Publication,
  REPO_SLUG,
  REPO_URL_OF,
  REPO_URLS,
  type Repos,
  type SelectedVersion,
  Sources,
  TEMPO_MINORS,
} from "./select.js";
import { compareVersions, parseSemVer, type SemVer } from "./semver.js";
import { readChartFiles } from "./sources.js";
import { FULLNAME_RULES, type TempoFacts, tempoFacts } from "./tempo-facts.js";
import { buildVersionCatalog, parseValues, type VersionCatalog, type VNode } from "./version-catalog.js";

export interface CatalogVersionEntry extends SelectedVersion {
  /** sha256 of the canonical JSON of this version's catalog tree (what `catalogAt` must give back). */
  readonly catalogSha256: string;
  /**
   * Values the templates refuse to render without (`fail`/`required`), with the condition (render-failures.ts).
   * Every `fail`/`required` line itself is in `render-checks.gen.json`.
   */
  readonly requiredValues?: readonly RequiredValue[];
  /** Tempo charts: the Tempo version, the image-tag values paths, Service names (tempo-facts.ts). */
  readonly tempo?: TempoFacts;
  /** Counts from the builder. */
  readonly stats: {
    readonly keys: number;
    readonly valuesKeys: number;
    readonly templateOnly: number;
    /** Keys only a values.yaml comment documents (`s: "c"`). */
    readonly commentOnly: number;
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
  /**
   * Versions a selection rule met in a chart's history that no index lists (set in Chart.yaml, never
   * released): left out.
   */
  readonly unpublished: { chart: string; version: string; repo: string; commit: string }[];
  /**
   * Chart versions whose id (`<chart>@<version>`) two repositories publish as different packages: the catalog
   * is the one in `repoURLs`; the other repository's package is another chart that happens to share the id.
   */
  readonly idCollisions: { chart: string; version: string; catalogued: string; other: Publication[]; note: string }[];
  /** Facts found about the sources that a reader might otherwise assume otherwise. */
  readonly notes: Record<string, string>;
}

/** `render-checks.gen.json`: every `fail`/`required` of every catalogued version, merged over versions. */
export interface RenderChecksFile {
  readonly charts: Record<
    string,
    { readonly versions: readonly string[]; readonly checks: (RenderFailure & { readonly v: string })[] }
  >;
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
  let commentOnly = 0;
  let conditioned = 0;
  let passThrough = 0;
  let unread = 0;
  const walk = (n: VNode): void => {
    for (const c of Object.values(n.c ?? {})) {
      keys++;
      if (c.s === "t") templateOnly++;
      else if (c.s === "c") commentOnly++;
      else valuesKeys++;
      if (c.if !== undefined) conditioned++;
      if (c.p === 1) passThrough++;
      if (c.u === 1) unread++;
      walk(c);
    }
  };
  walk(root);
  return { keys, valuesKeys, templateOnly, commentOnly, conditioned, passThrough, unread };
}

interface Built {
  readonly versions: VersionsFile;
  readonly merged: Map<string, MergedCatalog>;
  readonly catalogs: Map<string, VersionCatalog[]>;
  readonly renames: Rename[];
  readonly checks: RenderChecksFile;
}

export function buildAll(repos: Repos, log: (s: string) => void = () => {}, filesRoot?: string): Built {
  const src = new Sources(repos);
  const fileVersions = filesRoot === undefined ? [] : listFileSourceVersions(filesRoot);
  const fileDirOf = (chart: string, version: string): string => {
    const f = fileVersions.find((x) => x.chart === chart && x.version === version);
    if (f === undefined) throw new Error(`${chart}@${version} is not in the files root`);
    return f.dir;
  };
  const selected = new Map<string, Map<string, SelectedVersion>>(); // chart -> version -> entry
  const catalogCache = new Map<string, VersionCatalog>();
  const filesOf = (s: Pick<SelectedVersion, "repo" | "chartDir" | "commit" | "version">, chart: string) =>
    s.repo === "files"
      ? readChartDirectory(fileDirOf(chart, s.version))
      : readChartFiles(repos[s.repo], s.commit, s.chartDir);
  const catalogOf = (
    chart: string,
    s: Pick<SelectedVersion, "repo" | "chartDir" | "commit" | "version" | "dependencies">,
  ): VersionCatalog => {
    const key = `${s.repo}:${chart}@${s.version}:${s.commit}`;
    let c = catalogCache.get(key);
    if (c === undefined) {
      const files = filesOf(s, chart);
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

  // --- charts read from one history by a rule per line: the last release of each line (minor or major),
  // optionally with every earlier patch whose key set differs from the next, or every release. Versions no
  // index lists (set in Chart.yaml, never released) are left out and recorded.
  const unpublished: VersionsFile["unpublished"] = [];
  const selectLines = (
    h: ChartHistory,
    chart: string,
    keep: (v: SemVer) => boolean,
    lineOf: (v: string) => string,
    rule: "last" | "last+changing" | "every",
    reasonOf: (line: string) => string,
  ): void => {
    const lines = new Map<string, string[]>();
    for (const vc of h.versions) {
      const sv = parseSemVer(vc.version);
      if (sv === undefined || sv.pre.length > 0 || !keep(sv)) continue;
      if (!src.isPublished(chart, vc.version)) {
        unpublished.push({ chart, version: vc.version, repo: REPO_SLUG[h.repo], commit: vc.commit });
        continue;
      }
      const line = lineOf(vc.version);
      lines.set(line, [...(lines.get(line) ?? []), vc.version]);
    }
    const describe = (ver: string, reasons: string[]): SelectedVersion => {
      const vc = h.versions.find((x) => x.version === ver);
      if (vc === undefined) throw new Error(`${chart} ${ver} not in history`);
      return src.describe(h, chart, vc, reasons);
    };
    for (const [line, vers] of lines) {
      const sorted = [...vers].sort(compareVersions);
      if (rule === "every") {
        for (const v of sorted) add(chart, describe(v, [reasonOf(line)]));
        continue;
      }
      add(chart, describe(sorted.at(-1) as string, [reasonOf(line)]));
      if (rule === "last+changing") {
        const descs = new Map(sorted.map((v) => [v, describe(v, [])]));
        const changing = keyChangingPatches(sorted, (v) => signature(chart, descs.get(v) as SelectedVersion));
        for (const [v, next] of changing)
          add(chart, {
            ...(descs.get(v) as SelectedVersion),
            reasons: [`key set differs from ${next} (a patch of ${line} changed keys)`],
          });
        log(`${chart} ${line} (${REPO_SLUG[h.repo]}): ${sorted.length} releases, ${changing.size} key-changing`);
      }
    }
  };

  // --- tempo-distributed from grafana-community (issue 14, Tempo 3.0): the 1.x continuations 1.62-1.64 and
  // the 2.x line (Tempo 2.10) by the same rule as 1.18-1.61, and every 3.x release (Tempo 3.0)
  const tempoC = src.history("community", "tempo-distributed");
  const community = REPO_SLUG.community;
  selectLines(
    tempoC,
    "tempo-distributed",
    (v) => v.major === 1 && v.minor > TEMPO_MINORS.to,
    minorOf,
    "last+changing",
    (l) => `last patch of ${l} (${community}'s continuation of the 1.x line)`,
  );
  selectLines(
    tempoC,
    "tempo-distributed",
    (v) => v.major === 2,
    minorOf,
    "last+changing",
    (l) => `last patch of ${l} (${community}, Tempo 2.10 line)`,
  );
  selectLines(
    tempoC,
    "tempo-distributed",
    (v) => v.major === 3,
    (v) => v,
    "every",
    () => `every 3.x release (${community}, Tempo 3.0)`,
  );

  // --- tempo (single binary) from grafana-community: the last patch of every minor of 1.x and 2.x
  // (the history has no 3.x: its newest release is 2.2.4 with Tempo 2.10.8)
  selectLines(
    src.history("community", "tempo"),
    "tempo",
    (v) => v.major === 1 || v.major === 2,
    minorOf,
    "last",
    (l) => `last patch of ${l} (${community})`,
  );

  // --- loki from grafana-community: the last release of each major its history has
  selectLines(
    src.history("community", "loki"),
    "loki",
    () => true,
    (v) => `major ${majorOf(v)}`,
    "last",
    (l) => `last release of ${l} in ${community}'s history`,
  );

  // --- grafana 10.5.15: the version the current one-version catalogs (data/grafana@10.5.15.json) know
  {
    const h = src.history("grafana", "grafana");
    const vc = h.versions.find((x) => x.version === "10.5.15");
    if (vc !== undefined)
      add(
        "grafana",
        src.describe(h, "grafana", vc, [
          "catalogued by the current one-version catalogs (data/grafana@10.5.15.json, the grafana/helm-charts release before the chart moved); kept so that this store knows every key they know",
        ]),
      );
  }

  // --- chart versions from a files root (file-source.ts): e.g. mimir-distributed, whose sources are in
  // grafana/mimir, a repository the builder has no clone of
  for (const f of fileVersions) {
    const files = readChartDirectory(f.dir);
    const cy = parseChartYaml(files.chartYaml);
    const publishedIn = src.publications(f.chart, f.version);
    const at = publishedIn[0]?.created;
    const ownRepository = publishedIn.length === 0 ? f.origin.helmRepository : undefined;
    add(f.chart, {
      version: f.version,
      repoURLs: ownRepository === undefined ? publishedIn.map((p) => p.repoURL) : [ownRepository],
      repoURLsFrom:
        ownRepository === undefined ? "index.yaml" : "the chart's repository (its index.yaml is not in the clone)",
      publishedIn,
      repo: "files",
      chartDir: f.origin.path ?? "",
      commit: f.origin.commit ?? "",
      commitDate: "",
      commitSubject: "",
      firstCommit: f.origin.commit ?? "",
      ...(cy.appVersion === undefined ? {} : { appVersion: String(cy.appVersion) }),
      ...(cy.kubeVersion === undefined ? {} : { kubeVersion: cy.kubeVersion }),
      ...(cy.deprecated === true ? { deprecated: true } : {}),
      published: at ?? "",
      publishedFrom: at === undefined ? "unknown" : "index.yaml",
      dependencies: (cy.dependencies ?? []).map((d) => src.resolve(d, at)),
      fileSha256: files.sha256,
      reasons: [
        `read from a files root${f.origin.repository === undefined ? "" : ` (${f.origin.repository}${f.origin.commit === undefined ? "" : `@${f.origin.commit.slice(0, 10)}`}${f.origin.path === undefined ? "" : `:${f.origin.path}`})`}`,
        ...(f.origin.packaged === undefined ? [] : [`packaged as: ${f.origin.packaged}`]),
        ...(f.origin.lacks === undefined ? [] : [`the directory lacks ${f.origin.lacks}`]),
      ],
    });
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
    "tempo",
    "loki",
    "loki-distributed",
    "grafana",
    "lgtm-distributed",
    "kube-prometheus-stack",
  ]);
  for (const w of wanted) {
    const repo = REPO_URLS[w.repoUrl];
    const key = `${w.chart}@${w.version}`;
    const fromFiles = selected.get(w.chart)?.get(w.version);
    if (fromFiles?.repo === "files") {
      add(w.chart, { ...fromFiles, reasons: [`pulled in by ${w.by}`] });
      continue;
    }
    let why: string | undefined;
    if (!catalogued.has(w.chart))
      why =
        w.chart === "mimir-distributed"
          ? "mimir-distributed's sources are in grafana/mimir (operations/helm/charts/mimir-distributed), which has no clone here (its snapshot is larger than the 500 MB limit); the public file index holds that folder's files only at scattered commits (values.yaml and Chart.yaml of 5.7.0 at 5c776e42, catalogued from a files root, but no template at that commit), not this version's. An unpacked `helm pull grafana/mimir-distributed --version <v> --untar` under a files root (`--files`, file-source.ts) catalogues it"
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
  const checks: RenderChecksFile["charts"] = {};
  const idCollisions: VersionsFile["idCollisions"] = [];
  for (const chart of [...selected.keys()].sort()) {
    const entries = [...(selected.get(chart)?.values() ?? [])].sort((a, b) => compareVersions(a.version, b.version));
    const cats = entries.map((e) => catalogOf(chart, e));
    const chartChecks = new Map<string, { check: RenderFailure; idx: number[] }>();
    charts[chart] = entries.map((e, i) => {
      const root = (cats[i] as VersionCatalog).root;
      const files = filesOf(e, chart);
      const values = parseValues(files.valuesYaml);
      const failures = renderFailures(files.templates, values);
      for (const f of failures) {
        const k = canonicalJson(f);
        const c = chartChecks.get(k);
        if (c === undefined) chartChecks.set(k, { check: f, idx: [i] });
        else c.idx.push(i);
      }
      const required = requiredValues(failures, values).map((r) =>
        r.sources.length <= 3
          ? r
          : {
              ...r,
              sources: [...r.sources.slice(0, 3), `and ${r.sources.length - 3} more (render-checks.gen.json)`],
            },
      );
      const own = e.publishedIn.find((p) => e.repoURLs.includes(p.repoURL));
      const other = e.publishedIn.filter((p) => !e.repoURLs.includes(p.repoURL));
      if (own !== undefined && other.length > 0)
        idCollisions.push({
          chart,
          version: e.version,
          catalogued: `${e.repo === "files" ? "files root" : REPO_SLUG[e.repo]}@${e.commit.slice(0, 10)} (${own.repoURL}, digest ${own.digest ?? "?"})`,
          other,
          note: "the same chart name and version is published with different package contents (digest) by another repository",
        });
      return {
        ...e,
        catalogSha256: sha256(canonicalJson(root)),
        stats: countStats(root),
        ...(required.length === 0 ? {} : { requiredValues: required }),
        ...(chart === "tempo-distributed" || chart === "tempo"
          ? { tempo: tempoFacts(chart, e.version, files.templates, values, e.appVersion) }
          : {}),
      };
    });
    checks[chart] = {
      versions: entries.map((e) => e.version),
      checks: [...chartChecks.values()].map((c) => ({ ...c.check, v: formatRanges(c.idx) })),
    };
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
      "tempo-distributed": `grafana/helm-charts: the last patch of every minor ${TEMPO_MINORS.from}..${TEMPO_MINORS.to} of 1.x (later patches of a line are fixes: same keys, corrected templates/defaults), plus every earlier patch of a line whose key set differs from the next patch's, plus the versions lgtm-distributed pulls in. grafana-community/helm-charts (issue 14): the 1.x continuations after ${TEMPO_MINORS.to} and every 2.x minor (Tempo 2.10) by the same rule (a 2.x minor has up to 11 patches, mostly a day apart: Tempo image bumps and template fixes; the last patch is what a team on that line runs, and the key-changing earlier patches keep every key set the line had), and every 3.x release (Tempo 3.0: the Kafka write path; few releases, all of them current). Versions no published index lists are left out (\`unpublished\`).`,
      tempo:
        "grafana-community/helm-charts: the last patch of every minor of 1.x and 2.x (the history carries grafana/helm-charts' releases up to 1.24.4, published by both repositories, and grafana-community's from 1.25.0).",
      loki: "grafana-community/helm-charts: the last release of each major its history has (2.x is grafana/helm-charts' old single-binary loki chart of 2022; 6.56.0 onwards were published by grafana-community; majors 3-5 and 6.x before 6.56.0 were developed in grafana/loki and are not in this history).",
      "lgtm-distributed":
        "grafana/helm-charts: every release whose values or dependencies differ from the previous release, and the last patch of each minor.",
      "kube-prometheus-stack": `prometheus-community/helm-charts: the last release of each major from ${KPS_MIN_MAJOR}. ${KPS_MIN_MAJOR_REASON}`,
      grafana:
        "the versions lgtm-distributed and kube-prometheus-stack pull in, read from the repository the parent names (grafana/helm-charts until the chart moved; grafana-community/helm-charts, which also carries the older history, afterwards).",
      "loki-distributed": "the versions lgtm-distributed pulls in.",
      "mimir-distributed":
        "the Mimir a bundle deploys as its own Application (issue 14, `mimir:` in the cluster definition): 5.7.0 (Mimir 2.16, classic architecture: no Kafka), the one release whose Chart.yaml and values.yaml the public file index holds at one commit of grafana/mimir (5c776e42), read from a files root; that commit has none of the templates, so the catalog knows what values.yaml sets or documents, not what only a template reads (`reasons`). The versions lgtm-distributed pulls in are not catalogued: see `uncatalogued`.",
      "strimzi-kafka-operator":
        "the Kafka operator a Tempo 3.0 bundle deploys its broker with (issue 14): the release the bundle pins, read from a files root (strimzi/strimzi-kafka-operator at its release tag, helm-charts/helm3/strimzi-kafka-operator, with the version the release Makefile packages it as); its Helm repository is https://strimzi.io/charts/, whose index.yaml is not in the clones.",
      repoURLs:
        "a version's repoURLs are the Helm repositories whose published index.yaml (gh-pages of the clone) lists it with the same package digest as the repository its sources were read from; grafana-community's index took over grafana's entries for the charts it adopted (same digest, its own download URL), so those versions have both URLs. kube-prometheus-stack: prometheus-community's index is not in the clone, so its repoURL is the chart's repository.",
      requiredValues:
        "from every `fail` and `required` in the templates, with the enclosing if/with conditions (render-failures.ts); per version the values that must be set and when, whether the defaults meet the condition, and whether the default install therefore fails.",
      commits:
        "a version's commit is the last mainline (first-parent) commit of charts/<name>/Chart.yaml with that version before it changed again; firstCommit is the first one.",
      dependencies:
        "a range is resolved to the highest version in the dependency repository's published index.yaml (gh-pages branch of the clone) that satisfies it (Helm/Masterminds semantics: no pre-releases) and whose `created` is before the parent's own `created` there (what `helm dependency update` saw when the parent was packaged).",
    },
    charts,
    uncatalogued: [...uncatalogued.values()].sort(
      (a, b) => a.chart.localeCompare(b.chart) || compareVersions(a.version, b.version),
    ),
    unpublished: unpublished.sort((a, b) => a.chart.localeCompare(b.chart) || compareVersions(a.version, b.version)),
    idCollisions,
    notes: sourceNotes(src),
  };
  const renames = deriveRenames(merged, versions, repos);
  return { versions, merged, catalogs, renames, checks: { charts: checks } };
}

/** Facts about the histories that are easy to assume otherwise, stated from the clones. */
function sourceNotes(src: Sources): Record<string, string> {
  const notes: Record<string, string> = {};
  const tempo = src.history("community", "tempo").versions.filter((v) => isStable(v.version));
  const newest = [...tempo].sort((a, b) => compareVersions(a.version, b.version)).at(-1);
  if (newest !== undefined) {
    const cy = src.chartYaml("community", newest.commit, "charts/tempo");
    const majors = [...new Set(tempo.map((v) => majorOf(v.version)))].sort((a, b) => a - b);
    notes["tempo.imageTag"] =
      "tempo-distributed: every Tempo component's image is `tempo.imageReference`: the tag is the component section's image.tag, else tempo.image.tag, else the chart appVersion (enterpriseTagPath: with enterprise.enabled, enterprise.image.tag wins over tempo.image.tag). tempo (single binary): the StatefulSet reads `tempo.tag` (not `tempo.image.tag`); where fallsBackToAppVersion is false (the oldest 1.x releases) there is no `| default .Chart.AppVersion`: the values.yaml default is the tag, and it can differ from appVersion.";
    notes["tempo.fullname"] = Object.entries(FULLNAME_RULES)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" | ");
    notes.tempo = `the single-binary tempo chart's newest release in ${REPO_SLUG.community} is ${newest.version} (appVersion ${String(cy.appVersion)}, ${newest.commit.slice(0, 10)}, ${newest.date.slice(0, 10)}); its majors are ${majors.join(", ")}: there is no 3.x, so no single-binary chart runs Tempo 3.0.`;
  }
  return notes;
}

/** The files `catalogs/` holds, as text. */
export function renderFiles(b: Built): Map<string, string> {
  const files = new Map<string, string>();
  files.set("versions.gen.json", `${JSON.stringify(b.versions, null, 2)}\n`);
  for (const [chart, m] of b.merged) files.set(`${chart}.gen.json`, `${JSON.stringify(m)}\n`);
  files.set("renames.gen.json", `${JSON.stringify(b.renames, null, 2)}\n`);
  files.set("render-checks.gen.json", `${JSON.stringify(b.checks)}\n`);
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
  const filesRoot = arg("files") ?? process.env.CHART_FILES_DIR;
  const t0 = Date.now();
  const built = buildAll(repos, (s) => process.stderr.write(`${s}\n`), filesRoot);
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
