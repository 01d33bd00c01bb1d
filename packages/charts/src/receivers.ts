import type { PathSegments } from "@lgtm-gitops/diagnostics";

/** A trace receiver the tempo-distributed chart can switch on under `traces:`. */
export type ReceiverId =
  | "otlpGrpc"
  | "otlpHttp"
  | "jaegerGrpc"
  | "jaegerThriftHttp"
  | "jaegerThriftCompact"
  | "jaegerThriftBinary"
  | "zipkin"
  | "opencensus";

/** One receiver: where the chart switches it on, where Tempo's config holds it, and the port it opens. */
export interface Receiver {
  readonly id: ReceiverId;
  /** How people call it: `OTLP gRPC`, `Jaeger Thrift compact (UDP)`. */
  readonly label: string;
  /** Port on the distributor Service (and container), the same Tempo binds (`0.0.0.0:<port>`). */
  readonly port: number;
  /** Transport: the Jaeger Thrift compact/binary receivers are UDP, everything else TCP. */
  readonly protocol: "TCP" | "UDP";
  /**
   * The chart's block for it, relative to the Tempo values (`["traces", "otlp", "grpc"]`): `enabled` switches it on
   * (all default to false: no receiver port exists until one is enabled), `receiverConfig` is merged over the
   * endpoint. A TempoSpec has the same block under `receivers` (`receivers.otlp.grpc`), except for opencensus.
   */
  readonly chartPath: PathSegments;
  /** Where Tempo's `distributor.receivers` (OpenTelemetry collector layout) holds it: `["otlp", "protocols", "grpc"]`. */
  readonly otelPath: PathSegments;
}

/** Every receiver of tempo-distributed's `traces:`, in the chart's order: THE receiver table. */
export const RECEIVERS: readonly Receiver[] = Object.freeze([
  {
    id: "otlpGrpc",
    label: "OTLP gRPC",
    port: 4317,
    protocol: "TCP",
    chartPath: ["traces", "otlp", "grpc"],
    otelPath: ["otlp", "protocols", "grpc"],
  },
  {
    id: "otlpHttp",
    label: "OTLP HTTP",
    port: 4318,
    protocol: "TCP",
    chartPath: ["traces", "otlp", "http"],
    otelPath: ["otlp", "protocols", "http"],
  },
  {
    id: "jaegerGrpc",
    label: "Jaeger gRPC",
    port: 14250,
    protocol: "TCP",
    chartPath: ["traces", "jaeger", "grpc"],
    otelPath: ["jaeger", "protocols", "grpc"],
  },
  {
    id: "jaegerThriftHttp",
    label: "Jaeger Thrift HTTP",
    port: 14268,
    protocol: "TCP",
    chartPath: ["traces", "jaeger", "thriftHttp"],
    otelPath: ["jaeger", "protocols", "thrift_http"],
  },
  {
    id: "jaegerThriftCompact",
    label: "Jaeger Thrift compact (UDP)",
    port: 6831,
    protocol: "UDP",
    chartPath: ["traces", "jaeger", "thriftCompact"],
    otelPath: ["jaeger", "protocols", "thrift_compact"],
  },
  {
    id: "jaegerThriftBinary",
    label: "Jaeger Thrift binary (UDP)",
    port: 6832,
    protocol: "UDP",
    chartPath: ["traces", "jaeger", "thriftBinary"],
    otelPath: ["jaeger", "protocols", "thrift_binary"],
  },
  {
    id: "zipkin",
    label: "Zipkin",
    port: 9411,
    protocol: "TCP",
    chartPath: ["traces", "zipkin"],
    otelPath: ["zipkin"],
  },
  {
    id: "opencensus",
    label: "OpenCensus",
    port: 55678,
    protocol: "TCP",
    chartPath: ["traces", "opencensus"],
    otelPath: ["opencensus"],
  },
] as const);

/** The receiver with this id. */
export function receiver(id: ReceiverId): Receiver {
  return RECEIVERS.find((r) => r.id === id) as Receiver;
}
