import type { PathSegments } from "@lgtm-gitops/diagnostics";

/**
 * What lgtm-gitops knows of each chart beyond one version's catalog: its role, where the LGTM components' values start,
 * its nginx gateways, and the version assumed when none is given. One row per chart name; the versions themselves are
 * the generated rows of `descriptors.gen.ts` (from the catalogs), joined with these in `descriptors.ts`.
 */

/**
 * What a chart is to lgtm-gitops: `tempo-stack` installs Tempo (a bundle's `stack.chart`), `grafana-host` hosts the
 * Grafana whose datasources a bundle provisions, `subchart` is catalogued for the charts that embed it (and can be
 * linted on its own), `kafka-operator` deploys the Kafka broker a Tempo 3.0 bundle writes to (its CRDs and operator;
 * the bundle declares the broker and topic), `logs` is the Loki a Tempo 3.0 bundle can deploy next to Tempo (its own
 * Application), `metrics` the Mimir it can deploy the same way, `catalogued` is only linted (its keys are known;
 * generate does not target it).
 */
export type ChartRole =
  | "tempo-stack"
  | "grafana-host"
  | "subchart"
  | "kafka-operator"
  | "logs"
  | "metrics"
  | "catalogued";

/** A part of the LGTM stack a chart installs. */
export type StackComponent = "tempo" | "loki" | "mimir" | "grafana";

/** An nginx gateway a chart deploys, which resolves its upstreams through the cluster DNS. */
export interface NginxGateway {
  /** How messages name it: `Tempo gateway`. */
  readonly label: string;
  /** Values paths that must all be on for it to exist (a subchart's `enabled` first), with the value assumed when unset. */
  readonly gates: readonly { readonly path: PathSegments; readonly byDefault: boolean }[];
  /** `nginxConfig.resolver`: an explicit resolver wins over the DNS globals. */
  readonly resolver: PathSegments;
  /** `global:` maps whose `dnsService`/`dnsNamespace` the gateway reads, the one that wins last. */
  readonly globals: readonly PathSegments[];
  /**
   * Switches that, all on, make the chart deploy another gateway instead of this nginx (loki 6.x–7.x: the enterprise
   * GEL gateway), with the value assumed when unset. `gatewaysOf` keeps it only for versions whose catalog has them.
   */
  readonly offWhen?: readonly { readonly path: PathSegments; readonly byDefault: boolean }[];
  /** The gateway's `basicAuth` block, when it has one (passwords there are secrets). */
  readonly basicAuth?: {
    readonly path: PathSegments;
    /** The chart's htpasswd template hashes the password again on every render (Argo CD shows drift). */
    readonly rehashedOnRender: boolean;
  };
}

/** One chart name: the facts that hold for all its catalogued versions. */
export interface ChartFamily {
  /** The role of one version (tempo-distributed 3.x, Tempo 3.0, is linted only until generate supports it). */
  readonly role: (version: string) => ChartRole;
  /** The version assumed when none is given (chart detection, a definition without `version`). */
  readonly preferred: string;
  /**
   * The catalogs keep every patch whose keys differ from the next patch of its line (the builder's selection policy,
   * catalogs/versions.gen.json `policy`), so an uncatalogued patch reads exactly the keys of the next catalogued patch
   * of the same minor line, and is linted as that one.
   */
  readonly patchesLikeNext?: true;
  /** Where each LGTM component's chart values start in this chart's values (`tempo: ["tempo"]` in lgtm-distributed). */
  readonly components: { readonly [C in StackComponent]?: PathSegments };
  /** The nginx gateways it deploys. */
  readonly gateways: readonly NginxGateway[];
  /** A datasource list the chart provisions besides the grafana chart's own `datasources` (kube-prometheus-stack). */
  readonly additionalDatasources?: PathSegments;
}

/** The `gateway:` of a Grafana chart (tempo-distributed, loki-distributed) whose values start at `prefix`. */
const gateway = (
  label: string,
  prefix: PathSegments,
  onByDefault: boolean,
  rehashedOnRender: boolean,
): NginxGateway => ({
  label,
  gates: [
    ...(prefix.length > 0 ? [{ path: [...prefix, "enabled"], byDefault: true }] : []),
    { path: [...prefix, "gateway", "enabled"], byDefault: onByDefault },
  ],
  resolver: [...prefix, "gateway", "nginxConfig", "resolver"],
  globals: prefix.length > 0 ? [[...prefix, "global"], ["global"]] : [["global"]],
  basicAuth: { path: [...prefix, "gateway", "basicAuth"], rehashedOnRender },
});
const tempoGateway = (prefix: PathSegments) => gateway("Tempo gateway", prefix, false, true);
const lokiGateway = (prefix: PathSegments) => gateway("Loki gateway", prefix, true, false);

const mimirNginx = (prefix: PathSegments): NginxGateway => ({
  label: "Mimir nginx",
  gates: [
    ...(prefix.length > 0 ? [{ path: [...prefix, "enabled"], byDefault: true }] : []),
    { path: [...prefix, "nginx", "enabled"], byDefault: true },
  ],
  resolver: [...prefix, "nginx", "nginxConfig", "resolver"],
  globals: prefix.length > 0 ? [[...prefix, "global"], ["global"]] : [["global"]],
});

/**
 * mimir-distributed's own `gateway:` (an nginx unless `enterprise.enabled`): rendered when `gateway.enabled` and, for
 * Mimir without GEM, `gateway.enabledNonEnterprise` (templates/gateway/_helpers.tpl `mimir.gateway.isEnabled`).
 */
const mimirGateway: NginxGateway = {
  label: "Mimir gateway",
  gates: [
    { path: ["gateway", "enabled"], byDefault: true },
    { path: ["gateway", "enabledNonEnterprise"], byDefault: false },
  ],
  resolver: ["gateway", "nginx", "config", "resolver"],
  globals: [["global"]],
  // `htpasswd` (Sprig, bcrypt with a random salt) runs on every render.
  basicAuth: { path: ["gateway", "nginx", "basicAuth"], rehashedOnRender: true },
};

/** Every catalogued chart, in the order the descriptor table lists them. */
export const CHART_FAMILIES = {
  "lgtm-distributed": {
    role: () => "tempo-stack",
    preferred: "3.0.1",
    patchesLikeNext: true,
    components: { tempo: ["tempo"], loki: ["loki"], mimir: ["mimir"], grafana: ["grafana"] },
    gateways: [tempoGateway(["tempo"]), lokiGateway(["loki"]), mimirNginx(["mimir"])],
  },
  "tempo-distributed": {
    // 3.x (grafana-community) runs Tempo 3.0: Kafka write path, no ingesters or compactors.
    role: () => "tempo-stack",
    preferred: "1.61.3",
    patchesLikeNext: true,
    components: { tempo: [] },
    gateways: [tempoGateway([])],
  },
  "kube-prometheus-stack": {
    role: () => "grafana-host",
    preferred: "88.5.3",
    components: { grafana: ["grafana"] },
    gateways: [],
    additionalDatasources: ["grafana", "additionalDataSources"],
  },
  "loki-distributed": {
    role: () => "subchart",
    preferred: "0.80.6",
    components: { loki: [] },
    // The gateway lgtm-distributed's `loki:` deploys, linted on its own too.
    gateways: [lokiGateway([])],
  },
  grafana: { role: () => "subchart", preferred: "12.11.1", components: { grafana: [] }, gateways: [] },
  // grafana-community's loki (Loki 3): a Tempo 3.0 bundle can deploy it as its own Application.
  loki: {
    role: () => "logs",
    preferred: "18.11.0",
    components: { loki: [] },
    // Its nginx gateway (templates/gateway/, `resolver` in templates/_helpers.tpl), the same keys in every catalogued
    // major that has one: 2.x (grafana/helm-charts' old single-binary chart) has none, which `gatewaysOf` reads from
    // the catalog. 6.x–7.x deploy the enterprise GEL gateway instead with `enterprise.enabled` and
    // `enterprise.gelGateway` (templates/gateway/deployment-gateway-nginx.yaml). The default `basicAuth.htpasswd` calls
    // Helm's `htpasswd`, a new bcrypt salt on every render.
    gateways: [
      {
        ...gateway("Loki gateway", [], true, true),
        offWhen: [
          { path: ["enterprise", "enabled"], byDefault: false },
          { path: ["enterprise", "gelGateway"], byDefault: true },
        ],
      },
    ],
  },
  tempo: { role: () => "catalogued", preferred: "2.2.4", components: {}, gateways: [] },
  "strimzi-kafka-operator": { role: () => "kafka-operator", preferred: "1.2.0", components: {}, gateways: [] },
  // grafana/mimir-distributed (Mimir 2.16, classic architecture): a bundle can deploy it as its own Application. Its
  // deprecated top-level `nginx:` (on by default in 5.x) and the `gateway:` that replaces it.
  "mimir-distributed": {
    role: () => "metrics",
    preferred: "5.7.0",
    components: { mimir: [] },
    gateways: [mimirNginx([]), mimirGateway],
  },
} as const satisfies Readonly<Record<string, ChartFamily>>;

/** A catalogued chart's name. */
export type FamilyName = keyof typeof CHART_FAMILIES;
