import { componentPrefix, findChart, mimirEndpoints, mimirGatewayEndpoints, preferredChart } from "@lgtm-gitops/charts";
import { isRecord } from "@lgtm-gitops/diagnostics";
import { defaultStackRelease, MIMIR_DEFAULTS } from "./schema.js";

type Obj = Record<string, unknown>;

/**
 * Mimir's remote-write (push) URL for a definition as written: the gateway of the Mimir the bundle deploys
 * (`mimir:`), else the stack chart's own Mimir nginx when it installs Mimir (lgtm-distributed), else the
 * `datasources.mimirUrl` with its `/prometheus` suffix replaced by `/api/v1/push`.
 */
export function mimirPushUrl(input: Obj): string | undefined {
  if (isRecord(input.mimir)) {
    const m = input.mimir;
    return mimirGatewayEndpoints({
      release: typeof m.release === "string" ? m.release : MIMIR_DEFAULTS.release,
      namespace: typeof m.namespace === "string" ? m.namespace : MIMIR_DEFAULTS.namespace,
    }).pushUrl;
  }
  const stack = isRecord(input.stack) ? input.stack : {};
  const name = typeof stack.chart === "string" ? stack.chart : "";
  const chart = typeof stack.version === "string" ? findChart(name, stack.version) : preferredChart(name);
  if (chart !== undefined && componentPrefix(chart, "mimir") !== undefined) {
    const release = typeof stack.release === "string" ? stack.release : (defaultStackRelease(name) ?? name);
    const namespace = typeof stack.namespace === "string" ? stack.namespace : (defaultStackRelease(name) ?? name);
    return mimirEndpoints({ release, namespace }).pushUrl;
  }
  const ds = isRecord(input.datasources) ? input.datasources : {};
  if (typeof ds.mimirUrl === "string" && /\/prometheus\/?$/.test(ds.mimirUrl))
    return ds.mimirUrl.replace(/\/prometheus\/?$/, "/api/v1/push");
  return undefined;
}

/**
 * Fills what the bundler knows and a Tempo spec cannot: a metrics-generator that is enabled without a
 * `remoteWrite` writes to this cluster's Mimir. Returns a copy; the input is never changed.
 */
export function fillDefinition(input: unknown): unknown {
  if (!isRecord(input) || !isRecord(input.tempo)) return input;
  const mg = input.tempo.metricsGenerator;
  if (!isRecord(mg) || mg.enabled !== true) return input;
  if (Array.isArray(mg.remoteWrite) && mg.remoteWrite.length > 0) return input;
  const url = mimirPushUrl(input);
  if (url === undefined) return input;
  return { ...input, tempo: { ...input.tempo, metricsGenerator: { ...mg, remoteWrite: [{ url }] } } };
}
