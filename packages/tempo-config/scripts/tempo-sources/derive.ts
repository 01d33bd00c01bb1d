/**
 * Derives packages/tempo-config/schemas/*.gen.json from a git clone of grafana/tempo (bare or not):
 *   tempo-config.gen.json          config schema of every release tag, merged (version ranges per node)
 *   otel-receivers.gen.json        OTel receiver configs per vendored collector version, merged
 *   tempo-config-changes.gen.json  what changed between consecutive versions (+ curated, cited notes)
 *   sizes.gen.json                 merged vs per-version sizes
 *
 * Run (from packages/tempo-config): `pnpm derive:tempo-schemas <path-to-tempo-git-dir> [--check] [--tags v2.9.0,v3.0.3]`
 * `--check` re-derives and compares with the committed files instead of writing.
 */

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type ChangeNote, diffNodes, type RootChanges } from "./changes.js";
import { resolveNotes } from "./curated-notes.js";
import { GitTag, git } from "./git.js";
import { LEAF_KINDS, type TypeNote } from "./known-types.js";
import { deriveReceivers } from "./receivers.js";
import { nodeAtPath, type SNode } from "./schema-node.js";
import { compareVersions, type MergedRoots, mergeVersions } from "./store.js";
import { deriveTempoTag, type TempoVersion } from "./tempo.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const schemasDir = path.resolve(here, "../../schemas");
export const FILES = {
  config: path.join(schemasDir, "tempo-config.gen.json"),
  receivers: path.join(schemasDir, "otel-receivers.gen.json"),
  changes: path.join(schemasDir, "tempo-config-changes.gen.json"),
  sizes: path.join(schemasDir, "sizes.gen.json"),
};

export interface ConfigDataFile {
  format: "lgtm-gitops/tempo-config-schemas@1";
  source: string;
  leafKinds: Record<string, string>;
  /** Go types with their own decoders / enumerations met in any version (latest location). */
  types: Record<string, TypeNote & { versions: string }>;
  versions: TempoVersion[];
  data: MergedRoots;
}

export interface ReceiverDataFile {
  format: "lgtm-gitops/otel-receiver-schemas@1";
  source: string;
  collectors: {
    version: string;
    contrib: string | null;
    tempo: string[];
    packages: Record<string, string>;
    strictness: string[];
    unknown: Record<string, string[]>;
    sha256: string;
  }[];
  types: Record<string, TypeNote>;
  data: MergedRoots;
}

export interface ChangesFile {
  format: "lgtm-gitops/tempo-config-changes@1";
  pairs: { from: string; to: string; roots: Record<string, RootChanges> }[];
  receivers: { from: string; to: string; tempo: string; roots: Record<string, RootChanges> }[];
  notes: ChangeNote[];
}

/** Release tags v2.0.0 … (no release candidates), oldest first. */
export function releaseTags(gitDir: string): string[] {
  return git(gitDir, ["tag", "--list", "v*"])
    .split("\n")
    .filter((t) => /^v(?:2|3)\.\d+\.\d+$/.test(t))
    .sort((a, b) => compareVersions(a.slice(1), b.slice(1)));
}

const json = (x: unknown): string => `${JSON.stringify(x)}\n`;

/** sha256 of roots as compact JSON (keys in derivation order, which is sorted). */
export function rootsHash(roots: Record<string, SNode>): string {
  return createHash("sha256").update(JSON.stringify(roots)).digest("hex");
}

export function deriveAll(gitDir: string, tags: string[], log: (s: string) => void = () => {}): Record<string, string> {
  const metas: TempoVersion[] = [];
  const perVersion: Record<string, SNode>[] = [];
  const types = new Map<string, TypeNote & { first: string; last: string }>();
  const tagObjs = new Map<string, GitTag>();
  const recv = new Map<string, ReturnType<typeof deriveReceivers> & { tempo: string[] }>();
  for (const t of tags) {
    const tag = new GitTag(gitDir, t);
    tagObjs.set(t.slice(1), tag);
    const date = git(gitDir, ["log", "-1", "--format=%cs", tag.commit]).trim();
    const d = deriveTempoTag(tag, date);
    d.meta.sha256 = rootsHash(d.roots);
    metas.push(d.meta);
    perVersion.push(d.roots);
    for (const [k, n] of d.notes) {
      const prev = types.get(k);
      types.set(k, { ...n, first: prev?.first ?? d.meta.version, last: d.meta.version });
    }
    const coll = d.meta.otelCollector ?? "?";
    const r = recv.get(coll);
    if (r) r.tempo.push(d.meta.version);
    else recv.set(coll, { ...deriveReceivers(tag), tempo: [d.meta.version] });
    log(`${t}: ${d.meta.manifest?.path ?? "no manifest"}, collector ${coll}`);
  }
  const versions = metas.map((m) => m.version);
  const data = mergeVersions(versions, perVersion);
  const typeRecord: ConfigDataFile["types"] = {};
  for (const [k, { first, last, ...n }] of [...types].sort(([a], [b]) => a.localeCompare(b)))
    typeRecord[k] = { ...n, versions: first === last ? first : `${first}-${last}` };
  const configFile: ConfigDataFile = {
    format: "lgtm-gitops/tempo-config-schemas@1",
    source:
      "grafana/tempo release tags: Go config structs from cmd/tempo/app/config.go Config (yaml.v2 rules), checked against docs/…/configuration/manifest.md",
    leafKinds: LEAF_KINDS,
    types: typeRecord,
    versions: metas,
    data,
  };

  // receivers, keyed by collector version
  const colls = [...recv.keys()].sort(compareVersions);
  const recvTypes: Record<string, TypeNote> = {};
  for (const c of colls) for (const [k, n] of recv.get(c)!.notes) recvTypes[k] = n;
  const recvData = mergeVersions(
    colls,
    colls.map((c) => recv.get(c)!.roots),
  );
  const receiverFile: ReceiverDataFile = {
    format: "lgtm-gitops/otel-receiver-schemas@1",
    source:
      "vendored receiver Config structs (mapstructure/confmap rules) of the receivers modules/distributor/receiver/shim.go wires in",
    collectors: colls.map((c) => {
      const r = recv.get(c)!;
      return {
        version: c,
        contrib: r.contrib,
        tempo: r.tempo,
        packages: r.packages,
        strictness: r.strictness,
        unknown: r.unknown,
        sha256: rootsHash(r.roots),
      };
    }),
    types: Object.fromEntries(Object.entries(recvTypes).sort(([a], [b]) => a.localeCompare(b))),
    data: recvData,
  };

  // changes
  const pairs: ChangesFile["pairs"] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = perVersion[i - 1]!;
    const b = perVersion[i]!;
    const roots: Record<string, RootChanges> = {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const c = diffNodes(a[name], b[name], name);
      if (c.added.length || c.removed.length || c.retyped.length) roots[name] = c;
    }
    pairs.push({ from: versions[i - 1]!, to: versions[i]!, roots });
  }
  const recvPairs: ChangesFile["receivers"] = [];
  for (let i = 1; i < colls.length; i++) {
    const a = recv.get(colls[i - 1]!)!.roots;
    const b = recv.get(colls[i]!)!.roots;
    const roots: Record<string, RootChanges> = {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const c = diffNodes(a[name], b[name], name);
      if (c.added.length || c.removed.length || c.retyped.length) roots[name] = c;
    }
    recvPairs.push({ from: colls[i - 1]!, to: colls[i]!, tempo: recv.get(colls[i]!)!.tempo[0]!, roots });
  }
  const present = (version: string, p: string): boolean => {
    const roots = perVersion[versions.indexOf(version)];
    if (!roots) return false;
    const [root, ...rest] = p.split(".");
    const r = roots[root!];
    return r !== undefined && (rest.length === 0 || nodeAtPath(r, rest.join(".")) !== undefined);
  };
  const notes = resolveNotes(pairs, (v) => tagObjs.get(v)!, present);
  const changes: ChangesFile = { format: "lgtm-gitops/tempo-config-changes@1", pairs, receivers: recvPairs, notes };

  // sizes
  const size = (s: string): { raw: number; gzip: number } => ({
    raw: Buffer.byteLength(s),
    gzip: gzipSync(s, { level: 9 }).length,
  });
  const perVersionText = perVersion.map((r) => JSON.stringify(r));
  const sum = perVersionText.reduce(
    (acc, s) => {
      const z = size(s);
      return { raw: acc.raw + z.raw, gzip: acc.gzip + z.gzip };
    },
    { raw: 0, gzip: 0 },
  );
  const recvPer = colls.map((c) => JSON.stringify(recv.get(c)!.roots));
  const recvSum = recvPer.reduce(
    (acc, s) => {
      const z = size(s);
      return { raw: acc.raw + z.raw, gzip: acc.gzip + z.gzip };
    },
    { raw: 0, gzip: 0 },
  );
  const sizes = {
    note: "bytes of compact JSON; gzip -9. merged = the `data` member; perVersion = each version's roots serialised alone",
    config: {
      versions: versions.length,
      merged: size(JSON.stringify(data)),
      perVersionSum: sum,
      perVersionConcatenatedGzip: gzipSync(perVersionText.join("\n"), { level: 9 }).length,
      file: size(json(configFile)),
    },
    receivers: {
      versions: colls.length,
      merged: size(JSON.stringify(recvData)),
      perVersionSum: recvSum,
      file: size(json(receiverFile)),
    },
  };
  return {
    [FILES.config]: json(configFile),
    [FILES.receivers]: json(receiverFile),
    [FILES.changes]: json(changes),
    [FILES.sizes]: `${JSON.stringify(sizes, null, 2)}\n`,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const gitDir = args.find((a) => !a.startsWith("--") && !/^v\d/.test(a));
  if (!gitDir) {
    console.error("usage: derive.ts <grafana/tempo git dir> [--check] [--tags v2.9.0,v3.0.3]");
    process.exit(2);
  }
  const tagsArg = args[args.indexOf("--tags") + 1];
  const tags = args.includes("--tags") && tagsArg ? tagsArg.split(",") : releaseTags(gitDir);
  const out = deriveAll(gitDir, tags, (s) => console.error(s));
  if (args.includes("--check")) {
    let bad = 0;
    for (const [file, text] of Object.entries(out)) {
      if (readFileSync(file, "utf8") !== text) {
        console.error(`${path.relative(process.cwd(), file)} differs from a fresh derivation`);
        bad++;
      }
    }
    process.exit(bad ? 1 : 0);
  }
  for (const [file, text] of Object.entries(out)) {
    writeFileSync(file, text);
    console.error(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
