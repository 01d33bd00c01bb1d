import { stringify } from "yaml";
import type { DatasourceSet } from "./datasource-set.js";
import { type ProvisioningOptions, provisioningExtras, renderEntries } from "./emit-shared.js";

/** A provisioning file as emitted (strings escaped for Grafana: `$` → `$$`). */
export interface ProvisioningFileOutput {
  readonly apiVersion: 1;
  readonly deleteDatasources?: readonly Record<string, unknown>[];
  readonly prune?: boolean;
  readonly datasources: readonly Record<string, unknown>[];
}

/**
 * A provisioning file for `/etc/grafana/provisioning/datasources/`: `apiVersion: 1`, optional
 * `deleteDatasources` and `prune`, the datasources with every literal `$` written `$$`. Secure values are
 * `${ENV}` references; Grafana's process needs the variables of `set.environment()`.
 */
export function toProvisioningFile(set: DatasourceSet, options: ProvisioningOptions = {}): ProvisioningFileOutput {
  return { apiVersion: 1, ...provisioningExtras(options, "file"), datasources: renderEntries(set, "file") };
}

/** {@link toProvisioningFile} as YAML text. */
export function toProvisioningYaml(set: DatasourceSet, options: ProvisioningOptions = {}): string {
  return stringify(toProvisioningFile(set, options), { lineWidth: 0 });
}
