// biome-ignore-all lint/suspicious/noTemplateCurlyInString: YAML fixtures contain ${ENV} references on purpose
import type { ChartId } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { tutorialFile } from "../../../../fixtures/tutorial.js";
import { lintDocuments } from "../lint.js";

const TD: ChartId = "tempo-distributed@1.61.3";
const TD3: ChartId = "tempo-distributed@3.3.0";

const lint = (text: string, chart?: ChartId): Diagnostic[] =>
  lintDocuments([{ file: "v.yaml", text }], chart ? { chart } : {}).diagnostics;
const hits = (diags: readonly Diagnostic[], ruleId: string) =>
  diags.filter((d) => d.ruleId === ruleId).map((d) => [formatPath(d.path), d.severity, d.line, d.fix]);

describe("tempo/s3-endpoint-scheme on values files", () => {
  // grafana/tempo#4216: an S3 endpoint written as a URL stops every component at start ("failed to create minio
  // client … Endpoint url cannot have fully qualified paths"). The Tempo docs' MinIO example writes `minio:9000`.
  const s3 = (indent: string, endpoint: string) =>
    [
      "storage:",
      "  trace:",
      "    backend: s3",
      "    s3:",
      "      bucket: tempo",
      `      endpoint: ${endpoint}`,
      "      access_key: ${S3_ACCESS_KEY}",
      "      secret_key: ${S3_SECRET_KEY}",
    ]
      .map((l) => indent + l)
      .join("\n");

  it("finds it in tempo-distributed 1.x and 3.x `storage.trace.s3`, with the host and `insecure: true` as the fix", () => {
    for (const chart of [TD, TD3]) {
      expect(hits(lint(`${s3("", "http://minio:9000")}\n`, chart), "tempo/s3-endpoint-scheme")).toEqual([
        [
          "storage.trace.s3.endpoint",
          "error",
          6,
          "write endpoint: minio:9000 and set insecure: true (the endpoint is plain HTTP)",
        ],
      ]);
      expect(hits(lint(`${s3("", "minio:9000")}\n`, chart), "tempo/s3-endpoint-scheme")).toEqual([]);
    }
  });

  it("finds it in the tutorial's lgtm-values.yaml once its storage is moved to `tempo.storage.trace.s3`", () => {
    // The tutorial (fixtures/tutorial/) with its `tempo.tempo.storage` block replaced by S3 on the MinIO many such
    // setups run, written the way Loki's storage_config.aws spells it (bucketnames, s3forcepathstyle).
    const text = tutorialFile("lgtm-values.yaml").replace(
      "  # === Tempo 各元件配置 ===\n",
      "  storage:\n    trace:\n      backend: s3\n      s3:\n        endpoint: http://minio.minio.svc:9000\n        bucketnames: tempo\n        s3forcepathstyle: true\n        insecure: true\n  # === Tempo 各元件配置 ===\n",
    );
    const diags = lint(text);
    expect(hits(diags, "tempo/s3-endpoint-scheme")).toEqual([
      [
        "tempo.storage.trace.s3.endpoint",
        "error",
        44,
        "write endpoint: minio.minio.svc:9000 and set insecure: true (the endpoint is plain HTTP)",
      ],
    ]);
    expect(hits(diags, "tempo/unknown-config-key")).toEqual([
      ["tempo.storage.trace.s3.bucketnames", "error", 45, "rename bucketnames to bucket"],
      ["tempo.storage.trace.s3.s3forcepathstyle", "error", 46, "rename s3forcepathstyle to forcepathstyle"],
    ]);
  });

  it("finds it in `tempo.structuredConfig.storage.trace.s3`, at that path", () => {
    const text = `tempo:\n  structuredConfig:\n${s3("    ", "http://minio:9000")}\n`;
    expect(hits(lint(text, TD), "tempo/s3-endpoint-scheme").map(([p]) => p)).toEqual([
      "tempo.structuredConfig.storage.trace.s3.endpoint",
    ]);
  });

  it("finds it in GEM's admin bucket (`storage.admin.s3`) only when enterprise is on", () => {
    // grafana/tempo#1140: the admin client's storage is a Thanos objstore config (bucket_name, access_key_id).
    const admin = (enterprise: boolean) =>
      `enterprise:\n  enabled: ${enterprise}\nstorage:\n  admin:\n    backend: s3\n    s3:\n      bucket_name: admin\n      endpoint: http://minio:9000\n      insecure: true\n`;
    expect(hits(lint(admin(true), TD), "tempo/s3-endpoint-scheme").map(([p, s]) => [p, s])).toEqual([
      ["storage.admin.s3.endpoint", "error"],
    ]);
    expect(hits(lint(admin(false), TD), "tempo/s3-endpoint-scheme")).toEqual([]);
    // Its Thanos key names are right there: no Tempo-key hint.
    expect(hits(lint(admin(true), TD), "tempo/unknown-config-key")).toEqual([]);
  });
});
