import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { defaultValue } from "./catalog.js";
import { SUPPORTED_CHARTS } from "./chart-id.js";
import {
  CREDENTIAL_FIELDS,
  credentialShapes,
  envNameIsCredential,
  findCredentials,
  grafanaConfigKeyIsSecret,
  isCredentialReference,
} from "./credentials.js";
import { rowFor } from "./version-rows.js";

const KPS = "kube-prometheus-stack@88.5.3";
const paths = (chart: Parameters<typeof findCredentials>[0], values: unknown) =>
  findCredentials(chart, values).map((f) => formatPath(f.path));

describe("the credential table", () => {
  it("has fields for every supported chart", () => {
    // Every chart the bundles deploy has a row of its own (lint-only charts use the fields of any chart).
    for (const chart of SUPPORTED_CHARTS.filter((c) => !/^(loki|tempo)@/.test(c)))
      expect(rowFor(CREDENTIAL_FIELDS, chart)?.length, chart).toBeGreaterThan(0);
  });

  it("knows what Grafana treats as secret configuration", () => {
    for (const key of ["admin_password", "secret_key", "cookie_secret", "client_secret", "password", "api_token"])
      expect(grafanaConfigKeyIsSecret(key), key).toBe(true);
    for (const key of ["admin_user", "client_id", "root_url", "enabled", "password_file", "certificate_path"])
      expect(grafanaConfigKeyIsSecret(key), key).toBe(false);
    expect(envNameIsCredential("GF_DATABASE_PASSWORD")).toBe(true);
    expect(envNameIsCredential("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET")).toBe(true);
    expect(envNameIsCredential("GF_SECURITY_ADMIN_PASSWORD__FILE")).toBe(false);
    expect(envNameIsCredential("GF_SERVER_ROOT_URL")).toBe(false);
    expect(envNameIsCredential("AWS_SECRET_ACCESS_KEY")).toBe(true);
    expect(envNameIsCredential("LGTM_DS_TENANT")).toBe(false);
  });

  it("finds credentials by what the field means, at any key spelling", () => {
    const values = {
      grafana: {
        envRenderSecret: { WHATEVER: "abc123" },
        env: { GF_DATABASE_PASS: "x", GF_AUTH_GITHUB_CLIENT_SECRET: "y", PLAIN: "ok" },
        "grafana.ini": {
          "auth.generic_oauth": { cookie_secret: "c00kie", client_id: "id" },
          security: { admin_password: '{{ "admin123" }}' },
          database: { password: "$__env{DB_PASSWORD}" },
        },
        additionalDataSources: [
          { name: "x", secureJsonData: { tlsClientKey: "-----key", httpHeaderValue1: "$" + "{H}" } },
        ],
      },
      alertmanager: {
        config: {
          receivers: [
            { name: "s", slack_configs: [{ api_url: "https://example.invalid/hook" }] },
            { name: "p", pagerduty_configs: [{ routing_key: "r0ut1ng" }] },
            { name: "m", email_configs: [{ auth_secret: "s3cret", auth_password_file: "/etc/x" }] },
            {
              name: "w",
              webhook_configs: [
                { url: "https://hooks.example.invalid/x", http_config: { authorization: { credentials: "abc" } } },
              ],
            },
          ],
        },
      },
    };
    expect(paths(KPS, values).sort()).toEqual(
      [
        "alertmanager.config.receivers[0].slack_configs[0].api_url",
        "alertmanager.config.receivers[1].pagerduty_configs[0].routing_key",
        "alertmanager.config.receivers[2].email_configs[0].auth_secret",
        "alertmanager.config.receivers[3].webhook_configs[0].url",
        "alertmanager.config.receivers[3].webhook_configs[0].http_config.authorization.credentials",
        "grafana.additionalDataSources[0].secureJsonData.tlsClientKey",
        "grafana.env.GF_AUTH_GITHUB_CLIENT_SECRET",
        "grafana.env.GF_DATABASE_PASS",
        "grafana.envRenderSecret.WHATEVER",
        'grafana["grafana.ini"]["auth.generic_oauth"].cookie_secret',
        'grafana["grafana.ini"].security.admin_password',
      ].sort(),
    );
  });

  it("finds Tempo storage keys, EnvVars and passwords in URLs, never their values", () => {
    const values = {
      storage: { trace: { s3: { secret_key: "abc", access_key: "$" + "{S3_ACCESS_KEY}" } } },
      distributor: {
        extraEnv: [
          { name: "DB_PASSWORD", value: "hunter2" },
          { name: "MODE", value: "x" },
        ],
      },
      querier: { config: { url: "postgres://app:hunter2@db:5432/x" } },
    };
    const found = findCredentials("tempo-distributed@1.61.3", values);
    expect(found.map((f) => formatPath(f.path)).sort()).toEqual([
      "distributor.extraEnv[0].value",
      "querier.config.url",
      "storage.trace.s3.secret_key",
    ]);
    expect(JSON.stringify(found)).not.toContain("hunter2");
    expect(JSON.stringify(found)).not.toContain('"abc"');
  });

  it("treats references as references and Helm literals as literals", () => {
    for (const v of ["$" + "{VAR}", "$VAR", "$__env{X}", "$__file{/x}", "{{ .Values.x }}", "<password>", "", "***"])
      expect(isCredentialReference(v), v).toBe(true);
    for (const v of ['{{ "s3cret" }}', "{{ `s3cret` }}", '{{ printf "%s" "x" }}', '{{- "eA==" | b64dec -}}', "hunter2"])
      expect(isCredentialReference(v), v).toBe(false);
  });

  it("recognises credential shapes in linear time, even on hostile text", () => {
    expect(credentialShapes("url: https://u:p4ss@host/x").map((h) => h.kind)).toEqual(["password in a URL"]);
    expect(credentialShapes("https://u:$" + "{P}@host")).toEqual([]);
    const started = Date.now();
    for (const text of [
      "a".repeat(2_000_000),
      "x://a:".repeat(200_000),
      "a.".repeat(1_000_000),
      `eyJ${"a".repeat(1_000_000)}`,
      " a:".repeat(500_000),
    ])
      credentialShapes(text);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("flags only real default credentials in the charts' own defaults", () => {
    const found = SUPPORTED_CHARTS.flatMap((chart) =>
      findCredentials(chart, defaultValue(chart, [])).map((f) => `${chart} ${formatPath(f.path)}`),
    );
    // tempo-distributed's MinIO subchart ships `rootPassword: supersecret` (lgtm-gitops never writes it).
    expect(found).toContain("tempo-distributed@1.61.3 minio.rootPassword");
    // kube-prometheus-stack sets Grafana's admin password (`prom-operator`) in its own defaults in older majors.
    for (const f of found)
      expect(f, f).toMatch(/minio\.(rootPassword|secretKey)$|^kube-prometheus-stack@\S+ grafana\.adminPassword$/);
  });
});
