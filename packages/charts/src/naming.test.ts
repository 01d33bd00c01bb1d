import { describe, expect, it } from "vitest";
import { chartDefaults } from "../test/support.js";
import type { ChartId } from "./chart-id.js";
import {
  grafanaEndpoint,
  grafanaServiceName,
  helmFullname,
  lokiEndpoints,
  mimirEndpoints,
  mimirGatewayEndpoints,
  tempoEndpoints,
} from "./naming.js";
import { RECEIVERS, receiver } from "./receivers.js";

const lgtm = { chart: "lgtm-distributed@3.0.1", release: "lgtm-stack", namespace: "lgtm-stack" } as const;

describe("helmFullname", () => {
  it("prefixes the release unless it already contains the name", () => {
    expect(helmFullname("lgtm-stack", "tempo")).toBe("lgtm-stack-tempo");
    expect(helmFullname("tempo", "tempo")).toBe("tempo");
    expect(helmFullname("my-tempo-prod", "tempo")).toBe("my-tempo-prod");
  });
  it("truncates to 63 characters and drops a trailing dash (trunc 63 | trimSuffix)", () => {
    const release = `${"a".repeat(56)}-b`; // 58 chars; + "-tempo" = 64 → cut at 63
    expect(helmFullname(release, "tempo")).toBe(`${release}-temp`);
    expect(helmFullname(`${"a".repeat(62)}-x`, "loki")).toBe("a".repeat(62));
  });
});

describe("tempoEndpoints", () => {
  it("names lgtm-distributed's Tempo Services (release lgtm-stack)", () => {
    const t = tempoEndpoints(lgtm);
    expect(t.fullname).toBe("lgtm-stack-tempo");
    expect(t.queryFrontend).toEqual({
      service: "lgtm-stack-tempo-query-frontend",
      namespace: "lgtm-stack",
      port: 3200,
      host: "lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local",
      url: "http://lgtm-stack-tempo-query-frontend.lgtm-stack.svc.cluster.local:3200",
    });
    // The URL the tutorial gave Grafana for Tempo.
    expect(t.gateway.url).toBe("http://lgtm-stack-tempo-gateway.lgtm-stack.svc.cluster.local");
    expect(t.gateway.port).toBe(80);
    expect(t.distributor.service).toBe("lgtm-stack-tempo-distributor");
    expect(t.otlpGrpc).toBe("lgtm-stack-tempo-distributor.lgtm-stack.svc.cluster.local:4317");
    expect(t.otlpHttp).toBe("http://lgtm-stack-tempo-distributor.lgtm-stack.svc.cluster.local:4318");
    expect(t.gossipRing).toBe("dns+lgtm-stack-tempo-gossip-ring:7946");
  });

  it("lists every receiver port, thrift compact/binary on UDP", () => {
    const { ports } = tempoEndpoints(lgtm).distributor;
    expect(Object.keys(ports).sort()).toEqual(RECEIVERS.map((r) => r.id).sort());
    expect(ports.jaegerGrpc).toEqual({ port: 14250, protocol: "TCP" });
    expect(ports.jaegerThriftHttp).toEqual({ port: 14268, protocol: "TCP" });
    expect(ports.jaegerThriftCompact).toEqual({ port: 6831, protocol: "UDP" });
    expect(ports.jaegerThriftBinary).toEqual({ port: 6832, protocol: "UDP" });
    expect(ports.zipkin.port).toBe(9411);
    expect(ports.opencensus.port).toBe(55678);
  });

  it("uses the release name alone when it contains 'tempo', and the given cluster domain", () => {
    const t = tempoEndpoints({
      chart: "tempo-distributed@1.61.3",
      release: "tempo",
      namespace: "tracing",
      clusterDomain: "corp.local",
    });
    expect(t.queryFrontend.host).toBe("tempo-query-frontend.tracing.svc.corp.local");
    expect(t.gossipRing).toBe("dns+tempo-gossip-ring:7946");
  });
});

describe("lokiEndpoints / mimirEndpoints / grafanaEndpoint", () => {
  it("names lgtm-distributed's Loki gateway and Mimir nginx", () => {
    expect(lokiEndpoints(lgtm).gateway.url).toBe("http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local");
    expect(lokiEndpoints(lgtm).pushUrl).toBe(
      "http://lgtm-stack-loki-gateway.lgtm-stack.svc.cluster.local/loki/api/v1/push",
    );
    const m = mimirEndpoints({ release: "lgtm-stack", namespace: "lgtm-stack" });
    expect(m.nginx.service).toBe("lgtm-stack-mimir-nginx");
    expect(m.prometheusUrl).toBe("http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/prometheus");
    expect(m.pushUrl).toBe("http://lgtm-stack-mimir-nginx.lgtm-stack.svc.cluster.local/api/v1/push");
  });

  it("names a mimir-distributed release's gateway, at the port its values.yaml gives the Service", () => {
    const m = mimirGatewayEndpoints({ release: "mimir", namespace: "mimir" });
    expect(m.gateway.service).toBe("mimir-gateway");
    expect(m.prometheusUrl).toBe("http://mimir-gateway.mimir.svc.cluster.local/prometheus");
    expect(m.pushUrl).toBe("http://mimir-gateway.mimir.svc.cluster.local/api/v1/push");
    expect(mimirGatewayEndpoints({ release: "metrics", namespace: "obs" }).gateway.service).toBe(
      "metrics-mimir-gateway",
    );
    const gateway = (chartDefaults("mimir-distributed@5.7.0") as { gateway: { service: { port: number } } }).gateway;
    expect(m.gateway.port).toBe(gateway.service.port);
  });

  it("names Grafana Services", () => {
    expect(grafanaServiceName("kube-prometheus-stack")).toBe("kube-prometheus-stack-grafana");
    expect(grafanaEndpoint({ release: "lgtm-stack", namespace: "lgtm-stack" }).url).toBe(
      "http://lgtm-stack-grafana.lgtm-stack.svc.cluster.local",
    );
    expect(grafanaServiceName("grafana")).toBe("grafana");
  });
});

describe("naming agrees with the charts' own values (their committed facts)", () => {
  const values = (id: string): unknown => chartDefaults(id as ChartId);

  it("lgtm-distributed's own datasource URLs use the same Service names and ports", () => {
    const v = values("lgtm-distributed@3.0.1") as {
      grafana: { datasources: Record<string, { datasources: { name: string; url: string }[] }> };
    };
    const urls = Object.fromEntries(
      (v.grafana.datasources["datasources.yaml"]?.datasources ?? []).map((d) => [
        d.name,
        d.url.replace("{{ .Release.Name }}", "lgtm-stack"),
      ]),
    );
    const t = tempoEndpoints(lgtm);
    expect(urls.Tempo).toBe(`http://${t.queryFrontend.service}:${t.queryFrontend.port}`);
    expect(urls.Loki).toBe(`http://${lokiEndpoints(lgtm).gateway.service}`);
    expect(urls.Mimir).toBe(`http://${mimirEndpoints(lgtm).nginx.service}/prometheus`);
  });

  it("tempo-distributed: join_members is the gossip ring Service of the fullname", () => {
    const v = values("tempo-distributed@1.61.3") as { config: string };
    expect(v.config).toContain('- dns+{{ include "tempo.fullname" . }}-gossip-ring:{{ .Values.memberlist.bind_port }}');
  });

  it("tempo-distributed: receiver endpoints in the config template match the receiver table", () => {
    const v = values("tempo-distributed@1.61.3") as {
      config: string;
      memberlist: { bind_port: number };
      traces: { otlp: { grpc: { port: number } } };
    };
    expect(v.memberlist.bind_port).toBe(7946);
    expect(v.traces.otlp.grpc.port).toBe(receiver("otlpGrpc").port);
    for (const r of RECEIVERS) expect(v.config).toContain(`"endpoint" "0.0.0.0:${r.port}"`);
  });

  it("loki-distributed: gateway Service port 80 and the push location", () => {
    const v = values("loki-distributed@0.80.6") as {
      gateway: { service: { port: number }; nginxConfig: { file: string } };
    };
    expect(v.gateway.service.port).toBe(80);
    expect(v.gateway.nginxConfig.file).toContain("location = /loki/api/v1/push");
  });
});
