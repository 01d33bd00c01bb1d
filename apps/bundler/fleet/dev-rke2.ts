// The tutorial's cluster, done right: the same intent (lgtm-distributed on RKE2, one replica of everything,
// 24h retention, OTLP and Jaeger in, a gateway), with every setting at a key the chart reads.
import { defineCluster, presets } from "@lgtm-gitops/bundler";

const small = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "300m", memory: "512Mi" } };

export default defineCluster({
  name: "dev-rke2",
  distribution: "rke2", // sets global.dnsService once: the Tempo, Loki and Mimir gateways all resolve through RKE2's CoreDNS
  argocd: {
    repoURL: "https://github.com/example/lgtm-gitops.git",
    destination: { server: "https://kubernetes.default.svc" },
  },
  stack: { chart: "lgtm-distributed", version: "3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" },
  tempo: presets.dev({
    // Object storage every Tempo pod shares (the tutorial's local "filesystem" is per pod, so queriers never see
    // flushed blocks). lgtm-distributed's Mimir already runs a MinIO named <release>-minio, so Tempo uses a bucket of
    // its own on an S3-compatible store, with keys from a Secret (never in Git).
    storage: {
      backend: "s3",
      bucket: "tempo-dev",
      endpoint: "minio.minio.svc.cluster.local:9000",
      insecure: true,
      forcePathStyle: true,
      credentials: { secretName: "tempo-s3" },
    },
    // The tutorial's distributor.config.receivers did nothing; these open 4317/4318/14250/14268 on 0.0.0.0.
    receivers: {
      otlp: { grpc: { enabled: true }, http: { enabled: true } },
      jaeger: { grpc: { enabled: true }, thriftHttp: { enabled: true } },
    },
    retention: "24h",
    ingestion: { rateLimitBytes: 15_000_000, maxBytesPerTrace: 5_000_000 },
    compaction: { window: "2h", retentionConcurrency: 20 },
    query: { maxOutstandingPerTenant: 100, maxSearchDuration: "24h" },
    distributor: { replicas: 1, resources: small },
    // One ingester, so replication factor 1 (the chart's default of 3 makes every read and write fail).
    ingester: {
      replicas: 1,
      replicationFactor: 1,
      resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
      persistence: { enabled: true, size: "5Gi" },
    },
    querier: { replicas: 1, resources: small },
    queryFrontend: {
      replicas: 1,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "200m", memory: "512Mi" } },
    },
    compactor: {
      replicas: 1,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "200m", memory: "512Mi" } },
    },
    // The service map needs span metrics in Mimir; the bundler points remote write at this stack's Mimir.
    metricsGenerator: { enabled: true },
    gateway: { enabled: true, replicas: 1 },
  }),
  grafana: {
    // Create it first: kubectl -n monitoring create secret generic grafana-admin --from-literal=admin-user=admin --from-literal=admin-password=…
    adminSecret: { name: "grafana-admin" },
  },
  datasources: { preset: "lgtm" },
});
