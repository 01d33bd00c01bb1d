import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { segmentsOf, shadowedSettings } from "./rendered-config.js";
import { SPEC_RULES } from "./spec-rules.js";
import type { TempoSpec } from "./spec-schema.js";
import { s3EndpointSchemeProblem } from "./storage-values.js";

/** Tenant id Tempo uses for every request when multitenancy is off. */
export const SINGLE_TENANT = "single-tenant";

/** The chart's gRPC message limit (`server.grpc_server_max_recv_msg_size`, 4 MiB) that we raise to Tempo's own 16 MiB. */
export const TEMPO_GRPC_MAX_MSG_BYTES = 16_777_216;

/**
 * The write quorum of an ingester ring: dskit needs floor(rf/2)+1 live ingesters for every write and read.
 * The one place this is computed; the validators' values rules and the bundler's README use it too.
 */
export function writeQuorum(replicationFactor: number): number {
  return Math.floor(replicationFactor / 2) + 1;
}

/**
 * Checks a parsed spec for what only the spec can tell (storage settings, generator wiring, tenant blocks, the gateway,
 * ingester persistence, structuredConfig replacing a spec setting). What its compiled values show (replication quorum,
 * local storage, receivers, memory limits, trace size, Tempo's start-up checks) is checked once, on the values, by
 * the rules of @lgtm-gitops/validators.
 */
export function checkSpecSemantics(spec: TempoSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const d = (
    ruleId: string,
    severity: Diagnostic["severity"],
    path: (string | number)[],
    message: string,
    fix?: string,
  ) =>
    out.push(
      fix === undefined ? { ruleId, severity, path: path, message } : { ruleId, severity, path: path, message, fix },
    );

  if (spec.storage.backend === "minio") {
    d(
      SPEC_RULES.minioDevOnly,
      "warning",
      ["storage", "backend"],
      "the MinIO subchart is a single pod with the chart's default root credentials: fine for development, not for production data",
      "use s3, gcs or azure with credentials from a Secret in production",
    );
  }
  // The spec is checked here, not only through its compiled values: a spec error stops the compilation, and the
  // endpoint should be reported with the others. The fact itself is `s3EndpointSchemeProblem`'s.
  const endpoint = spec.storage.backend === "s3" ? s3EndpointSchemeProblem(spec.storage.endpoint) : undefined;
  if (endpoint) {
    d(
      SPEC_RULES.s3EndpointScheme,
      "error",
      ["storage", "endpoint"],
      endpoint.message,
      endpoint.fix.replace("insecure: true", "storage.insecure: true"),
    );
  }
  if (
    spec.storage.backend === "azure" &&
    !spec.storage.credentials &&
    !spec.storage.useManagedIdentity &&
    !spec.storage.useFederatedToken
  ) {
    d(
      SPEC_RULES.storageCredentialsMissing,
      "error",
      ["storage", "credentials"],
      "Azure storage has no way to authenticate: no account key Secret, no managed identity, no workload identity",
      "set storage.credentials.secretName, or useManagedIdentity / useFederatedToken",
    );
  }

  const { rateLimitBytes, burstSizeBytes } = spec.ingestion;
  if (burstSizeBytes < rateLimitBytes) {
    d(
      SPEC_RULES.ingestionBurstBelowRate,
      "warning",
      ["ingestion", "burstSizeBytes"],
      `burst ${burstSizeBytes} B is below the rate ${rateLimitBytes} B/s: a batch larger than the burst is always refused`,
      `set burstSizeBytes to at least ${rateLimitBytes}`,
    );
  }

  const mg = spec.metricsGenerator;
  if (mg.enabled && mg.remoteWrite.length === 0) {
    d(
      SPEC_RULES.metricsGeneratorWiring,
      "error",
      ["metricsGenerator", "remoteWrite"],
      "the metrics-generator is enabled but writes nowhere: service graphs and span metrics are computed and dropped (Grafana shows no service map)",
      "add metricsGenerator.remoteWrite: [{ url: <Mimir or Prometheus push URL> }]",
    );
  }
  if (mg.enabled && mg.processors.length === 0) {
    d(
      SPEC_RULES.metricsGeneratorWiring,
      "warning",
      ["metricsGenerator", "processors"],
      "the metrics-generator is enabled with no processors: processors are off unless listed in overrides, so it generates nothing",
      "set metricsGenerator.processors: [service-graphs, span-metrics]",
    );
  }
  if (!mg.enabled && mg.remoteWrite.length > 0) {
    d(
      SPEC_RULES.metricsGeneratorWiring,
      "warning",
      ["metricsGenerator", "enabled"],
      "remote-write targets are set but the metrics-generator is disabled, so nothing is written",
      "set metricsGenerator.enabled: true",
    );
  }
  mg.remoteWrite.forEach((rw, i) => {
    if (spec.multitenancy === false && rw.tenantId === undefined && /mimir/.test(rw.url)) {
      // Tempo adds X-Scope-OrgID only for real tenants; with `single-tenant` it sends none (Mimir then needs
      // multitenancy off or `no_auth_tenant`). Informational only.
      d(
        SPEC_RULES.remoteWriteTenant,
        "info",
        ["metricsGenerator", "remoteWrite", i, "tenantId"],
        "with multitenancy off Tempo sends no X-Scope-OrgID to Mimir; Mimir accepts it only when its own multitenancy is off",
        "set tenantId when Mimir requires a tenant",
      );
    }
  });

  for (const tenant of Object.keys(spec.tenants)) {
    if (!spec.multitenancy && tenant !== SINGLE_TENANT && tenant !== "*") {
      d(
        SPEC_RULES.tenantWithoutMultitenancy,
        "warning",
        ["tenants", tenant],
        `tenant "${tenant}" never matches: with multitenancy off every trace belongs to "${SINGLE_TENANT}"`,
        `set multitenancy: true, or key the block "${SINGLE_TENANT}"`,
      );
    }
    const t = spec.tenants[tenant];
    if (t?.metricsGeneratorProcessors?.length && !mg.enabled) {
      d(
        SPEC_RULES.metricsGeneratorWiring,
        "warning",
        ["tenants", tenant, "metricsGeneratorProcessors"],
        "processors are listed for this tenant but the metrics-generator is disabled",
        "set metricsGenerator.enabled: true",
      );
    }
  }

  if (spec.gateway.basicAuth && !spec.gateway.enabled) {
    d(
      SPEC_RULES.gatewayDisabled,
      "warning",
      ["gateway", "basicAuth"],
      "basic auth is configured but the gateway is disabled, so nothing is protected",
      "set gateway.enabled: true",
    );
  }
  if (!spec.ingester.persistence.enabled && spec.ingester.replicationFactor === 1) {
    d(
      SPEC_RULES.ingesterNoPersistence,
      "warning",
      ["ingester", "persistence", "enabled"],
      "ingesters keep their WAL on an emptyDir with replication factor 1: every ingester restart loses the traces not yet flushed (up to max_block_duration, 30m)",
      "enable ingester.persistence, or run 3 ingesters with replicationFactor 3",
    );
  }
  out.push(...checkStructuredConfigShadowing(spec));
  return out;
}

/** `structuredConfig` settings that silently replace what the chart renders from a spec field (the mapping table says which). */
function checkStructuredConfigShadowing(spec: TempoSpec): Diagnostic[] {
  return shadowedSettings(spec.structuredConfig, tempoChartSettings(SPEC_TARGET)).map((s) => {
    const tempoPath = s.tempoPath as string;
    const field = s.specField as string;
    return {
      ruleId: SPEC_RULES.structuredConfigShadowsSpec,
      severity: "warning",
      path: ["structuredConfig", ...segmentsOf(tempoPath)],
      message: `structuredConfig.${tempoPath} is merged over what the chart renders from ${field}, so the spec's value is silently replaced`,
      fix: `set ${field} in the spec and remove structuredConfig.${tempoPath}`,
    };
  });
}
