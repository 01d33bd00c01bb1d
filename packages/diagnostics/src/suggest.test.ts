import { describe, expect, it } from "vitest";
import { closestKey, suggestKeys } from "./suggest.js";

describe("suggestKeys", () => {
  it("matches names that differ only in case and separators first", () => {
    expect(suggestKeys("query_frontend", ["querier", "queryFrontend"])).toEqual(["queryFrontend"]);
    expect(suggestKeys("ServerSideApply=True", ["ServerSideApply=true", "Validate=false"])).toEqual([
      "ServerSideApply=true",
    ]);
  });
  it("completes a cut-off name and catches small typos, best first", () => {
    expect(suggestKeys("valuesObj", ["values", "valuesObject"])).toEqual(["valuesObject"]);
    expect(suggestKeys("replicsa", ["replicas", "resources"])).toEqual(["replicas"]);
    expect(suggestKeys("gatewy", ["gateway2", "gateway"])).toEqual(["gateway", "gateway2"]);
    expect(closestKey("tempo/replication-quorom", ["tempo/replication-quorum", "tempo/no-receiver"])).toBe(
      "tempo/replication-quorum",
    );
  });
  it("stays quiet when nothing is close, and never suggests the key itself", () => {
    expect(suggestKeys("abc", ["xyz"])).toEqual([]);
    expect(suggestKeys("replicas", ["replicas"])).toEqual([]);
    expect(suggestKeys("ab", ["abcdef"])).toEqual([]);
    expect(closestKey("retention_period", ["replicas", "resources", "structuredConfig"])).toBeUndefined();
  });
});
