import { renderTree } from "./compile.js";
import type { DatasourceSet, EnvironmentVariable } from "./datasource-set.js";
import type { DeleteDatasource } from "./entry-schema.js";
import { type Escaping, envReference, escapeFor } from "./escaping.js";

/** Options shared by every file and Helm emitter. */
export interface ProvisioningOptions {
  /** Datasources Grafana deletes before provisioning (e.g. the old name after a rename). @default [] */
  readonly deleteDatasources?: readonly DeleteDatasource[] | undefined;
  /** Grafana ≥ 11.1: remove provisioned datasources no longer in any file. @default false (omitted) */
  readonly prune?: boolean | undefined;
}

/** The set's entries rendered for a file or Helm output: literals escaped, secure values as `${ENV}`. */
export function renderEntries(set: DatasourceSet, escaping: Escaping): Record<string, unknown>[] {
  return set.compiled().map(
    (c) =>
      renderTree(
        c.tree,
        (s) => escapeFor(escaping, s),
        (m) => envReference(m.source.env),
      ) as Record<string, unknown>,
  );
}

/** `deleteDatasources`/`prune` keys, escaped. */
export function provisioningExtras(options: ProvisioningOptions, escaping: Escaping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.deleteDatasources?.length) {
    out.deleteDatasources = options.deleteDatasources.map((d) => ({ ...d, name: escapeFor(escaping, d.name) }));
  }
  if (options.prune !== undefined) out.prune = options.prune;
  return out;
}

/** The grafana chart's `envValueFrom` (Secret keys) and `env` (plain values) for the set's `${ENV}` references. */
export function chartEnvironment(env: readonly EnvironmentVariable[]): Record<string, unknown> {
  const envValueFrom: Record<string, unknown> = {};
  const plain: Record<string, string> = {};
  for (const e of env) {
    if ("valueFrom" in e) envValueFrom[e.name] = { secretKeyRef: { ...e.valueFrom.secretKeyRef } };
    else if ("value" in e) plain[e.name] = e.value;
  }
  const out: Record<string, unknown> = {};
  if (Object.keys(plain).length) out.env = plain;
  if (Object.keys(envValueFrom).length) out.envValueFrom = envValueFrom;
  return out;
}

/** Grafana admin credentials from an existing Secret (`admin.existingSecret`), never a password in values. */
export interface AdminSecret {
  /** Secret in Grafana's namespace. */
  readonly name: string;
  /** @default "admin-user" */
  readonly userKey?: string | undefined;
  /** @default "admin-password" */
  readonly passwordKey?: string | undefined;
}

/** The grafana chart's `admin:` block for an {@link AdminSecret}. */
export function adminValues(secret: AdminSecret): Record<string, string> {
  return {
    existingSecret: secret.name,
    userKey: secret.userKey ?? "admin-user",
    passwordKey: secret.passwordKey ?? "admin-password",
  };
}
