import type { ChartId } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import {
  FOREIGN_SETTING_NAMES,
  type SchemaNode,
  TEMPO_SCHEMA_VERSIONS,
  tempoSchemaFor,
} from "@lgtm-gitops/tempo-config";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateDocuments } from "../lint.js";

function run(chart: ChartId, yaml: string): Diagnostic[] {
  return validateDocuments([{ file: "values.yaml", chart, values: parse(yaml) as unknown, text: yaml }]);
}
const strict = (ds: Diagnostic[]) =>
  ds
    .filter((d) => d.ruleId === "tempo/unknown-config-key" || d.ruleId === "tempo/invalid-config-value")
    .map((d) => ({ ruleId: d.ruleId, path: d.path.join("."), message: d.message, fix: d.fix }));

describe("strict parse of the Tempo version the chart runs", () => {
  // grafana/tempo#4336 (tempo-distributed values): the compactor retention is a Go time.Duration.
  it("14d on the compactor retention: error with 336h, naming the chart's Tempo (appVersion)", () => {
    const yaml = `tempo:
  structuredConfig:
    compactor:
      compaction:
        block_retention: 14d
`;
    expect(strict(run("tempo-distributed@1.61.3", yaml))).toEqual([
      expect.objectContaining({
        ruleId: "tempo/invalid-config-value",
        path: "tempo.structuredConfig.compactor.compaction.block_retention",
        message: expect.stringContaining("Tempo 2.9.0"),
        fix: "write 336h",
      }),
    ]);
    // lgtm-distributed 2.1.0 runs Tempo 2.5.0 (its tempo-distributed subchart's appVersion)
    const lgtm = `tempo:\n${yaml
      .split("\n")
      .map((l) => (l ? `  ${l}` : l))
      .join("\n")}`;
    expect(strict(run("lgtm-distributed@2.1.0", lgtm))[0]?.message).toContain("Tempo 2.5.0");
  });

  // Tempo docs, per-tenant overrides: compaction.block_retention is a model.Duration (14d is valid).
  it("14d on the per-tenant retention: clean", () => {
    const yaml = `overrides:
  defaults:
    compaction:
      block_retention: 14d
    read:
      max_search_duration: 30d
`;
    expect(strict(run("tempo-distributed@1.61.3", yaml))).toEqual([]);
  });

  it("tempo.image.tag picks the Tempo version: a 2.2-era key passes on 2.2.3 and stops the chart's 2.9.0", () => {
    const key = `tempo:
  structuredConfig:
    autocomplete_filtering_enabled: true
`;
    const onChart = strict(run("tempo-distributed@1.61.3", key));
    expect(onChart).toEqual([
      expect.objectContaining({
        ruleId: "tempo/unknown-config-key",
        message: expect.stringContaining("The key exists in Tempo 2.2.0–2.5.0; this install runs Tempo 2.9.0."),
      }),
    ]);
    expect(strict(run("tempo-distributed@1.61.3", `${key}  image:\n    tag: 2.2.3\n`))).toEqual([]);
    // a tag between releases is checked as the nearest lower release, and the message says so
    const between = strict(run("tempo-distributed@1.61.3", `${key}  image:\n    tag: v2.9.7\n`));
    expect(between[0]?.message).toContain("Tempo 2.9.7 (checked as 2.9.5, the nearest release known)");
  });

  it("log_level: warning in structuredConfig: error with the fix warn", () => {
    const found = strict(
      run("tempo-distributed@1.61.3", "tempo:\n  structuredConfig:\n    server:\n      log_level: warning\n"),
    );
    expect(found.map((d) => [d.path, d.fix])).toEqual([["tempo.structuredConfig.server.log_level", "write warn"]]);
  });

  it("on Tempo 3, a removed 2.x section is reported once, by tempo3/removed-setting", () => {
    // (with the broker address the 3.x chart needs to render at all: tempo3/kafka-address)
    const yaml =
      "ingest:\n  kafka:\n    address: kafka:9092\ntempo:\n  structuredConfig:\n    compactor:\n      compaction:\n        block_retention: 48h\n";
    const all = run("tempo-distributed@3.3.0", yaml);
    expect(all.filter((d) => d.ruleId === "tempo3/removed-setting").length).toBe(1);
    expect(strict(all)).toEqual([]);
    // the image tag decides for both: a 3.x chart pinned to Tempo 2.10.8 has a compactor
    const pinned = run("tempo-distributed@3.3.0", `${yaml}  image:\n    tag: 2.10.8\n`);
    expect(pinned.filter((d) => d.ruleId.startsWith("tempo3/"))).toEqual([]);
    expect(strict(pinned)).toEqual([]);
  });
});

describe("chart values the chart copies into tempo.yaml", () => {
  // grafana/tempo#4336: the retention set as the chart value `compactor.config.compaction.block_retention` (there
  // 336h); the chart copies it into tempo.yaml's time.Duration field.
  it("compactor.config.compaction.block_retention: 14d is an error with 336h; server.logLevel: warning with warn", () => {
    const yaml = `compactor:
  config:
    compaction:
      block_retention: 14d
server:
  logLevel: warning
`;
    expect(strict(run("tempo-distributed@1.61.3", yaml)).map((d) => [d.path, d.fix, d.message])).toEqual([
      [
        "compactor.config.compaction.block_retention",
        "write 336h",
        expect.stringContaining(
          "compactor.config.compaction.block_retention (rendered as compactor.compaction.block_retention in tempo.yaml) must be a Go duration",
        ),
      ],
      ["server.logLevel", "write warn", expect.stringContaining("must be one of debug, info, warn, error")],
    ]);
    expect(
      strict(run("tempo-distributed@1.61.3", "compactor:\n  config:\n    compaction:\n      block_retention: 336h\n")),
    ).toEqual([]);
  });
});

describe("traces.*.receiverConfig against the collector Tempo vendors", () => {
  // grafana/tempo#1193: `tls_settings` was the key of collector 0.21 (Tempo 1.2); Tempo 2.x's collectors take `tls`.
  it("tls_settings in an enabled receiver's receiverConfig: error at its path, fix tls", () => {
    const yaml = `traces:
  otlp:
    grpc:
      enabled: true
      receiverConfig:
        tls_settings:
          cert_file: /tls/tls.crt
`;
    expect(strict(run("tempo-distributed@1.61.3", yaml))).toEqual([
      expect.objectContaining({
        ruleId: "tempo/unknown-config-key",
        path: "traces.otlp.grpc.receiverConfig.tls_settings",
        message: expect.stringContaining("Tempo 2.9.0 vendors OTel collector 0.132.0"),
        fix: "did you mean tls?",
      }),
    ]);
    expect(strict(run("tempo-distributed@1.61.3", yaml.replace("tls_settings", "tls")))).toEqual([]);
    // not rendered while the receiver is off
    expect(strict(run("tempo-distributed@1.61.3", yaml.replace("enabled: true", "enabled: false")))).toEqual([]);
  });

  // Collector 0.150 (Tempo 3.0) takes `enabled` inside an optional protocol; 0.132 (Tempo 2.9.0) refuses it.
  it("a collector-version key: passes on Tempo 3.0.3, refused on 2.9.0", () => {
    const yaml =
      "traces:\n  otlp:\n    grpc:\n      enabled: true\n      receiverConfig:\n        keepalive:\n          enabled: true\n";
    expect(strict(run("tempo-distributed@3.3.0", yaml))).toEqual([]);
    expect(strict(run("tempo-distributed@1.61.3", yaml)).map((d) => d.path)).toEqual([
      "traces.otlp.grpc.receiverConfig.keepalive.enabled",
    ]);
  });
});

// tempo/not-a-tempo-setting says no Tempo release has the Loki/Mimir names: checked against every schema.
describe("Loki/Mimir setting names", () => {
  it("are no key of any Tempo release's configuration", () => {
    const foreign = Object.keys(FOREIGN_SETTING_NAMES).filter((k) => FOREIGN_SETTING_NAMES[k]?.from === "loki-mimir");
    expect(foreign.length).toBeGreaterThan(0);
    const keys = (n: SchemaNode, out: Set<string>): Set<string> => {
      if (typeof n === "string") return out;
      for (const [k, c] of Object.entries(n)) {
        out.add(k);
        keys(c, out);
      }
      return out;
    };
    for (const v of TEMPO_SCHEMA_VERSIONS) {
      const s = tempoSchemaFor(v);
      const all = keys(s.config, keys(s.overridesLegacy, new Set()));
      expect(
        foreign.filter((k) => all.has(k)),
        v,
      ).toEqual([]);
    }
  });
});
