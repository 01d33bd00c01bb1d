/**
 * Chart versions in a repository's history, and its published Helm repository index.
 *
 * A version's commit: on the mainline (first-parent) history of `charts/<name>/Chart.yaml`, the commits
 * whose Chart.yaml has that `version:`; the LAST of them before the version changed again is the version's
 * commit (later fixes to Chart.yaml under the same version are included), the first one is kept too.
 */
import { parse } from "yaml";
import { fileHistory, readObjects } from "./git.js";

export interface ChartYaml {
  readonly name?: string;
  readonly version?: string;
  readonly appVersion?: string | number;
  readonly kubeVersion?: string;
  readonly deprecated?: boolean;
  readonly dependencies?: readonly {
    readonly name: string;
    readonly alias?: string;
    readonly version?: string;
    readonly repository?: string;
    readonly condition?: string;
    readonly tags?: readonly string[];
  }[];
}

export function parseChartYaml(text: string): ChartYaml {
  return (parse(text, { version: "1.1" }) ?? {}) as ChartYaml;
}

export interface VersionCommits {
  readonly version: string;
  /** Last mainline commit that set Chart.yaml to this version before it changed again. */
  readonly commit: string;
  readonly date: string;
  readonly subject: string;
  /** First mainline commit with this version (the one a chart-releaser run would have packaged). */
  readonly firstCommit: string;
  readonly firstDate: string;
  /** Number of mainline commits that touched Chart.yaml while at this version. */
  readonly commits: number;
}

/** Every version of `chartDir/Chart.yaml` on `ref`'s mainline, oldest first. */
export function versionHistory(gitDir: string, ref: string, chartDir: string): VersionCommits[] {
  const path = `${chartDir}/Chart.yaml`;
  const hist = fileHistory(gitDir, ref, path);
  const texts = readObjects(
    gitDir,
    hist.map((h) => `${h.commit}:${path}`),
  );
  const out: VersionCommits[] = [];
  let run: { version: string; first: (typeof hist)[number]; last: (typeof hist)[number]; n: number } | undefined;
  const flush = (): void => {
    if (run === undefined) return;
    const r = run;
    // A version set again later (a revert): the later run wins.
    const at = out.findIndex((o) => o.version === r.version);
    if (at >= 0) out.splice(at, 1);
    out.push({
      version: r.version,
      commit: r.last.commit,
      date: r.last.date,
      subject: r.last.subject,
      firstCommit: r.first.commit,
      firstDate: r.first.date,
      commits: r.n,
    });
  };
  hist.forEach((h, i) => {
    const text = texts[i];
    if (text === undefined) {
      flush();
      run = undefined;
      return;
    }
    const v = String(parseChartYaml(text).version ?? "");
    if (run !== undefined && run.version === v) {
      run.last = h;
      run.n++;
    } else {
      flush();
      run = { version: v, first: h, last: h, n: 1 };
    }
  });
  flush();
  return out;
}

/** One published chart version in a Helm repository index. */
export interface IndexEntry {
  readonly version: string;
  readonly created: string;
  readonly appVersion?: string;
  readonly deprecated?: boolean;
  readonly digest?: string;
}

/**
 * The Helm repository index published from a chart repository (`index.yaml` on its `gh-pages` branch, as
 * served at https://<owner>.github.io/helm-charts/index.yaml), reduced to name → versions with dates.
 */
export function readIndex(gitDir: string, ref = "gh-pages"): Map<string, IndexEntry[]> {
  const [text] = readObjects(gitDir, [`${ref}:index.yaml`]);
  if (text === undefined) return new Map();
  const doc = parse(text, { version: "1.1", maxAliasCount: -1 }) as {
    entries?: Record<
      string,
      { version: string; created: string; appVersion?: string; deprecated?: boolean; digest?: string }[]
    >;
  };
  const out = new Map<string, IndexEntry[]>();
  for (const [name, list] of Object.entries(doc.entries ?? {})) {
    out.set(
      name,
      list.map((e) => ({
        version: String(e.version),
        created: String(e.created),
        ...(e.appVersion === undefined ? {} : { appVersion: String(e.appVersion) }),
        ...(e.deprecated === true ? { deprecated: true } : {}),
        ...(e.digest === undefined ? {} : { digest: e.digest }),
      })),
    );
  }
  return out;
}
