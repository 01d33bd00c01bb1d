import { describe, expect, it } from "vitest";
import { childKeys, resolveKey } from "./catalog.js";
import { suggestKeys } from "./suggest.js";

describe("suggestKeys", () => {
  it("maps snake_case to the chart's camelCase section", () => {
    const r = resolveKey("lgtm-distributed@3.0.1", ["tempo", "query_frontend"]);
    expect(r.kind).toBe("unknown");
    if (r.kind === "unknown") expect(suggestKeys("query_frontend", r.siblings)).toEqual(["queryFrontend"]);
  });

  it("catches small typos, best first", () => {
    expect(suggestKeys("replicsa", ["replicas", "resources"])).toEqual(["replicas"]);
    expect(suggestKeys("multitenancy_enabled", childKeys("tempo-distributed@1.61.3", []))).toEqual([
      "multitenancyEnabled",
    ]);
    expect(suggestKeys("gatewy", ["gateway", "gateway2"])).toEqual(["gateway", "gateway2"]);
  });

  it("stays quiet when nothing is close", () => {
    expect(suggestKeys("retention_period", childKeys("tempo-distributed@1.61.3", ["tempo"]))).toEqual([]);
    expect(suggestKeys("abc", ["xyz"])).toEqual([]);
    expect(suggestKeys("replicas", ["replicas"])).toEqual([]);
  });
});
