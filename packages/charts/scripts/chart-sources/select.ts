/**
 * Which chart versions are catalogued, and why: the selection rules of issue 13 applied to the charts'
 * own histories and published indexes. Everything here is derived from the clones; nothing is typed in
 * except the rules and the repositories' URLs.
 */

import { readObjects } from "./git.js";
import {
  type ChartYaml,
  type IndexEntry,
  parseChartYaml,
  readIndex,
  type VersionCommits,
  versionHistory,
} from "./history.js";
import { compareVersions, maxSatisfying, parseSemVer } from "./semver.js";

/** The chart repositories the builder reads: git dirs of clones. */
export interface Repos {
  /** grafana/helm-charts (tempo-distributed, lgtm-distributed, loki-distributed, grafana until it moved). */
  readonly grafana: string;
  /** grafana-community/helm-charts (grafana after it moved). */
  readonly community: string;
  /** prometheus-community/helm-charts (kube-prometheus-stack). */
  readonly prometheus: string;
}

export type RepoName = keyof Repos;

/** Helm repository URL → clone that publishes it (its `gh-pages` index.yaml). */
export const REPO_URLS: Readonly<Record<string, RepoName>> = {
  "https://grafana.github.io/helm-charts": "grafana",
  "https://grafana-community.github.io/helm-charts": "community",
  "https://prometheus-community.github.io/helm-charts": "prometheus",
};
export const REPO_URL_OF: Readonly<Record<RepoName, string>> = {
  grafana: "https://grafana.github.io/helm-charts",
  community: "https://grafana-community.github.io/helm-charts",
  prometheus: "https://prometheus-community.github.io/helm-charts",
};
export const REPO_SLUG: Readonly<Record<RepoName, string>> = {
  grafana: "grafana/helm-charts",
  community: "grafana-community/helm-charts",
  prometheus: "prometheus-community/helm-charts",
};

/** kube-prometheus-stack: the oldest major catalogued (see KPS_MIN_MAJOR_REASON). */
export const KPS_MIN_MAJOR = 45;
export const KPS_MIN_MAJOR_REASON =
  "45 is the floor issue 13 sets; the chart sources cannot tell how common a major still is, so no older major is added on a guess. Its last release (45.31.1, May 2023) is the oldest kept: about three years before the newest (88.x), it declares kubeVersion >=1.16.0-0 (majors 50-72 ask >=1.19.0-0, 73+ >=1.25.0-0) and pulls in the Grafana chart 6.56.x (Grafana 9.5), the chart generation lgtm-distributed 1.0.x also pulls in (^6.59.4).";

/** tempo-distributed minor lines catalogued. */
export const TEMPO_MINORS = { from: 18, to: 61 } as const;

export interface ResolvedDependency {
  readonly name: string;
  readonly alias?: string;
  /** The `version:` of Chart.yaml, as written (a range or an exact version). */
  readonly range: string;
  readonly repository: string;
  readonly condition?: string;
  /**
   * The concrete version: the highest version in the repository's published index that satisfies the range
   * and was published (`created`) before the parent release was; undefined when the index is not available.
   */
  readonly resolved?: string;
  /** How `resolved` was found, or why it was not. */
  readonly resolvedBy: string;
}

/** One Helm repository index that lists a chart version. */
export interface Publication {
  readonly repoURL: string;
  /** `created` in that index. */
  readonly created: string;
  /** sha256 of the packaged chart, as the index gives it. */
  readonly digest?: string;
}

export interface SelectedVersion {
  readonly version: string;
  /**
   * The Helm repositories this version can be installed from: every repository whose published index lists
   * this chart version with the same package (digest) as the one its sources were read for. A version the
   * community index took over from grafana's (same digest) has both URLs.
   */
  readonly repoURLs: readonly string[];
  /** Where `repoURLs` comes from. */
  readonly repoURLsFrom: "index.yaml" | "the chart's repository (its index.yaml is not in the clone)";
  /** `repo: "files"`: sha256 of every file read (by path in the chart), to tell a rebuild has the same input. */
  readonly fileSha256?: Readonly<Record<string, string>>;
  /** Every index entry for this chart version, across the repositories the builder reads. */
  readonly publishedIn: readonly Publication[];
  /** Which clone the files were read from (`files`: a files root, file-source.ts). */
  readonly repo: RepoName | "files";
  readonly chartDir: string;
  readonly commit: string;
  readonly commitDate: string;
  readonly commitSubject: string;
  readonly firstCommit: string;
  readonly appVersion?: string;
  readonly kubeVersion?: string;
  readonly deprecated?: boolean;
  /** When it was published: `created` in its repository's index.yaml, else its first mainline commit's date. */
  readonly published: string;
  readonly publishedFrom: "index.yaml" | "first mainline commit" | "unknown";
  readonly dependencies: readonly ResolvedDependency[];
  readonly reasons: string[];
}

export interface ChartHistory {
  readonly repo: RepoName;
  readonly chartDir: string;
  readonly versions: readonly VersionCommits[];
}

/** Loaded histories and indexes, shared by the selection steps. */
export class Sources {
  private readonly indexes = new Map<RepoName, Map<string, IndexEntry[]>>();
  private readonly histories = new Map<string, ChartHistory>();
  constructor(readonly repos: Repos) {}

  index(repo: RepoName): Map<string, IndexEntry[]> {
    let idx = this.indexes.get(repo);
    if (idx === undefined) {
      idx = readIndex(this.repos[repo]);
      this.indexes.set(repo, idx);
    }
    return idx;
  }

  history(repo: RepoName, chart: string): ChartHistory {
    const key = `${repo}:${chart}`;
    let h = this.histories.get(key);
    if (h === undefined) {
      const chartDir = `charts/${chart}`;
      h = { repo, chartDir, versions: versionHistory(this.repos[repo], "main", chartDir) };
      this.histories.set(key, h);
    }
    return h;
  }

  chartYaml(repo: RepoName, commit: string, chartDir: string): ChartYaml {
    const [text] = readObjects(this.repos[repo], [`${commit}:${chartDir}/Chart.yaml`]);
    return parseChartYaml(text ?? "");
  }

  /** The index entries of `chart@version` in every repository the builder reads. */
  publications(chart: string, version: string): Publication[] {
    const out: Publication[] = [];
    for (const repo of Object.keys(this.repos) as RepoName[]) {
      const e = this.index(repo)
        .get(chart)
        ?.find((x) => x.version === version);
      if (e !== undefined)
        out.push({
          repoURL: REPO_URL_OF[repo],
          created: e.created,
          ...(e.digest === undefined ? {} : { digest: e.digest }),
        });
    }
    return out;
  }

  /** Whether some index lists `chart@version` (a version set in Chart.yaml but never released has none). */
  isPublished(chart: string, version: string): boolean {
    return this.publications(chart, version).length > 0;
  }

  published(repo: RepoName, chart: string, version: string): string | undefined {
    return this.index(repo)
      .get(chart)
      ?.find((e) => e.version === version)?.created;
  }

  /** The version a dependency range resolved to when the parent was published at `at`. */
  resolve(dep: NonNullable<ChartYaml["dependencies"]>[number], at: string | undefined): ResolvedDependency {
    const base = {
      name: dep.name,
      ...(dep.alias === undefined ? {} : { alias: dep.alias }),
      range: String(dep.version ?? ""),
      repository: dep.repository ?? "",
      ...(dep.condition === undefined ? {} : { condition: dep.condition }),
    };
    const repoName = REPO_URLS[(dep.repository ?? "").replace(/\/$/, "")];
    if (dep.repository === undefined || dep.repository === "" || dep.repository.startsWith("file://"))
      return { ...base, resolvedBy: "local subchart (vendored under charts/)" };
    if (repoName === undefined)
      return { ...base, resolvedBy: `index of ${dep.repository} not available to the builder` };
    if (at === undefined) return { ...base, resolvedBy: "parent publication date unknown" };
    let entries: readonly { version: string; created: string }[] = this.index(repoName).get(dep.name) ?? [];
    let where = `${REPO_SLUG[repoName]} gh-pages index.yaml`;
    if (entries.length === 0) {
      // The published index is not in the clone (e.g. a snapshot without its largest blobs): fall back to the
      // dates the versions landed on the mainline.
      entries = this.history(repoName, dep.name).versions.map((v) => ({ version: v.version, created: v.firstDate }));
      where = `${REPO_SLUG[repoName]} mainline history of charts/${dep.name}/Chart.yaml (index.yaml not in the clone)`;
    }
    const atMs = Date.parse(at);
    const before = entries.filter((e) => Date.parse(e.created) <= atMs).map((e) => e.version);
    const resolved = maxSatisfying(before, base.range);
    if (resolved === undefined)
      return { ...base, resolvedBy: `no version of ${dep.name} in ${where} matched before ${at}` };
    return {
      ...base,
      resolved,
      resolvedBy:
        parseSemVer(base.range) !== undefined && resolved === base.range.replace(/^v/, "")
          ? "exact version"
          : `highest match in ${where} published before the parent (${at})`,
    };
  }

  /** Full metadata of one version. */
  describe(h: ChartHistory, chart: string, v: VersionCommits, reasons: string[]): SelectedVersion {
    const cy = this.chartYaml(h.repo, v.commit, h.chartDir);
    const published = this.published(h.repo, chart, v.version);
    // Without an index entry, the parent's first mainline commit with this version stands for its release.
    const at = published ?? v.firstDate;
    const publishedIn = this.publications(chart, v.version);
    const own = publishedIn.find((p) => p.repoURL === REPO_URL_OF[h.repo]);
    const indexKnown = this.index(h.repo).size > 0;
    const repoURLs = !indexKnown
      ? [REPO_URL_OF[h.repo]]
      : publishedIn
          .filter((p) => own === undefined || p.digest === undefined || p.digest === own.digest)
          .map((p) => p.repoURL);
    return {
      version: v.version,
      repoURLs,
      repoURLsFrom: indexKnown ? "index.yaml" : "the chart's repository (its index.yaml is not in the clone)",
      publishedIn,
      repo: h.repo,
      chartDir: h.chartDir,
      commit: v.commit,
      commitDate: v.date,
      commitSubject: v.subject,
      firstCommit: v.firstCommit,
      ...(cy.appVersion === undefined ? {} : { appVersion: String(cy.appVersion) }),
      ...(cy.kubeVersion === undefined ? {} : { kubeVersion: cy.kubeVersion }),
      ...(cy.deprecated === true ? { deprecated: true } : {}),
      published: at,
      publishedFrom: published === undefined ? "first mainline commit" : "index.yaml",
      dependencies: (cy.dependencies ?? []).map((d) => this.resolve(d, at)),
      reasons,
    };
  }
}

const minorOf = (v: string): string => {
  const s = parseSemVer(v);
  return s === undefined ? v : `${s.major}.${s.minor}`;
};
const majorOf = (v: string): number => parseSemVer(v)?.major ?? -1;
const isStable = (v: string): boolean => (parseSemVer(v)?.pre.length ?? 1) === 0;

/** The last release of each group (versions in ascending order), by a grouping key. */
export function lastOfEach(
  versions: readonly string[],
  key: (v: string) => string | number,
): Map<string | number, string> {
  const out = new Map<string | number, string>();
  for (const v of [...versions].sort(compareVersions)) out.set(key(v), v);
  return out;
}

/**
 * Patches of a line whose catalog differs from the next patch's: the distinct key sets of the line.
 * `signature(v)` gives a version's key-set signature (the builder's catalog as canonical JSON of paths).
 */
export function keyChangingPatches(line: readonly string[], signature: (v: string) => string): Map<string, string> {
  const sorted = [...line].sort(compareVersions);
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i] as string;
    const b = sorted[i + 1] as string;
    if (signature(a) !== signature(b)) out.set(a, b);
  }
  return out;
}

export { isStable, majorOf, minorOf };
