/**
 * Values that must never appear literally in values files: header values, basic-auth passwords, TLS keys.
 * Every emitter turns them into an environment reference (`${NAME}`) that Grafana expands at start-up,
 * plus the chart values or operator `valuesFrom` that fill that variable from a Secret.
 */

/** Reference to one key of a Kubernetes Secret in Grafana's namespace. */
export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
  /** Environment variable carrying the value into Grafana. @default `LGTM_DS_<NAME>_<KEY>` */
  readonly env?: string | undefined;
}

/** A value read from a Kubernetes Secret key. */
export interface FromSecret {
  readonly fromSecret: SecretKeyRef;
}

/** A value read from an environment variable the Grafana process already has (file and Helm outputs only). */
export interface FromEnv {
  readonly fromEnv: string;
}

/**
 * A value that is not secret (e.g. a tenant id) but still must not sit in `secureJsonData` literally:
 * it goes into Grafana's environment (chart `env:`, or a ConfigMap for the grafana-operator).
 */
export interface FromValue {
  readonly fromValue: string;
  /** Environment variable / ConfigMap key carrying it. @default `LGTM_DS_<DATASOURCE>_<FIELD>` */
  readonly env?: string | undefined;
}

/** Shorthand for {@link FromEnv}: the string `${NAME}`. */
export type EnvReferenceString = `\${${string}}`;

/** Where a secure value comes from. Never a literal string. */
export type SecureValue = FromSecret | FromEnv | FromValue | EnvReferenceString;

/** Upper-cases and replaces everything but letters and digits with `_`. */
export function envNamePart(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Normalised form of a secure value used by the compiler. */
export type SecureSource =
  | { readonly kind: "secret"; readonly env: string; readonly secret: { readonly name: string; readonly key: string } }
  | { readonly kind: "env"; readonly env: string }
  | { readonly kind: "value"; readonly env: string; readonly value: string };

/**
 * Resolves a {@link SecureValue} to its source and the environment variable that carries it.
 * `owner` and `field` name the default variable of a {@link FromValue}.
 */
export function secureSource(value: SecureValue, owner: string, field: string): SecureSource {
  if (typeof value === "string") {
    const m = /^\$\{(.*)\}$/.exec(value);
    return { kind: "env", env: m?.[1] ?? value };
  }
  if ("fromSecret" in value) {
    const { name, key, env } = value.fromSecret;
    return { kind: "secret", env: env ?? `LGTM_DS_${envNamePart(name)}_${envNamePart(key)}`, secret: { name, key } };
  }
  if ("fromEnv" in value) return { kind: "env", env: value.fromEnv };
  return {
    kind: "value",
    env: value.env ?? `LGTM_DS_${envNamePart(owner)}_${envNamePart(field)}`,
    value: value.fromValue,
  };
}
