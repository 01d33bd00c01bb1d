import { readFileSync } from "node:fs";
import { type ChartId, resolveKey } from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseDocument, stringify } from "yaml";
import { lintDocuments } from "./lint.js";
import { migrateTempo3Config, migrateToTempo3, resolveTempo3Target, type Tempo3Migration } from "./migrate-tempo3.js";
import { TEMPO3_CHART_MOVES, TEMPO3_REMOVED_SETTINGS } from "./rules/tempo3-rules.js";

const T3: ChartId = "tempo-distributed@3.3.0";
const KAFKA = "kafka-kafka-bootstrap.kafka.svc.cluster.local:9092";
/** A receiver, so that the inputs below are otherwise sound (`tempo/no-receiver`). */
const OTLP = "traces:\n  otlp:\n    grpc:\n      enabled: true\n";
const repo = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), "utf8");

function migrate(text: string, options: { kafkaAddress?: string; partitions?: number } = { kafkaAddress: KAFKA }) {
  const r = migrateToTempo3(text, { to: "tempo-distributed@3.x", ...options });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.ruleId}: ${d.message}`).join("\n"));
  return r.value;
}
const values = (m: Tempo3Migration) => parse(m.text) as Record<string, unknown>;
const at = (m: Tempo3Migration, p: string) => getPath(values(m), p.split("."));
const lint3 = (m: Tempo3Migration) => lintDocuments([{ file: "out.yaml", text: m.text }], { chart: T3 }).diagnostics;
const errorsOf = (m: Tempo3Migration) => lint3(m).filter((d) => d.severity === "error");

describe("migrateToTempo3: the tutorial (done criterion of issue 14)", () => {
  // fixtures/tutorial/lgtm-values.yaml: the lgtm-distributed `tempo:` block of the widely read tutorial.
  const m = migrate(repo("fixtures/tutorial/lgtm-values.yaml"));

  it("lints clean against tempo-distributed 3.3.0, Tempo config under the 3.0 rules included", () => {
    const found = lint3(m);
    expect(found.filter((d) => d.severity === "error")).toEqual([]);
    // The only warnings: the bucket the tutorial never had (it kept traces on each pod's disk).
    expect(found.map((d) => `${d.ruleId} ${d.path.join(".")}`)).toEqual([
      "tempo3/placeholder storage.trace.s3.bucket",
      "tempo3/placeholder storage.trace.s3.endpoint",
    ]);
    expect(m.from).toBe("lgtm-distributed@3.0.1");
    expect(m.to).toBe(T3);
  });

  it("moves retention (tempo.retention_period) to the scheduler and the worker", () => {
    expect(at(m, "backendScheduler.config.provider.compaction.compaction.block_retention")).toBe("24h");
    expect(at(m, "backendWorker.config.compaction.block_retention")).toBe("24h");
    expect(at(m, "backendScheduler.config.provider.compaction.compaction.compaction_window")).toBe("2h");
  });

  it("turns ingesters into live-stores and block-builders, one per partition, and the compactor into workers", () => {
    const v = values(m);
    expect(v.ingester).toBeUndefined();
    expect(v.compactor).toBeUndefined();
    expect(at(m, "liveStore.resources.limits.memory")).toBe("1Gi");
    expect(at(m, "liveStore.replicas")).toBe(3);
    expect(at(m, "blockBuilder.replicas")).toBe(3);
    expect(at(m, "ingest.kafka.auto_create_topic_default_partitions")).toBe(3);
    expect(at(m, "ingest.kafka.address")).toBe(KAFKA);
    expect(at(m, "backendWorker.resources.limits.memory")).toBe("512Mi");
    expect(at(m, "overrides.defaults.compaction.compaction_disabled")).toBe(true);
    expect(at(m, "traces.otlp.grpc.enabled")).toBe(true);
    expect(at(m, "queryFrontend.config.max_outstanding_per_tenant")).toBe(100);
    expect(v.enabled).toBeUndefined();
  });

  it("keeps the comments and lists what has no equivalent", () => {
    expect(m.text).toContain("# Querier:處理查詢請求\nquerier:");
    expect(m.text).toContain("# 多租戶設定(實驗環境關閉)\nmultitenancyEnabled: false");
    const dropped = m.noEquivalent.map((n) => n.from);
    expect(dropped).toEqual(
      expect.arrayContaining(["ingester.replicas", "ingester.persistence", "tempo.ingestion.max_spans_per_trace"]),
    );
    // spans are not bytes: the value is not carried over, a person decides
    expect(at(m, "overrides.defaults.global.max_bytes_per_trace")).toBeUndefined();
    expect(m.needsHuman.some((n) => n.from === "tempo.ingestion.max_spans_per_trace")).toBe(true);
  });

  it("is a function of its input: the same file gives the same bytes", () => {
    expect(migrate(repo("fixtures/tutorial/lgtm-values.yaml")).text).toBe(m.text);
  });
});

describe("migrateToTempo3: each move on real configurations", () => {
  // The generated bundles of the example fleet: tempo-distributed 1.x (staging-k3s) and lgtm-distributed (prod-eks,
  // dev-rke2), written by lgtm-gitops generate for the charts' 1.x/2.x releases.
  it.each([
    "clusters/staging-k3s/values/tempo.yaml",
    "clusters/prod-eks/values/lgtm.yaml",
    "clusters/dev-rke2/values/lgtm-stack.yaml",
    "packages/validators/src/__fixtures__/corrected/lgtm-values.yaml",
  ])("%s lints without errors on 3.3.0 after migrate", (file) => {
    expect(errorsOf(migrate(repo(file)))).toEqual([]);
  });

  it("drops replication factor, persistence and ingester replicas (generated staging-k3s values)", () => {
    const m = migrate(repo("clusters/staging-k3s/values/tempo.yaml"), { kafkaAddress: KAFKA, partitions: 2 });
    expect(values(m).ingester).toBeUndefined();
    expect(at(m, "liveStore.persistence")).toBeUndefined();
    expect(at(m, "liveStore.replicas")).toBe(2);
    expect(at(m, "blockBuilder.replicas")).toBe(2);
    expect(at(m, "liveStore.resources.requests.cpu")).toBe("250m");
    // what was already right stays: the bucket of the 2.x release (side by side needs the same one)
    expect(at(m, "storage.trace.s3.bucket")).toBe("tempo-staging");
    expect(m.needsHuman.some((n) => n.to?.includes("liveStore.resources"))).toBe(true);
  });

  it("adds compaction_disabled to every tenant (prod-eks: per_tenant_overrides do not inherit the defaults)", () => {
    // grafana/tempo v3.0.3 docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md:173-190
    const m = migrate(repo("clusters/prod-eks/values/lgtm.yaml"));
    expect(at(m, "per_tenant_overrides.team-payments.compaction.compaction_disabled")).toBe(true);
    expect(at(m, "overrides.defaults.compaction.compaction_disabled")).toBe(true);
    expect(m.noEquivalent.map((n) => n.from)).toContain("grafana");
  });

  // grafana/tempo v3.0.3 docs/sources/tempo/setup/upgrade.md: the 2.x sections of tempo.yaml that 3.0 refuses.
  it("rewrites tempo.structuredConfig by the tempo3/removed-setting table", () => {
    const m = migrate(`ingester:
  replicas: 3
tempo:
  structuredConfig:
    ingester:
      trace_idle_period: 10s
      max_block_duration: 30m
    ingester_client:
      grpc_client_config:
        max_recv_msg_size: 1
    metrics_generator_client:
      grpc_client_config: {}
    compactor:
      compaction:
        block_retention: 336h
      ring:
        kvstore:
          store: memberlist
    metrics_generator:
      processor:
        local_blocks:
          filter_server_spans: false
    overrides:
      max_bytes_per_trace: 5000000
storage:
  trace:
    backend: gcs
    gcs:
      bucket_name: traces
${OTLP}`);
    const sc = "tempo.structuredConfig";
    expect(at(m, `${sc}.live_store.max_trace_idle`)).toBe("10s");
    expect(at(m, `${sc}.backend_scheduler.provider.compaction.compaction.block_retention`)).toBe("336h");
    expect(at(m, `${sc}.backend_worker.compaction.block_retention`)).toBe("336h");
    for (const gone of ["ingester", "ingester_client", "metrics_generator_client", "compactor", "metrics_generator"])
      expect(at(m, `${sc}.${gone}`), gone).toBeUndefined();
    expect(at(m, `${sc}.overrides.defaults.global.max_bytes_per_trace`)).toBe(5000000);
    expect(m.noEquivalent.map((n) => n.from)).toEqual(
      expect.arrayContaining([`${sc}.ingester`, `${sc}.ingester_client`, `${sc}.compactor`]),
    );
    expect(errorsOf(m)).toEqual([]);
  });

  // grafana/tempo v3.0.3 modules/overrides/config_legacy.go (legacy → scoped), overrides.go:28-43 (refused in 3.0).
  it("writes legacy flat overrides in the scoped format, per tenant too", () => {
    const m = migrate(`compactor:
  config:
    compaction:
      block_retention: 72h
overrides:
  ingestion_rate_limit_bytes: 20000000
  metrics_generator_processors: [service-graphs]
per_tenant_overrides:
  team-a:
    ingestion_rate_limit_bytes: 5000000
    ingestion_burst_size_bytes: 7000000
    max_bytes_per_trace: 1000
storage:
  trace:
    backend: s3
    s3: {bucket: b, endpoint: "s3.example:9000"}
${OTLP}`);
    expect(at(m, "overrides.defaults.ingestion.rate_limit_bytes")).toBe(20000000);
    expect(at(m, "overrides.defaults.metrics_generator.processors")).toEqual(["service-graphs"]);
    expect(at(m, "per_tenant_overrides.team-a.global.max_bytes_per_trace")).toBe(1000);
    expect(at(m, "per_tenant_overrides.team-a.compaction.compaction_disabled")).toBe(true);
    expect(at(m, "backendWorker.config.compaction.block_retention")).toBe("72h");
    expect(errorsOf(m)).toEqual([]);
  });

  it("without --kafka-address writes a marked placeholder, a finding, and lint warns", () => {
    const m = migrate("ingester:\n  replicas: 1\nstorage:\n  trace:\n    backend: azure\n", {});
    expect(String(at(m, "ingest.kafka.address"))).toMatch(/^<set me:/);
    expect(m.text).toContain("# lgtm-gitops migrate: placeholder, set it");
    expect(m.needsHuman.some((n) => n.to?.includes("ingest.kafka.address"))).toBe(true);
    expect(lint3(m).map((d) => `${d.severity} ${d.ruleId} ${d.path.join(".")}`)).toContain(
      "warning tempo3/placeholder ingest.kafka.address",
    );
  });

  // grafana-community tempo-distributed 3.3.0 templates/validate.yaml:1-3 (minio.enabled fails the render).
  it("drops the MinIO subchart and says its bucket needs a home", () => {
    const m = migrate(`minio:\n  enabled: true\ncompactor:\n  replicas: 2\n${OTLP}`);
    expect(values(m).minio).toBeUndefined();
    expect(m.needsHuman.some((n) => n.from === "minio")).toBe(true);
    // two workers: the PDB template reads this key (render fails without it)
    expect(at(m, "backendWorker.podDisruptionBudget.enabled")).toBe(false);
    expect(errorsOf(m)).toEqual([]);
  });
});

describe("migrateToTempo3: tables", () => {
  it("every 3.x target of TEMPO3_CHART_MOVES is a key tempo-distributed 3.3.0 reads", () => {
    for (const row of TEMPO3_CHART_MOVES)
      for (const to of row.to) expect(resolveKey(T3, to.split(".")).kind, to).not.toBe("unknown");
  });

  it("every 1.x source of TEMPO3_CHART_MOVES is not a key of tempo-distributed 3.3.0 itself", () => {
    // minio.enabled is still a 3.x key: the chart reads it only to refuse the render (templates/validate.yaml:1-3);
    // `ingress.paths` is a free-form map in 3.x (an `ingester` entry routes to a Service 3.x never creates).
    for (const row of TEMPO3_CHART_MOVES.filter((r) => r.from !== "minio"))
      expect(resolveKey(T3, row.from.split(".")).kind, row.from).not.toBe("known");
  });

  it("TEMPO3_REMOVED_SETTINGS moves go to Tempo paths that no row removes", () => {
    for (const row of TEMPO3_REMOVED_SETTINGS)
      for (const m of row.moves ?? [])
        for (const to of m.to)
          expect(
            TEMPO3_REMOVED_SETTINGS.some((r) => to === r.path || to.startsWith(`${r.path}.`)),
            to,
          ).toBe(false);
  });
});

describe("migrateToTempo3: bad input", () => {
  const fails = (text: string, to = "tempo-distributed@3.x") => {
    const r = migrateToTempo3(text, { to });
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.diagnostics.map((d) => d.ruleId);
  };
  it("refuses what is not YAML, not a map, not Tempo values", () => {
    expect(fails("a: [1\n")).toEqual(["migrate/invalid-input"]);
    expect(fails("- 1\n- 2\n")).toEqual(["migrate/invalid-input"]);
    expect(fails("prometheus:\n  enabled: true\n")).toEqual(["migrate/invalid-input"]);
    // an alias bomb is refused before it is expanded (never a throw)
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(", ")}]`,
      );
    expect(fails(`${bomb.join("\n")}\n`)).toEqual(["migrate/invalid-input"]);
    expect(fails("a: *nowhere\n")).toEqual(["migrate/invalid-input"]);
  });
  it("refuses values already written for Tempo 3", () => {
    expect(fails("liveStore:\n  replicas: 3\ningest:\n  kafka:\n    address: k:9092\n")).toEqual([
      "migrate/already-tempo3",
    ]);
  });
  it("resolves the target: 3.x to the newest catalogued 3.x, exact versions, and refuses the rest", () => {
    expect(resolveTempo3Target("tempo-distributed@3.x")).toMatchObject({ ok: true, value: "tempo-distributed@3.3.0" });
    expect(resolveTempo3Target("tempo-distributed@3.0.x")).toMatchObject({
      ok: true,
      value: "tempo-distributed@3.0.7",
    });
    expect(resolveTempo3Target("tempo-distributed@3.2.1")).toMatchObject({
      ok: true,
      value: "tempo-distributed@3.2.1",
    });
    for (const bad of ["tempo-distributed@1.61.3", "tempo-distributed@9.x", "loki@3.x", "tempo-distributed"])
      expect(fails("ingester:\n  replicas: 1\n", bad), bad).toEqual(["migrate/unknown-target"]);
  });
});

describe("migrateToTempo3: never throws", () => {
  it("on arbitrary text and on tempo-distributed-shaped values with arbitrary leaves", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        migrateToTempo3(text, { to: "tempo-distributed@3.x" });
      }),
      { numRuns: 200 },
    );
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(fc.string(), fc.string()),
    );
    const section = fc.dictionary(
      fc.constantFrom("replicas", "config", "resources", "persistence", "compaction", "x"),
      leaf,
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "ingester",
            "compactor",
            "overrides",
            "per_tenant_overrides",
            "tempo",
            "storage",
            "minio",
            "traces",
          ),
          section,
        ),
        (values) => {
          const r = migrateToTempo3(stringify({ ingester: {}, ...values }), { to: "tempo-distributed@3.x" });
          if (r.ok) expect(() => parse(r.value.text)).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("migrateTempo3Config: the structuredConfig step alone, on a block of any document (a cluster definition's)", () => {
  it("drops what Tempo 3.0 refuses, moves what carries over, scopes legacy overrides, keeps comments", () => {
    const doc = parseDocument(
      [
        "name: c",
        "tempo:",
        "  structuredConfig:",
        "    # the old compactor block",
        "    compactor:",
        "      compaction:",
        "        block_retention: 24h",
        "    ingester:",
        "      max_block_duration: 30m",
        "    overrides:",
        "      max_bytes_per_trace: 1000 # keep me",
        "",
      ].join("\n"),
    );
    const r = migrateTempo3Config(doc, ["tempo", "structuredConfig"]);
    const out = parse(doc.toString()) as { tempo: { structuredConfig: Record<string, unknown> } };
    const sc = out.tempo.structuredConfig;
    expect(sc).not.toHaveProperty("compactor");
    expect(sc).not.toHaveProperty("ingester");
    expect(getPath(sc, ["backend_scheduler", "provider", "compaction", "compaction", "block_retention"])).toBe("24h");
    expect(getPath(sc, ["overrides", "defaults", "global", "max_bytes_per_trace"])).toBe(1000);
    expect(doc.toString()).toContain("# keep me");
    expect(r.noEquivalent.map((n) => n.from)).toContain("tempo.structuredConfig.ingester");
    expect(r.moved.length).toBeGreaterThan(0);
  });
  it("does nothing where the path holds no map", () => {
    const doc = parseDocument("tempo:\n  structuredConfig: 3\n");
    expect(migrateTempo3Config(doc, ["tempo", "structuredConfig"])).toEqual({
      moved: [],
      noEquivalent: [],
      needsHuman: [],
    });
    expect(doc.toString()).toBe("tempo:\n  structuredConfig: 3\n");
  });
});
