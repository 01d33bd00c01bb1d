// biome-ignore-all lint/suspicious/noTemplateCurlyInString: YAML fixtures contain ${ENV} references on purpose
import { type ChartId, chartVersions, findChart, gatewaysOf } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rules } from "../catalogue.js";
import { type LintOptions, lintDocuments, validateDocuments } from "../lint.js";
import { EXTERNAL_RULES } from "./external-rules.js";

const TD: ChartId = "tempo-distributed@1.61.3";
/** grafana-community tempo-distributed 3.3.0: Tempo 3.0.3. */
const TD3: ChartId = "tempo-distributed@3.3.0";
const KPS: ChartId = "kube-prometheus-stack@88.5.3";
const LGTM: ChartId = "lgtm-distributed@3.0.1";
const GRAFANA: ChartId = "grafana@12.11.1";

interface Doc {
  readonly chart: ChartId;
  readonly yaml: string;
}
interface Case {
  readonly id: string;
  readonly fail: readonly Doc[];
  readonly pass: readonly Doc[];
  readonly options?: LintOptions;
  /** Line of the finding in the failing documents (first hit). */
  readonly line?: number;
}

function run(docs: readonly Doc[], options: LintOptions = {}): Diagnostic[] {
  return validateDocuments(
    docs.map((d, i) => ({ file: `doc${i}.yaml`, chart: d.chart, values: parse(d.yaml) as unknown, text: d.yaml })),
    options,
  );
}

const td = (yaml: string): Doc => ({ chart: TD, yaml });
const td3 = (yaml: string): Doc => ({ chart: TD3, yaml });
const kps = (yaml: string): Doc => ({ chart: KPS, yaml });

/** A kube-prometheus-stack Grafana with a Mimir and a Tempo datasource; `tempoJson` is the Tempo jsonData (YAML, indented 8). */
const grafanaWith = (tempoJson: string, mimirExtra = "") =>
  kps(`grafana:
  additionalDataSources:
    - name: Mimir
      uid: mimir
      type: prometheus
      url: http://lgtm-mimir-nginx.lgtm.svc.cluster.local/prometheus
${mimirExtra}    - name: Tempo
      uid: tempo
      type: tempo
      url: http://lgtm-tempo-query-frontend.lgtm.svc.cluster.local:3200
      jsonData:
${tempoJson}`);

const WIRED = `metricsGenerator:
  enabled: true
  config:
    storage:
      remote_write:
        - url: http://lgtm-mimir-nginx.lgtm.svc.cluster.local/api/v1/push
overrides:
  defaults:
    metrics_generator:
      processors: [service-graphs, span-metrics]
`;

const ds = (entries: string) => kps(`grafana:\n  additionalDataSources:\n${entries}`);

const CASES: readonly Case[] = [
  {
    id: "chart/unknown-key",
    fail: [td("query_frontend:\n  replicas: 2\n")],
    pass: [td("queryFrontend:\n  replicas: 2\n")],
    line: 1,
  },
  {
    // tempo-distributed renders dedicated columns only with storage.trace.block.version set (templates, 1.61.3).
    id: "chart/conditional-key",
    fail: [td("storage:\n  trace:\n    block:\n      dedicated_columns:\n        - name: a\n          type: string\n")],
    pass: [
      td(
        "storage:\n  trace:\n    block:\n      version: vParquet4\n      dedicated_columns:\n        - name: a\n          type: string\n",
      ),
    ],
    line: 4,
  },
  {
    id: "tempo/not-a-tempo-setting",
    fail: [td("compactor:\n  config:\n    compaction:\n      retention_period: 24h\n")],
    pass: [td("compactor:\n  config:\n    compaction:\n      block_retention: 24h\n")],
    line: 4,
  },
  {
    id: "tempo/unknown-config-key",
    fail: [td("tempo:\n  structuredConfig:\n    reportingEnabled: false\n")],
    pass: [td("tempo:\n  structuredConfig:\n    usage_report:\n      reporting_enabled: false\n")],
    line: 3,
  },
  {
    id: "tempo/invalid-config-value",
    fail: [td("tempo:\n  structuredConfig:\n    compactor:\n      compaction:\n        block_retention: two days\n")],
    pass: [td("tempo:\n  structuredConfig:\n    compactor:\n      compaction:\n        block_retention: 48h\n")],
    line: 5,
  },
  {
    id: "tempo/legacy-overrides",
    fail: [td("overrides:\n  max_bytes_per_trace: 4000000\n")],
    pass: [td("overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 4000000\n")],
  },
  {
    id: "tempo/mixed-override-formats",
    fail: [
      td("overrides:\n  defaults:\n    ingestion:\n      rate_limit_bytes: 15000000\n  max_traces_per_user: 5000\n"),
    ],
    pass: [
      td(
        "overrides:\n  defaults:\n    ingestion:\n      rate_limit_bytes: 15000000\n      max_traces_per_user: 5000\n",
      ),
    ],
  },
  {
    id: "tempo/tenant-override-incomplete",
    fail: [td("per_tenant_overrides:\n  team-a:\n    metrics_generator:\n      processors: [service-graphs]\n")],
    pass: [
      td(
        "per_tenant_overrides:\n  team-a:\n    ingestion:\n      rate_limit_bytes: 15000000\n      burst_size_bytes: 20000000\n      max_traces_per_user: 10000\n    global:\n      max_bytes_per_trace: 4000000\n    metrics_generator:\n      processors: [service-graphs]\n",
      ),
    ],
  },
  {
    id: "tempo/metrics-generator-config-ignored",
    fail: [td("metricsGenerator:\n  config:\n    query_timeout: 30s\n")],
    pass: [td("metricsGenerator:\n  config:\n    registry:\n      collection_interval: 15s\n")],
    line: 3,
  },
  {
    id: "tempo/literal-secret",
    fail: [
      td(
        "storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: b\n      endpoint: s3:9000\n      secret_key: hunter2\n",
      ),
    ],
    pass: [
      td(
        "storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: b\n      endpoint: s3:9000\n      secret_key: ${S3_SECRET_KEY}\n",
      ),
    ],
    line: 7,
  },
  {
    id: "tempo/check-config-complete-block-timeout",
    fail: [td("ingester:\n  config:\n    complete_block_timeout: 1m\n")],
    pass: [td("ingester:\n  config:\n    complete_block_timeout: 15m\n")],
    line: 3,
  },
  {
    id: "tempo/check-config-block-retention",
    fail: [td("compactor:\n  config:\n    compaction:\n      block_retention: 1m\n")],
    pass: [td("compactor:\n  config:\n    compaction:\n      block_retention: 48h\n")],
    line: 4,
  },
  {
    id: "tempo/check-config-retention-concurrency",
    fail: [td("compactor:\n  config:\n    compaction:\n      retention_concurrency: 0\n")],
    pass: [td("compactor:\n  config:\n    compaction:\n      retention_concurrency: 10\n")],
  },
  {
    id: "tempo/check-config-s3-flush-size",
    fail: [
      td(
        "storage:\n  trace:\n    backend: s3\ncompactor:\n  config:\n    compaction:\n      v2_out_buffer_bytes: 1000\n",
      ),
    ],
    pass: [
      td(
        "storage:\n  trace:\n    backend: s3\ncompactor:\n  config:\n    compaction:\n      v2_out_buffer_bytes: 20971520\n",
      ),
    ],
  },
  {
    id: "tempo/check-config-blocklist-poll-concurrency",
    fail: [td("tempo:\n  structuredConfig:\n    storage:\n      trace:\n        blocklist_poll_concurrency: 0\n")],
    pass: [td("storage:\n  trace:\n    blocklist_poll_concurrency: 0\n")],
  },
  {
    id: "tempo/check-config-span-logging",
    fail: [td("distributor:\n  config:\n    log_received_spans:\n      enabled: true\n")],
    pass: [td("distributor:\n  config:\n    log_received_spans:\n      enabled: false\n")],
  },
  {
    id: "tempo/check-config-discarded-span-logging",
    fail: [td("distributor:\n  config:\n    log_discarded_spans:\n      enabled: true\n")],
    pass: [td("distributor:\n  config:\n    log_discarded_spans:\n      enabled: false\n")],
  },
  {
    id: "tempo/check-config-mcp-server",
    fail: [td("queryFrontend:\n  mcp_server:\n    enabled: true\n")],
    pass: [td("queryFrontend:\n  mcp_server:\n    enabled: false\n")],
  },
  {
    id: "tempo/check-config-dedicated-columns",
    fail: [
      td("storage:\n  trace:\n    block:\n      dedicated_columns:\n        - {name: '', type: string, scope: span}\n"),
    ],
    pass: [
      td(
        "storage:\n  trace:\n    block:\n      dedicated_columns:\n        - {name: http.route, type: string, scope: span}\n",
      ),
    ],
  },
  {
    id: "tempo/check-config-v2-setting",
    fail: [td("compactor:\n  config:\n    compaction:\n      v2_in_buffer_bytes: 1000\n")],
    pass: [td("compactor:\n  config:\n    compaction:\n      v2_in_buffer_bytes: 5242880\n")],
  },
  {
    id: "tempo/check-config-native-aws-auth",
    fail: [td("storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: b\n      native_aws_auth_enabled: true\n")],
    pass: [td("storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: b\n")],
  },
  {
    id: "tempo/check-config-legacy-cache",
    fail: [td("tempo:\n  structuredConfig:\n    storage:\n      trace:\n        cache: memcached\n")],
    pass: [td("tempo:\n  structuredConfig:\n    storage:\n      trace:\n        blocklist_poll: 5m\n")],
  },
  {
    id: "tempo/check-config-concurrent-shards",
    fail: [
      td("tempo:\n  structuredConfig:\n    query_frontend:\n      trace_by_id:\n        concurrent_shards: 100\n"),
    ],
    pass: [td("tempo:\n  structuredConfig:\n    query_frontend:\n      trace_by_id:\n        concurrent_shards: 10\n")],
  },
  {
    id: "tempo/check-config-overrides-storage-conflict",
    fail: [
      td(
        "storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: traces\ntempo:\n  structuredConfig:\n    overrides:\n      user_configurable_overrides:\n        enabled: true\n        client:\n          backend: s3\n          s3:\n            bucket: traces\n",
      ),
    ],
    pass: [
      td(
        "storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: traces\ntempo:\n  structuredConfig:\n    overrides:\n      user_configurable_overrides:\n        enabled: true\n        client:\n          backend: s3\n          s3:\n            bucket: overrides\n",
      ),
    ],
  },
  {
    id: "tempo/check-config-block-builder-version",
    fail: [
      td(
        "tempo:\n  structuredConfig:\n    block_builder:\n      block:\n        version: vParquet4\n      wal:\n        version: vParquet3\n",
      ),
    ],
    pass: [
      td(
        "tempo:\n  structuredConfig:\n    block_builder:\n      block:\n        version: vParquet4\n      wal:\n        version: vParquet4\n",
      ),
    ],
  },
  {
    id: "tempo/check-config-prune-age",
    fail: [td("tempo:\n  structuredConfig:\n    backend_scheduler:\n      work:\n        prune_age: 1m\n")],
    pass: [td("tempo:\n  structuredConfig:\n    backend_scheduler:\n      work:\n        prune_age: 1h\n")],
  },
  {
    id: "tempo/startup-error",
    fail: [td("compactor:\n  config:\n    compaction:\n      compaction_window: 0s\n")],
    pass: [td("compactor:\n  config:\n    compaction:\n      compaction_window: 1h\n")],
    line: 4,
  },
  {
    id: "tempo/replication-quorum",
    fail: [td("ingester:\n  replicas: 1\n")],
    pass: [td("ingester:\n  replicas: 1\n  config:\n    replication_factor: 1\n")],
    line: 2,
  },
  {
    id: "tempo/replication-below-rf",
    fail: [td("ingester:\n  replicas: 2\n")],
    pass: [td("ingester:\n  replicas: 3\n")],
    line: 2,
  },
  {
    id: "tempo/replication-factor-two",
    fail: [td("ingester:\n  replicas: 2\n  config:\n    replication_factor: 2\n")],
    pass: [td("ingester:\n  replicas: 3\n  config:\n    replication_factor: 3\n")],
    line: 4,
  },
  {
    id: "tempo/no-receiver",
    fail: [td("traces:\n  otlp:\n    grpc:\n      enabled: false\n")],
    pass: [td("traces:\n  otlp:\n    grpc:\n      enabled: true\n")],
    line: 1,
  },
  {
    id: "tempo/receiver-loopback",
    fail: [
      td(
        "tempo:\n  structuredConfig:\n    distributor:\n      receivers:\n        otlp:\n          protocols:\n            grpc:\n              endpoint: localhost:4317\n",
      ),
    ],
    pass: [
      td(
        "tempo:\n  structuredConfig:\n    distributor:\n      receivers:\n        otlp:\n          protocols:\n            grpc:\n              endpoint: 0.0.0.0:4317\n",
      ),
    ],
    line: 8,
  },
  // Tempo 3.0 (sources in tempo3-rules.test.ts): the same values on a Tempo 2.x chart pass.
  {
    id: "tempo3/removed-setting",
    fail: [td3("tempo:\n  structuredConfig:\n    ingester_client:\n      grpc_client_config: {}\n")],
    pass: [td("tempo:\n  structuredConfig:\n    ingester_client:\n      grpc_client_config: {}\n")],
    line: 3,
  },
  {
    id: "tempo3/legacy-overrides",
    fail: [td3("overrides:\n  max_traces_per_user: 1000\n")],
    pass: [td3("overrides:\n  defaults:\n    ingestion:\n      max_traces_per_user: 1000\n")],
    line: 2,
  },
  {
    id: "tempo3/kafka-config-shadowed",
    fail: [td3("tempo:\n  structuredConfig:\n    distributor:\n      kafka_config:\n        topic: t\n")],
    pass: [td3("ingest:\n  kafka:\n    topic: t\n")],
    line: 4,
  },
  {
    id: "tempo3/query-end-cutoff",
    fail: [td3("tempo:\n  structuredConfig:\n    query_frontend:\n      search:\n        query_backend_after: 10s\n")],
    pass: [td3("tempo:\n  structuredConfig:\n    query_frontend:\n      search:\n        query_backend_after: 30m\n")],
    line: 5,
  },
  {
    id: "tempo3/partitions-vs-replicas",
    fail: [td3("blockBuilder:\n  replicas: 1\n")],
    pass: [td3("blockBuilder:\n  replicas: 1\nliveStore:\n  replicas: 1\n")],
    line: 2,
  },
  {
    // grafana-community tempo-distributed 3.3.0 templates/validate.yaml
    id: "tempo3/kafka-address",
    fail: [td3("ingest:\n  kafka:\n    address: http://kafka:9092\n")],
    pass: [td3("ingest:\n  kafka:\n    address: kafka:9092\n")],
    line: 3,
  },
  {
    id: "tempo3/minio-subchart",
    fail: [td3("ingest:\n  kafka:\n    address: kafka:9092\nminio:\n  enabled: true\n")],
    pass: [td3("ingest:\n  kafka:\n    address: kafka:9092\nminio:\n  enabled: false\n")],
    line: 5,
  },
  {
    // templates/backend-worker/poddisruptionbudget-backend-worker.yaml
    id: "tempo3/backend-worker-pdb",
    fail: [td3("ingest:\n  kafka:\n    address: kafka:9092\nbackendWorker:\n  replicas: 2\n")],
    pass: [
      td3(
        "ingest:\n  kafka:\n    address: kafka:9092\nbackendWorker:\n  replicas: 2\n  podDisruptionBudget:\n    enabled: true\n  maxUnavailable: 1\n",
      ),
    ],
    line: 5,
  },
  {
    id: "tempo3/placeholder",
    fail: [td3('ingest:\n  kafka:\n    address: "<set me: Kafka bootstrap host:port>"\n')],
    pass: [td3("ingest:\n  kafka:\n    address: kafka:9092\n")],
    line: 3,
  },
  {
    id: "tempo/local-storage",
    fail: [td("storage:\n  trace:\n    backend: local\n")],
    pass: [td("storage:\n  trace:\n    backend: s3\n")],
    line: 3,
  },
  {
    id: "tempo/max-bytes-per-trace",
    fail: [td("overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 0\n")],
    pass: [td("overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 4000000\n")],
    line: 4,
  },
  {
    // grafana/tempo#4216: a scheme in the S3 endpoint stops every component.
    id: "tempo/s3-endpoint-scheme",
    fail: [td("storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: t\n      endpoint: http://minio:9000\n")],
    pass: [
      td(
        "storage:\n  trace:\n    backend: s3\n    s3:\n      bucket: t\n      endpoint: minio:9000\n      insecure: true\n",
      ),
    ],
    line: 6,
  },
  {
    id: "tempo/metrics-generator-wiring",
    fail: [
      td("metricsGenerator:\n  enabled: false\n"),
      grafanaWith("        serviceMap:\n          datasourceUid: mimir\n"),
    ],
    pass: [td(WIRED), grafanaWith("        serviceMap:\n          datasourceUid: mimir\n")],
  },
  {
    id: "datasource/tempo-streaming-disabled",
    fail: [td("streamOverHTTPEnabled: false\n"), grafanaWith("        streamingEnabled:\n          search: true\n")],
    pass: [td("streamOverHTTPEnabled: true\n"), grafanaWith("        streamingEnabled:\n          search: true\n")],
  },
  {
    id: "datasource/missing-tenant-header",
    fail: [td("multitenancyEnabled: true\n"), grafanaWith("        httpMethod: GET\n")],
    pass: [
      td("multitenancyEnabled: true\n"),
      grafanaWith(
        "        httpHeaderName1: X-Scope-OrgID\n      secureJsonData:\n        httpHeaderValue1: ${TENANT}\n",
      ),
    ],
  },
  {
    id: "datasource/dangling-uid",
    fail: [grafanaWith("        tracesToLogsV2:\n          datasourceUid: loki\n")],
    pass: [
      grafanaWith(
        "        tracesToLogsV2:\n          datasourceUid: loki\n",
        "    - name: Loki\n      uid: loki\n      type: loki\n      url: http://loki:3100\n",
      ),
    ],
  },
  {
    id: "datasource/wrong-type-uid",
    fail: [grafanaWith("        tracesToLogsV2:\n          datasourceUid: mimir\n")],
    pass: [grafanaWith("        tracesToMetrics:\n          datasourceUid: mimir\n")],
  },
  {
    id: "datasource/duplicate-name",
    fail: [
      ds(
        "    - {name: A, uid: a1, type: loki, url: 'http://a:3100'}\n    - {name: A, uid: a2, type: loki, url: 'http://b:3100'}\n",
      ),
    ],
    pass: [
      ds(
        "    - {name: A, uid: a1, type: loki, url: 'http://a:3100'}\n    - {name: B, uid: a2, type: loki, url: 'http://b:3100'}\n",
      ),
    ],
  },
  {
    id: "datasource/duplicate-uid",
    fail: [
      ds(
        "    - {name: A, uid: x, type: loki, url: 'http://a:3100'}\n    - {name: B, uid: x, type: loki, url: 'http://b:3100'}\n",
      ),
    ],
    pass: [
      ds(
        "    - {name: A, uid: x, type: loki, url: 'http://a:3100'}\n    - {name: B, uid: y, type: loki, url: 'http://b:3100'}\n",
      ),
    ],
  },
  {
    id: "datasource/multiple-defaults",
    fail: [ds("    - {name: A, uid: a, type: prometheus, url: 'http://a:9090', isDefault: true}\n")],
    pass: [ds("    - {name: A, uid: a, type: prometheus, url: 'http://a:9090', isDefault: false}\n")],
  },
  {
    id: "datasource/invalid-uid",
    fail: [ds("    - {name: A, uid: 'has space', type: loki, url: 'http://a:3100'}\n")],
    pass: [ds("    - {name: A, uid: has-dash, type: loki, url: 'http://a:3100'}\n")],
  },
  {
    id: "datasource/api-version",
    fail: [
      {
        chart: GRAFANA,
        yaml: "datasources:\n  datasources.yaml:\n    datasources:\n      - {name: A, uid: a, type: loki, url: 'http://a:3100'}\n",
      },
    ],
    pass: [
      {
        chart: GRAFANA,
        yaml: "datasources:\n  datasources.yaml:\n    apiVersion: 1\n    datasources:\n      - {name: A, uid: a, type: loki, url: 'http://a:3100'}\n",
      },
    ],
    line: 2,
  },
  {
    id: "datasource/invalid-entry",
    fail: [ds("    - just a string\n")],
    pass: [ds("    - {name: A, uid: a, type: loki, url: 'http://a:3100'}\n")],
  },
  {
    id: "datasource/header-gap",
    fail: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName2: X-Scope-OrgID}\n      secureJsonData: {httpHeaderValue2: '${T}'}\n",
      ),
    ],
    pass: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: X-Scope-OrgID}\n      secureJsonData: {httpHeaderValue1: '${T}'}\n",
      ),
    ],
  },
  {
    id: "datasource/header-missing-value",
    fail: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: X-Scope-OrgID}\n",
      ),
    ],
    pass: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: X-Scope-OrgID}\n      secureJsonData: {httpHeaderValue1: '${T}'}\n",
      ),
    ],
  },
  {
    id: "datasource/header-value-in-jsondata",
    fail: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: X-Scope-OrgID, httpHeaderValue1: t}\n",
      ),
    ],
    pass: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: X-Scope-OrgID}\n      secureJsonData: {httpHeaderValue1: '${T}'}\n",
      ),
    ],
  },
  {
    id: "datasource/literal-header-value",
    fail: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: Authorization}\n      secureJsonData: {httpHeaderValue1: Bearer abc}\n",
      ),
    ],
    pass: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData: {httpHeaderName1: Authorization}\n      secureJsonData: {httpHeaderValue1: '${TOKEN}'}\n",
      ),
    ],
  },
  {
    id: "datasource/literal-secret",
    fail: [
      ds(
        "    - {name: A, uid: a, type: loki, url: 'http://a:3100', basicAuth: true, basicAuthUser: u, basicAuthPassword: hunter2}\n",
      ),
    ],
    pass: [
      ds(
        "    - {name: A, uid: a, type: loki, url: 'http://a:3100', basicAuth: true, basicAuthUser: u, secureJsonData: {basicAuthPassword: '${PW}'}}\n",
      ),
    ],
  },
  {
    id: "datasource/unescaped-dollar",
    fail: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData:\n        derivedFields:\n          - {name: t, matcherRegex: 'id=(\\w+)', url: 'http://x/$1'}\n",
      ),
    ],
    pass: [
      ds(
        "    - name: A\n      uid: a\n      type: loki\n      url: http://a:3100\n      jsonData:\n        derivedFields:\n          - {name: t, matcherRegex: 'id=(\\w+)', url: 'http://x/$$1'}\n",
      ),
    ],
  },
  {
    id: "datasource/deprecated-field",
    fail: [grafanaWith("        lokiSearch:\n          datasourceUid: mimir\n")],
    pass: [grafanaWith("        nodeGraph:\n          enabled: true\n")],
  },
  {
    id: "datasource/url-path",
    fail: [ds("    - {name: A, uid: a, type: loki, url: 'not a url'}\n")],
    pass: [ds("    - {name: A, uid: a, type: loki, url: 'http://a:3100'}\n")],
  },
  {
    id: "dns/gateway-resolver",
    fail: [{ chart: LGTM, yaml: "tempo:\n  gateway:\n    enabled: true\n" }],
    pass: [
      {
        chart: LGTM,
        yaml: "global:\n  dnsService: rke2-coredns-rke2-coredns\ntempo:\n  gateway:\n    enabled: true\n",
      },
    ],
    options: { distribution: "rke2" },
  },
  {
    id: "dns/distribution-mismatch",
    fail: [{ chart: LGTM, yaml: "global:\n  dnsService: rke2-coredns-rke2-coredns\n" }],
    pass: [{ chart: LGTM, yaml: "global:\n  dnsService: kube-dns\n" }],
    options: { distribution: "k3s" },
    line: 2,
  },
  {
    id: "secret/plaintext",
    fail: [kps("grafana:\n  adminPassword: admin123\n")],
    pass: [kps("grafana:\n  admin:\n    existingSecret: grafana-admin\n")],
    line: 2,
  },
  {
    id: "secret/plaintext-credential",
    fail: [
      kps(
        "alertmanager:\n  config:\n    receivers:\n      - name: pd\n        pagerduty_configs:\n          - routing_key: abcdef0123456789\n",
      ),
    ],
    pass: [
      kps(
        "alertmanager:\n  config:\n    receivers:\n      - name: pd\n        pagerduty_configs:\n          - routing_key_file: /etc/alertmanager/secrets/pd/key\n",
      ),
    ],
    line: 6,
  },
  {
    id: "resources/requests-above-limits",
    fail: [td("querier:\n  resources:\n    requests:\n      memory: 2Gi\n    limits:\n      memory: 1Gi\n")],
    pass: [td("querier:\n  resources:\n    requests:\n      memory: 1Gi\n    limits:\n      memory: 1Gi\n")],
    line: 4,
  },
  {
    id: "resources/missing-memory-limit",
    fail: [
      td(
        "ingester:\n  resources:\n    requests:\n      memory: 1Gi\ncompactor:\n  resources:\n    limits:\n      memory: 1Gi\n",
      ),
    ],
    pass: [
      td(
        "ingester:\n  resources:\n    limits:\n      memory: 1Gi\ncompactor:\n  resources:\n    limits:\n      memory: 1Gi\n",
      ),
    ],
    line: 2,
  },
];

/** Ids that no values document can trigger, and why (they are still catalogued for `explain`). */
const NOT_FROM_VALUES: Readonly<Record<string, string>> = {
  "lint/internal": "reported only when a rule throws",
  "tempo/check-config-local-backend": "on chart values tempo/local-storage reports it",
  "tempo/check-config-legacy-overrides": "on chart values tempo/legacy-overrides reports it",
  "datasource/unsupported-field": "emitted by the datasources builders",
  "datasource/invalid-env-name": "emitted by the datasources builders",
  "datasource/env-unsupported-target": "emitted by the datasources builders",
  "datasource/env-conflict": "emitted by the datasources builders",
  "datasource/missing-url": "emitted by the datasources lgtm() preset",
};

describe("every rule has a failing and a passing case", () => {
  it("covers the catalogue", () => {
    const covered = new Set([
      ...CASES.map((c) => c.id),
      ...Object.keys(NOT_FROM_VALUES),
      "yaml/syntax",
      "lint/unknown-chart",
    ]);
    const documentationOnly = new Set(EXTERNAL_RULES.map((r) => r.id));
    const missing = rules.filter((r) => !documentationOnly.has(r.id) && !covered.has(r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
    expect(CASES.map((c) => c.id).filter((id) => !rules.some((r) => r.id === id))).toEqual([]);
  });

  for (const c of CASES) {
    describe(c.id, () => {
      it("fails", () => {
        const hits = run(c.fail, c.options).filter((d) => d.ruleId === c.id);
        expect(hits.length, `expected ${c.id}`).toBeGreaterThan(0);
        for (const h of hits) {
          expect(h.message.length).toBeGreaterThan(10);
          expect(h.file).toMatch(/^doc\d\.yaml$/);
        }
        if (c.line !== undefined) expect(hits[0]?.line).toBe(c.line);
      });
      it("passes", () => {
        expect(run(c.pass, c.options).filter((d) => d.ruleId === c.id)).toEqual([]);
      });
    });
  }
});

describe("engine findings", () => {
  it("yaml/syntax: a broken file fails, a valid one passes", () => {
    expect(lintDocuments([{ file: "a.yaml", text: "a: [\n" }]).diagnostics[0]?.ruleId).toBe("yaml/syntax");
    expect(
      lintDocuments([{ file: "a.yaml", text: "queryFrontend: {}\n" }]).diagnostics.filter(
        (d) => d.ruleId === "yaml/syntax",
      ),
    ).toEqual([]);
  });
  it("lint/unknown-chart: an unrecognisable file is reported, --chart fixes it", () => {
    const r = lintDocuments([{ file: "x.yaml", text: "foo: 1\n" }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ ruleId: "lint/unknown-chart", file: "x.yaml", line: 1 })]);
    expect(r.documents).toEqual([]);
    const withChart = lintDocuments([{ file: "x.yaml", text: "foo: 1\n" }], { chart: TD });
    expect(withChart.diagnostics.some((d) => d.ruleId === "lint/unknown-chart")).toBe(false);
    expect(withChart.documents).toEqual([{ file: "x.yaml", chart: TD, detectedBy: "option", reason: `--chart ${TD}` }]);
  });
  it("a document that only restates chart defaults gets info, not errors", () => {
    const r = lintDocuments([{ file: "d.yaml", text: "ingester:\n  replicas: 3\n" }], { chart: TD });
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.severity === "info")).toBe(true);
  });
  it("reads datasources of the grafana chart and across files of the same Grafana", () => {
    const a = {
      chart: GRAFANA,
      yaml: 'datasources:\n  datasources.yaml:\n    apiVersion: 1\n    datasources:\n      - {name: Tempo, uid: tempo, type: tempo, url: "http://t:3200", jsonData: {tracesToLogsV2: {datasourceUid: loki}}}\n',
    };
    const b = {
      chart: GRAFANA,
      yaml: 'datasources:\n  datasources.yaml:\n    apiVersion: 1\n    datasources:\n      - {name: Loki, uid: loki, type: loki, url: "http://l:3100"}\n',
    };
    expect(run([a]).filter((d) => d.ruleId === "datasource/dangling-uid")).toHaveLength(1);
    expect(run([a, b]).filter((d) => d.ruleId === "datasource/dangling-uid")).toEqual([]);
  });
  it("counts kube-prometheus-stack's own default Prometheus", () => {
    const d = run([ds("    - {name: Prometheus, uid: p2, type: prometheus, url: 'http://a:9090'}\n")]).filter(
      (x) => x.ruleId === "datasource/duplicate-name",
    );
    expect(d).toHaveLength(1);
  });
});

describe("dns/gateway-resolver", () => {
  it("accepts a resolver set through a subchart's own global", () => {
    const doc = {
      chart: LGTM,
      yaml: "loki:\n  global:\n    dnsService: rke2-coredns-rke2-coredns\nmimir:\n  enabled: false\n",
    };
    expect(run([doc], { distribution: "rke2" }).filter((d) => d.ruleId === "dns/gateway-resolver")).toEqual([]);
  });
  it("says nothing on distributions that have kube-dns, and nothing without a distribution", () => {
    const doc = { chart: LGTM, yaml: "tempo:\n  gateway:\n    enabled: true\n" };
    expect(run([doc], { distribution: "eks" }).filter((d) => d.ruleId === "dns/gateway-resolver")).toEqual([]);
    expect(run([doc]).filter((d) => d.ruleId === "dns/gateway-resolver")).toEqual([]);
  });
  it("flags a resolver for another distribution", () => {
    const doc = {
      chart: TD,
      yaml: "gateway:\n  enabled: true\n  nginxConfig:\n    resolver: rke2-coredns-rke2-coredns.kube-system.svc.cluster.local\n",
    };
    const d = run([doc], { distribution: "openshift" }).filter((x) => x.ruleId === "dns/gateway-resolver");
    expect(d).toEqual([expect.objectContaining({ line: 4, path: ["gateway", "nginxConfig", "resolver"] })]);
  });
  it("on a kube-dns distribution flags only gateways whose resolver names another distribution", () => {
    const doc = {
      chart: LGTM,
      yaml: "tempo:\n  gateway:\n    enabled: true\n    nginxConfig:\n      resolver: rke2-coredns-rke2-coredns.kube-system.svc.cluster.local.\nloki:\n  global:\n    dnsService: rke2-coredns-rke2-coredns\nmimir:\n  nginx:\n    nginxConfig:\n      resolver: my-dns.infra.svc.cluster.local\n",
    };
    for (const distribution of ["k3s", "eks"] as const) {
      const d = run([doc], { distribution }).filter((x) => x.ruleId.startsWith("dns/"));
      const rows = d.map((x) => [x.ruleId, x.severity, x.line] as const);
      expect(rows.sort((a, b) => (a[2] ?? 0) - (b[2] ?? 0) || a[0].localeCompare(b[0]))).toEqual([
        ["dns/distribution-mismatch", "warning", 5],
        ["dns/gateway-resolver", "error", 5],
        ["dns/gateway-resolver", "error", 6], // the Loki gateway, at \`loki:\` (its resolver is unset)
        ["dns/distribution-mismatch", "warning", 8],
      ]);
    }
    // Inferred from the file, there is nothing to disagree with.
    expect(run([doc]).filter((x) => x.ruleId === "dns/distribution-mismatch")).toEqual([]);
  });
});

describe("dns rules on the grafana-community loki chart's gateway", () => {
  const lokiIds = chartVersions("loki").map((v) => findChart("loki", v) as ChartId);
  const dns = (docs: readonly Doc[], options: LintOptions) =>
    run(docs, options).filter((d) => d.ruleId.startsWith("dns/"));

  it("on OpenShift, reports the chart's default resolver (kube-dns) in every catalogued version with a gateway, with the fix", () => {
    for (const chart of lokiIds) {
      const found = dns([{ chart, yaml: "deploymentMode: SingleBinary\n" }], { distribution: "openshift" });
      if (gatewaysOf(chart).length === 0) {
        expect([chart, found]).toEqual([chart, []]);
        continue;
      }
      expect([chart, found.map((d) => [d.ruleId, d.severity, d.path.join(".")])]).toEqual([
        chart,
        [["dns/gateway-resolver", "error", "gateway.nginxConfig.resolver"]],
      ]);
      expect(found[0]?.message).toContain(
        "Loki gateway still uses the resolver `kube-dns.kube-system.svc.cluster.local`",
      );
      expect(found[0]?.fix).toBe(
        "Set `global.dnsService: dns-default` and `global.dnsNamespace: openshift-dns` at the top of the values (it reaches every subchart's gateway).",
      );
      expect(found[0]?.edits).toEqual([
        { op: "set", path: ["global", "dnsService"], value: "dns-default" },
        { op: "set", path: ["global", "dnsNamespace"], value: "openshift-dns" },
      ]);
    }
    expect(lokiIds.filter((id) => gatewaysOf(id).length > 0).length).toBeGreaterThan(10);
  });

  it("accepts OpenShift's DNS through the globals or an explicit resolver, and a gateway switched off", () => {
    for (const chart of lokiIds.filter((id) => gatewaysOf(id).length > 0))
      for (const yaml of [
        "global:\n  dnsService: dns-default\n  dnsNamespace: openshift-dns\n",
        "gateway:\n  nginxConfig:\n    resolver: dns-default.openshift-dns.svc.cluster.local.\n",
        "gateway:\n  enabled: false\n",
      ])
        expect([chart, yaml, dns([{ chart, yaml }], { distribution: "openshift" })]).toEqual([chart, yaml, []]);
  });

  it("on AKS (kube-dns), reports a resolver that names RKE2's DNS Service, with the fix", () => {
    const chart = findChart("loki", "18.11.0") as ChartId;
    const yaml = "gateway:\n  nginxConfig:\n    resolver: rke2-coredns-rke2-coredns.kube-system.svc.cluster.local.\n";
    const found = dns([{ chart, yaml }], { distribution: "aks" });
    expect(found.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ["dns/distribution-mismatch", "warning", 3],
      ["dns/gateway-resolver", "error", 3],
    ]);
    expect(found[1]?.fix).toBe(
      "Set `gateway.nginxConfig.resolver: kube-dns.kube-system.svc.cluster.local.` or remove it and set `global.dnsService: kube-dns`.",
    );
    // The chart default on AKS is right: nothing to say.
    expect(dns([{ chart, yaml: "gateway:\n  enabled: true\n" }], { distribution: "aks" })).toEqual([]);
  });

  it("6.x–7.x: with the enterprise GEL gateway instead of nginx there is no resolver to check", () => {
    const yaml = "enterprise:\n  enabled: true\n";
    for (const v of ["6.57.0", "7.0.0"])
      expect(dns([{ chart: findChart("loki", v) as ChartId, yaml }], { distribution: "openshift" })).toEqual([]);
    // 8.x dropped the enterprise values: the key is ignored and nginx still runs.
    expect(dns([{ chart: findChart("loki", "8.1.3") as ChartId, yaml }], { distribution: "openshift" })).toHaveLength(
      1,
    );
  });

  it("secret/plaintext covers its gateway's basic auth", () => {
    const chart = findChart("loki", "18.11.0") as ChartId;
    const found = run([{ chart, yaml: "gateway:\n  basicAuth:\n    enabled: true\n    password: hunter2hunter2\n" }]);
    expect(found.filter((d) => d.ruleId === "secret/plaintext").map((d) => d.path.join("."))).toEqual([
      "gateway.basicAuth.password",
    ]);
  });
});

describe("validateDocuments with a datasource set", () => {
  it("checks datasources emitted outside the values and wires them to Tempo", async () => {
    const { DatasourceSet, prometheusDatasource, tempoDatasource } = await import("@lgtm-gitops/datasources");
    const mimir = prometheusDatasource({ name: "Mimir", uid: "mimir", url: "http://lgtm-mimir-nginx/prometheus" });
    const tempo = tempoDatasource({
      name: "Tempo",
      uid: "tempo",
      url: "http://t:3200",
      serviceMap: { datasource: mimir },
    });
    const set = new DatasourceSet([mimir, tempo]);
    const found = validateDocuments(
      [{ file: "tempo.yaml", chart: TD, values: { metricsGenerator: { enabled: false } } }],
      { datasourceSet: set, datasourceFile: "datasources.yaml" },
    );
    expect(found).toContainEqual(
      expect.objectContaining({ ruleId: "tempo/metrics-generator-wiring", file: "datasources.yaml" }),
    );
  });

  it("passes lgtm() without service map and traces → metrics on a Tempo whose metrics-generator is off", async () => {
    const { lgtm } = await import("@lgtm-gitops/datasources");
    const install = { chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" } as const;
    // tempo-distributed values (the lgtm-distributed chart's own Grafana datasources would be checked too).
    const values = { metricsGenerator: { enabled: false } };
    const wiring = (set: ReturnType<typeof lgtm>) =>
      validateDocuments([{ file: "tempo.yaml", chart: TD, values }], {
        datasourceSet: set,
        datasourceFile: "datasources.yaml",
      }).filter((d) => d.ruleId === "tempo/metrics-generator-wiring");
    expect(wiring(lgtm({ install })).length).toBeGreaterThan(0);
    expect(wiring(lgtm({ install, serviceMap: false, tracesToMetrics: false }))).toEqual([]);
  });
});

describe("tempo/max-bytes-per-trace above the gRPC limit", () => {
  it("warns when the trace limit exceeds the chart's 4 MiB gRPC message limit, not when the limit is raised", () => {
    const over = td("overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 10000000\n");
    expect(run([over]).filter((d) => d.ruleId === "tempo/max-bytes-per-trace")).toEqual([
      expect.objectContaining({ severity: "warning", line: 4 }),
    ]);
    const raised = td(
      "overrides:\n  defaults:\n    global:\n      max_bytes_per_trace: 10000000\nserver:\n  grpc_server_max_recv_msg_size: 16777216\n  grpc_server_max_send_msg_size: 16777216\n",
    );
    expect(run([raised]).filter((d) => d.ruleId === "tempo/max-bytes-per-trace")).toEqual([]);
  });
});

describe("validateDocuments positions", () => {
  it("uses the positions the caller gives, else none", async () => {
    const { positionsFrom } = await import("../yaml-source.js");
    const values = { ingester: { replicas: 1 } };
    const withPos = validateDocuments([
      {
        file: "t.yaml",
        chart: TD,
        values,
        positions: positionsFrom([[["ingester", "replicas"], { line: 7, column: 3 }]]),
      },
    ]);
    expect(withPos.find((d) => d.ruleId === "tempo/replication-quorum")).toMatchObject({
      file: "t.yaml",
      line: 7,
      column: 3,
      path: ["ingester", "replicas"],
    });
    const without = validateDocuments([{ file: "t.yaml", chart: TD, values }]);
    const q = without.find((d) => d.ruleId === "tempo/replication-quorum");
    expect(q?.file).toBe("t.yaml");
    expect(q?.line).toBeUndefined();
  });
});

describe("tempo/metrics-generator-wiring tenant through Grafana's environment", () => {
  const tempo = (tenant: string) =>
    td(`metricsGenerator:
  enabled: true
  config:
    storage:
      remote_write:
        - url: http://lgtm-mimir-nginx.lgtm.svc.cluster.local/api/v1/push
          headers:
            X-Scope-OrgID: ${tenant}
overrides:
  defaults:
    metrics_generator:
      processors: [service-graphs, span-metrics]
`);
  /** kube-prometheus-stack values as the datasources package writes them: the tenant as `${LGTM_DS_TENANT}`. */
  const grafana = (envBlock: string) =>
    kps(`grafana:
${envBlock}  additionalDataSources:
    - name: Mimir
      uid: mimir
      type: prometheus
      url: http://lgtm-mimir-nginx.lgtm.svc.cluster.local/prometheus
      jsonData:
        httpHeaderName1: X-Scope-OrgID
      secureJsonData:
        httpHeaderValue1: \${LGTM_DS_TENANT}
    - name: Tempo
      uid: tempo
      type: tempo
      url: http://lgtm-tempo-query-frontend.lgtm.svc.cluster.local:3200
      jsonData:
        serviceMap:
          datasourceUid: mimir
`);
  const wiring = (docs: readonly Doc[]) => run(docs).filter((d) => d.ruleId === "tempo/metrics-generator-wiring");
  const plainEnv = "  env:\n    LGTM_DS_TENANT: acme\n";

  it("resolves ${VAR} through grafana.env: the same tenant is wired", () => {
    expect(wiring([tempo("acme"), grafana(plainEnv)])).toEqual([]);
  });
  it("still reports a different tenant, naming the expanded value", () => {
    const found = wiring([tempo("other"), grafana(plainEnv)]);
    expect(found).toEqual([
      expect.objectContaining({ severity: "error", path: expect.arrayContaining(["serviceMap"]) }),
    ]);
    expect(found[0]?.message).toContain("`acme`");
    expect(found[0]?.message).toContain("`other`");
  });
  it("claims no mismatch when the tenant comes from a Secret (envValueFrom)", () => {
    const secret = "  envValueFrom:\n    LGTM_DS_TENANT:\n      secretKeyRef: {name: tenant, key: id}\n";
    expect(wiring([tempo("acme"), grafana(secret)])).toEqual([]);
    expect(wiring([tempo("other"), grafana(secret)])).toEqual([]);
  });
  it("expands $VAR, ${VAR} and $$, and gives up on unknown variables", async () => {
    const { expandGrafanaEnv } = await import("./wiring-rules.js");
    const env = new Map([["A", { known: true, value: "x" } as const]]);
    expect(expandGrafanaEnv("${A}-$A-$$A", env)).toBe("x-x-$A");
    expect(expandGrafanaEnv("${B}", env)).toBeUndefined();
    expect(expandGrafanaEnv("plain", env)).toBe("plain");
  });
});
