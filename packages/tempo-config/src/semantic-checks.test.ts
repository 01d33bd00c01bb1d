import { describe, expect, it } from "vitest";
import { writeQuorum } from "./semantic-checks.js";

describe("writeQuorum", () => {
  it("is floor(rf/2)+1, as dskit counts live ingesters", () => {
    expect([1, 2, 3, 4, 5, 7].map(writeQuorum)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});
