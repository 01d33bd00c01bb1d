import { mimirEndpoints } from "@lgtm-gitops/charts";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Mimir's remote-write (push) URL for a definition as written: lgtm-distributed's own Mimir nginx, or for
 * tempo-distributed the `datasources.mimirUrl` with its `/prometheus` suffix replaced by `/api/v1/push`.
 */
export function mimirPushUrl(input: Obj): string | undefined {
  const stack = isObj(input.stack) ? input.stack : {};
  if (stack.chart === "lgtm-distributed") {
    const release = typeof stack.release === "string" ? stack.release : "lgtm-stack";
    const namespace = typeof stack.namespace === "string" ? stack.namespace : "lgtm-stack";
    return mimirEndpoints({ release, namespace }).pushUrl;
  }
  const ds = isObj(input.datasources) ? input.datasources : {};
  if (typeof ds.mimirUrl === "string" && /\/prometheus\/?$/.test(ds.mimirUrl))
    return ds.mimirUrl.replace(/\/prometheus\/?$/, "/api/v1/push");
  return undefined;
}

/**
 * Fills what the bundler knows and a Tempo spec cannot: a metrics-generator that is enabled without a
 * `remoteWrite` writes to this cluster's Mimir. Returns a copy; the input is never changed.
 */
export function fillDefinition(input: unknown): unknown {
  if (!isObj(input) || !isObj(input.tempo)) return input;
  const mg = input.tempo.metricsGenerator;
  if (!isObj(mg) || mg.enabled !== true) return input;
  if (Array.isArray(mg.remoteWrite) && mg.remoteWrite.length > 0) return input;
  const url = mimirPushUrl(input);
  if (url === undefined) return input;
  return { ...input, tempo: { ...input.tempo, metricsGenerator: { ...mg, remoteWrite: [{ url }] } } };
}
