// Production on EKS: highly available Tempo in lgtm-distributed, S3 with keys from a Secret, multitenancy with the
// tenant header on every Grafana datasource, and the metrics-generator writing span metrics to Mimir.
import { defineCluster, presets } from "@lgtm-gitops/bundler";

export default defineCluster({
  name: "prod-eks",
  distribution: "eks",
  argocd: {
    repoURL: "https://github.com/example/lgtm-gitops.git",
    targetRevision: "main",
    project: "prod-eks",
    destination: { name: "prod-eks" },
  },
  stack: { chart: "lgtm-distributed", version: "3.0.1", release: "lgtm", namespace: "observability" },
  tempo: presets.prod({
    multitenancy: true,
    storage: {
      backend: "s3",
      bucket: "acme-prod-tempo",
      endpoint: "s3.eu-west-1.amazonaws.com",
      region: "eu-west-1",
      credentials: { secretName: "tempo-s3-credentials" },
    },
    retention: "336h",
    // 3 ingesters, replication factor 3: writes survive one ingester down (quorum 2).
    ingester: { replicas: 3, replicationFactor: 3 },
    receivers: { otlp: { grpc: { enabled: true }, http: { enabled: true } } },
    metricsGenerator: { enabled: true, replicas: 2 },
    tenants: { "team-payments": { retention: "720h" } },
  }),
  grafana: {
    release: "kube-prometheus-stack",
    namespace: "monitoring",
    adminSecret: { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" },
  },
  datasources: { preset: "lgtm", tenant: "acme" },
});
