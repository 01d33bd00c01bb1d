import { RECEIVERS } from "@lgtm-gitops/charts";
import { type Diagnostic, getPath, isRecord, type PathSegments } from "@lgtm-gitops/diagnostics";
import { FOREIGN_SETTING_NAMES, TEMPO_SCHEMA_VERSIONS, writeQuorum } from "@lgtm-gitops/tempo-config";
import { finding, type Rule } from "../engine.js";
import { type TempoInstall, tempoInstalls } from "../model.js";
import { receiverAt } from "../relocations.js";
import { asBoolean, asNumber, asString } from "../values.js";

/** How a Tempo values path reads where the user edits it (the document, or the definition it was compiled from). */
const fmt = (i: TempoInstall, p: PathSegments) => i.doc.name(i.at(p));
/** ` (chart default)` when the document does not set the path itself. */
const origin = (i: TempoInstall, p: PathSegments) => (i.has(p) ? "" : ", chart default");

/** The replica count and replication factor the chart will run with, or `undefined` when zone-aware or not numeric. */
function ingesterRing(i: TempoInstall): { replicas: number; rf: number } | undefined {
  if (asBoolean(i.get(["ingester", "zoneAwareReplication", "enabled"])) === true) return undefined;
  if (asBoolean(i.get(["ingester", "autoscaling", "enabled"])) === true) return undefined;
  const replicas = asNumber(i.get(["ingester", "replicas"]));
  const structured = asNumber(
    getPath(i.get(["tempo", "structuredConfig"]), ["ingester", "lifecycler", "ring", "replication_factor"]),
  );
  const rf = structured ?? asNumber(i.get(["ingester", "config", "replication_factor"]));
  if (replicas === undefined || rf === undefined) return undefined;
  return { replicas, rf };
}

const RF_PATH = ["ingester", "config", "replication_factor"];
const REPLICAS_PATH = ["ingester", "replicas"];
/** What an ingester-ring finding comes from: the replica count and the replication factor (and structuredConfig's). */
const ringCauses = (i: TempoInstall) => [
  { doc: i.doc, path: i.at(REPLICAS_PATH) },
  { doc: i.doc, path: i.at(RF_PATH) },
  { doc: i.doc, path: i.at(["tempo", "structuredConfig", "ingester", "lifecycler", "ring", "replication_factor"]) },
];

export const tempoReplicationQuorum: Rule = {
  id: "tempo/replication-quorum",
  severity: "error",
  title: "Fewer ingesters than the write quorum floor(RF/2)+1",
  docs: {
    checks:
      "The effective `ingester.replicas` (document value, else chart default) against the write quorum `floor(RF/2)+1` of the effective replication factor (`ingester.config.replication_factor`, chart default 3; a `structuredConfig` ring setting wins). Zone-aware and autoscaled ingesters are skipped. A cluster definition's Tempo spec is checked through the values it compiles to, under this id.",
    why: "dskit needs a quorum of live ingesters for every write and read: with 1 ingester and RF 3, pushes fail with `at least 2 live replicas required, could only find 1` and queries return HTTP 500 (`too many unhealthy instances in the ring`). lgtm-distributed sets `tempo.ingester.replicas: 1` but leaves RF at 3.",
    fix: "Either set `ingester.config.replication_factor: 1` for a single ingester, or run at least RF ingesters (3 for RF 3).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const r = ingesterRing(i);
      if (!r) continue;
      const quorum = writeQuorum(r.rf);
      if (r.replicas >= quorum) continue;
      out.push(
        finding(this, i.doc, i.at(i.has(REPLICAS_PATH) ? REPLICAS_PATH : RF_PATH), {
          message: `${r.replicas} ingester${r.replicas === 1 ? "" : "s"} (\`${fmt(i, REPLICAS_PATH)}\`${origin(i, REPLICAS_PATH)}) with replication factor ${r.rf} (\`${fmt(i, RF_PATH)}\`${origin(i, RF_PATH)}): every write and read needs ${quorum} live ingesters, so pushes fail ("at least ${quorum} live replicas required, could only find ${r.replicas}") and queries return HTTP 500.`,
          fix: `Set \`${fmt(i, RF_PATH)}: ${Math.max(1, r.replicas)}\`, or run at least ${r.rf} ingesters (\`${fmt(i, REPLICAS_PATH)}: ${r.rf}\`).`,
          fallbackPath: i.at(["ingester"]),
          causes: ringCauses(i),
        }),
      );
    }
    return out;
  },
};

export const tempoReplicationBelowRf: Rule = {
  id: "tempo/replication-below-rf",
  severity: "warning",
  title: "Fewer ingesters than the replication factor",
  docs: {
    checks: "Effective `ingester.replicas` at or above the write quorum but below the replication factor.",
    why: "Writes and reads still work, but every trace is stored fewer times than configured and losing one more ingester stops ingestion.",
    fix: "Run at least as many ingesters as the replication factor, or lower `ingester.config.replication_factor` to the number you run.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const r = ingesterRing(i);
      if (!r) continue;
      const quorum = writeQuorum(r.rf);
      if (r.replicas < quorum || r.replicas >= r.rf) continue;
      out.push(
        finding(this, i.doc, i.at(i.has(REPLICAS_PATH) ? REPLICAS_PATH : RF_PATH), {
          message: `${r.replicas} ingesters with replication factor ${r.rf} (\`${fmt(i, RF_PATH)}\`${origin(i, RF_PATH)}): traces are written to only ${r.replicas} copies and one more lost ingester stops ingestion.`,
          fix: `Run ${r.rf} ingesters (\`${fmt(i, REPLICAS_PATH)}: ${r.rf}\`) or set \`${fmt(i, RF_PATH)}: ${r.replicas}\`.`,
          fallbackPath: i.at(["ingester"]),
          causes: ringCauses(i),
        }),
      );
    }
    return out;
  },
};

export const tempoReplicationFactorTwo: Rule = {
  id: "tempo/replication-factor-two",
  severity: "warning",
  title: "Ingester replication factor 2 (the write quorum is both copies)",
  docs: {
    checks:
      "The effective replication factor is 2 with at least 2 ingesters (fewer is `tempo/replication-quorum`); zone-aware and autoscaled ingesters are skipped.",
    why: "The write quorum of RF 2 is floor(2/2)+1 = 2: losing either ingester stops writes, so RF 2 costs a second copy without tolerating a failure.",
    fix: "Use 1 (no redundancy) or 3 (tolerates one ingester down).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const r = ingesterRing(i);
      if (r?.rf !== 2 || r.replicas < writeQuorum(r.rf)) continue;
      out.push(
        finding(this, i.doc, i.at(i.has(RF_PATH) ? RF_PATH : REPLICAS_PATH), {
          message: `Replication factor 2 (\`${fmt(i, RF_PATH)}\`${origin(i, RF_PATH)}) needs both copies for a write quorum (floor(2/2)+1 = 2): losing one of the ${r.replicas} ingesters stops writes.`,
          fix: `Set \`${fmt(i, RF_PATH)}: 1\` (no redundancy) or \`${fmt(i, RF_PATH)}: 3\` with 3 ingesters (tolerates one down).`,
          fallbackPath: i.at(["ingester"]),
          causes: ringCauses(i),
        }),
      );
    }
    return out;
  },
};

/** The chart's receiver switches, relative to the tempo-distributed values root. */
const SWITCHES: readonly PathSegments[] = RECEIVERS.map((r) => [...r.chartPath, "enabled"]);

function structuredReceivers(i: TempoInstall): Record<string, unknown> | undefined {
  const r = getPath(i.get(["tempo", "structuredConfig"]), ["distributor", "receivers"]);
  return isRecord(r) && Object.keys(r).length > 0 ? r : undefined;
}

export const tempoNoReceiver: Rule = {
  id: "tempo/no-receiver",
  severity: "error",
  title: "No trace receiver is enabled",
  docs: {
    checks:
      "That at least one of the chart's receiver switches (`traces.otlp.grpc.enabled`, `traces.otlp.http.enabled`, `traces.jaeger.*.enabled`, `traces.zipkin.enabled`, `traces.opencensus.enabled`, a non-empty `traces.kafka`) or a receiver in `tempo.structuredConfig.distributor.receivers` is on, on effective values (all switches default to false).",
    why: "With every switch off the chart renders no receiver and opens no receiver port on the distributor Service; Tempo falls back to receivers bound to localhost inside the pod, so no trace can ever arrive. Receivers written as `distributor.config.receivers` (Tempo's own layout) are ignored by the chart.",
    fix: "Enable the protocols your collectors send, e.g. `traces.otlp.grpc.enabled: true` and `traces.otlp.http.enabled: true`.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const on = SWITCHES.some((s) => asBoolean(i.get(s)) === true);
      const kafka = i.get(["traces", "kafka"]);
      if (on || (isRecord(kafka) && Object.keys(kafka).length > 0) || structuredReceivers(i)) continue;
      const attempt = [
        ["distributor", "config", "receivers"],
        ["distributor", "receivers"],
      ].find((p) => i.has(p));
      out.push(
        finding(this, i.doc, i.at(["traces"]), {
          message: `No trace receiver is enabled: every \`${fmt(i, ["traces"])}.*.enabled\` is false${i.has(["traces"]) ? "" : " (chart default)"}, so the distributor opens no receiver port and no trace can be ingested.${attempt ? ` The receivers under \`${fmt(i, attempt)}\` are ignored by the chart.` : ""}`,
          fix: `Set \`${fmt(i, ["traces", "otlp", "grpc", "enabled"])}: true\` (and \`${fmt(i, ["traces", "otlp", "http", "enabled"])}: true\`, or the Jaeger/Zipkin switches your senders use).`,
          fallbackPath: attempt ? i.at(attempt) : i.prefix.length > 0 ? i.prefix : i.at(["distributor"]),
          // Receivers written where the chart does not read them are the user's attempt: not a chart default.
          causes: [{ doc: i.doc, path: i.at(["traces"]) }, ...(attempt ? [{ doc: i.doc, path: i.at(attempt) }] : [])],
        }),
      );
    }
    return out;
  },
};

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:\d+)?$/i;

export const tempoReceiverLoopback: Rule = {
  id: "tempo/receiver-loopback",
  severity: "error",
  title: "A receiver listens on loopback only (Tempo ≥ 2.7)",
  docs: {
    checks:
      "Receivers written by hand (`tempo.structuredConfig.distributor.receivers`, `traces.*.receiverConfig`) whose protocol has no `endpoint` or an endpoint on localhost/127.0.0.1/::1. The chart's own switches render `0.0.0.0:<port>` and are fine.",
    why: "Since Tempo 2.7 (OTel collector 0.116) a receiver without an explicit endpoint binds `localhost:<port>`: other pods cannot reach it and nothing is ingested (grafana/helm-charts#3540, grafana/tempo#4589).",
    fix: "Give every protocol an explicit endpoint such as `0.0.0.0:4317`, or use the chart switches `traces.<protocol>.enabled: true`.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const receivers = structuredReceivers(i);
      const base: PathSegments = ["tempo", "structuredConfig", "distributor", "receivers"];
      if (receivers) {
        for (const [name, cfg] of Object.entries(receivers)) {
          const protocols = isRecord(cfg) && isRecord(cfg.protocols) ? cfg.protocols : undefined;
          const entries: [PathSegments, unknown][] = protocols
            ? Object.entries(protocols).map(([p, v]) => [[...base, name, "protocols", p], v])
            : [[[...base, name], cfg]];
          for (const [path, v] of entries) {
            const endpoint = isRecord(v) ? asString(v.endpoint) : undefined;
            const chartOn = chartRendersEndpoint(i, name, String(path[path.length - 1]));
            if (endpoint === undefined && chartOn) continue;
            if (name === "kafka") continue;
            if (endpoint === undefined || LOOPBACK.test(endpoint.trim())) {
              out.push(
                finding(this, i.doc, i.at(endpoint === undefined ? path : [...path, "endpoint"]), {
                  message:
                    endpoint === undefined
                      ? `Receiver \`${fmt(i, path)}\` has no endpoint: Tempo 2.7+ binds it to localhost, unreachable from other pods.`
                      : `Receiver \`${fmt(i, path)}\` listens on ${endpoint}: only the distributor pod itself can send to it.`,
                  fix: `Set \`${fmt(i, [...path, "endpoint"])}: 0.0.0.0:<port>\`.`,
                }),
              );
            }
          }
        }
      }
      for (const s of SWITCHES) {
        const rc = s.slice(0, -1);
        const cfgPath = [...rc, "receiverConfig", "endpoint"];
        const ep = asString(i.get(cfgPath));
        if (ep !== undefined && i.has(cfgPath) && LOOPBACK.test(ep.trim())) {
          out.push(
            finding(this, i.doc, i.at(cfgPath), {
              message: `\`${fmt(i, cfgPath)}\` is ${ep}: the receiver listens on loopback only and other pods cannot send traces.`,
              fix: `Remove it (the chart renders 0.0.0.0) or set an address on all interfaces.`,
            }),
          );
        }
      }
    }
    return out;
  },
};

/** Whether the chart itself renders this receiver protocol with a 0.0.0.0 endpoint (its switch is on). */
function chartRendersEndpoint(i: TempoInstall, receiver: string, protocol: string): boolean {
  const r = receiverAt(receiver, protocol === receiver ? undefined : protocol);
  return r !== undefined && asBoolean(i.get([...r.chartPath, "enabled"])) === true;
}

export const tempoLocalStorage: Rule = {
  id: "tempo/local-storage",
  severity: "error",
  title: "`local` trace storage in a distributed install",
  docs: {
    checks:
      "The effective `storage.trace.backend` (chart default `local`) of tempo-distributed and lgtm-distributed installs, including a `tempo.structuredConfig.storage.trace.backend` override.",
    why: '`local` keeps blocks on each pod\'s own disk: queriers and the compactor never see what the ingesters flushed, so traces vanish from search once flushed (Tempo logs "Local backend will not correctly retrieve traces with a distributed deployment"). A key such as `tempo.tempo.storage.backend: filesystem` is ignored by the chart and leaves `local` in place.',
    fix: "Use object storage: `storage.trace.backend: s3` (or gcs/azure) with `storage.trace.s3.{bucket,endpoint}` and credentials from a Secret.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    const P = ["storage", "trace", "backend"];
    for (const i of tempoInstalls(ctx)) {
      const structured = asString(getPath(i.get(["tempo", "structuredConfig"]), P));
      const backend = structured ?? asString(i.get(P));
      if (backend !== "local") continue;
      const ignored = [
        ["tempo", "storage", "backend"],
        ["tempo", "storage"],
      ].find((p) => i.has(p));
      out.push(
        finding(this, i.doc, structured ? i.at(["tempo", "structuredConfig", ...P]) : i.at(P), {
          message: `Trace storage is \`local\`${structured || i.has(P) ? "" : ` (chart default: the effective value of \`${fmt(i, P)}\`)`}: each pod keeps blocks on its own disk, so queriers and the compactor never see flushed traces in this distributed install.${ignored ? ` \`${fmt(i, ignored)}\` is ignored by the chart and does not change this.` : ""}`,
          fix: `Set \`${fmt(i, P)}: s3\` (or gcs/azure) with \`${fmt(i, ["storage", "trace", "s3"])}\` bucket and endpoint; keep credentials in a Secret.`,
          fallbackPath: ignored ? i.at(ignored) : i.prefix.length > 0 ? i.prefix : undefined,
          causes: [
            { doc: i.doc, path: structured ? i.at(["tempo", "structuredConfig", ...P]) : i.at(P) },
            ...(ignored ? [{ doc: i.doc, path: i.at(ignored) }] : []),
          ],
        }),
      );
    }
    return out;
  },
};

/**
 * Names of other projects' settings that no Tempo release has anywhere (tempo-config's one table of them; checked
 * against every release of the schema table by tempo-config-rules.test.ts).
 */
const LOKI_MIMIR_NAMES = Object.keys(FOREIGN_SETTING_NAMES).filter(
  (k) => FOREIGN_SETTING_NAMES[k]?.from === "loki-mimir",
);

/** The releases the claim covers, for messages: `2.0–3.0`. */
const RELEASES = `${TEMPO_SCHEMA_VERSIONS[0]?.replace(/\.0$/, "")}–${TEMPO_SCHEMA_VERSIONS.at(-1)?.replace(/\.\d+$/, "")}`;

/** Sections whose content reaches Tempo verbatim: tempo-config's strict checks cover unknown names there. */
const VERBATIM_SECTIONS = new Set(["structuredConfig", "overrides", "per_tenant_overrides"]);

export const tempoNotATempoSetting: Rule = {
  id: "tempo/not-a-tempo-setting",
  severity: "error",
  title: "A Loki/Mimir setting name that Tempo does not have",
  docs: {
    checks: `Keys named ${LOKI_MIMIR_NAMES.map((k) => `\`${k}\``).join(", ")} anywhere in Tempo values (no struct of any Tempo release ${RELEASES} has them).`,
    why: "These are Loki/Mimir names copied into Tempo values. In chart values they do nothing; in anything that reaches Tempo verbatim they stop it from starting, because Tempo parses its configuration strictly.",
    fix: "Use the real Tempo setting the message names (retention → `compactor.config.compaction.block_retention`; trace size → `overrides.defaults.global.max_bytes_per_trace`; search range → `tempo.structuredConfig.query_frontend.search.max_duration`).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const root = getPath(i.doc.values, i.prefix);
      const visit = (v: unknown, rel: PathSegments) => {
        if (!isRecord(v) || rel.length > 40) return;
        for (const [k, c] of Object.entries(v)) {
          const p = [...rel, k];
          if (rel.length === 1 && rel[0] === "tempo" && k === "structuredConfig") continue;
          if (rel.length === 0 && VERBATIM_SECTIONS.has(k)) continue;
          const real = LOKI_MIMIR_NAMES.includes(k) ? FOREIGN_SETTING_NAMES[k] : undefined;
          if (real) {
            out.push(
              finding(this, i.doc, i.at(p), {
                message: `\`${k}\` is not a Tempo setting (it is a Loki/Mimir name; no Tempo ${RELEASES} configuration has it). Here it does nothing; in tempo.yaml it would stop Tempo from starting.`,
                fix: `Use \`${fmt(i, real.chart.split("."))}\`${real.note ? ` (${real.note})` : ""}.`,
              }),
            );
          }
          visit(c, p);
        }
      };
      visit(root, []);
    }
    return out;
  },
};

/** Tempo's default gRPC message limit (16 MiB) and the chart's own (4 MiB). */
const CHART_GRPC_LIMIT_PATH = ["server", "grpc_server_max_recv_msg_size"];

export const tempoMaxBytesPerTrace: Rule = {
  id: "tempo/max-bytes-per-trace",
  severity: "error",
  title: "`max_bytes_per_trace` is 0 (unlimited) or above the gRPC message limit",
  docs: {
    checks:
      "`overrides.defaults.global.max_bytes_per_trace` (and legacy `overrides.max_bytes_per_trace`, per-tenant blocks): 0 is an error; a value above the effective gRPC limit (`server.grpc_server_max_recv_msg_size`, chart default 4194304) is a warning.",
    why: '0 disables the trace size limit: one huge trace can OOM ingesters and compactors (grafana/tempo#2162). A limit above the gRPC message size lets Tempo accept traces it cannot return: queries fail with "received message larger than max" (grafana/tempo#3862).',
    fix: "Keep `max_bytes_per_trace` positive and at or below the gRPC limit (Tempo default 5000000 with a 4 MiB chart limit needs `server.grpc_server_max_recv_msg_size`/`grpc_server_max_send_msg_size` raised, or a smaller trace limit).",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const i of tempoInstalls(ctx)) {
      const limit =
        asNumber(getPath(i.get(["tempo", "structuredConfig"]), ["server", "grpc_server_max_recv_msg_size"])) ??
        asNumber(i.get(CHART_GRPC_LIMIT_PATH));
      const candidates: PathSegments[] = [
        ["overrides", "defaults", "global", "max_bytes_per_trace"],
        ["overrides", "max_bytes_per_trace"],
      ];
      const tenants = i.get(["per_tenant_overrides"]);
      if (isRecord(tenants))
        for (const t of Object.keys(tenants))
          candidates.push(["per_tenant_overrides", t, "global", "max_bytes_per_trace"]);
      for (const p of candidates) {
        if (!i.has(p)) continue;
        const v = asNumber(i.get(p));
        if (v === undefined) continue;
        if (v === 0) {
          out.push(
            finding(this, i.doc, i.at(p), {
              message: `\`${fmt(i, p)}: 0\` disables the trace size limit: a single huge trace can run ingesters and compactors out of memory.`,
              fix: `Set a positive limit, e.g. \`${fmt(i, p)}: 5000000\` (Tempo's default).`,
            }),
          );
        } else if (limit !== undefined && v > limit) {
          out.push(
            finding(this, i.doc, i.at(p), {
              severity: "warning",
              message: `\`${fmt(i, p)}\` is ${v} bytes, above the gRPC message limit of ${limit} bytes (\`${fmt(i, CHART_GRPC_LIMIT_PATH)}\`${origin(i, CHART_GRPC_LIMIT_PATH)}): Tempo accepts traces it cannot return ("received message larger than max").`,
              fix: `Lower it to ${limit} or less, or raise \`${fmt(i, ["server", "grpc_server_max_recv_msg_size"])}\` and \`${fmt(i, ["server", "grpc_server_max_send_msg_size"])}\` above it.`,
            }),
          );
        }
      }
    }
    return out;
  },
};

/** True when any Tempo install has multitenancy on (effective `multitenancyEnabled`). */
export function multitenant(i: TempoInstall): boolean {
  const structured = asBoolean(getPath(i.get(["tempo", "structuredConfig"]), ["multitenancy_enabled"]));
  return structured ?? asBoolean(i.get(["multitenancyEnabled"])) === true;
}
