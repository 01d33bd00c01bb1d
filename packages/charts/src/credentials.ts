import type { PathSegments } from "@lgtm-gitops/diagnostics";
import type { ChartId } from "./chart-id.js";
import { rowFor } from "./version-rows.js";

/**
 * THE table of credential-bearing fields of every supported chart: which values hold a credential by what they mean
 * to the chart (or to the program the chart hands them to: Grafana, Alertmanager, Prometheus, Tempo, Loki, Mimir),
 * not by how their key happens to be spelled. `generate` (through the `secret/plaintext-credential` rule on every
 * emitted values document, and its output scan) and `lint` both read it; nothing else decides what a credential is.
 *
 * Sources of each fragment, verified against the pinned charts (`values.yaml` and templates) and the programs' docs:
 * - Grafana (grafana chart 10.5.15 / 12.11.1): `adminPassword` (chart Secret), `envRenderSecret` (rendered into a
 *   Secret: every value is secret by the chart's own definition), `env` (env vars; `GF_<SECTION>_<KEY>` overrides
 *   grafana.ini), `grafana.ini` (rendered through `tpl`, so `{{ "x" }}` is a literal), datasource `secureJsonData`
 *   (encrypted by Grafana: secret by definition) and the removed plaintext `password`/`basicAuthPassword` fields.
 *   Which grafana.ini keys are secret is Grafana's own rule: `pkg/setting` redacts every key whose upper-cased name
 *   contains PASSWORD, SECRET, PROVIDER_CONFIG, PRIVATE_KEY, ACCOUNT_KEY, ENCRYPTION_KEY, VAULT_TOKEN,
 *   ENTERPRISE_LICENSE or ends in a *_TOKEN it lists ({@link grafanaConfigKeyIsSecret}). (It also redacts
 *   CERTIFICATE; a certificate is public, so it is left out here.)
 * - Alertmanager (kube-prometheus-stack `alertmanager.config`): the fields typed `Secret`/`SecretURL` in
 *   Alertmanager's config (`slack_api_url`, `api_url`, `url` of webhooks, `routing_key`, `service_key`,
 *   `auth_password`, `auth_secret`, `api_key`, `api_secret`, `bot_token`, `user_key`, `token`, `webhook_url`, …) and
 *   Prometheus' HTTP client config in every `http_config` ({@link HTTP_CLIENT_SECRETS}).
 * - Prometheus scrape/alerting configs given verbatim (`additionalScrapeConfigs`, `additionalAlertManagerConfigs`):
 *   the HTTP client config secrets.
 * - Tempo (tempo-distributed 1.61.3; lgtm-distributed `tempo:`): storage keys of `storage.trace.<backend>`, the same
 *   in `tempo.structuredConfig` and `metricsGenerator.config.storage.remote_write` (HTTP client secrets), the
 *   gateway's basic auth, the MinIO subchart's root password, the enterprise license.
 * - Loki (loki-distributed 0.80.6) and Mimir (mimir-distributed, unchecked subchart of lgtm-distributed): object
 *   storage secrets in their structured/storage config, gateway basic auth, MinIO.
 * - Everywhere: a Kubernetes EnvVar (`{name, value}`) whose name means a credential ({@link envNameIsCredential}),
 *   and values whose shape is a credential ({@link credentialShapes}: URLs with a password, private keys, tokens).
 */

/** One step of a field pattern: a key, `*` (any one key or list index), `**` (any number of steps), or a key test. */
export type FieldStep =
  | string
  | { readonly any: 1 }
  | { readonly deep: 1 }
  | { readonly key: (key: string) => boolean };

/** A value that holds a credential. */
export interface CredentialField {
  /** Where it sits, from the chart's values root. */
  readonly path: readonly FieldStep[];
  /** What it is, for messages ("Grafana configuration secret"). Never the value. */
  readonly kind: string;
  /** How to keep it out of Git with this chart. */
  readonly fix: string;
  /**
   * `env-var`: the pattern names a Kubernetes EnvVar list item (`{name, value}`); its `value` is the credential when
   * its `name` means one ({@link envNameIsCredential}).
   */
  readonly form?: "env-var";
}

const ANY = { any: 1 } as const;
const DEEP = { deep: 1 } as const;
const keyTest = (test: (key: string) => boolean) => ({ key: test }) as const;
const oneOf = (...keys: string[]) => keyTest((k) => keys.includes(k));

/**
 * Grafana's rule for which configuration keys are secret (`pkg/setting` redaction), applied to a grafana.ini key or to
 * the `<SECTION>_<KEY>` part of a `GF_` environment variable. Certificates are public and not included.
 */
const GRAFANA_SECRET_KEY =
  /(^|_)PASS(WD|PHRASE)?(_|$)|PASSWORD|SECRET|PROVIDER_CONFIG|PRIVATE_KEY|ACCOUNT_KEY|ENCRYPTION_KEY|VAULT_TOKEN|ENTERPRISE_LICENSE|(ID_FORWARDING|AUTHENTICATION|AUTH|RENDERER|API|WEBHOOK|INSTALL)_TOKEN$/;

/** True when Grafana treats this configuration key (grafana.ini key, or `SECTION_KEY`) as a secret. */
export function grafanaConfigKeyIsSecret(key: string): boolean {
  const upper = key.toUpperCase().replace(/[.-]/g, "_");
  // `*_FILE` / `*__FILE` name a file holding the secret, `*_PATH` a path: references, not secrets.
  if (/(_FILE|_PATH|_DIR)$/.test(upper)) return false;
  return GRAFANA_SECRET_KEY.test(upper);
}

/**
 * Generic names of credentials (normalised: lower case, letters and digits only), by suffix or whole name: the meaning
 * of an environment variable's name, and the last resort for text with no chart meaning (comments, embedded files).
 */
const CREDENTIAL_NAME_SUFFIXES = [
  "password",
  "passwd",
  "passphrase",
  "secretkey",
  "secretaccesskey",
  "accesskey",
  "accesskeyid",
  "accountkey",
  "apikey",
  "apitoken",
  "authtoken",
  "bearertoken",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "token",
  "clientsecret",
  "sastoken",
  "privatekey",
  "htpasswd",
] as const;
const CREDENTIAL_NAME_EXACT = new Set(["secret", "sharedsecret", "hmacsecret", "jwtsecret", "sas", "pwd"]);

/**
 * Normalised names that hold the *name* of a credential (a Secret name, a key inside a Secret, a file path), not the
 * credential: `passwordKey`, `passwordSecretKey`, `existingSecret…`, `bearerTokenFile`, `tokenUrl`, ….
 */
const CREDENTIAL_REFERENCE_NAME =
  /(password|passwd|user|username|token|apikey|accesskey|accountkey)(secret)?(key|keyname|ref|name)$|secret(keyname|keyref|name|ref)$|^existingsecret|existingsecret$|keyref$|(file|filepath|path|dir|url|uri|endpoint|enabled|mode|type|length|ttl|expiry|expiration|header|headername|policy|env|envvar|configmap|source|format)$/;

const normalise = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, "");

const nameCache = new Map<string, boolean>();

/** True when a key or variable name, by its generic meaning, holds a credential (`password`, `api_key`, `token`). */
export function credentialName(key: string): boolean {
  let known = nameCache.get(key);
  if (known === undefined) {
    const norm = normalise(key);
    if (norm === "") known = false;
    else if (CREDENTIAL_REFERENCE_NAME.test(norm)) known = false;
    else known = CREDENTIAL_NAME_EXACT.has(norm) || CREDENTIAL_NAME_SUFFIXES.some((s) => norm.endsWith(s));
    if (nameCache.size < 10_000) nameCache.set(key, known);
  }
  return known;
}

/** Kind of credential a name suggests, for messages. */
export function credentialKindOfName(key: string): string {
  const norm = normalise(key);
  if (norm.includes("htpasswd")) return "htpasswd entry";
  if (norm.includes("privatekey")) return "private key";
  if (norm.includes("accountkey") || norm === "sas" || norm.includes("sastoken")) return "Azure storage key";
  if (norm.includes("secretkey") || norm.includes("accesskey") || norm.includes("secretaccesskey"))
    return "object-storage access key";
  if (norm.includes("clientsecret")) return "OAuth client secret";
  if (norm.includes("apikey")) return "API key";
  if (norm.includes("token")) return "token";
  if (norm.includes("pass") || norm === "pwd") return "password";
  return "secret";
}

/**
 * The meaning of an environment variable's name: a `GF_<SECTION>_<KEY>` override is a credential when Grafana treats
 * that key as secret; any other name when it names a credential generically (`AWS_SECRET_ACCESS_KEY`, `DB_PASSWORD`).
 * `*_FILE` / `*__FILE` variables hold a path, not a credential.
 */
export function envNameIsCredential(name: string): boolean {
  if (/_FILE$/i.test(name)) return false;
  if (/^GF_/i.test(name)) return grafanaConfigKeyIsSecret(name.slice(3));
  return credentialName(name);
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference, not a template
const ENV_REF = "${VAR}";

const FIX = {
  grafanaAdmin:
    "Create a Secret with `admin-user` and `admin-password` and set `admin.existingSecret` (in a definition: `grafana.adminSecret`); remove the password. Then change it: it has been exposed.",
  grafanaIni:
    "Keep it in a Secret: `envFromSecret`/`envValueFrom` and `$__env{VAR}` (or a mounted file and `$__file{/path}`) in grafana.ini. Then rotate it: it has been exposed.",
  grafanaEnv:
    "Set the variable from a Secret instead: `envFromSecret`, `envFromSecrets` or `envValueFrom` (`secretKeyRef`). Then rotate it: it has been exposed.",
  envRenderSecret:
    "`envRenderSecret` renders its values into a Secret, but the values are still in Git: create the Secret out of band and use `envFromSecret`. Then rotate them: they have been exposed.",
  datasource:
    "Reference it: `$__env{VAR}` (the variable set from a Secret with `envValueFrom`/`envFromSecret`) or `$__file{/path}` of a mounted Secret. Then rotate it: it has been exposed.",
  alertmanager:
    "Keep Alertmanager credentials in a Secret: the `*_file` variant of the field with `alertmanager.alertmanagerSpec.secrets` mounting it, or an AlertmanagerConfig referencing a Secret. Then rotate it: it has been exposed.",
  prometheusHttp:
    "Use the `*_file` variant (`password_file`, `credentials_file`, `bearer_token_file`, `client_secret_file`) with `prometheus.prometheusSpec.secrets` mounting the Secret. Then rotate it: it has been exposed.",
  tempoStorage: `Give object-storage credentials through a Secret (\`storage.credentials.secretName\` in a definition; in values \`extraEnvFrom\` + \`${ENV_REF}\` with \`-config.expand-env=true\`), or better a workload identity with no key. Then rotate it: it has been exposed.`,
  configSecret: `Reference an environment variable (\`${ENV_REF}\` with \`-config.expand-env=true\`) set from a Secret with \`extraEnvFrom\`. Then rotate it: it has been exposed.`,
  gateway:
    "Create a Secret holding `.htpasswd` and set `gateway.basicAuth.existingSecret`; remove the password. Then change it: it has been exposed.",
  minio:
    "Set `minio.existingSecret` (a Secret with `rootUser`/`rootPassword`) instead of the literal. Then change it: it has been exposed.",
  license: "Put the license in a Secret (`license.external: true` with `license.secretName`).",
  envVar: "Use `valueFrom.secretKeyRef` (name and key of an existing Secret) instead of `value`.",
} as const;

const field = (path: readonly FieldStep[], kind: string, fix: string, form?: "env-var"): CredentialField =>
  form ? { path, kind, fix, form } : { path, kind, fix };

const prefixed = (prefix: readonly string[], fields: readonly CredentialField[]): CredentialField[] =>
  fields.map((f) => ({ ...f, path: [...prefix, ...f.path] }));

/** Prometheus' HTTP client config (`prometheus/common` `HTTPClientConfig`): its fields typed `Secret`. */
const HTTP_CLIENT_SECRETS = (fix: string): CredentialField[] => [
  field(["basic_auth", "password"], "basic-auth password", fix),
  field(["authorization", "credentials"], "Authorization credential", fix),
  field(["bearer_token"], "bearer token", fix),
  field(["oauth2", "client_secret"], "OAuth client secret", fix),
  field(["tls_config", "key"], "TLS private key", fix),
  field(["sigv4", "secret_key"], "AWS secret key", fix),
  field(["azuread", "oauth", "client_secret"], "Azure AD client secret", fix),
];

/** Alertmanager's configuration (alertmanager.yaml): the fields typed `Secret` or `SecretURL`. */
const ALERTMANAGER_CONFIG: CredentialField[] = [
  field(
    [
      "global",
      oneOf(
        "slack_api_url",
        "smtp_auth_password",
        "smtp_auth_secret",
        "opsgenie_api_key",
        "wechat_api_secret",
        "victorops_api_key",
        "telegram_bot_token",
        "rocketchat_token",
        "rocketchat_token_id",
        "webex_api_token",
      ),
    ],
    "Alertmanager credential",
    FIX.alertmanager,
  ),
  ...(
    [
      ["slack_configs", "api_url", "Slack webhook URL"],
      ["webhook_configs", "url", "webhook URL"],
      ["discord_configs", "webhook_url", "Discord webhook URL"],
      ["msteams_configs", "webhook_url", "Microsoft Teams webhook URL"],
      ["msteamsv2_configs", "webhook_url", "Microsoft Teams webhook URL"],
      ["pagerduty_configs", "routing_key", "PagerDuty routing key"],
      ["pagerduty_configs", "service_key", "PagerDuty service key"],
      ["opsgenie_configs", "api_key", "Opsgenie API key"],
      ["victorops_configs", "api_key", "VictorOps API key"],
      ["wechat_configs", "api_secret", "WeChat API secret"],
      ["pushover_configs", "user_key", "Pushover user key"],
      ["pushover_configs", "token", "Pushover token"],
      ["telegram_configs", "bot_token", "Telegram bot token"],
      ["email_configs", "auth_password", "SMTP password"],
      ["email_configs", "auth_secret", "SMTP secret"],
      ["rocketchat_configs", "token", "Rocket.Chat token"],
      ["rocketchat_configs", "token_id", "Rocket.Chat token id"],
      ["sns_configs", "sigv4", "AWS secret key"],
    ] as const
  ).map(([receiver, key, kind]) =>
    field(
      key === "sigv4"
        ? ["receivers", ANY, receiver, ANY, "sigv4", "secret_key"]
        : ["receivers", ANY, receiver, ANY, key],
      kind,
      FIX.alertmanager,
    ),
  ),
  ...HTTP_CLIENT_SECRETS(FIX.alertmanager).map((f) => ({ ...f, path: [DEEP, "http_config", ...f.path] })),
];

/** The grafana chart (10.5.15 and 12.11.1 alike), from its values root. */
const GRAFANA: CredentialField[] = [
  field(["adminPassword"], "Grafana admin password", FIX.grafanaAdmin),
  field(["envRenderSecret", ANY], "value of envRenderSecret (a Secret's data)", FIX.envRenderSecret),
  field(["env", keyTest(envNameIsCredential)], "credential in a Grafana environment variable", FIX.grafanaEnv),
  field(["grafana.ini", keyTest(grafanaConfigKeyIsSecret)], "Grafana configuration secret", FIX.grafanaIni),
  field(["grafana.ini", ANY, keyTest(grafanaConfigKeyIsSecret)], "Grafana configuration secret", FIX.grafanaIni),
  field(["datasources", ANY, "datasources", ANY, "secureJsonData", ANY], "datasource secureJsonData", FIX.datasource),
  field(
    ["datasources", ANY, "datasources", ANY, oneOf("password", "basicAuthPassword")],
    "datasource password",
    FIX.datasource,
  ),
  field(["notifiers", ANY, "notifiers", ANY, "secure_settings", ANY], "notifier secure setting", FIX.datasource),
  field(
    ["alerting", ANY, "contactPoints", ANY, "receivers", ANY, "settings", keyTest(credentialName)],
    "contact-point credential",
    FIX.datasource,
  ),
];

/** Object-storage credentials in a Tempo/Loki/Mimir configuration block (S3, Azure, Swift, BOS, COS). */
const OBJECT_STORE_KEY = oneOf(
  "secret_key",
  "secret_access_key",
  "access_key",
  "access_key_id",
  "session_token",
  "account_key",
  "storage_account_key",
  "sas_token",
  "password",
  "application_credential_secret",
  "client_secret",
);

const TEMPO: CredentialField[] = [
  field(["storage", oneOf("trace", "admin"), ANY, OBJECT_STORE_KEY], "object-storage credential", FIX.tempoStorage),
  field(["tempo", "structuredConfig", DEEP, OBJECT_STORE_KEY], "credential in Tempo configuration", FIX.configSecret),
  ...HTTP_CLIENT_SECRETS(FIX.configSecret).map((f) => ({
    ...f,
    path: ["metricsGenerator", "config", "storage", "remote_write", ANY, ...f.path],
  })),
  ...HTTP_CLIENT_SECRETS(FIX.configSecret).map((f) => ({
    ...f,
    path: ["tempo", "structuredConfig", "metrics_generator", "storage", "remote_write", ANY, ...f.path],
  })),
  field(["gateway", "basicAuth", oneOf("password", "htpasswd")], "gateway basic-auth password", FIX.gateway),
  field(["minio", oneOf("rootPassword", "secretKey")], "MinIO root password", FIX.minio),
  field(["license", "contents"], "enterprise license", FIX.license),
];

const LOKI: CredentialField[] = [
  field(["loki", "storageConfig", DEEP, OBJECT_STORE_KEY], "object-storage credential", FIX.configSecret),
  field(["loki", "structuredConfig", DEEP, OBJECT_STORE_KEY], "credential in Loki configuration", FIX.configSecret),
  field(
    ["loki", "structuredConfig", "ruler", "alertmanager_client", oneOf("basic_auth_password", "credentials")],
    "credential in Loki configuration",
    FIX.configSecret,
  ),
  field(["gateway", "basicAuth", oneOf("password", "htpasswd")], "gateway basic-auth password", FIX.gateway),
];

/** grafana-community loki (the single chart of Loki 3), from its values root. */
const LOKI_CHART: CredentialField[] = [
  // The chart's camelCase storage block (values.yaml `loki.storage.s3.secretAccessKey`, `azure.accountKey`, …).
  field(
    ["loki", "storage", ANY, oneOf("accessKeyId", "secretAccessKey", "sessionToken", "accountKey", "password")],
    "object-storage credential",
    FIX.configSecret,
  ),
  field(["loki", "structuredConfig", DEEP, OBJECT_STORE_KEY], "credential in Loki configuration", FIX.configSecret),
  field(["gateway", "basicAuth", oneOf("password", "htpasswd")], "gateway basic-auth password", FIX.gateway),
];

/** mimir-distributed (not catalogued; lgtm-distributed's `mimir:`), from its values root. */
const MIMIR: CredentialField[] = [
  field(["mimir", "structuredConfig", DEEP, OBJECT_STORE_KEY], "credential in Mimir configuration", FIX.configSecret),
  field(["minio", oneOf("rootPassword", "secretKey")], "MinIO root password", FIX.minio),
  field(["gateway", "basicAuth", oneOf("password", "htpasswd")], "gateway basic-auth password", FIX.gateway),
];

/** grafana/mimir-distributed as its own release (5.7.0): the subchart's fields, and both its nginx gateways' basic auth. */
const MIMIR_CHART: CredentialField[] = [
  ...MIMIR,
  field(["gateway", "nginx", "basicAuth", oneOf("password", "htpasswd")], "gateway basic-auth password", FIX.gateway),
  field(["nginx", "basicAuth", oneOf("password", "htpasswd")], "nginx basic-auth password", FIX.gateway),
];

/** Credentials any chart can hold: a Kubernetes EnvVar whose name means a credential. */
const ANYWHERE: CredentialField[] = [
  field([DEEP, "value"], "credential in an environment variable", FIX.envVar, "env-var"),
];

const KUBE_PROMETHEUS_STACK: CredentialField[] = [
  ...prefixed(["alertmanager", "config"], ALERTMANAGER_CONFIG),
  ...HTTP_CLIENT_SECRETS(FIX.prometheusHttp).map((f) => ({
    ...f,
    path: [
      "prometheus",
      "prometheusSpec",
      oneOf("additionalScrapeConfigs", "additionalAlertManagerConfigs"),
      ANY,
      DEEP,
      ...f.path,
    ],
  })),
  field(["grafana", "additionalDataSources", ANY, "secureJsonData", ANY], "datasource secureJsonData", FIX.datasource),
  field(
    ["grafana", "additionalDataSources", ANY, oneOf("password", "basicAuthPassword")],
    "datasource password",
    FIX.datasource,
  ),
  ...prefixed(["grafana"], GRAFANA),
];

/**
 * Credential-bearing fields per chart version (subcharts under their values key); a version without a row of its own
 * has the row of the newest version below it (`rowFor`).
 */
export const CREDENTIAL_FIELDS: Readonly<Partial<Record<ChartId, readonly CredentialField[]>>> = Object.freeze({
  "lgtm-distributed@3.0.1": [
    ...prefixed(["grafana"], GRAFANA),
    ...prefixed(["tempo"], TEMPO),
    ...prefixed(["loki"], LOKI),
    ...prefixed(["mimir"], MIMIR),
    ...ANYWHERE,
  ],
  "tempo-distributed@1.61.3": [...TEMPO, ...ANYWHERE],
  "kube-prometheus-stack@88.5.3": [...KUBE_PROMETHEUS_STACK, ...ANYWHERE],
  "loki-distributed@0.80.6": [...LOKI, ...ANYWHERE],
  "grafana@10.5.15": [...GRAFANA, ...ANYWHERE],
  "grafana@12.11.1": [...GRAFANA, ...ANYWHERE],
  // The Strimzi operator's values hold no credential field of their own (the broker's users are KafkaUser objects,
  // which a bundle does not write): only environment variables (`extraEnvs`).
  "strimzi-kafka-operator@1.2.0": [...ANYWHERE],
  "loki@18.11.0": [...LOKI_CHART, ...ANYWHERE],
  "mimir-distributed@5.7.0": [...MIMIR_CHART, ...ANYWHERE],
});

/** The credential-bearing fields of a chart version: its row, or the fields of any chart for a chart without one. */
function fieldsOf(chart: ChartId): readonly CredentialField[] {
  return rowFor(CREDENTIAL_FIELDS, chart) ?? ANYWHERE;
}

// --- values that are not credentials ---------------------------------------------------------------------------

/** A Go-template action whose output is a string literal (`{{ "x" }}`, `{{ printf "%s" "x" }}`, `{{ "eA==" | b64dec }}`). */
const TEMPLATE_LITERAL =
  /^-?\s*(?:(?:print|printf|println|cat|quote|squote|trim|toString)\s+)?((?:"(?:[^"\\]|\\.)*"|`[^`]*`)(?:\s+(?:"(?:[^"\\]|\\.)*"|`[^`]*`))*)\s*(?:\|\s*[A-Za-z0-9_]+\s*)*-?$/;

/**
 * The text a value still holds once its references are taken out: `${VAR}`, `$VAR`, `$__env{…}`, `$__file{…}`,
 * `$(cmd)` and Helm templates `{{ … }}` are references, except a template whose output is a string literal (charts
 * render grafana.ini and other values through `tpl`, so `{{ "s3cret" }}` is the literal `s3cret`).
 */
function literalRest(value: string): string {
  return value
    .replace(/\$__(env|file|vault)\{[^}]*\}/g, "")
    .replace(/\$\{[^}]*\}/g, "")
    .replace(/\{\{([\s\S]*?)\}\}/g, (_, inner: string) => {
      const m = TEMPLATE_LITERAL.exec(inner.trim());
      if (!m) return "";
      // The literal text the template prints (quotes removed); it is what ends up in the rendered file.
      return (m[1] ?? "").replace(/^["`]|["`]$/g, "").trim() === "" ? "" : "\u0000literal\u0000";
    })
    .replace(/\$\([^)]*\)/g, "")
    .replace(/^\$[A-Za-z_][A-Za-z0-9_]*$/, "")
    .trim();
}

/**
 * True when a value is a reference or a placeholder, not a credential: `${VAR}`, `$VAR`, `$__env{…}`, `$__file{…}`,
 * `$(cmd)`, a Helm template that does not print a literal, `<placeholder>`, `…`, `***`, `changeme`, empty strings, and
 * tempo-distributed's own license placeholder `NOTAVALIDLICENSE`.
 */
export function isCredentialReference(value: string): boolean {
  const rest = literalRest(value);
  if (rest === "") return true;
  if (/^<[^<>]*>$/.test(rest)) return true;
  if (/^(…|\.\.\.|\*+|x{3,}|-+|none|null|~|changeme|change-me|notavalidlicense)$/i.test(rest)) return true;
  return false;
}

// --- credential shapes -----------------------------------------------------------------------------------------

/** A credential recognised by its shape, at `index` in the text searched. */
export interface ShapeHit {
  readonly kind: string;
  readonly index: number;
  readonly fix?: string;
}

/**
 * Shapes of credentials, recognised anywhere. Every pattern runs in time linear in the text: repetitions are
 * anchored by a look-behind (no restart inside a run of the same characters) or bounded.
 */
const SHAPES: ReadonlyArray<{ readonly kind: string; readonly re: RegExp; readonly fix?: string }> = [
  {
    kind: "private key",
    re: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----/g,
    fix: "Mount the key from a Secret (a volume or `secretKeyRef`); never commit it. Revoke it: it has been exposed.",
  },
  { kind: "GCS service-account key", re: /"private_key"\s{0,8}:\s{0,8}"[^"\s]{8}/g },
  {
    kind: "AWS access key id",
    re: /(?<![0-9A-Za-z])(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}(?![0-9A-Za-z])/g,
    fix: "Give the S3 credentials through a Secret (`storage.credentials.secretName` in the definition), or better an IAM role (IRSA) with no key at all. Deactivate this key: it has been exposed.",
  },
  {
    kind: "htpasswd entry",
    re: /(?<![^\s"'>|])[^\s:"'{}]{1,256}:(?:\$apr1\$|\$2[aby]\$\d\d\$|\{SHA\}|\$[156]\$)[^\s"']{8}/g,
    fix: "Put the htpasswd file in a Secret and set the gateway's `basicAuth.existingSecret`.",
  },
  { kind: "Azure storage key", re: /AccountKey=[A-Za-z0-9+/]{20}/g },
  { kind: "Azure SAS token", re: /[?&]sig=[A-Za-z0-9%+/]{20}/g },
  {
    kind: "JSON Web Token",
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8}/g,
  },
  { kind: "GitHub token", re: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}/g },
  { kind: "GitLab token", re: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20}/g },
  { kind: "Grafana service-account token", re: /(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}/g },
  { kind: "Slack token", re: /(?<![A-Za-z0-9_])xox[abposr]-[A-Za-z0-9-]{10}/g },
  {
    kind: "Slack webhook URL",
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20}/g,
    fix: "Keep the webhook URL in a Secret (Alertmanager `api_url_file`, Grafana `$__file{…}`); revoke this one: it has been exposed.",
  },
  {
    kind: "Discord webhook URL",
    re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20}/g,
  },
  {
    kind: "Microsoft Teams webhook URL",
    re: /https:\/\/[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[^\s"']{20}/g,
  },
  { kind: "Google API key", re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}/g },
];

const URL_FIX =
  "Remove the user:password from the URL; use the client's basic-auth settings with the password from a Secret. Then change the password: it has been exposed.";

/**
 * A password inside a URL (`scheme://user:password@host`): the scheme starts a word (look-behind), user and password
 * are bounded, so the search is linear. `${VAR}`, `$(…)` and `{{ }}` passwords are references.
 */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/([^\s:@/'"]{1,256}):([^\s@/'"]{1,1024})@/gi;

/** Credentials recognised by their shape in `text` (private keys, tokens, passwords in URLs, …), in order. */
export function credentialShapes(text: string): ShapeHit[] {
  const hits: ShapeHit[] = [];
  for (const s of SHAPES) {
    s.re.lastIndex = 0;
    for (let m = s.re.exec(text); m !== null; m = s.re.exec(text)) {
      hits.push({ kind: s.kind, index: m.index, ...(s.fix ? { fix: s.fix } : {}) });
      if (m[0].length === 0) s.re.lastIndex++;
    }
  }
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
    if (!isCredentialReference(m[2] ?? "")) hits.push({ kind: "password in a URL", index: m.index, fix: URL_FIX });
  }
  return hits.sort((a, b) => a.index - b.index);
}

// --- finding credentials in values -----------------------------------------------------------------------------

/** A credential found in a values document: where, and what kind (never the value). */
export interface CredentialFinding {
  readonly path: PathSegments;
  readonly kind: string;
  readonly fix: string;
}

function stepMatches(step: FieldStep, seg: string | number): boolean {
  if (typeof step === "string") return seg === step;
  if ("any" in step) return true;
  if ("key" in step) return typeof seg === "string" && step.key(seg);
  return false;
}

/** True when `path` matches `pattern` (`**` matches any number of steps, including none). */
function matches(pattern: readonly FieldStep[], pi: number, path: readonly (string | number)[], si: number): boolean {
  for (; pi < pattern.length; pi++, si++) {
    const step = pattern[pi] as FieldStep;
    if (typeof step === "object" && "deep" in step) {
      for (let k = si; k <= path.length; k++) if (matches(pattern, pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.length || !stepMatches(step, path[si] as string | number)) return false;
  }
  return si === path.length;
}

/** A field's last step, as an index key: a literal key, or `*` for anything else. */
const lastKeyOf = (f: CredentialField): string => {
  const last = f.path[f.path.length - 1];
  return typeof last === "string" ? last : "*";
};

const indexes = new Map<ChartId, Map<string, CredentialField[]>>();

function indexFor(chart: ChartId): Map<string, CredentialField[]> {
  let index = indexes.get(chart);
  if (index === undefined) {
    index = new Map();
    for (const f of fieldsOf(chart)) {
      const k = lastKeyOf(f);
      index.set(k, [...(index.get(k) ?? []), f]);
    }
    indexes.set(chart, index);
  }
  return index;
}

/** The credential-bearing field of `chart` at `path` (values root coordinates), if any. */
export function credentialFieldAt(chart: ChartId, path: readonly (string | number)[]): CredentialField | undefined {
  const index = indexFor(chart);
  const last = path[path.length - 1];
  const candidates = [...(typeof last === "string" ? (index.get(last) ?? []) : []), ...(index.get("*") ?? [])];
  return candidates.find((f) => f.form !== "env-var" && matches(f.path, 0, path, 0));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A scalar that could be a credential: a non-empty string that is not a reference, or a number. */
function literalCredential(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v === "bigint") return true;
  return typeof v === "string" && v.trim() !== "" && !isCredentialReference(v);
}

/**
 * Every credential written literally in a values document of `chart`: values of its credential-bearing fields
 * ({@link CREDENTIAL_FIELDS}), EnvVars whose name means a credential, and strings shaped like a credential anywhere.
 * Walks without recursion (deep documents are fine); each finding names the path and the kind, never the value.
 */
export function findCredentials(chart: ChartId, values: unknown): CredentialFinding[] {
  const out: CredentialFinding[] = [];
  const envFields = fieldsOf(chart).filter((f) => f.form === "env-var");
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: values, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    if (isRecord(v)) {
      // A Kubernetes EnvVar: `{ name: DB_PASSWORD, value: "…" }`.
      const name = Object.hasOwn(v, "name") ? v.name : undefined;
      if (
        typeof name === "string" &&
        Object.hasOwn(v, "value") &&
        literalCredential(v.value) &&
        envNameIsCredential(name) &&
        envFields.some((f) => matches(f.path, 0, [...path, "value"], 0))
      )
        out.push({ path: [...path, "value"], kind: `credential in environment variable ${name}`, fix: FIX.envVar });
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        if (k === "value" && typeof name === "string" && envNameIsCredential(name)) continue;
        stack.push({ v: v[k], path: [...path, k] });
      }
      continue;
    }
    if (!literalCredential(v)) continue;
    const f = path.length > 0 ? credentialFieldAt(chart, path) : undefined;
    if (f) {
      out.push({ path, kind: f.kind, fix: f.fix });
      continue;
    }
    if (typeof v === "string") {
      const hit = credentialShapes(v)[0];
      if (hit) out.push({ path, kind: hit.kind, fix: hit.fix ?? FIX.configSecret });
    }
  }
  return out;
}
