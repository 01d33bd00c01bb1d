import { describe, expect, it } from "vitest";
import { resolveKey } from "./catalog.js";
import { RECEIVERS, receiver } from "./receivers.js";

describe("the receiver table", () => {
  it("names switches tempo-distributed reads, each with its own port", () => {
    for (const r of RECEIVERS) {
      expect(resolveKey("tempo-distributed@1.61.3", [...r.chartPath, "enabled"]).kind).toBe("known");
      expect(resolveKey("lgtm-distributed@3.0.1", ["tempo", ...r.chartPath, "receiverConfig"]).kind).not.toBe(
        "unknown",
      );
    }
    expect(new Set(RECEIVERS.map((r) => r.port)).size).toBe(RECEIVERS.length);
  });
  it("finds a receiver by id", () => {
    expect(receiver("jaegerThriftCompact")).toMatchObject({
      port: 6831,
      protocol: "UDP",
      otelPath: ["jaeger", "protocols", "thrift_compact"],
    });
  });
});
