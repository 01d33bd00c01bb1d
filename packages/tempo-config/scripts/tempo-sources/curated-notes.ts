/**
 * Curated statements about config changes that a key diff cannot explain (replacements, moved settings), each
 * with the line that says so in grafana/tempo at the newer tag. Lines are looked up by pattern at derivation time,
 * so the citations are exact for the tag; a pattern that no longer matches fails the derivation.
 */
import type { ChangeNote } from "./changes.js";
import type { GitTag } from "./git.js";

interface NoteSpec extends Omit<ChangeNote, "cite" | "from" | "to"> {
  /** The first version the note applies to (the pair ending there). */
  since: string;
  cite: [file: string, pattern: RegExp][];
}

const CHANGELOG = "CHANGELOG.md";
const MIGRATE3 = "docs/sources/tempo/set-up-for-tracing/setup-tempo/migrate-to-3.md";

export const NOTE_SPECS: NoteSpec[] = [
  {
    since: "3.0.0",
    kind: "replaced",
    paths: ["config.ingester", "config.ingester_client"],
    replacement: ["config.block_builder", "config.live_store", "config.ingest.kafka"],
    text: "Ingesters are removed; distributors write to Kafka (`ingest.kafka`), block-builders build blocks, live-stores serve recent data.",
    cite: [
      [CHANGELOG, /Remove ingester module \[#6959\]/],
      [CHANGELOG, /Remove remaining app ingester config/],
      [MIGRATE3, /remove the `ingester:`, `ingester_client:`, `compactor:`, and `metrics_generator_client:` blocks/],
    ],
  },
  {
    since: "3.0.0",
    kind: "replaced",
    paths: ["config.compactor"],
    replacement: ["config.backend_scheduler", "config.backend_worker"],
    text: "The compactor component is removed; compaction and retention run in backend-scheduler/backend-worker.",
    cite: [
      [CHANGELOG, /Removed `v2` block encoding and compactor component/],
      [MIGRATE3, /The `compactor:` block \(replaced by `backend_scheduler:` and `backend_worker:`\)/],
    ],
  },
  {
    since: "3.0.0",
    kind: "moved",
    paths: ["config.compactor.compaction.block_retention"],
    replacement: [
      "config.backend_scheduler.provider.compaction.compaction.block_retention",
      "config.backend_worker.compaction.block_retention",
    ],
    text:
      "Global trace retention: `compactor.compaction.block_retention` no longer exists; the retention the scheduler applies is " +
      "`backend_scheduler.provider.compaction.compaction.block_retention` (time.Duration, default 336h); per tenant " +
      "`overrides…compaction.block_retention` (model.Duration) still applies.",
    cite: [
      ["modules/backendscheduler/provider/compaction.go", /Compactor\s+tempodb\.CompactorConfig|yaml:"compaction"/],
      ["modules/backendscheduler/provider/retention.go", /BlockRetention|Retention|retention/],
    ],
  },
  {
    since: "3.0.0",
    kind: "retyped",
    paths: ["config.metrics_generator_client"],
    text:
      "metrics_generator_client is gone as a client config: the metrics-generator consumes spans from Kafka (the top-level " +
      '`ingest:` block). 3.0 still parses the key as a free-form map and ignores it (`map[string]any`, "kept for ' +
      'one-release config compatibility"), so an old block does not crash 3.0 — unlike ingester/ingester_client/compactor.',
    cite: [
      ["cmd/tempo/app/config.go", /MetricsGeneratorClient\s+map\[string\]any/],
      [MIGRATE3, /Any `metrics_generator_client:` configuration/],
      [MIGRATE3, /It automatically uses the top-level `ingest:` block/],
    ],
  },
  {
    since: "3.0.0",
    kind: "removed",
    paths: ["config.metrics_generator.processor.local_blocks"],
    replacement: ["config.block_builder"],
    text: "The local-blocks processor is removed; block building is done by the block-builder.",
    cite: [[MIGRATE3, /The `local-blocks` processor has been removed/]],
  },
  {
    since: "3.0.0",
    kind: "replaced",
    paths: ["config.distributor.kafka_write_path_enabled", "config.distributor.ingester_write_path_enabled"],
    replacement: ["config.ingest.kafka", "config.distributor.kafka_config"],
    text:
      "The write-path switches are removed (Kafka is the only write path). `distributor.kafka_config` still parses in 2.10 and " +
      "3.0 but is overwritten with `ingest.kafka` when the distributor module starts, so only `ingest.kafka` has an effect.",
    cite: [
      [MIGRATE3, /adds the `ingest:` block in microservices mode/],
      ["cmd/tempo/app/modules.go", /t\.cfg\.Distributor\.KafkaConfig = t\.cfg\.Ingest\.Kafka/],
    ],
  },
  {
    since: "3.0.0",
    kind: "removed",
    paths: ["config.query_frontend.search.query_ingesters_until"],
    replacement: ["config.query_frontend.search.query_backend_after", "config.query_frontend.query_end_cutoff"],
    text:
      "`query_ingesters_until` is removed in favour of `query_backend_after` alone; `query_end_cutoff` (new in 2.10, default 30s " +
      "in 3.0) clamps the end of near-now queries — a different setting, not a rename of query_backend_after.",
    cite: [
      [CHANGELOG, /`query_frontend\.search\.query_ingesters_until` is removed/],
      [CHANGELOG, /Defaults `query_frontend\.query_end_cutoff` to `30s`/],
      [CHANGELOG, /Add query_end_cutoff setting/],
    ],
  },
  {
    since: "3.0.0",
    kind: "behaviour",
    paths: ["config.overrides", "tenant_overrides_legacy", "overrides_legacy"],
    text: "Legacy (flat) overrides are refused at start unless `overrides.enable_legacy_overrides: true`.",
    cite: [
      [CHANGELOG, /Disable legacy \(flat, unscoped\) overrides by default/],
      ["modules/overrides/overrides.go", /if !cfg\.EnableLegacyOverrides/],
    ],
  },
  {
    since: "3.0.0",
    kind: "removed",
    paths: ["receivers.opencensus"],
    text: "The OpenCensus receiver is removed.",
    cite: [[CHANGELOG, /Remove Opencensus receiver/]],
  },
  {
    since: "3.0.0",
    kind: "replaced",
    paths: ["config.block_builder.block", "config.block_builder.wal", "config.live_store.block_config"],
    replacement: ["config.storage.trace.block"],
    text: "block_builder and live_store always use `storage.trace.block`; their per-module block config fields are removed.",
    cite: [[CHANGELOG, /Centralize block and WAL config/]],
  },
  {
    since: "3.0.0",
    kind: "removed",
    paths: ["config.querier.query_live_store"],
    text: "Deprecated `querier.query_live_store` is removed and must be deleted from configs.",
    cite: [[CHANGELOG, /Remove deprecated `querier\.query_live_store` config/]],
  },
  {
    since: "2.8.0",
    kind: "renamed",
    paths: ["config.distributor.max_span_attr_byte"],
    replacement: ["config.distributor.max_attribute_bytes"],
    text: "`distributor.max_span_attr_byte` (2.7) is renamed `max_attribute_bytes`.",
    cite: [[CHANGELOG, /max_span_attr_byte/]],
  },
];

export function resolveNotes(
  pairs: { from: string; to: string }[],
  tagOf: (version: string) => GitTag,
  present: (version: string, path: string) => boolean,
): ChangeNote[] {
  const out: ChangeNote[] = [];
  for (const spec of NOTE_SPECS) {
    const pair = pairs.find((p) => p.to === spec.since);
    if (!pair) continue;
    const tag = tagOf(pair.to);
    const cite: string[] = [];
    for (const [file, re] of spec.cite) {
      const line = tag.lineOf(file, re);
      if (line === undefined)
        throw new Error(`curated note "${spec.text.slice(0, 40)}…": ${re} not found in ${file}@${tag.tag}`);
      cite.push(`${file}@${tag.tag}:${line}`);
    }
    // A note must describe the data: removed paths existed before, replacements exist after.
    for (const p of spec.paths)
      if (!p.startsWith("receivers.") && p.includes(".") && !present(pair.from, p))
        throw new Error(`curated note: ${p} not present in ${pair.from}`);
    for (const p of spec.replacement ?? [])
      if (!present(pair.to, p)) throw new Error(`curated note: replacement ${p} not present in ${pair.to}`);
    const { since: _s, cite: _c, ...rest } = spec;
    out.push({ ...rest, from: pair.from, to: pair.to, cite });
  }
  return out;
}
