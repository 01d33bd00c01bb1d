import { describe, expect, it } from "vitest";
import { checkReplicationQuorum, writeQuorum } from "./semantic-checks.js";

describe("writeQuorum", () => {
  it("is floor(rf/2)+1, as dskit counts live ingesters", () => {
    expect([1, 2, 3, 4, 5, 7].map(writeQuorum)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});

describe("checkReplicationQuorum", () => {
  it("errors below the quorum, warns between quorum and rf, accepts rf or more", () => {
    expect(checkReplicationQuorum(1, 3).map((d) => [d.ruleId, d.severity])).toEqual([
      ["tempo/replication-quorum", "error"],
    ]);
    expect(checkReplicationQuorum(3, 4).map((d) => [d.ruleId, d.severity])).toEqual([
      ["tempo/replication-below-rf", "warning"],
    ]);
    expect(checkReplicationQuorum(3, 3)).toEqual([]);
  });
});
