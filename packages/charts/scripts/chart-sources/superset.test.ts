// The merged store knows every key the current one-version catalogs (data/<chart>@<version>.json, built by
// scripts/catalog-builder.ts from ../shared/reference/charts) know, for the six versions they cover.
//
// "Knows" = a node of the old tree (what its `resolveKey` answers `known` for). Old free-form nodes (`f: 1`,
// chosen by name: `resources`, `podAnnotations`, …) are compared as nodes; what lies below them is not a
// key list (the old catalog drops their children), so it is not compared: the new store decides pass-through
// from the templates instead (`p`/`i`/`x`), and for some of those nodes (e.g. a component's `image`, whose
// keys the templates read one by one) it lists the keys instead of accepting anything.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogAt, type MergedCatalog } from "./merge.js";
import { isKnown } from "./version-catalog.js";

interface OldNode {
  t: string;
  s?: "t" | "c";
  f?: 1;
  c?: Record<string, OldNode>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, "../../data");
const catalogs = path.resolve(here, "../../catalogs");

/**
 * Old keys the new store does not know, each for a reason that makes the old key wrong:
 * - kube-prometheus-stack `gcp_zones`: values-references.txt took it from an example inside a YAML comment of
 *   kps values.yaml (`#    {{range $zone := .Values.gcp_zones}}`); no template reads it.
 * - grafana `grafana` and `grafana.ini` as two segments: values-references.txt lists the reference
 *   `index .Values "grafana.ini"` as the dotted path `grafana.ini`, which the old builder split into
 *   `grafana` → `ini`. The real key is the single key `grafana.ini`, which both catalogs know.
 */
const EXCEPTIONS: Record<string, readonly string[]> = {
  "kube-prometheus-stack@88.5.3": ["gcp_zones"],
  "grafana@10.5.15": ["grafana", "grafana\0ini"],
  "grafana@12.11.1": ["grafana", "grafana\0ini"],
};

const IDS = [
  "lgtm-distributed@3.0.1",
  "tempo-distributed@1.61.3",
  "kube-prometheus-stack@88.5.3",
  "loki-distributed@0.80.6",
  "grafana@10.5.15",
  "grafana@12.11.1",
];

const oldPaths = (n: OldNode, prefix: string[] = [], out: string[][] = []): string[][] => {
  for (const [k, c] of Object.entries(n.c ?? {})) {
    out.push([...prefix, k]);
    oldPaths(c, [...prefix, k], out);
  }
  return out;
};

describe.skipIf(!existsSync(dataDir))("the merged store covers the current one-version catalogs", () => {
  it.each(IDS)("%s: every key the old catalog knows is known", (id) => {
    const [chart, version] = id.split("@") as [string, string];
    const old = JSON.parse(readFileSync(path.join(dataDir, `${id}.json`), "utf8")) as { root: OldNode };
    const store = JSON.parse(readFileSync(path.join(catalogs, `${chart}.gen.json`), "utf8")) as MergedCatalog;
    const root = catalogAt(store, version)?.root;
    expect(root, `${id} is catalogued`).toBeDefined();
    if (root === undefined) return;
    const paths = oldPaths(old.root);
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter((p) => !isKnown(root, p)).map((p) => p.join("\0"));
    expect(missing.sort()).toEqual([...(EXCEPTIONS[id] ?? [])].sort());
    // the real `grafana.ini` key is known in both
    if (chart === "grafana") expect(isKnown(root, ["grafana.ini"])).toBe(true);
  });
});
