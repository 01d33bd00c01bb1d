import { describe, expect, it } from "vitest";
import { compareVersions, maxSatisfying, satisfies } from "./semver.js";

describe("Helm version constraints", () => {
  it("caret on 0.x keeps the minor (Masterminds)", () => {
    expect(satisfies("0.80.6", "^0.80.5")).toBe(true);
    expect(satisfies("0.81.0", "^0.80.5")).toBe(false);
  });
  it("caret on 1.x+ keeps the major and skips pre-releases", () => {
    expect(satisfies("1.61.3", "^1.48.0")).toBe(true);
    expect(satisfies("2.0.0", "^1.48.0")).toBe(false);
    expect(satisfies("5.9.0-weekly.365", "^5.8.0")).toBe(false);
    expect(maxSatisfying(["5.8.0", "5.9.0-weekly.365", "6.0.0"], "^5.8.0")).toBe("5.8.0");
  });
  it("wildcards, exact versions, comparisons and OR", () => {
    expect(satisfies("6.56.5", "6.56.*")).toBe(true);
    expect(satisfies("6.57.0", "6.56.*")).toBe(false);
    expect(satisfies("12.11.1", "12.11.1")).toBe(true);
    expect(satisfies("1.25.3", ">=1.19.0-0")).toBe(true);
    expect(satisfies("3.0.0", "^1.0.0 || ^3.0.0")).toBe(true);
  });
  it("orders versions numerically, releases after their pre-releases", () => {
    expect(["1.10.0", "1.9.2", "1.10.0-rc.1"].sort(compareVersions)).toEqual(["1.9.2", "1.10.0-rc.1", "1.10.0"]);
  });
});
