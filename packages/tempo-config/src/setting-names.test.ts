import { describe, expect, it } from "vitest";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { foreignSettingName, settingHint, storageKeyHint } from "./setting-names.js";
import { schemaNodeAt, structKeys, tempoSchemaFor } from "./tempo-schema.js";

const settings = tempoChartSettings(SPEC_TARGET);

describe("settingHint", () => {
  it("gives the real setting of a Loki/Mimir name in the place it was written, in any spelling", () => {
    expect(settingHint("retention_period", "spec", settings)).toBe("retention");
    expect(settingHint("retentionPeriod", "chart", settings)).toBe("compactor.config.compaction.block_retention");
    expect(settingHint("max_spans_per_trace", "tempo", settings)).toBe("overrides.defaults.global.max_bytes_per_trace");
    expect(foreignSettingName("MAX_QUERY_LENGTH")?.name).toBe("max_query_length");
  });

  it("translates a name another place uses for exactly one setting", () => {
    expect(settingHint("multitenancy_enabled", "spec", settings)).toBe("multitenancy");
    expect(settingHint("streamOverHTTPEnabled", "spec", settings)).toBe("streamOverHttp");
    expect(settingHint("compaction_window", "spec", settings)).toBe("compaction.window");
    expect(settingHint("reportingEnabled", "tempo", settings)).toBe("usage_report.reporting_enabled");
    expect(settingHint("multitenancyEnabled", "tempo", settings)).toBe("multitenancy_enabled");
  });

  it("says nothing for a name of the same place, or one that names many settings", () => {
    expect(settingHint("compaction_window", "tempo", settings)).toBeUndefined();
    expect(settingHint("replicas", "chart", settings)).toBeUndefined();
    expect(settingHint("query_frontend", "spec", settings)).toBeUndefined();
    expect(settingHint("nothing_like_it", "tempo", settings)).toBeUndefined();
  });
});

describe("storageKeyHint: Loki/Mimir spellings of Tempo's object-storage keys, read from Tempo's key tree", () => {
  // Tempo 2.9's storage blocks, from the schema table.
  const config = tempoSchemaFor("2.9.0").config;
  const block = (name: string) => structKeys(schemaNodeAt(config, ["storage", "trace", name]));
  it("maps Loki's storage_config.aws and the Loki chart's names to Tempo's s3 keys", () => {
    // Loki docs, storage_config.aws: bucketnames, s3forcepathstyle, access_key_id, secret_access_key; the Loki chart's
    // loki.storage.s3.s3ForcePathStyle / accessKeyId / secretAccessKey.
    expect(storageKeyHint("bucketnames", block("s3"))).toBe("bucket");
    expect(storageKeyHint("s3forcepathstyle", block("s3"))).toBe("forcepathstyle");
    expect(storageKeyHint("s3ForcePathStyle", block("s3"))).toBe("forcepathstyle");
    expect(storageKeyHint("access_key_id", block("s3"))).toBe("access_key");
    expect(storageKeyHint("secretAccessKey", block("s3"))).toBe("secret_key");
  });
  it("maps Mimir's (Thanos objstore) names, as in grafana/tempo#1140, and the AWS SDK's endpoint_url", () => {
    expect(storageKeyHint("bucket_name", block("s3"))).toBe("bucket");
    expect(storageKeyHint("secret_access_key", block("s3"))).toBe("secret_key");
    expect(storageKeyHint("endpoint_url", block("s3"))).toBe("endpoint");
    // grafana/tempo#2099: insecure_skip_verify under storage.trace.s3
    expect(storageKeyHint("insecure_skip_verify", block("s3"))).toBe("tls_insecure_skip_verify");
    expect(storageKeyHint("bucket", block("gcs"))).toBe("bucket_name");
    expect(storageKeyHint("account_name", block("azure"))).toBe("storage_account_name");
    expect(storageKeyHint("account_key", block("azure"))).toBe("storage_account_key");
  });
  it("gives nothing for a setting Tempo has no counterpart of (grafana/tempo#3878: role_arn)", () => {
    expect(storageKeyHint("role_arn", block("s3"))).toBeUndefined();
    expect(storageKeyHint("bucket", block("s3"))).toBeUndefined();
  });
});
