import { dnsResolver, grafanaEndpoint, RECEIVERS, tempoEndpoints } from "@lgtm-gitops/charts";
import { getPath } from "@lgtm-gitops/diagnostics";
import { kafkaOf, type TempoSpec, tempoMajorOf, writeQuorum } from "@lgtm-gitops/tempo-config";
import { type ClusterDefinition, KAFKA_RELEASES } from "../definition/schema.js";
import { MARKDOWN_HEADER } from "../output/generated.js";
import {
  destinationOf,
  isInCluster,
  NAMESPACES_APPLICATION_FILE,
  projectName,
  WAVES,
  workloadNamespaces,
} from "./argo.js";
import { KAFKA_DIR } from "./kafka.js";
import { type ReleaseSpec, stackChartOf } from "./releases.js";
import type { DatasourceSummary } from "./values.js";

/** Everything the README describes. */
export interface ReadmeInput {
  /** The definition as the cluster runs it (`values:` overrides of typed fields applied: what the chart gets). */
  readonly def: ClusterDefinition;
  readonly tempo: TempoSpec;
  readonly releases: readonly ReleaseSpec[];
  readonly datasources: readonly DatasourceSummary[];
  /** Where Loki and Mimir are (from the definition or the lgtm-distributed defaults). */
  readonly lokiUrl: string;
  readonly mimirUrl: string;
  /** Tempo 3.x: the Kafka broker the bundle deploys (when the spec names none). */
  readonly kafkaAddress?: string;
  /** Relative paths of the bundle's files, for the file list. */
  readonly files: readonly string[];
}

function storageText(tempo: TempoSpec): string {
  const s = tempo.storage;
  switch (s.backend) {
    case "s3":
      return `S3 bucket \`${s.bucket}\`${s.endpoint ? ` at \`${s.endpoint}\`` : ""}${s.region ? ` (${s.region})` : ""}; credentials ${s.credentials ? `from Secret \`${s.credentials.secretName}\`` : "from the pod identity (IRSA / instance profile)"}`;
    case "gcs":
      return `GCS bucket \`${s.bucketName}\`; credentials ${s.credentials ? `from Secret \`${s.credentials.secretName}\`` : "from Workload Identity"}`;
    case "azure":
      return `Azure container \`${s.containerName}\` in account \`${s.storageAccountName}\``;
    case "minio":
      return `the chart's MinIO (development only), bucket \`${s.bucket}\``;
    case "local":
      return "local disk of each pod (single binary only)";
  }
}

function cell(s: string): string {
  return s.replaceAll("|", "\\|");
}

/** The bundle's README.md: what is deployed and how the parts connect (with a Mermaid diagram). */
export function renderReadme(input: ReadmeInput): string {
  const { def, tempo } = input;
  const install = { chart: stackChartOf(def), release: def.stack.release, namespace: def.stack.namespace };
  const te = tempoEndpoints(install);
  const tempo3 = tempoMajorOf(install.chart) >= 3;
  const kafka = kafkaOf(tempo);
  const dest = destinationOf(def);
  const dns = dnsResolver(def.distribution);
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push(
    `# Cluster \`${def.name}\``,
    "",
    `Generated from \`apps/bundler/fleet/${def.name}.*\` — edit the definition, then run \`pnpm gitops generate\`; never edit these files by hand (\`pnpm gitops check\` fails when they drift).`,
    "",
    `- Distribution: **${def.distribution}** (gateways resolve names through \`${dns.dnsService}.${dns.dnsNamespace}\`${dns.isDefault ? ", the chart default" : ", set once as `global.dnsService`/`global.dnsNamespace`"})`,
    `- Argo CD: namespace \`${def.argocd.namespace}\`, project \`${projectName(def)}\`, destination ${"server" in dest ? `server \`${dest.server}\`` : `cluster \`${dest.name}\``}`,
    `- Source: \`${def.argocd.repoURL}\` at \`${def.argocd.targetRevision}\``,
    "",
    "## Releases",
    "",
    "| release | chart | version | namespace | sync wave | Application |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const r of input.releases)
    push(
      `| ${r.release} | ${r.chart} | ${r.version} | ${r.namespace} | ${r.wave} | \`${def.name}-${r.release}\` (applications/${r.release}.yaml${r.serverSideApply ? ", ServerSideApply" : ""}) |`,
    );
  if (def.kafka !== undefined)
    push(
      "",
      `Kafka broker for Tempo 3.0: the Application \`${def.name}-${KAFKA_RELEASES.broker}\` (applications/${KAFKA_RELEASES.broker}.yaml, sync wave ${WAVES.kafka}) syncs \`${KAFKA_DIR}/\` into \`${def.kafka.namespace}\`: Strimzi Kafka \`${def.kafka.cluster}\` (KRaft, ${def.kafka.nodes} node(s) with ${def.kafka.storage.size} each, plaintext listener :9092) and KafkaTopic \`${kafka.topic}\` (${kafka.partitions} partition(s), retention ${def.kafka.retention}). It is never pruned automatically: deleting the broker loses every span not yet in object storage.`,
    );
  if (def.loki !== undefined)
    push(
      "",
      `Loki: the release \`${def.loki.release}\` (grafana-community loki ${def.loki.version}, monolithic: ${def.loki.replicas} single-binary pod(s), replication factor ${def.loki.replicas >= 3 ? 3 : 1}, ${def.loki.persistence.size} each) keeps logs ${def.loki.retention} in S3 buckets \`${def.loki.storage.buckets.chunks}\` (chunks) and \`${def.loki.storage.buckets.ruler}\` (ruler); Grafana reads it at \`${input.lokiUrl}\`.`,
    );
  if (def.mimir !== undefined) {
    const m = def.mimir;
    const b = m.storage.buckets;
    push(
      "",
      `Mimir: the release \`${m.release}\` (mimir-distributed ${m.version}, classic architecture in one zone: ${m.replicas.ingester} ingester(s), ${m.replicas.distributor} distributor(s), ${m.replicas.querier} querier(s), ${m.replicas.storeGateway} store-gateway(s), ${m.persistence.size} volumes) keeps metrics ${m.retention} in S3 buckets \`${b.blocks}\` (blocks) and \`${b.ruler}\` (rules)${b.alertmanager === undefined ? " (no Alertmanager)" : ` and \`${b.alertmanager}\` (Alertmanager)`}; Grafana reads it at \`${input.mimirUrl}\`.`,
    );
  }
  const nsList = workloadNamespaces(def)
    .map((n) => `\`${n}\``)
    .join(", ");
  push(
    "",
    isInCluster(def)
      ? `Namespaces ${nsList} (\`namespaces.yaml\`, sync wave ${WAVES.namespaces}) are created by the root Application \`${def.name}-root\`, in Argo CD's own cluster, which is this cluster.`
      : `Namespaces ${nsList} (\`namespaces.yaml\`) are created on the target cluster by the Application \`${def.name}-namespaces\` (${NAMESPACES_APPLICATION_FILE}, sync wave ${WAVES.namespacesApplication}, source \`clusters/${def.name}\` with \`directory.include: namespaces.yaml\`); \`namespaces.yaml\` is not in \`kustomization.yaml\`, because the root Application \`${def.name}-root\` syncs into Argo CD's own cluster.`,
  );
  push("", "## Tempo", "");
  push(
    `- Retention: **${tempo.retention}**${Object.keys(tempo.tenants).length > 0 ? " (tenant overrides below)" : ""}; compaction window ${tempo.compaction.window}${tempo3 ? " (backend-scheduler and backend-workers)" : ""}`,
    `- Storage: ${storageText(tempo)}`,
    `- Multitenancy: ${tempo.multitenancy ? `**on** — every write and query needs \`X-Scope-OrgID\`${def.datasources.tenant ? `; Grafana sends \`${def.datasources.tenant}\`` : ""}` : "off (tenant `single-tenant`)"}`,
    tempo3
      ? `- Kafka: topic \`${kafka.topic}\` with **${kafka.partitions}** partition(s) at \`${input.kafkaAddress ?? kafka.address}\`; one live-store and one block-builder per partition`
      : `- Ingesters: ${tempo.ingester.replicas} replica(s), replication factor ${tempo.ingester.replicationFactor}${typeof tempo.ingester.replicationFactor === "number" ? ` (writes need ${writeQuorum(tempo.ingester.replicationFactor)} live ingester(s))` : ""}${tempo.ingester.persistence.enabled ? `, ${tempo.ingester.persistence.size} PVC each` : ", no PVC"}`,
    `- Metrics-generator: ${tempo.metricsGenerator.enabled ? `on (${tempo.metricsGenerator.processors.join(", ")}) → ${tempo.metricsGenerator.remoteWrite.map((w) => `\`${w.url}\``).join(", ") || "no remote write"}` : "off (no service map)"}`,
    "",
    "| component | replicas |",
    "| --- | --- |",
    `| distributor | ${tempo.distributor.replicas} |`,
    ...(tempo3
      ? [`| live-store | ${kafka.partitions} |`, `| block-builder | ${kafka.partitions} |`]
      : [`| ingester | ${tempo.ingester.replicas} |`]),
    `| querier | ${tempo.querier.replicas} |`,
    `| query-frontend | ${tempo.queryFrontend.replicas} |`,
    ...(tempo3
      ? ["| backend-scheduler | 1 |", `| backend-worker | ${tempo.backendWorker?.replicas ?? 1} |`]
      : [`| compactor | ${tempo.compactor.replicas} |`]),
    ...(tempo.metricsGenerator.enabled ? [`| metrics-generator | ${tempo.metricsGenerator.replicas} |`] : []),
    ...(tempo.gateway.enabled ? [`| gateway | ${tempo.gateway.replicas} |`] : []),
    "",
    "### Receivers (send traces here)",
    "",
    "| receiver | endpoint |",
    "| --- | --- |",
  );
  let anyReceiver = false;
  const ports: string[] = [];
  for (const r of RECEIVERS) {
    // A TempoSpec has the chart's `traces.<…>` blocks under `receivers`.
    if (getPath(tempo.receivers, [...r.chartPath.slice(1), "enabled"]) !== true) continue;
    anyReceiver = true;
    const p = te.distributor.ports[r.id];
    ports.push(`:${p.port}`);
    push(`| ${r.label} | \`${te.distributor.host}:${p.port}\`${p.protocol === "UDP" ? " (UDP)" : ""} |`);
  }
  if (!anyReceiver) push("| (none) | no receiver is open: no trace can be ingested |");
  push("", `Query API: \`${te.queryFrontend.url}\`${tempo.gateway.enabled ? `; gateway \`${te.gateway.url}\`` : ""}.`);
  const tenants = Object.keys(tempo.tenants).sort();
  if (tenants.length > 0) {
    push("", "### Tenants", "", "| tenant | retention |", "| --- | --- |");
    for (const t of tenants) push(`| ${cell(t)} | ${tempo.tenants[t]?.retention ?? tempo.retention} |`);
  }
  push("", "## Grafana datasources", "");
  push(
    `Grafana runs in kube-prometheus-stack (\`${grafanaEndpoint({ release: def.grafana.release, namespace: def.grafana.namespace }).host}\`); admin credentials come from Secret \`${def.grafana.adminSecret.name}\` (keys \`${def.grafana.adminSecret.userKey}\`, \`${def.grafana.adminSecret.passwordKey}\`) in \`${def.grafana.namespace}\`, which you create before the first sync.`,
    "",
    "| name | uid | type | URL | links to |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const d of input.datasources)
    push(
      `| ${cell(d.name)} | \`${d.uid}\` | ${d.type} | \`${d.url}\` | ${d.links.map((l) => `\`${l}\``).join(", ") || "—"} |`,
    );
  if (def.datasources.tenant) push("", `Every datasource sends \`X-Scope-OrgID: ${def.datasources.tenant}\`.`);
  const secrets: string[] = [
    `| \`${def.grafana.adminSecret.name}\` | ${def.grafana.namespace} | \`${def.grafana.adminSecret.userKey}\`, \`${def.grafana.adminSecret.passwordKey}\` | Grafana admin |`,
  ];
  const st = tempo.storage;
  if (st.backend === "s3" && st.credentials)
    secrets.push(
      `| \`${st.credentials.secretName}\` | ${def.stack.namespace} | \`${st.credentials.accessKeyKey}\`, \`${st.credentials.secretKeyKey}\` | S3 access key |`,
    );
  if (st.backend === "gcs" && st.credentials)
    secrets.push(
      `| \`${st.credentials.secretName}\` | ${def.stack.namespace} | \`${st.credentials.key}\` | GCS service-account key |`,
    );
  if (st.backend === "azure" && st.credentials)
    secrets.push(
      `| \`${st.credentials.secretName}\` | ${def.stack.namespace} | \`${st.credentials.accountKeyKey}\` | Azure storage account key |`,
    );
  const lokiCreds = def.loki?.storage.credentials;
  if (def.loki !== undefined && lokiCreds !== undefined)
    secrets.push(
      `| \`${lokiCreds.secretName}\` | ${def.loki.namespace} | \`${lokiCreds.accessKeyKey}\`, \`${lokiCreds.secretKeyKey}\` | Loki S3 access key |`,
    );
  const mimirCreds = def.mimir?.storage.credentials;
  if (def.mimir !== undefined && mimirCreds !== undefined)
    secrets.push(
      `| \`${mimirCreds.secretName}\` | ${def.mimir.namespace} | \`${mimirCreds.accessKeyKey}\`, \`${mimirCreds.secretKeyKey}\` | Mimir S3 access key |`,
    );
  if (tempo.gateway.basicAuth)
    secrets.push(
      `| \`${tempo.gateway.basicAuth.existingSecret}\` | ${def.stack.namespace} | \`.htpasswd\` | Tempo gateway basic auth |`,
    );
  push(
    "",
    "## Secrets to create before the first sync",
    "",
    "Nothing secret is in this repository; create these on the target cluster (External Secrets, Sealed Secrets, SOPS, or kubectl).",
    "",
    "| Secret | namespace | keys | for |",
    "| --- | --- | --- | --- |",
    ...secrets,
  );
  push("", "## Diagram", "", "```mermaid", "flowchart LR");
  push(
    '  apps["instrumented apps"]',
    `  subgraph stack_ns["namespace ${def.stack.namespace}"]`,
    `    dist["distributor${ports.length > 0 ? `<br/>${ports.join(" ")}` : ""}"]`,
    ...(tempo3
      ? [`    ls["live-store x${kafka.partitions}"]`, `    bb["block-builder x${kafka.partitions}"]`]
      : [`    ing["ingester x${tempo.ingester.replicas}<br/>rf ${tempo.ingester.replicationFactor}"]`]),
    '    qf["query-frontend<br/>:3200"]',
    '    q["querier"]',
    ...(tempo3 ? ['    bs["backend-scheduler"]', '    bw["backend-worker"]'] : ['    comp["compactor"]']),
    ...(tempo.metricsGenerator.enabled ? ['    mg["metrics-generator"]'] : []),
    "  end",
    `  store[("${tempo.storage.backend}")]`,
    `  subgraph grafana_ns["namespace ${def.grafana.namespace}"]`,
    '    grafana["Grafana"]',
    "  end",
    `  loki["Loki<br/>${input.lokiUrl}"]`,
    `  mimir["Mimir<br/>${input.mimirUrl}"]`,
    `  apps -->|${tempo.receivers.jaeger.grpc.enabled || tempo.receivers.jaeger.thriftHttp.enabled ? "OTLP / Jaeger" : "OTLP"}| dist`,
    ...(tempo3
      ? [
          `  kafka[("Kafka<br/>${kafka.topic} x${kafka.partitions}")]`,
          "  dist --> kafka",
          "  kafka --> ls",
          "  kafka --> bb",
          "  bb -->|blocks| store",
          "  bs --> bw",
          "  bw --> store",
          "  q --> store",
          "  q --> ls",
          "  qf --> q",
          ...(tempo.metricsGenerator.enabled ? ["  kafka --> mg", "  mg -->|remote write| mimir"] : []),
        ]
      : [
          "  dist --> ing",
          "  ing -->|blocks| store",
          "  comp --> store",
          "  q --> store",
          "  q --> ing",
          "  qf --> q",
          ...(tempo.metricsGenerator.enabled ? ["  dist --> mg", "  mg -->|remote write| mimir"] : []),
        ]),
    "  grafana -->|tempo :3200| qf",
    "  grafana -->|loki| loki",
    "  grafana -->|prometheus| mimir",
    "```",
    "",
    "## Files",
    "",
    ...input.files.map((f) => `- \`${f}\``),
    "",
  );
  return MARKDOWN_HEADER + lines.join("\n");
}
