import type { PathSegments } from "@lgtm-gitops/diagnostics";

/**
 * THE table of chart versions lgtm-gitops supports. Every chart type, zod enum and lookup of every package is
 * derived from it: adding a chart version is one row here plus its generated catalog (`pnpm codegen`), nothing else.
 *
 * A row is one version of one chart from one Helm repository. `id` is unique: `<name>@<version>`; when two
 * repositories publish the same name and version, the second gets `<repository>/<name>@<version>`.
 */

/** Helm repositories the supported charts come from (an Argo CD `repoURL`). */
const GRAFANA = "https://grafana.github.io/helm-charts";
const GRAFANA_COMMUNITY = "https://grafana-community.github.io/helm-charts";
const PROMETHEUS_COMMUNITY = "https://prometheus-community.github.io/helm-charts";

/**
 * What a chart is to lgtm-gitops: `tempo-stack` installs Tempo (a bundle's `stack.chart`), `grafana-host` hosts the
 * Grafana whose datasources a bundle provisions, `subchart` is catalogued for the charts that embed it (and can be
 * linted on its own).
 */
export type ChartRole = "tempo-stack" | "grafana-host" | "subchart";

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
  /** The gateway's `basicAuth` block, when it has one (passwords there are secrets). */
  readonly basicAuth?: {
    readonly path: PathSegments;
    /** The chart's htpasswd template hashes the password again on every render (Argo CD shows drift). */
    readonly rehashedOnRender: boolean;
  };
}

/** One chart version. See {@link CHART_DESCRIPTORS}. */
export interface ChartDescriptor {
  /** Unique id, `<name>@<version>`: what `--chart` takes and what every catalog lookup is keyed by. */
  readonly id: string;
  /** Chart name (Chart.yaml `name`, the Argo CD `chart`). */
  readonly name: string;
  /** Chart version (Chart.yaml `version`, the Argo CD `targetRevision`). */
  readonly version: string;
  /** Helm repository to install it from. */
  readonly repoURL: string;
  /** Chart.yaml `appVersion`: for a Tempo chart, the Tempo version it runs. */
  readonly appVersion: string;
  /** Chart.yaml `kubeVersion` constraint, when the chart has one. */
  readonly kubeVersion?: string;
  readonly role: ChartRole;
  /** Where each LGTM component's chart values start in this chart's values (`tempo: ["tempo"]` in lgtm-distributed). */
  readonly components: { readonly [C in StackComponent]?: PathSegments };
  /** Values key of each subchart (alias or name) → the catalogued chart id, or `unchecked` when not catalogued. */
  readonly subcharts: { readonly [alias: string]: string };
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
    { path: [...prefix, "enabled"], byDefault: true },
    { path: [...prefix, "nginx", "enabled"], byDefault: true },
  ],
  resolver: [...prefix, "nginx", "nginxConfig", "resolver"],
  globals: [[...prefix, "global"], ["global"]],
});

/** Every supported chart version. Order: stable, the way `--chart` lists them. */
export const CHART_DESCRIPTORS = [
  {
    id: "lgtm-distributed@3.0.1",
    name: "lgtm-distributed",
    version: "3.0.1",
    repoURL: GRAFANA,
    appVersion: "^12.1.1",
    role: "tempo-stack",
    components: { tempo: ["tempo"], loki: ["loki"], mimir: ["mimir"], grafana: ["grafana"] },
    // Chart.yaml dependencies are ranges (no Chart.lock): resolved to the catalogued versions.
    subcharts: {
      grafana: "grafana@10.5.15",
      loki: "loki-distributed@0.80.6",
      mimir: "unchecked",
      tempo: "tempo-distributed@1.61.3",
      "grafana-oncall": "unchecked",
    },
    gateways: [tempoGateway(["tempo"]), lokiGateway(["loki"]), mimirNginx(["mimir"])],
  },
  {
    id: "tempo-distributed@1.61.3",
    name: "tempo-distributed",
    version: "1.61.3",
    repoURL: GRAFANA,
    appVersion: "2.9.0",
    role: "tempo-stack",
    components: { tempo: [] },
    subcharts: { minio: "unchecked", "grafana-agent-operator": "unchecked", rollout_operator: "unchecked" },
    gateways: [tempoGateway([])],
  },
  {
    id: "kube-prometheus-stack@88.5.3",
    name: "kube-prometheus-stack",
    version: "88.5.3",
    repoURL: PROMETHEUS_COMMUNITY,
    appVersion: "v0.93.1",
    kubeVersion: ">=1.25.0-0",
    role: "grafana-host",
    components: { grafana: ["grafana"] },
    subcharts: {
      crds: "unchecked",
      "kube-state-metrics": "unchecked",
      "prometheus-node-exporter": "unchecked",
      grafana: "grafana@12.11.1",
      "prometheus-windows-exporter": "unchecked",
    },
    gateways: [],
    additionalDatasources: ["grafana", "additionalDataSources"],
  },
  {
    id: "loki-distributed@0.80.6",
    name: "loki-distributed",
    version: "0.80.6",
    repoURL: GRAFANA,
    appVersion: "2.9.13",
    role: "subchart",
    components: { loki: [] },
    subcharts: {},
    gateways: [lokiGateway([])],
  },
  {
    id: "grafana@10.5.15",
    name: "grafana",
    version: "10.5.15",
    repoURL: GRAFANA,
    appVersion: "12.3.1",
    kubeVersion: "^1.8.0-0",
    role: "subchart",
    components: { grafana: [] },
    subcharts: {},
    gateways: [],
  },
  {
    id: "grafana@12.11.1",
    name: "grafana",
    version: "12.11.1",
    // kube-prometheus-stack 88.5.3's Chart.yaml pins grafana 12.11.1 from grafana-community.
    repoURL: GRAFANA_COMMUNITY,
    appVersion: "13.2.0",
    kubeVersion: "^1.25.0-0",
    role: "subchart",
    components: { grafana: [] },
    subcharts: {},
    gateways: [],
  },
] as const satisfies readonly ChartDescriptor[];
