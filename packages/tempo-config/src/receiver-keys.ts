import type { KeyTree } from "./key-tree.js";

/**
 * Keys of the OTel collector receivers Tempo 2.9 vendors (collector v0.132): `distributor.receivers` is decoded
 * by the collector's confmap, which rejects unknown keys at distributor start
 * ("'protocols.grpc' has invalid keys: tls"). Nested settings (tls, keepalive, cors, auth) are not checked deeper.
 */
const grpcServer: KeyTree = {
  endpoint: "s",
  transport: "s",
  tls: "m",
  max_recv_msg_size_mib: "i",
  max_concurrent_streams: "i",
  read_buffer_size: "i",
  write_buffer_size: "i",
  keepalive: "m",
  include_metadata: "b",
  auth: "m",
};

const httpServer: KeyTree = {
  endpoint: "s",
  tls: "m",
  cors: "m",
  auth: "m",
  max_request_body_size: "i",
  include_metadata: "b",
  response_headers: "m",
  compression_algorithms: "l",
  read_timeout: "d",
  read_header_timeout: "d",
  write_timeout: "d",
  idle_timeout: "d",
  keep_alives_enabled: "b",
};

const udpServer: KeyTree = {
  endpoint: "s",
  queue_size: "i",
  max_packet_size: "i",
  workers: "i",
  socket_buffer_size: "i",
};

/** The receivers Tempo 2.9 wires (`otlp`, `jaeger`, `zipkin`, `opencensus`, `kafka`) and their keys. */
export const RECEIVER_KEY_TREE: KeyTree = {
  otlp: {
    protocols: {
      grpc: grpcServer,
      http: { ...httpServer, traces_url_path: "s", metrics_url_path: "s", logs_url_path: "s" },
    },
  },
  jaeger: {
    protocols: {
      grpc: grpcServer,
      thrift_http: httpServer,
      thrift_compact: udpServer,
      thrift_binary: udpServer,
    },
  },
  zipkin: { ...httpServer, parse_string_tags: "b" },
  opencensus: { ...grpcServer, cors_allowed_origins: "l" },
  kafka: "m",
};
