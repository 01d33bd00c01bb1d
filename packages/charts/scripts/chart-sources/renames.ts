/**
 * Keys renamed or moved between catalogued versions, derived from the merged catalogs, each checked against
 * the chart's own words (commit subjects between the two versions, README/CHANGELOG/UPGRADE text).
 *
 * Derived: between two consecutive catalogued versions, a key that disappears while another appears
 * - in the same parent (a rename), or under another parent with the same name (a move),
 * - with matching content: the same non-trivial default for a leaf, or for an object at least half of its
 *   descendants (relative path, type and default) in common.
 * Known: upstream moves driven by Tempo itself (`KNOWN_MOVES`), kept only when the catalogs confirm them
 * (the old key exists up to a version and the new one from the next).
 */
import { execFileSync } from "node:child_process";
import type { CatalogVersionEntry, VersionsFile } from "./build.js";
import { canonicalJson, catalogAt, type MergedCatalog } from "./merge.js";
import type { Repos } from "./select.js";
import { parseSemVer } from "./semver.js";
import type { VNode } from "./version-catalog.js";

export interface RenameEvidence {
  /** `commit <sha>`, `<repo>:<commit>:<file>:<line>` */
  readonly source: string;
  readonly text: string;
}

export interface Rename {
  readonly chart: string;
  /** Old key path (dot-joined, below the chart's values). */
  readonly from: string;
  /** New key path. */
  readonly to: string;
  /** Last catalogued version that has `from`. */
  readonly until: string;
  /** First catalogued version that has `to` (and not `from`). */
  readonly since: string;
  /** rename: same parent; move: same name, other parent; split: one key became several (`alsoTo`). */
  readonly kind: "rename" | "move" | "split";
  /** For a split: the other new keys. */
  readonly alsoTo?: string[];
  readonly basis: "derived" | "known";
  /** Share of the old key's content found under the new key (1 = identical); 0 for a match by name only. */
  readonly similarity: number;
  /** content: subtree/default match; name: same parent and one name extends the other (`image` → `imageRegistry`). */
  readonly match?: "content" | "name";
  readonly note?: string;
  /** What the chart's history says; empty when nothing mentions the keys. */
  readonly evidence: RenameEvidence[];
}

/**
 * Upstream moves driven by Tempo's own config changes, with the chart version that made them (from the chart's
 * README upgrade notes); each is kept only if the catalogs confirm it (`from` in the version before, `to` in `since`).
 */
export const KNOWN_MOVES: readonly { chart: string; from: string; to: string; since: string; note: string }[] = [
  {
    chart: "tempo-distributed",
    since: "1.33.0",
    from: "global_overrides",
    to: "overrides",
    note: "Tempo 2.3 'new' overrides format: the chart's global overrides map moved from `global_overrides` to `overrides` (per-tenant ones to `per_tenant_overrides`)",
  },
  {
    chart: "tempo-distributed",
    since: "1.33.0",
    from: "overrides",
    to: "per_tenant_overrides",
    note: "the per-tenant overrides map (runtime config) was renamed when `overrides` took over the global defaults",
  },
];

interface Flat {
  readonly node: VNode;
  readonly sig: ReadonlySet<string>;
}

const TRIVIAL = new Set(["null", '""', "true", "false", "0", "1", "[]", "{}"]);

function flatten(root: VNode, skipTop: ReadonlySet<string>): Map<string, Flat> {
  const out = new Map<string, Flat>();
  const sigOf = (n: VNode, rel: string, acc: Set<string>): void => {
    if (n.c === undefined) acc.add(`${rel}=${n.t}:${canonicalJson(n.d)}`);
    for (const [k, c] of Object.entries(n.c ?? {})) sigOf(c, rel === "" ? k : `${rel}.${k}`, acc);
  };
  // Keys under a subchart's values or a pass-through/iterated map are defaults handed on, not the chart's keys.
  const walk = (n: VNode, prefix: string): void => {
    if (prefix !== "" && (skipTop.has(prefix) || n.p === 1 || n.i === 1)) return;
    for (const [k, c] of Object.entries(n.c ?? {})) {
      // `*`/`?` stand for any key; `s: "c"` keys are documentation (commented examples), not keys the chart sets.
      if (k === "*" || k === "?" || c.s === "c") continue;
      const p = prefix === "" ? k : `${prefix}.${k}`;
      const sig = new Set<string>();
      sigOf(c, "", sig);
      out.set(p, { node: c, sig });
      walk(c, p);
    }
  };
  walk(root, "");
  return out;
}

const parentOf = (p: string): string => (p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "");
const nameOf = (p: string): string => p.slice(p.lastIndexOf(".") + 1);

/** Share of `a`'s content that `b` has (0..1); leaves must share a non-trivial default. */
export function similarity(a: Flat, b: Flat): number {
  if (a.node.c === undefined || b.node.c === undefined) {
    if (a.node.c !== undefined || b.node.c !== undefined) return 0;
    if (a.node.t !== b.node.t) return 0;
    const d = canonicalJson(a.node.d);
    return d === canonicalJson(b.node.d) && !TRIVIAL.has(d) && a.node.s !== "t" ? 1 : 0;
  }
  if (a.sig.size < 2) return 0;
  let common = 0;
  for (const s of a.sig) if (b.sig.has(s)) common++;
  return common / Math.max(a.sig.size, b.sig.size);
}

function git(gitDir: string, args: readonly string[]): string {
  try {
    return execFileSync("git", ["--git-dir", gitDir, ...args], {
      maxBuffer: 1 << 28,
      stdio: ["ignore", "pipe", "ignore"],
    }).toString("utf8");
  } catch {
    return "";
  }
}

/** Commit subjects between two versions' commits and doc lines that name the old or new key. */
function gatherEvidence(
  gitDir: string,
  slug: string,
  chartDir: string,
  fromCommit: string,
  toCommit: string,
  from: string,
  to: string,
): RenameEvidence[] {
  const ev: RenameEvidence[] = [];
  const oldName = nameOf(from);
  const newName = nameOf(to);
  const log = git(gitDir, [
    "log",
    "--first-parent",
    "--format=%H%x09%s%x09%b",
    `${fromCommit}..${toCommit}`,
    "--",
    chartDir,
  ]);
  for (const rec of log.split("\n")) {
    const [sha, subject = "", body = ""] = rec.split("\t");
    if (sha === undefined || sha.length !== 40) continue;
    const text = `${subject} ${body}`;
    if (text.includes(oldName) || text.includes(newName) || /renam|migrat|deprecat|breaking|move/i.test(subject))
      ev.push({ source: `${slug}@${sha.slice(0, 12)} (commit)`, text: subject.slice(0, 200) });
  }
  for (const doc of ["README.md", "CHANGELOG.md", "UPGRADE.md", "README.md.gotmpl"]) {
    const text = git(gitDir, ["show", `${toCommit}:${chartDir}/${doc}`]);
    if (text === "") continue;
    const lines = text.split("\n");
    let hits = 0;
    lines.forEach((line, i) => {
      if (hits >= 3) return;
      const mentionsOld = new RegExp(`\\b${oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(line);
      const mentionsNew = line.includes(newName);
      if (mentionsOld && mentionsNew) {
        ev.push({
          source: `${slug}@${toCommit.slice(0, 12)}:${chartDir}/${doc}:${i + 1}`,
          text: line.trim().slice(0, 240),
        });
        hits++;
      }
    });
  }
  return ev.slice(0, 8);
}

export function deriveRenames(merged: Map<string, MergedCatalog>, versions: VersionsFile, repos: Repos): Rename[] {
  const out: Rename[] = [];
  // Evidence comes from the newer version's clone (grafana-community's also holds grafana's history); a
  // version read from a files root has no history to search.
  const evidenceOf = (ea: CatalogVersionEntry, eb: CatalogVersionEntry, from: string, to: string): RenameEvidence[] =>
    eb.repo === "files"
      ? []
      : gatherEvidence(repos[eb.repo], repoSlug(eb.repo), eb.chartDir, ea.commit, eb.commit, from, to);
  for (const [chart, store] of merged) {
    const entries = versions.charts[chart] ?? [];
    // Values of remote subcharts are defaults handed to them (their keys are in their own catalogs); a local
    // subchart's (kube-prometheus-stack `crds`) are read by the parent's templates too, so they stay.
    const remote = new Set(
      entries.flatMap((e) =>
        e.dependencies
          .filter((d) => d.repository !== "" && !d.repository.startsWith("file://"))
          .map((d) => d.alias ?? d.name),
      ),
    );
    const flats = store.versions.map((v) => {
      const c = catalogAt(store, v);
      return c === undefined ? new Map<string, Flat>() : flatten(c.root, remote);
    });
    const found = new Map<string, Rename>();
    for (let i = 0; i + 1 < store.versions.length; i++) {
      // Consecutive catalogued versions more than one major apart (loki 2.16.0 → 6.57.0: grafana/helm-charts'
      // old single-binary chart, then the chart developed in grafana/loki) are different charts, not one step.
      const ma = parseSemVer(store.versions[i] as string)?.major ?? 0;
      const mb = parseSemVer(store.versions[i + 1] as string)?.major ?? 0;
      if (mb - ma > 1) continue;
      const a = flats[i] as Map<string, Flat>;
      const b = flats[i + 1] as Map<string, Flat>;
      const removed = [...a.keys()].filter((p) => !b.has(p) && (parentOf(p) === "" || b.has(parentOf(p))));
      const added = [...b.keys()].filter((p) => !a.has(p) && (parentOf(p) === "" || a.has(parentOf(p))));
      if (removed.length === 0 || added.length === 0) continue;
      const pairs: { from: string; to: string; score: number; kind: Rename["kind"]; match: "content" | "name" }[] = [];
      const splits: { from: string; to: string[] }[] = [];
      for (const r of removed) {
        // by name: same parent, one name extends the other (`image` → `imageRegistry`, `k8s` → `k8sPodOwner`, …)
        const lower = nameOf(r).toLowerCase();
        const byName = added.filter((ad) => {
          if (parentOf(ad) !== parentOf(r)) return false;
          const an = nameOf(ad).toLowerCase();
          return (
            an !== lower && Math.min(an.length, lower.length) >= 3 && (an.startsWith(lower) || lower.startsWith(an))
          );
        });
        if (byName.length === 1)
          pairs.push({ from: r, to: byName[0] as string, score: 0, kind: "rename", match: "name" });
        else if (byName.length > 1) splits.push({ from: r, to: byName });
        const fa = a.get(r) as Flat;
        for (const ad of added) {
          const sameParent = parentOf(r) === parentOf(ad);
          const sameName = nameOf(r) === nameOf(ad);
          if (!sameParent && !sameName) continue;
          const fb = b.get(ad) as Flat;
          const score = similarity(fa, fb);
          const need = sameParent ? 0.5 : 0.6;
          if (score >= need)
            pairs.push({ from: r, to: ad, score, kind: sameParent ? "rename" : "move", match: "content" });
        }
      }
      pairs.sort((x, y) => y.score - x.score || x.from.localeCompare(y.from));
      const usedFrom = new Set<string>();
      const usedTo = new Set<string>();
      for (const p of pairs) {
        if (usedFrom.has(p.from) || usedTo.has(p.to)) continue;
        usedFrom.add(p.from);
        usedTo.add(p.to);
        const ea = entries[i];
        const eb = entries[i + 1];
        if (ea === undefined || eb === undefined) continue;
        const key = `${p.from}→${p.to}`;
        found.set(key, {
          chart,
          from: p.from,
          to: p.to,
          until: ea.version,
          since: eb.version,
          kind: p.kind,
          basis: "derived",
          similarity: Math.round(p.score * 100) / 100,
          match: p.match,
          evidence: evidenceOf(ea, eb, p.from, p.to),
        });
      }
      for (const sp of splits) {
        if (usedFrom.has(sp.from)) continue;
        const ea = entries[i];
        const eb = entries[i + 1];
        if (ea === undefined || eb === undefined) continue;
        const [first, ...rest] = sp.to;
        if (first === undefined) continue;
        found.set(`${sp.from}→${first}`, {
          chart,
          from: sp.from,
          to: first,
          alsoTo: rest,
          until: ea.version,
          since: eb.version,
          kind: "split",
          basis: "derived",
          similarity: 0,
          match: "name",
          evidence: evidenceOf(ea, eb, sp.from, first),
        });
      }
    }
    // Known upstream moves, confirmed on the catalogs: `to` first appears at version j while `from` is there at j-1.
    for (const k of KNOWN_MOVES.filter((m) => m.chart === chart)) {
      const j = store.versions.indexOf(k.since);
      if (j <= 0 || !(flats[j - 1] as Map<string, Flat>).has(k.from) || !(flats[j] as Map<string, Flat>).has(k.to))
        continue;
      const ea = entries[j - 1];
      const eb = entries[j];
      if (ea === undefined || eb === undefined) continue;
      const key = `${k.from}→${k.to}`;
      const prev = found.get(key);
      const fa = (flats[j - 1] as Map<string, Flat>).get(k.from);
      const fb = (flats[j] as Map<string, Flat>).get(k.to);
      const reused = (flats[j] as Map<string, Flat>).has(k.from);
      found.set(key, {
        chart,
        from: k.from,
        to: k.to,
        until: ea.version,
        since: eb.version,
        kind: parentOf(k.from) === parentOf(k.to) ? "rename" : "move",
        basis: prev === undefined ? "known" : "derived",
        similarity:
          prev?.similarity ?? (fa !== undefined && fb !== undefined ? Math.round(similarity(fa, fb) * 100) / 100 : 0),
        note: reused ? `${k.note}; \`${k.from}\` still exists from ${eb.version} with another meaning` : k.note,
        evidence: prev?.evidence ?? evidenceOf(ea, eb, k.from, k.to),
      });
    }
    out.push(
      ...[...found.values()].sort((x, y) => compareIdx(store, x.since, y.since) || x.from.localeCompare(y.from)),
    );
  }
  return out;
}

function compareIdx(store: MergedCatalog, a: string, b: string): number {
  return store.versions.indexOf(a) - store.versions.indexOf(b);
}

function repoSlug(repo: keyof Repos): string {
  return {
    grafana: "grafana/helm-charts",
    community: "grafana-community/helm-charts",
    prometheus: "prometheus-community/helm-charts",
  }[repo];
}
