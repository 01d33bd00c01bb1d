import { resolveKey } from "@lgtm-gitops/charts";
import { describe, expect, it } from "vitest";
import { findRelocation, RELOCATIONS, receiverSwitchesFor } from "./relocations.js";

describe("the relocation table", () => {
  it("points only at keys tempo-distributed 1.61.3 reads (or at a structuredConfig fallback)", () => {
    for (const r of RELOCATIONS) {
      if (r.to.includes("*")) {
        expect(
          r.to === "traces.*" ||
            r.fallback !== undefined ||
            resolveKey(
              "tempo-distributed@1.61.3",
              r.to.split(".").filter((s) => s !== "*"),
            ).kind !== "unknown",
        ).toBe(true);
        continue;
      }
      expect(resolveKey("tempo-distributed@1.61.3", r.to.split(".")).kind, r.to).not.toBe("unknown");
    }
  });
  it("substitutes the matched key", () => {
    expect(findRelocation(["tempo", "compactor", "compaction_window"])?.to).toBe(
      "compactor.config.compaction.compaction_window",
    );
    expect(findRelocation(["query_frontend"])?.to).toBe("queryFrontend");
    expect(findRelocation(["nothing", "here"])).toBeUndefined();
  });
  it("maps Tempo-style receivers to the chart's switches", () => {
    expect(receiverSwitchesFor({ otlp: { protocols: { grpc: {}, http: {} } }, zipkin: {} })).toEqual([
      "traces.otlp.grpc.enabled: true",
      "traces.otlp.http.enabled: true",
      "traces.zipkin.enabled: true",
    ]);
  });
});
