import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";

/** Rule id of a credential written as a literal value. */
export const LITERAL_SECRET = "tempo/literal-secret";

/** Keys whose value is a credential (Tempo snake_case and spec camelCase spellings). */
const SECRET_KEY =
  /(password|passwd|secret|token|access_?key|account_?key|api_?key|credentials?$|htpasswd|authorization)/i;
/** Keys that name a secret rather than hold one. */
const SECRET_REFERENCE =
  /(secretname|existingsecret|secretkeyref|keyref|_?key$|_path|_file|file_?path|_id|_?ids?|_enabled|_size|_period|_bytes|_header)$/i;
/** A value Tempo reads from the environment (`-config.expand-env=true`), or a Helm template. */
const INDIRECT_VALUE = /^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\})\s*$/;

/** True when a key name says it holds a credential (`secret_key`, `password`, `secretAccessKey`). */
export function looksLikeSecretKey(key: string): boolean {
  if (/^(accessKeyKey|secretKeyKey|accountKeyKey|key)$/.test(key)) return false;
  if (SECRET_REFERENCE.test(key) && !/(secret_?key|access_?key|account_?key|api_?key)$/i.test(key)) {
    return false;
  }
  return SECRET_KEY.test(key);
}

/** The fix every literal-secret diagnostic offers. */
export const LITERAL_SECRET_FIX = `put the value in a Kubernetes Secret and reference it: storage.credentials.secretName for object storage, gateway.basicAuth.existingSecret for the gateway; anywhere else write \${ENV_VAR} and give every Tempo pod that variable from the Secret (chart extraEnv with secretKeyRef, plus extraArgs -config.expand-env=true; a TempoSpec does this only for storage credentials)`;

/**
 * Finds credentials written as literal values anywhere in a verbatim Tempo configuration fragment
 * (`access_key: AKIA…`, `basic_auth: {password: …}`, an `Authorization` header). `${VAR}` values pass.
 */
export function findLiteralSecrets(value: unknown, basePath: readonly (string | number)[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    if (v === null || typeof v !== "object") return;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const p = [...path, k];
      if (looksLikeSecretKey(k) && typeof child === "string" && child !== "" && !INDIRECT_VALUE.test(child)) {
        out.push({
          ruleId: LITERAL_SECRET,
          severity: "error",
          path: p,
          message: `${formatPath(p)} holds a literal credential; it would be committed to Git and rendered into a ConfigMap anyone can read`,
          fix: LITERAL_SECRET_FIX,
        });
      } else {
        walk(child, p);
      }
    }
  };
  walk(value, [...basePath]);
  return out;
}
