/**
 * One Tempo release tag → its config schema roots, read from the Go config structs (types) and checked against the
 * tag's generated manifest (`docs/sources/tempo/configuration/manifest.md`; `docs/sources/configuration/manifest.md`
 * in 2.0).
 */
import { parse } from "yaml";
import { type GitTag, git } from "./git.js";
import { parseGoFile } from "./go-parse.js";
import { GoWorld, Walker } from "./go-world.js";
import { makeKnownHook, type TypeNote } from "./known-types.js";
import { type SNode, sortNode } from "./schema-node.js";

export const MANIFEST_PATHS = [
  "docs/sources/tempo/configuration/manifest.md",
  "docs/sources/configuration/manifest.md",
];

/** Where the per-tenant overrides formats stand in one version. */
export interface OverridesFormats {
  /** `defaults:` / nested blocks (Tempo ≥ 2.3). */
  nested: boolean;
  /** The flat legacy format: `only` (≤2.2), `deprecated` (accepted with a warning), `opt-in` (3.0: refused unless enable_legacy_overrides: true). */
  legacy: "only" | "deprecated" | "opt-in";
  /** file:line citations at the tag. */
  cite: string[];
}

export interface TempoVersion {
  version: string;
  tag: string;
  commit: string;
  date: string;
  manifest: { path: string; generatedNote?: string } | null;
  /** Vendored OpenTelemetry Collector (core) version. */
  otelCollector: string | null;
  /** Receiver factories Tempo wires in (modules/distributor/receiver/shim.go). */
  receivers: string[];
  overrides: OverridesFormats;
  /** Manifest keys the Go structs do not have (a stale manifest), and how many Go keys the manifest omits. */
  manifestCheck: { manifestOnly: string[]; goOnly: string[] };
  unknown: Record<string, string[]>;
  /** sha256 of this version's roots as compact JSON (what schemaAt must reconstruct). */
  sha256?: string;
}

export interface TempoDerivation {
  meta: TempoVersion;
  roots: Record<string, SNode>;
  notes: Map<string, TypeNote>;
}

const APP = "cmd/tempo/app";

export function deriveTempoTag(tag: GitTag, date: string): TempoDerivation {
  const world = new GoWorld(tag);
  const notes = new Map<string, TypeNote>();
  const walker = new Walker(world, "yaml", makeKnownHook(world, notes));
  const mod = world.modulePath;
  const config = walker.walkRoot(`${mod}/${APP}`, "Config");
  const roots: Record<string, SNode> = { config };

  const ov = world.pkg(`${mod}/modules/overrides`);
  if (!ov) throw new Error(`modules/overrides missing at ${tag.tag}`);
  const hasNested = ov.types.has("LegacyOverrides");
  if (hasNested) {
    // The legacy shape of the `overrides:` section is a struct local to Config.UnmarshalYAML.
    const m = ov.methods.get("Config")?.find((x) => x.name === "UnmarshalYAML");
    const start = m ? m.body.indexOf("type legacyConfig struct") : -1;
    if (!m || start < 0) throw new Error(`legacyConfig not found at ${tag.tag}`);
    const file = ov.files.find((f) => f.path === m.path)!;
    const local = parseGoFile(`package overrides\n${balanced(m.body, start)}`).types[0]!;
    if (local.type.k !== "struct") throw new Error("legacyConfig is not a struct");
    roots.overrides_legacy = walker.walkFields(ov.path, local.type.fields, file.path);
    roots.tenant_overrides = walker.walkRoot(ov.path, "perTenantOverrides");
    roots.tenant_overrides_legacy = walker.walkRoot(ov.path, "perTenantLegacyOverrides");
  } else {
    const o = (config as Record<string, SNode>).overrides;
    if (!o) throw new Error(`config.overrides missing at ${tag.tag}`);
    roots.overrides_legacy = o;
    roots.tenant_overrides_legacy = walker.walkRoot(ov.path, "perTenantOverrides");
  }
  // Tempo 3.0: `Overrides.Extensions map[string]any yaml:",inline"` only holds extensions registered with
  // RegisterExtension; Tempo's own binary registers none, so any extra key is "unknown extension key".
  const extensionRegistered = gitGrep(tag, "RegisterExtension\\(", ["modules", "cmd", "pkg"]).some(
    (p) => !p.endsWith("_test.go") && !p.endsWith("modules/overrides/extension.go"),
  );
  if (!extensionRegistered) for (const r of Object.values(roots)) stripInlineMaps(r);

  const manifestPath = MANIFEST_PATHS.find((p) => tag.files.has(p));
  const manifestText = manifestPath ? tag.read(manifestPath) : undefined;
  const manifestCheck = manifestText ? checkManifest(manifestText, config) : { manifestOnly: [], goOnly: [] };
  const generatedNote = manifestText ? /generated on (\d{4}-\d{2}-\d{2})/.exec(manifestText)?.[1] : undefined;

  const modules = tag.read("vendor/modules.txt") ?? "";
  const otel = /^# go\.opentelemetry\.io\/collector v(\S+)/m.exec(modules)?.[1] ?? null;

  const unknown: Record<string, string[]> = {};
  for (const [k, v] of walker.unknowns) unknown[k] = [...new Set(v)];

  const meta: TempoVersion = {
    version: tag.tag.replace(/^v/, ""),
    tag: tag.tag,
    commit: tag.commit,
    date,
    manifest: manifestPath ? { path: manifestPath, ...(generatedNote ? { generatedNote } : {}) } : null,
    otelCollector: otel,
    receivers: receiversOf(tag),
    overrides: overridesFormats(tag, hasNested),
    manifestCheck,
    unknown,
  };
  const sorted: Record<string, SNode> = {};
  for (const [k, v] of Object.entries(roots)) sorted[k] = sortNode(v);
  return { meta, roots: sorted, notes };
}

function balanced(text: string, from: number): string {
  const open = text.indexOf("{", from);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(from, i + 1);
  }
  throw new Error("unbalanced");
}

/** Removes `"{}"` (inline extension maps) from Overrides/LegacyOverrides struct nodes. */
function stripInlineMaps(node: SNode): void {
  if (typeof node === "string") return;
  if (
    (Object.hasOwn(node, "ingestion") || Object.hasOwn(node, "ingestion_rate_strategy")) &&
    Object.keys(node).length > 1
  )
    delete node["{}"];
  for (const v of Object.values(node)) stripInlineMaps(v);
}

/** Paths (at the tag) of files under `dirs` matching the extended regular expression `ere` (git grep). */
export function gitGrep(tag: GitTag, ere: string, dirs: string[]): string[] {
  try {
    const out = git(tag.gitDir, ["grep", "-l", "-E", ere, tag.commit, "--", ...dirs]);
    return out
      .split("\n")
      .filter(Boolean)
      .map((l) => l.slice(tag.commit.length + 1));
  } catch {
    return []; // exit status 1: no match
  }
}

/** Receiver factories wired in `modules/distributor/receiver/shim.go`. */
export function receiversOf(tag: GitTag): string[] {
  const src = tag.read("modules/distributor/receiver/shim.go") ?? "";
  const out: string[] = [];
  for (const m of src.matchAll(/(\w+)receiver\.NewFactory\(\)/g)) out.push(m[1]!);
  return [...new Set(out)];
}

function overridesFormats(tag: GitTag, nested: boolean): OverridesFormats {
  const cite: string[] = [];
  const at = (file: string, re: RegExp): void => {
    const l = tag.lineOf(file, re);
    if (l) cite.push(`${file}@${tag.tag}:${l}`);
  };
  if (!nested) {
    at("modules/overrides/limits.go", /^type Limits struct/);
    return { nested: false, legacy: "only", cite };
  }
  at("modules/overrides/config.go", /type legacyConfig struct/);
  at("modules/overrides/runtime_config_overrides.go", /var legacyConfig perTenantLegacyOverrides/);
  const optIn = tag.lineOf("modules/overrides/overrides.go", /if !cfg\.EnableLegacyOverrides/);
  if (optIn) {
    at("modules/overrides/overrides.go", /if !cfg\.EnableLegacyOverrides/);
    at("modules/overrides/runtime_config_overrides.go", /legacy overrides are disabled by default/);
    return { nested: true, legacy: "opt-in", cite };
  }
  at("cmd/tempo/app/config.go", /Inline, unscoped overrides are deprecated/);
  return { nested: true, legacy: "deprecated", cite };
}

/** Compares the manifest's keys with the Go tree: manifest keys absent from Go, and Go keys the manifest omits. */
export function checkManifest(manifestText: string, config: SNode): { manifestOnly: string[]; goOnly: string[] } {
  const y = /```yaml\n([\s\S]*?)```/.exec(manifestText)?.[1];
  if (!y) return { manifestOnly: ["(no yaml block)"], goOnly: [] };
  const man = parse(y) as unknown;
  const manifestOnly: string[] = [];
  const goOnly: string[] = [];
  const isMap = (n: SNode): boolean => typeof n !== "string" && Object.hasOwn(n, "{}") && Object.keys(n).length === 1;
  const rec = (m: unknown, n: SNode | undefined, p: string): void => {
    if (n === undefined) {
      manifestOnly.push(p);
      return;
    }
    if (typeof n === "string" || isMap(n) || Object.hasOwn(n, "[]")) return;
    const obj = m !== null && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
    if (obj) for (const [k, v] of Object.entries(obj)) rec(v, n[k], p ? `${p}.${k}` : k);
    for (const k of Object.keys(n)) {
      if (k === "{}") continue;
      if (!obj || !Object.hasOwn(obj, k)) goOnly.push(p ? `${p}.${k}` : k);
    }
  };
  rec(man, config, "");
  return { manifestOnly, goOnly: goOnly.sort() };
}
