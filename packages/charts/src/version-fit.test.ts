import { describe, expect, it } from "vitest";
import { versionFit } from "./version-fit.js";

describe("versionFit: the catalogued versions that read most of a file's keys", () => {
  it("a key added in 1.33.0 and one last read by 2.12.0 give that range (2.12.1 dropped it)", () => {
    const fit = versionFit("tempo-distributed", { per_tenant_overrides: {}, podDisruptionBudget: {} });
    expect(fit?.range).toBe("≥1.33 <2.12.1");
    expect(fit?.chart).toBe("tempo-distributed@1.61.3"); // the preferred version fits: it is checked against it
    expect(fit?.unknownKeys).toBe(0);
  });

  it("the old overrides name fits only the versions before the rename", () => {
    const fit = versionFit("tempo-distributed", { global_overrides: { per_tenant_override_config: "/x" } });
    expect(fit?.range).toBe("<1.33");
    expect(fit?.chart).toBe("tempo-distributed@1.32.7"); // the newest that fits
  });

  it("keys every version reads fit any version; an umbrella chart is judged with its subcharts", () => {
    expect(versionFit("tempo-distributed", { traces: { otlp: { grpc: { enabled: true } } } })?.range).toBe(
      "any version",
    );
    const lgtm = versionFit("lgtm-distributed", { "grafana-oncall": { enabled: false }, tempo: { ingester: {} } });
    expect(lgtm?.range).toBe("≥2.1");
    expect(lgtm?.chart).toBe("lgtm-distributed@3.0.1");
    expect(versionFit("grafana-oncall", {})).toBeUndefined();
  });
});
