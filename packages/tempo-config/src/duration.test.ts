import { describe, expect, it } from "vitest";
import { durationToMs, isGoDuration, quantityValue, suggestDuration } from "./duration.js";

describe("Go durations", () => {
  it("accepts what time.ParseDuration accepts", () => {
    for (const d of ["0", "24h", "1h30m", "300ms", "1.5h", "2562047h47m16.854775807s"])
      expect(isGoDuration(d)).toBe(true);
    for (const d of ["", "7d", "24", "1 h", "h", "-", "1hour"]) expect(isGoDuration(d)).toBe(false);
  });
  it("converts and suggests", () => {
    expect(durationToMs("1h30m")).toBe(5_400_000);
    expect(durationToMs("7d")).toBeUndefined();
    expect(suggestDuration("14d")).toBe("336h");
    expect(suggestDuration("30")).toBe("30s");
  });
  it("reads Kubernetes quantities", () => {
    expect(quantityValue("512Mi")).toBe(536_870_912);
    expect(quantityValue("500m")).toBe(0.5);
    expect(quantityValue("1e3")).toBe(1000);
    expect(quantityValue("1e-3")).toBe(0.001);
    expect(quantityValue("1E")).toBe(1e18);
    expect(quantityValue(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(quantityValue("lots")).toBeUndefined();
  });
});
