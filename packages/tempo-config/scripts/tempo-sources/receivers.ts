/**
 * The OpenTelemetry Collector receiver configs one Tempo tag vendors: the receivers Tempo's distributor wires in
 * (`modules/distributor/receiver/shim.go`), each one's `Config` struct walked with mapstructure/confmap rules.
 */
import type { GitTag } from "./git.js";
import { GoWorld, Walker } from "./go-world.js";
import { makeKnownHook, type TypeNote } from "./known-types.js";
import { type SNode, sortNode } from "./schema-node.js";
import { receiversOf } from "./tempo.js";

export const SHIM = "modules/distributor/receiver/shim.go";

export interface ReceiverDerivation {
  /** Vendored collector core version (go.opentelemetry.io/collector). */
  collector: string;
  /** Vendored collector-contrib receiver version (jaeger receiver). */
  contrib: string | null;
  /** receiver name → config tree */
  roots: Record<string, SNode>;
  /** receiver name → Go package path */
  packages: Record<string, string>;
  notes: Map<string, TypeNote>;
  unknown: Record<string, string[]>;
  /** Where Tempo hands the receivers map to the collector's strict decoder, and where that decoder rejects unused keys. */
  strictness: string[];
}

export function deriveReceivers(tag: GitTag): ReceiverDerivation {
  const world = new GoWorld(tag);
  const notes = new Map<string, TypeNote>();
  const walker = new Walker(world, "mapstructure", makeKnownHook(world, notes));
  const shim = world.pkg(`${world.modulePath}/modules/distributor/receiver`);
  const shimFile = shim?.files.find((f) => f.path === SHIM)?.file;
  if (!shimFile) throw new Error(`${SHIM} missing at ${tag.tag}`);
  const roots: Record<string, SNode> = {};
  const packages: Record<string, string> = {};
  for (const name of receiversOf(tag).sort()) {
    const ip = world.resolveAlias(shimFile, `${name}receiver`);
    if (!ip) throw new Error(`import of ${name}receiver not found at ${tag.tag}`);
    packages[name] = ip;
    roots[name] = sortNode(walker.walkRoot(ip, "Config"));
  }
  const modules = tag.read("vendor/modules.txt") ?? "";
  const collector = /^# go\.opentelemetry\.io\/collector v(\S+)/m.exec(modules)?.[1] ?? "?";
  const contrib =
    /^# github\.com\/open-telemetry\/opentelemetry-collector-contrib\/receiver\/jaegerreceiver v(\S+)/m.exec(
      modules,
    )?.[1] ?? null;
  const unknown: Record<string, string[]> = {};
  for (const [k, v] of walker.unknowns) unknown[k] = [...new Set(v)];
  return { collector, contrib, roots, packages, notes, unknown, strictness: strictness(tag) };
}

function strictness(tag: GitTag): string[] {
  const out: string[] = [];
  const cite = (file: string, re: RegExp): void => {
    const l = tag.lineOf(file, re);
    if (l) out.push(`${file}@${tag.tag}:${l}`);
  };
  cite(SHIM, /pro\.Get\(|configunmarshaler|cfgs?, err := .*Unmarshal|\.Unmarshal\(/);
  for (const f of [
    "vendor/go.opentelemetry.io/collector/confmap/internal/decoder.go",
    "vendor/go.opentelemetry.io/collector/confmap/confmap.go",
  ])
    cite(f, /ErrorUnused/);
  return out;
}
