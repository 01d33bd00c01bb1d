/**
 * Tests against the committed data in packages/tempo-config/schemas (no grafana/tempo clone needed).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChangesFile, ConfigDataFile, ReceiverDataFile } from "./derive.js";
import { FILES } from "./derive.js";
import { nodeAtPath, type SNode } from "./schema-node.js";
import { schemaAt } from "./store.js";

const config = JSON.parse(readFileSync(FILES.config, "utf8")) as ConfigDataFile;
const receivers = JSON.parse(readFileSync(FILES.receivers, "utf8")) as ReceiverDataFile;
const changes = JSON.parse(readFileSync(FILES.changes, "utf8")) as ChangesFile;
const sha = (x: unknown): string => createHash("sha256").update(JSON.stringify(x)).digest("hex");
const at = (version: string, root: string, path: string): SNode | undefined => {
  const r = schemaAt(config.data, version)[root];
  return r === undefined ? undefined : nodeAtPath(r, path);
};

describe("Tempo config schemas (committed data)", () => {
  it("holds every release 2.0.0 … 3.0.3, including the last patch of each minor", () => {
    const v = config.data.versions;
    for (const last of [
      "2.0.1",
      "2.1.1",
      "2.2.4",
      "2.3.1",
      "2.4.2",
      "2.5.0",
      "2.6.1",
      "2.7.2",
      "2.8.4",
      "2.9.5",
      "2.10.8",
      "3.0.3",
    ])
      expect(v).toContain(last);
    expect(v[0]).toBe("2.0.0");
    expect(config.versions.map((m) => m.version)).toEqual(v);
  });

  it("reconstructs each version exactly (sha256 of the derived roots)", () => {
    for (const meta of config.versions)
      expect(sha(schemaAt(config.data, meta.version)), meta.version).toBe(meta.sha256);
    for (const c of receivers.collectors) expect(sha(schemaAt(receivers.data, c.version)), c.version).toBe(c.sha256);
  });

  it("types come from Go types: time.Duration vs prometheus model.Duration", () => {
    for (const v of ["2.0.1", "2.6.1", "2.9.0", "2.10.8"]) {
      // time.Duration: `14d` is rejected by time.ParseDuration → Tempo exits
      expect(at(v, "config", "compactor.compaction.block_retention"), v).toBe("duration");
      expect(at(v, "overrides_legacy", "block_retention"), v).toBe("model_duration");
      expect(at(v, "overrides_legacy", "max_search_duration"), v).toBe("model_duration");
    }
    for (const v of ["2.3.0", "2.9.0", "2.10.8", "3.0.3"]) {
      expect(at(v, "config", "overrides.defaults.compaction.block_retention"), v).toBe("model_duration");
      expect(at(v, "config", "overrides.defaults.read.max_search_duration"), v).toBe("model_duration");
      expect(at(v, "tenant_overrides", "overrides.{}.compaction.block_retention"), v).toBe("model_duration");
    }
    expect(at("3.0.3", "config", "backend_scheduler.provider.compaction.compaction.block_retention")).toBe("duration");
    expect(at("3.0.3", "config", "compactor")).toBeUndefined();
    expect(config.leafKinds.duration).toMatch(/NOT d\/w/);
  });

  it("enumerations validated by the code", () => {
    expect(at("2.9.0", "config", "server.log_level")).toBe("enum(debug|info|warn|error)");
    expect(at("2.0.1", "config", "server.log_level")).toBe("enum(debug|info|warn|error)"); // weaveworks logging.Level
    expect(at("2.9.0", "config", "storage.trace.block.v2_encoding")).toMatch(/^enum\(none\|gzip\|.*zstd\|s2\)$/);
    expect(at("2.9.0", "config", "overrides.defaults.metrics_generator.generate_native_histograms")).toBe(
      "enum(classic|native|both)",
    );
    expect(at("2.9.0", "config", "ingester.max_block_bytes")).toBe("uint");
  });

  it("overrides formats per version", () => {
    const formats = Object.fromEntries(config.versions.map((m) => [m.version, m.overrides.legacy]));
    expect(formats["2.2.4"]).toBe("only");
    expect(formats["2.3.0"]).toBe("deprecated");
    expect(formats["2.10.8"]).toBe("deprecated");
    expect(formats["3.0.0"]).toBe("opt-in");
    expect(config.versions.find((m) => m.version === "3.0.3")!.overrides.cite.join(" ")).toMatch(
      /modules\/overrides\/overrides\.go@v3\.0\.3:\d+/,
    );
    expect(at("3.0.3", "config", "overrides.enable_legacy_overrides")).toBe("bool");
    expect(at("2.10.8", "config", "overrides.enable_legacy_overrides")).toBeUndefined();
    expect(at("2.2.4", "config", "overrides.defaults")).toBeUndefined();
    expect(at("2.2.4", "config", "overrides.ingestion_rate_limit_bytes")).toBe("int");
    // 3.0's inline Extensions map only takes registered extensions; Tempo registers none
    expect(at("3.0.3", "config", "overrides.defaults.{}")).toBeUndefined();
  });

  it("every manifest key exists in the Go structs except in the stale 2.2.1–2.2.4 manifests", () => {
    for (const m of config.versions) {
      if (/^2\.2\.[1-4]$/.test(m.version)) expect(m.manifestCheck.manifestOnly.length).toBeGreaterThan(0);
      else expect(m.manifestCheck.manifestOnly, m.version).toEqual([]);
      expect(m.manifest, m.version).not.toBeNull();
    }
  });

  it("lists what the reader could not resolve (nothing at present)", () => {
    for (const m of config.versions) expect(m.unknown, m.version).toEqual({});
    for (const c of receivers.collectors) expect(c.unknown, c.version).toEqual({});
  });
});

describe("OTel receiver schemas (committed data)", () => {
  const recv = (collector: string, path: string): SNode | undefined => {
    const [name, ...rest] = path.split(".");
    const r = schemaAt(receivers.data, collector)[name!];
    return r === undefined ? undefined : rest.length ? nodeAtPath(r, rest.join(".")) : r;
  };
  it("maps each Tempo version to its vendored collector", () => {
    const byTempo = new Map(receivers.collectors.flatMap((c) => c.tempo.map((t) => [t, c.version])));
    expect(byTempo.get("2.0.1")).toBe("0.57.2");
    expect(byTempo.get("2.9.0")).toBe("0.132.0");
    expect(byTempo.get("2.9.5")).toBe("0.150.0");
    expect(byTempo.get("3.0.3")).toBe("0.150.0");
  });
  it("`tls` (not 1.x's `tls_settings`) in every collector of 2.0–3.0; max_recv_msg_size_mib sits on the grpc server", () => {
    for (const c of receivers.data.versions) {
      expect(recv(c, "otlp.protocols.grpc.tls.cert_file"), c).toBe("string");
      expect(recv(c, "otlp.protocols.grpc.tls_settings"), c).toBeUndefined();
      expect(recv(c, "otlp.protocols.grpc.max_recv_msg_size_mib"), c).toMatch(/^u?int$/);
    }
    expect(recv("0.57.2", "otlp.protocols.grpc.max_recv_msg_size_mib")).toBe("uint");
    expect(recv("0.150.0", "otlp.protocols.grpc.max_recv_msg_size_mib")).toBe("int");
  });
  it("opencensus disappears with collector 0.150 (Tempo 2.9.3+, 2.10.6+, 3.0)", () => {
    expect(recv("0.132.0", "opencensus")).toBeDefined();
    expect(recv("0.150.0", "opencensus")).toBeUndefined();
  });
  it("cites where unknown receiver keys are rejected", () => {
    for (const c of receivers.collectors) expect(c.strictness.join(" "), c.version).toMatch(/shim\.go@v[\d.]+:\d+/);
  });
});

describe("change list (committed data)", () => {
  const pair = changes.pairs.find((p) => p.from === "2.10.8" && p.to === "3.0.0")!;
  it("2.10.8 → 3.0.0 removes the 2.x sections", () => {
    for (const p of [
      "config.ingester",
      "config.ingester_client",
      "config.compactor",
      "config.metrics_generator.processor.local_blocks",
    ])
      expect(pair.roots.config!.removed).toContain(p);
  });
  it("curated notes carry file@tag:line citations", () => {
    expect(changes.notes.length).toBeGreaterThanOrEqual(10);
    for (const n of changes.notes) for (const c of n.cite) expect(c).toMatch(/^[\w./-]+@v\d+\.\d+\.\d+:\d+$/);
    const retention = changes.notes.find((n) => n.paths.includes("config.compactor.compaction.block_retention"))!;
    expect(retention.replacement).toContain("config.backend_scheduler.provider.compaction.compaction.block_retention");
  });
});
