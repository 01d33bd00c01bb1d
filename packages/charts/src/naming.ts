import type { StackChartId } from "./chart-id.js";
import { RECEIVERS, type Receiver, type ReceiverId, receiver } from "./receivers.js";

/** One Kubernetes Service port, with its in-cluster address. */
export interface ServiceEndpoint {
  /** Service name, e.g. `lgtm-stack-tempo-query-frontend`. */
  readonly service: string;
  /** Namespace of the Service (the release namespace). */
  readonly namespace: string;
  /** Service port. */
  readonly port: number;
  /** Fully qualified host `<service>.<namespace>.svc.<clusterDomain>`. */
  readonly host: string;
  /** `http://<host>` plus `:<port>` unless the port is 80. */
  readonly url: string;
}

/** Where a Helm release lives. Every naming function in this package takes it (a {@link StackInstall} is one). */
export interface ReleaseRef {
  /** Helm release name (the Argo CD Application's `helm.releaseName`, or its name). */
  readonly release: string;
  /** Namespace the release is installed in. */
  readonly namespace: string;
  /**
   * Kubernetes cluster domain (chart value `global.clusterDomain`).
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
}

/** A Tempo installation: which chart, release and namespace. */
export interface StackInstall extends ReleaseRef {
  readonly chart: StackChartId;
}

/** A receiver's port on the distributor Service. */
export type ReceiverPort = Pick<Receiver, "port" | "protocol">;

/** Tempo's HTTP port (`server.http_listen_port`): Services, probes and the gateway hard-code it; do not change it. */
export const TEMPO_HTTP_PORT = 3200;
/** Tempo's gRPC port (`server.grpc_listen_port`). */
export const TEMPO_GRPC_PORT = 9095;
/** memberlist bind port of the `<fullname>-gossip-ring` Service. */
export const TEMPO_MEMBERLIST_PORT = 7946;

/** Helm's `trunc 63 | trimSuffix "-"`. */
function helmName(s: string): string {
  const t = s.slice(0, 63);
  return t.endsWith("-") ? t.slice(0, -1) : t;
}

/**
 * The common Helm `fullname` helper: the release name alone when it already contains `name`,
 * otherwise `<release>-<name>` (then `trunc 63 | trimSuffix "-"`). No `fullnameOverride`/`nameOverride` is assumed.
 *
 * @example helmFullname("lgtm-stack", "tempo") // "lgtm-stack-tempo"
 * @example helmFullname("my-tempo", "tempo")   // "my-tempo"
 */
export function helmFullname(release: string, name: string): string {
  return helmName(release.includes(name) ? release : `${release}-${name}`);
}

function endpoint(service: string, ref: ReleaseRef, port: number): ServiceEndpoint {
  const host = `${service}.${ref.namespace}.svc.${ref.clusterDomain ?? "cluster.local"}`;
  return {
    service,
    namespace: ref.namespace,
    port,
    host,
    url: port === 80 ? `http://${host}` : `http://${host}:${port}`,
  };
}

/** Addresses of a Tempo install, see {@link tempoEndpoints}. */
export interface TempoEndpoints {
  /** `tempo.fullname`: `<release>-tempo`, or the release name when it contains `tempo`. */
  readonly fullname: string;
  /** `<fullname>-query-frontend` :3200, the Tempo API Grafana talks to. */
  readonly queryFrontend: ServiceEndpoint;
  /** `<fullname>-gateway` :80 (exists only with `gateway.enabled: true`); `/api` goes to the query-frontend. */
  readonly gateway: ServiceEndpoint;
  /** `<fullname>-distributor`: a receiver's port exists only when that receiver is enabled under `traces:`. */
  readonly distributor: {
    readonly service: string;
    readonly host: string;
    readonly ports: Readonly<Record<ReceiverId, ReceiverPort>>;
  };
  /** OTLP/gRPC target `<distributor host>:4317` (needs `traces.otlp.grpc.enabled`). */
  readonly otlpGrpc: string;
  /** OTLP/HTTP base URL `http://<distributor host>:4318` (needs `traces.otlp.http.enabled`). */
  readonly otlpHttp: string;
  /** memberlist `join_members` entry as the chart renders it: `dns+<fullname>-gossip-ring:7946`. */
  readonly gossipRing: string;
}

/**
 * Service names, ports and URLs of Tempo installed by tempo-distributed on its own or as lgtm-distributed's
 * `tempo:` subchart (the name helper uses the literal `tempo`, so the alias changes nothing). Assumes no
 * `fullnameOverride`/`nameOverride`.
 *
 * @example
 * tempoEndpoints({ chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" }).queryFrontend.url
 * // "http://lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local:3200"
 */
export function tempoEndpoints(install: StackInstall): TempoEndpoints {
  const fullname = helmFullname(install.release, "tempo");
  const distributorService = `${fullname}-distributor`;
  const distributorHost = `${distributorService}.${install.namespace}.svc.${install.clusterDomain ?? "cluster.local"}`;
  const ports = {} as Record<ReceiverId, ReceiverPort>;
  for (const r of RECEIVERS) ports[r.id] = { port: r.port, protocol: r.protocol };
  return {
    fullname,
    queryFrontend: endpoint(`${fullname}-query-frontend`, install, TEMPO_HTTP_PORT),
    gateway: endpoint(`${fullname}-gateway`, install, 80),
    distributor: { service: distributorService, host: distributorHost, ports },
    otlpGrpc: `${distributorHost}:${receiver("otlpGrpc").port}`,
    otlpHttp: `http://${distributorHost}:${receiver("otlpHttp").port}`,
    gossipRing: `dns+${fullname}-gossip-ring:${TEMPO_MEMBERLIST_PORT}`,
  };
}

/** Addresses of lgtm-distributed's Loki, see {@link lokiEndpoints}. */
export interface LokiEndpoints {
  /** `<release>-loki-gateway` :80 (the gateway is on by default in loki-distributed). */
  readonly gateway: ServiceEndpoint;
  /** Loki push API through the gateway: `http://<gateway host>/loki/api/v1/push`. */
  readonly pushUrl: string;
}

/**
 * Loki as installed by lgtm-distributed's `loki:` subchart (loki-distributed): the alias makes the
 * chart name `loki`, so the fullname is `<release>-loki` (or the release name when it contains `loki`).
 * A {@link StackInstall} can be passed; its `chart` is ignored.
 *
 * @example lokiEndpoints({ release: "lgtm-stack", namespace: "lgtm-stack" }).gateway.url
 * // "http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local"
 */
export function lokiEndpoints(ref: ReleaseRef): LokiEndpoints {
  const gateway = endpoint(`${helmFullname(ref.release, "loki")}-gateway`, ref, 80);
  return { gateway, pushUrl: `${gateway.url}/loki/api/v1/push` };
}

/** Addresses of lgtm-distributed's Mimir, see {@link mimirEndpoints}. */
export interface MimirEndpoints {
  /** `<release>-mimir-nginx` :80. */
  readonly nginx: ServiceEndpoint;
  /** Prometheus query API for Grafana: `http://<nginx host>/prometheus`. */
  readonly prometheusUrl: string;
  /** Remote-write URL (e.g. Tempo's metrics-generator): `http://<nginx host>/api/v1/push`. */
  readonly pushUrl: string;
}

/**
 * Mimir as installed by lgtm-distributed's `mimir:` subchart (mimir-distributed 5.x, pinned `^5.8.0`):
 * Service `<release>-mimir-nginx` on port 80 (6.x replaces nginx with `<release>-mimir-gateway`; not targeted).
 * A {@link StackInstall} can be passed; its `chart` is ignored.
 *
 * @example mimirEndpoints({ release: "lgtm-stack", namespace: "lgtm-stack" }).pushUrl
 * // "http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push"
 */
export function mimirEndpoints(ref: ReleaseRef): MimirEndpoints {
  const nginx = endpoint(`${helmFullname(ref.release, "mimir")}-nginx`, ref, 80);
  return { nginx, prometheusUrl: `${nginx.url}/prometheus`, pushUrl: `${nginx.url}/api/v1/push` };
}

/** Addresses of a grafana/mimir-distributed release of its own, see {@link mimirGatewayEndpoints}. */
export interface MimirGatewayEndpoints {
  /** `<fullname>-gateway` :80 (`gateway.service.port`). */
  readonly gateway: ServiceEndpoint;
  /** Prometheus query API for Grafana: `http://<gateway host>/prometheus`. */
  readonly prometheusUrl: string;
  /** Remote-write URL (e.g. Tempo's metrics-generator): `http://<gateway host>/api/v1/push`. */
  readonly pushUrl: string;
}

/**
 * Mimir installed from grafana/mimir-distributed as a release of its own (a bundle's `mimir:`), with the chart's
 * `gateway:` on (`gateway.enabledNonEnterprise`) and its deprecated `nginx:` off: Service `<fullname>-gateway`
 * (templates/gateway/_helpers.tpl `mimir.gateway.service.name` = `mimir.resourceName` of component `gateway`, without
 * `gateway.service.nameOverride`) on port 80 (values.yaml `gateway.service.port` of 5.7.0). The fullname is
 * `<release>-mimir`, or the release name when it contains `mimir`. Its nginx routes `/prometheus` to the
 * query-frontend and `/api/v1/push` to the distributors (values.yaml `gateway.nginx.config.file`).
 *
 * @example mimirGatewayEndpoints({ release: "mimir", namespace: "mimir" }).prometheusUrl
 * // "http://mimir-gateway.mimir.svc.cluster.local/prometheus"
 */
export function mimirGatewayEndpoints(ref: ReleaseRef): MimirGatewayEndpoints {
  const gateway = endpoint(`${helmFullname(ref.release, "mimir")}-gateway`, ref, 80);
  return { gateway, prometheusUrl: `${gateway.url}/prometheus`, pushUrl: `${gateway.url}/api/v1/push` };
}

/**
 * The Grafana Service of a release of a chart that has Grafana as subchart `grafana` (lgtm-distributed,
 * kube-prometheus-stack) or is the grafana chart: `<release>-grafana` (or the release name when it contains `grafana`), port 80.
 *
 * @example grafanaEndpoint({ release: "kube-prometheus-stack", namespace: "monitoring" }).service // "kube-prometheus-stack-grafana"
 */
export function grafanaEndpoint(ref: ReleaseRef): ServiceEndpoint {
  return endpoint(helmFullname(ref.release, "grafana"), ref, 80);
}

/** Convenience: just the Grafana Service name of {@link grafanaEndpoint}. */
export function grafanaServiceName(release: string): string {
  return helmFullname(release, "grafana");
}
