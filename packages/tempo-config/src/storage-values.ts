import { helmFullname } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { SPEC_RULES } from "./spec-rules.js";
import type { TempoSpec } from "./spec-schema.js";

/** Environment variables Tempo expands (`-config.expand-env=true`) into storage credentials. */
export const CREDENTIAL_ENV = {
  s3AccessKey: "TEMPO_S3_ACCESS_KEY",
  s3SecretKey: "TEMPO_S3_SECRET_KEY",
  azureAccountKey: "TEMPO_AZURE_ACCOUNT_KEY",
  gcsCredentialsFile: "GOOGLE_APPLICATION_CREDENTIALS",
} as const;

const GCS_MOUNT = "/var/secrets/tempo-gcs";
const MINIO_PORT = 9000;
/** The bucket tempo-distributed's MinIO subchart creates (`minio.buckets[0]`). */
const MINIO_DEFAULT_BUCKET = "tempo-traces";

type Values = Record<string, unknown>;

/** A container environment variable, literal or from a Secret key. */
export type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } };

function secretEnv(name: string, secret: string, key: string): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** What a storage backend adds to the chart values. */
export interface StorageValues {
  trace: Values;
  env: EnvVar[];
  volumes: Values[];
  mounts: Values[];
  /** Values of the MinIO subchart (`minio:`), when the spec uses it. */
  minio?: Values;
}

/**
 * The S3 endpoint Tempo connects to. Tempo hands `endpoint` to minio-go unchanged and an empty one fails every
 * component's start-up ("Endpoint:  does not follow ip address or domain name standards"), so AWS gets its
 * endpoint written out: regional when the region is known, else the global one (minio-go then looks up the
 * bucket's region).
 */
function s3Endpoint(storage: { endpoint?: string | undefined; region?: string | undefined }): string {
  if (storage.endpoint) return storage.endpoint;
  return storage.region ? `s3.${storage.region}.amazonaws.com` : "s3.amazonaws.com";
}

/**
 * Name of the MinIO subchart's Service and Secret. In lgtm-distributed the Mimir subchart runs a MinIO of its
 * own named `<release>-minio` (minio's fullname rule), so Tempo's gets `fullnameOverride: <release>-tempo-minio`
 * instead of colliding with it (same Service, Secret, PVC and bucket job: one of the two would lose its buckets).
 */
function minioFullname(release: string, besideMimir: boolean): string {
  if (!besideMimir) return helmFullname(release, "minio");
  return `${release}-tempo-minio`.slice(0, 63).replace(/-+$/, "");
}

/**
 * The chart values of the spec's storage: `storage.trace`, the credential env/volumes every Tempo pod needs, and the
 * MinIO subchart values. `besideMimir`: the chart also installs Mimir (lgtm-distributed), whose MinIO has the default name.
 */
export function storageValues(spec: TempoSpec, release: string, besideMimir: boolean): StorageValues {
  const st = spec.storage;
  const out: StorageValues = { trace: {}, env: [], volumes: [], mounts: [] };
  switch (st.backend) {
    case "s3": {
      const s3: Values = { bucket: st.bucket, endpoint: s3Endpoint(st) };
      if (st.region) s3.region = st.region;
      if (st.prefix) s3.prefix = st.prefix;
      if (st.insecure) s3.insecure = true;
      if (st.forcePathStyle) s3.forcepathstyle = true;
      if (st.credentials) {
        s3.access_key = `\${${CREDENTIAL_ENV.s3AccessKey}}`;
        s3.secret_key = `\${${CREDENTIAL_ENV.s3SecretKey}}`;
        out.env.push(
          secretEnv(CREDENTIAL_ENV.s3AccessKey, st.credentials.secretName, st.credentials.accessKeyKey),
          secretEnv(CREDENTIAL_ENV.s3SecretKey, st.credentials.secretName, st.credentials.secretKeyKey),
        );
      }
      out.trace = { backend: "s3", s3 };
      break;
    }
    case "minio": {
      // The MinIO subchart (minio 4.1.0) stores its root credentials in a Secret named like its Service
      // (`minio.fullname`), keys rootUser/rootPassword.
      const secret = minioFullname(release, besideMimir);
      const minio: Values = { enabled: true };
      if (besideMimir) minio.fullnameOverride = secret;
      // The subchart creates only the buckets it lists (tempo-traces by default): list another one explicitly.
      if (st.bucket !== MINIO_DEFAULT_BUCKET) minio.buckets = [{ name: st.bucket, policy: "none", purge: false }];
      out.minio = minio;
      out.trace = {
        backend: "s3",
        s3: {
          bucket: st.bucket,
          endpoint: `${secret}:${MINIO_PORT}`,
          insecure: true,
          forcepathstyle: true,
          access_key: `\${${CREDENTIAL_ENV.s3AccessKey}}`,
          secret_key: `\${${CREDENTIAL_ENV.s3SecretKey}}`,
        },
      };
      out.env.push(
        secretEnv(CREDENTIAL_ENV.s3AccessKey, secret, "rootUser"),
        secretEnv(CREDENTIAL_ENV.s3SecretKey, secret, "rootPassword"),
      );
      break;
    }
    case "gcs": {
      const gcs: Values = { bucket_name: st.bucketName };
      if (st.prefix) gcs.prefix = st.prefix;
      if (st.credentials) {
        out.volumes.push({ name: "tempo-gcs-credentials", secret: { secretName: st.credentials.secretName } });
        out.mounts.push({ name: "tempo-gcs-credentials", mountPath: GCS_MOUNT, readOnly: true });
        out.env.push({ name: CREDENTIAL_ENV.gcsCredentialsFile, value: `${GCS_MOUNT}/${st.credentials.key}` });
      }
      out.trace = { backend: "gcs", gcs };
      break;
    }
    case "azure": {
      const azure: Values = { container_name: st.containerName, storage_account_name: st.storageAccountName };
      if (st.prefix) azure.prefix = st.prefix;
      if (st.endpointSuffix) azure.endpoint_suffix = st.endpointSuffix;
      if (st.useManagedIdentity) azure.use_managed_identity = true;
      if (st.useFederatedToken) azure.use_federated_token = true;
      if (st.credentials) {
        azure.storage_account_key = `\${${CREDENTIAL_ENV.azureAccountKey}}`;
        out.env.push(
          secretEnv(CREDENTIAL_ENV.azureAccountKey, st.credentials.secretName, st.credentials.accountKeyKey),
        );
      }
      out.trace = { backend: "azure", azure };
      break;
    }
    case "local":
      out.trace = { backend: "local" };
      break;
  }
  return out;
}

/** What envsubst (Tempo's `-config.expand-env`) treats as a variable reference: `$NAME`, `${NAME}`, `$1`. */
const ENV_REFERENCE = /\$[{A-Za-z0-9_]/;

/**
 * With credentials from a Secret, every Tempo pod runs with `-config.expand-env=true`, and Tempo runs envsubst over
 * the whole tempo.yaml before parsing it. A `$` in a verbatim value (a regex replacement `$1`, a header `$TOKEN`)
 * is then replaced by an environment variable, usually empty. Reports such values in the spec fields that reach
 * tempo.yaml (`storage` holds our own references; `tenants` go to the runtime overrides file, which is not expanded).
 */
export function checkExpandEnvReferences(spec: TempoSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === "string") {
      const m = ENV_REFERENCE.exec(v);
      if (!m) return;
      out.push({
        ruleId: SPEC_RULES.expandEnvReference,
        severity: "warning",
        path: path,
        message: `${formatPath(path)} contains "${m[0]}": the storage credentials make every Tempo pod start with -config.expand-env=true, so Tempo replaces "${m[0]}…" with an environment variable (empty when unset) before it reads the value`,
        fix: "remove the $ reference from this value, or let Tempo authenticate to storage with the pod's identity (IRSA, Workload Identity, managed identity) so no env expansion is needed",
      });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, [...path, i]);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  for (const [k, v] of Object.entries(spec)) if (k !== "storage" && k !== "tenants") walk(v, [k]);
  return out;
}

/**
 * THE fact about S3 endpoints: Tempo hands `endpoint` to minio-go, which prefixes its own scheme (`https://` or, with
 * `insecure: true`, `http://`) and parses the result, so `http://minio:9000` becomes host `http:` with path
 * `//minio:9000` and every component exits with "Endpoint url cannot have fully qualified paths"
 * (grafana/tempo#4216). `undefined` when `endpoint` is not a URL with a scheme. The message never repeats a user:password.
 */
export function s3EndpointSchemeProblem(endpoint: unknown): { message: string; fix: string } | undefined {
  if (typeof endpoint !== "string") return undefined;
  const m = /^\s*([a-z][a-z0-9+.-]*):\/\/([^/@?#]*@)?([^/?#]*)/i.exec(endpoint);
  if (!m) return undefined;
  const scheme = (m[1] ?? "").toLowerCase();
  const host = m[3] ?? "";
  const shown = `${scheme}://${m[2] ? "…@" : ""}${host}`;
  const plain = scheme === "http";
  return {
    message: `S3 endpoint \`${shown}\` has a URL scheme: Tempo expects host[:port] and every component stops at start ("Endpoint url cannot have fully qualified paths")`,
    fix: `write endpoint: ${host || "<host>[:<port>]"}${plain ? " and set insecure: true (the endpoint is plain HTTP)" : " (HTTPS is the default)"}`,
  };
}
