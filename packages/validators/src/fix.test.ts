import { type Diagnostic, formatPath, getPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { applyEdits } from "./edits.js";
import { fixDocuments } from "./fix.js";
import { lintDocuments } from "./lint.js";

const TD = "tempo-distributed@1.61.3" as const;
const comments = (text: string) =>
  text
    .split("\n")
    .map((l) => /#.*$/.exec(l)?.[0]?.trim())
    .filter((c): c is string => c !== undefined);

describe("lint --fix on the tutorial (fixtures/tutorial/, the values of a widely read tutorial)", () => {
  const lgtm = tutorialFile("lgtm-values.yaml");
  const prometheus = tutorialFile("prometheus-values.yaml");
  const inputs = [
    { file: "lgtm-values.yaml", text: lgtm },
    { file: "prometheus-values.yaml", text: prometheus },
  ];
  const result = fixDocuments(inputs);
  const fixed = result.files[0]?.after ?? "";
  const values = parse(fixed) as unknown;

  it("applies every relocation, receiver switch and the DNS global, and leaves only findings that need a person", () => {
    expect(getPath(values, ["tempo", "multitenancyEnabled"])).toBe(false);
    expect(getPath(values, ["tempo", "compactor", "config", "compaction"])).toEqual({
      block_retention: "24h",
      compaction_window: "2h",
      retention_concurrency: 20,
    });
    // Loki's `filesystem` is Tempo's `local`: the value is rewritten with the move.
    expect(getPath(values, ["tempo", "storage", "trace", "backend"])).toBe("local");
    expect(getPath(values, ["tempo", "overrides", "defaults", "ingestion", "rate_limit_bytes"])).toBe(15000000);
    expect(getPath(values, ["tempo", "queryFrontend", "replicas"])).toBe(1);
    expect(getPath(values, ["tempo", "queryFrontend", "config", "max_outstanding_per_tenant"])).toBe(100);
    expect(getPath(values, ["tempo", "tempo", "structuredConfig", "query_frontend", "search", "max_duration"])).toBe(
      "24h",
    );
    expect(getPath(values, ["tempo", "distributor", "config"])).toBeUndefined();
    for (const r of [
      ["jaeger", "grpc"],
      ["jaeger", "thriftHttp"],
      ["otlp", "grpc"],
      ["otlp", "http"],
    ])
      expect(getPath(values, ["tempo", "traces", ...r, "enabled"])).toBe(true);
    expect(getPath(values, ["global", "dnsService"])).toBe("rke2-coredns-rke2-coredns");
    expect(getPath(values, ["tempo", "query_frontend"])).toBeUndefined();

    const left = result.diagnostics.filter((d) => d.file === "lgtm-values.yaml");
    expect(left.filter((d) => d.edits !== undefined)).toEqual([]);
    // What is left needs a decision: sizing, storage, a unit that differs, the generator wiring.
    expect(new Set(left.map((d) => d.ruleId))).toEqual(
      new Set([
        "tempo/metrics-generator-wiring",
        "chart/unknown-key",
        "tempo/not-a-tempo-setting",
        "tempo/replication-quorum",
        "tempo/local-storage",
      ]),
    );
    expect(left.filter((d) => d.ruleId === "chart/unknown-key").map((d) => formatPath(d.path))).toEqual([
      "tempo.tempo.storage.filesystem.path",
      "tempo.tempo.ingestion.max_spans_per_trace",
    ]);
    expect(result.files[1]?.after).toBe(prometheus);
  });

  it("the re-lint it reports is a plain lint of the new text", () => {
    const again = lintDocuments([
      { file: "lgtm-values.yaml", text: fixed },
      { file: "prometheus-values.yaml", text: prometheus },
    ]);
    expect(again.diagnostics).toEqual(result.diagnostics);
  });

  it("keeps every comment, and the lines it does not edit byte for byte", () => {
    expect(comments(fixed).sort()).toEqual(comments(lgtm).sort());
    // A moved key takes its comment along.
    expect(fixed).toContain("  # 多租戶設定(實驗環境關閉)\n  multitenancyEnabled: false\n");
    expect(fixed).toContain(
      "      # 每秒最大 span 數量\n        rate_limit_bytes: 15000000".replace("      #", "        #"),
    );
    // The renamed section stays where it was, with its comment.
    expect(fixed).toContain("  # Query Frontend:查詢優化和快取\n  queryFrontend:\n    replicas: 1\n");
    const gateway = lgtm.slice(lgtm.indexOf("  # Gateway"));
    expect(fixed).toContain(gateway.slice(0, gateway.indexOf("resolver:")));
    expect(fixed.startsWith(lgtm.slice(0, lgtm.indexOf("    # 多租戶")))).toBe(true);
  });

  it("is idempotent: a second --fix changes nothing", () => {
    const second = fixDocuments([
      { file: "lgtm-values.yaml", text: fixed },
      { file: "prometheus-values.yaml", text: prometheus },
    ]);
    expect(second.files.map((f) => f.after)).toEqual([fixed, prometheus]);
    expect(second.files.flatMap((f) => f.applied)).toEqual([]);
  });

  it("lists what it applied, by rule", () => {
    const applied = result.files[0]?.applied ?? [];
    expect(applied.length).toBe(11);
    expect(applied.every((a) => a.edits.length > 0)).toBe(true);
    expect(applied.map((a) => a.ruleId)).toContain("dns/gateway-resolver");
  });
});

describe("applyEdits, per kind of edit", () => {
  it("keeps the file's flow-collection style next to an edit ({ a: 1 } stays padded, {a: 1} stays tight)", () => {
    for (const pad of [" ", ""]) {
      const flow = (s: string) => `{${pad}${s}${pad}}`;
      const text = `a:\n  r: ${flow("cpu: 1, memory: 2")}\n  gone: 1\n  s: ${flow("x: 1")}\n`;
      const r = applyEdits(text, [[{ op: "delete", path: ["a", "gone"] }]]);
      expect(r.text).toBe(`a:\n  r: ${flow("cpu: 1, memory: 2")}\n  s: ${flow("x: 1")}\n`);
    }
  });
  it("move: a rename in place keeps the key's place, comments and style", () => {
    const text = "# top\ntempo:\n  # the frontend\n  query_frontend:\n    replicas: 2 # inline\n  other: 'x'\n";
    const r = applyEdits(text, [[{ op: "move", from: ["tempo", "query_frontend"], to: ["tempo", "queryFrontend"] }]]);
    expect(r.text).toBe("# top\ntempo:\n  # the frontend\n  queryFrontend:\n    replicas: 2 # inline\n  other: 'x'\n");
    expect(r.applied).toEqual([0]);
  });

  it("keeps the exact text of lines the edits do not touch, where yaml would print them differently", () => {
    const text =
      "a:   0x1F\nb: >-\n  folded\n  text\nc: {x: 1}\nd: 1e3\nquery_frontend:\n  replicas: 2\ne:\n- 1\n- 2\n";
    const r = applyEdits(text, [[{ op: "move", from: ["query_frontend"], to: ["queryFrontend"] }]]);
    expect(r.text).toBe(text.replace("query_frontend", "queryFrontend"));
  });

  it("move: merges two maps without conflicting leaves, refuses one with conflicts and says why", () => {
    // tempo-distributed values with the frontend written twice (query_frontend from Tempo's config, queryFrontend
    // from the chart's values.yaml).
    const text = "queryFrontend:\n  replicas: 2\nquery_frontend:\n  config:\n    max_outstanding_per_tenant: 100\n";
    const ok = applyEdits(text, [[{ op: "move", from: ["query_frontend"], to: ["queryFrontend"] }]]);
    expect(parse(ok.text)).toEqual({ queryFrontend: { replicas: 2, config: { max_outstanding_per_tenant: 100 } } });
    const clash = "queryFrontend:\n  replicas: 2\nquery_frontend:\n  replicas: 3\n";
    const no = applyEdits(clash, [[{ op: "move", from: ["query_frontend"], to: ["queryFrontend"] }]]);
    expect(no.text).toBe(clash);
    expect(no.skipped[0]?.reason).toMatch(/`queryFrontend.replicas` is set differently in both/);
  });

  it("move: never overwrites a different value at the target; an equal one is dropped", () => {
    const to = ["tempo", "compactor", "config", "compaction", "block_retention"];
    const from = ["tempo", "tempo", "retention_period"];
    const clash =
      "tempo:\n  tempo:\n    retention_period: 24h\n  compactor:\n    config:\n      compaction:\n        block_retention: 72h\n";
    const r = applyEdits(clash, [[{ op: "move", from, to }]]);
    expect(r.text).toBe(clash);
    expect(r.skipped[0]?.reason).toMatch(/already set \(to "72h"\)/);
    const same = clash.replace("72h", "24h");
    expect(parse(applyEdits(same, [[{ op: "move", from, to }]]).text)).toEqual({
      tempo: { compactor: { config: { compaction: { block_retention: "24h" } } } },
    });
  });

  it("delete + set: the receivers of Tempo's own config become the chart's switches (lint's edits)", () => {
    // tempo-distributed values as people write them from Tempo's docs (distributor.receivers in tempo.yaml).
    const text =
      "distributor:\n  replicas: 2\n  config:\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n      zipkin:\n";
    const r = fixDocuments([{ file: "v.yaml", text }], { chart: TD });
    expect(parse(r.files[0]?.after ?? "")).toEqual({
      distributor: { replicas: 2 },
      traces: { otlp: { grpc: { enabled: true } }, zipkin: { enabled: true } },
    });
    // A receiver with settings a switch does not carry stays for a person, and the fix says why.
    const tls = text.replace("0.0.0.0:4317\n", "0.0.0.0:4317\n            tls:\n              cert_file: /c\n");
    const kept = fixDocuments([{ file: "v.yaml", text: tls }], { chart: TD });
    expect(kept.files[0]?.after).toBe(tls);
    const d = kept.diagnostics.find((x) => formatPath(x.path) === "distributor.config.receivers");
    expect(d?.edits).toBeUndefined();
    expect(d?.fix).toMatch(/Not done by lint --fix: `otlp.grpc` sets `tls`/);
  });

  it("set: the DNS Service of the distribution goes into the top-level global (tempo-distributed on RKE2)", () => {
    const text = "gateway:\n  enabled: true\n";
    const r = fixDocuments([{ file: "v.yaml", text }], { chart: TD, distribution: "rke2" });
    expect(parse(r.files[0]?.after ?? "")).toEqual({
      gateway: { enabled: true },
      global: { dnsService: "rke2-coredns-rke2-coredns" },
    });
    expect(r.diagnostics.filter((d) => d.ruleId === "dns/gateway-resolver")).toEqual([]);
    const os = fixDocuments([{ file: "v.yaml", text }], { chart: TD, distribution: "openshift" });
    expect(parse(os.files[0]?.after ?? "")).toMatchObject({
      global: { dnsService: "dns-default", dnsNamespace: "openshift-dns" },
    });
  });

  it("legacy flat overrides move to the defaults: format (Tempo's modules/overrides/config_legacy.go names)", () => {
    const text =
      "overrides:\n  # per-trace limit\n  max_bytes_per_trace: 4000000\n  ingestion_rate_limit_bytes: 15000000\n";
    const r = fixDocuments([{ file: "v.yaml", text }], { chart: TD });
    expect(r.files[0]?.after).toBe(
      "overrides:\n  defaults:\n    global:\n      # per-trace limit\n      max_bytes_per_trace: 4000000\n    ingestion:\n      rate_limit_bytes: 15000000\n",
    );
    expect(r.diagnostics.filter((d) => d.ruleId.includes("override"))).toEqual([]);
  });

  it("a rename between chart versions (tempo-distributed 1.48 reads overrides, not global_overrides)", () => {
    const text = "global_overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 4000000\n";
    const r = fixDocuments([{ file: "v.yaml", text }], { chart: "tempo-distributed@1.48.1" });
    expect(r.files[0]?.after).toBe(text.replace("global_overrides", "overrides"));
  });

  it("JSON stays JSON, CRLF stays CRLF", () => {
    const json = '{\n    "query_frontend": {\n        "replicas": 2\n    }\n}\n';
    const j = fixDocuments([{ file: "v.json", text: json }], { chart: TD });
    expect(j.files[0]?.after).toBe('{\n    "queryFrontend": {\n        "replicas": 2\n    }\n}\n');
    const crlf = "query_frontend:\r\n  replicas: 2\r\nmetrics_generator:\r\n  enabled: true\r\n";
    const c = fixDocuments([{ file: "v.yaml", text: crlf }], { chart: TD });
    expect(c.files[0]?.after).toBe(
      crlf.replace("query_frontend", "queryFrontend").replace("metrics_generator", "metricsGenerator"),
    );
  });

  it("refuses files it must not change, and files with YAML errors, with the reason", () => {
    const text = "query_frontend:\n  replicas: 2\n";
    const r = fixDocuments([{ file: "gen.yaml", text }], { chart: TD, refuse: () => "generated file" });
    expect(r.files[0]?.after).toBe(text);
    expect(r.files[0]?.skipped[0]?.reason).toBe("generated file");
    const bad = applyEdits("a: [\n", [[{ op: "delete", path: ["a"] }]]);
    expect(bad.applied).toEqual([]);
    expect(bad.skipped[0]?.reason).toMatch(/YAML errors/);
  });

  it("refuses a result that would not read back as the edits describe (an alias into a moved anchor)", () => {
    const text = "a: &x\n  k: 1\nb: *x\n";
    const r = applyEdits(text, [[{ op: "move", from: ["a"], to: ["c", "d"] }]]);
    // Either printed correctly, or not applied at all: never a file that reads differently.
    if (r.applied.length > 0) expect(parse(r.text)).toEqual({ b: { k: 1 }, c: { d: { k: 1 } } });
    else expect(r.text).toBe(text);
  });

  it("every finding of the rule catalogue that carries edits is applied by fixDocuments (no dead edits)", () => {
    const text = tutorialFile("lgtm-values.yaml");
    const before = lintDocuments([{ file: "l.yaml", text }]).diagnostics.filter((d: Diagnostic) => d.edits);
    const r = fixDocuments([{ file: "l.yaml", text }]);
    // Findings with the same edits (two gateways fixed by one global) are one change.
    expect(r.files[0]?.applied.length).toBe(new Set(before.map((d) => JSON.stringify(d.edits))).size);
  });
});
