import path from "node:path";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parseDefinitions } from "../definition/parse.js";
import { discoverDefinitions } from "../fleet/discover.js";
import { loadDefinitions } from "../fleet/load.js";
import { renderBootstrap, renderClusters } from "./fleet.js";
import { formatVerdicts, parseVerdicts, type Verdict, VerdictStore } from "./verdicts.js";

const FP = "a".repeat(64);
const warning: Diagnostic = {
  ruleId: "x/y",
  severity: "warning",
  path: ["a", 0],
  message: "m",
  fix: "f",
  file: "c.yaml",
  line: 3,
  column: 2,
};

function verdict(unit: string, diagnostics: Diagnostic[] = []): Verdict {
  return { unit, pre: "1".repeat(64), key: unit.padEnd(64, "0").replace(/[^0-9a-f]/g, "0"), diagnostics };
}

describe("VerdictStore", () => {
  it("matches only a render whose inputs and every file hash the same", () => {
    const store = new VerdictStore(FP, "/out");
    const pre = store.preKey(["cluster", "c1", "/fleet/c1.yaml", "src", "{}"]);
    const key = VerdictStore.key(pre, [["a.yaml", "x: 1\n"]]);
    store.record({ unit: "c1", pre, key, diagnostics: [warning] });
    expect(store.knows(pre)).toBe(true);
    expect(store.lookup(key)?.diagnostics).toEqual([warning]);
    expect(store.lookup(VerdictStore.key(pre, [["a.yaml", "x: 2\n"]]))).toBeUndefined();
    expect(store.lookup(VerdictStore.key(pre, [["b.yaml", "x: 1\n"]]))).toBeUndefined();
    expect(store.knows(store.preKey(["cluster", "c1", "/fleet/c1.yaml", "src", '{"a":1}']))).toBe(false);
    // Another build or another output directory gives other keys.
    expect(new VerdictStore("b".repeat(64), "/out").preKey(["cluster", "c1"])).not.toBe(
      store.preKey(["cluster", "c1"]),
    );
    expect(new VerdictStore(FP, "/other").preKey(["cluster", "c1"])).not.toBe(store.preKey(["cluster", "c1"]));
    expect(store.hits).toBe(1);
  });

  it("never records a render with an error", () => {
    const store = new VerdictStore(FP, "/out");
    store.record({ ...verdict("c1"), diagnostics: [{ ...warning, severity: "error" }] });
    expect(store.used()).toEqual([]);
    expect(store.lookup(verdict("c1").key)).toBeUndefined();
  });

  it("keeps this run's verdicts and those of units it did not render", () => {
    const store = new VerdictStore(FP, "/out", [verdict("a"), verdict("b"), verdict("c")]);
    store.lookup(verdict("a").key);
    expect(store.retained(new Set(["a", "b"])).map((v) => v.unit)).toEqual(["a", "c"]);
  });
});

describe("the verdict file", () => {
  it("round-trips", () => {
    const list = [verdict("bootstrap"), verdict("c1", [warning])];
    expect(parseVerdicts(formatVerdicts(FP, list), FP)).toEqual(list);
  });

  it("is untrusted input: another build's file, malformed lines and claimed errors are dropped", () => {
    const good = verdict("c1", [warning]);
    const text = formatVerdicts(FP, [good]);
    expect(parseVerdicts(text, "b".repeat(64))).toEqual([]);
    const lines = [
      `${good.unit}\t${good.pre}\t${good.key}`,
      `${good.unit}\t${good.pre}\tnot-a-hash\t[]`,
      `Bad_Unit\t${good.pre}\t${good.key}\t[]`,
      `c2\t${good.pre}\t${good.key}\t{not json`,
      `c3\t${good.pre}\t${good.key}\t[{"ruleId":"x/y","severity":"error","path":[],"message":"m"}]`,
      `c4\t${good.pre}\t${good.key}\t[{"ruleId":"x/y","severity":"warning","path":[{}],"message":"m"}]`,
      `c5\t${good.pre}\t${good.key}\t[]\textra`,
      "\u0000\u0001garbage",
    ];
    expect(parseVerdicts(`${text}${lines.join("\n")}\n`, FP)).toEqual([good]);
  });
});

describe("rendering with verdicts", () => {
  const fleetDir = path.resolve(import.meta.dirname, "../../test/fixtures/fleet");

  async function fleet() {
    const loaded = await loadDefinitions(discoverDefinitions(fleetDir));
    return parseDefinitions(loaded.definitions).definitions;
  }

  it("validates each cluster once: a second render of the same fleet takes the earlier verdicts and gives the same files and diagnostics", async () => {
    const defs = await fleet();
    const store = new VerdictStore(FP, "/out");
    const first = renderClusters(defs, { verdicts: store });
    const firstBoot = renderBootstrap(defs, store);
    expect(store.hits).toBe(0);
    expect(
      store
        .used()
        .map((v) => v.unit)
        .sort(),
    ).toEqual([...defs.map((d) => d.definition.name), "bootstrap"].sort());
    // The next run, through the file.
    const next = new VerdictStore(FP, "/out", parseVerdicts(formatVerdicts(FP, store.used()), FP));
    const second = renderClusters(defs, { verdicts: next });
    const secondBoot = renderBootstrap(defs, next);
    expect(next.hits).toBe(defs.length + 1);
    expect(second.files).toEqual(first.files);
    expect(second.diagnostics).toEqual(first.diagnostics);
    // The fixture fleet's warning (with its position in the values file) comes back from the verdict.
    expect(first.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", line: expect.any(Number) }),
    );
    expect(secondBoot).toEqual(firstBoot);
    // Without verdicts, the same again.
    expect(renderClusters(defs).files).toEqual(first.files);
  });

  it("validates a changed definition again, and a verdict for other bytes is never taken", async () => {
    const defs = await fleet();
    const store = new VerdictStore(FP, "/out");
    renderClusters(defs, { verdicts: store });
    const changed = defs.map((d, i) =>
      i === 0 ? { ...d, definition: { ...d.definition, argocd: { ...d.definition.argocd, targetRevision: "v2" } } } : d,
    );
    const next = new VerdictStore(FP, "/out", store.used());
    renderClusters(changed, { verdicts: next });
    expect(next.hits).toBe(defs.length - 1);
    // A verdict whose pre-render key matches but whose files differ (a tampered file) is not taken.
    const tampered = new VerdictStore(
      FP,
      "/out",
      store.used().map((v) => ({ ...v, key: "f".repeat(64) })),
    );
    renderClusters(defs, { verdicts: tampered });
    expect(tampered.hits).toBe(0);
  });
});
