import { describe, expect, it } from "vitest";
import { isValidUid, safeUidFromName } from "./safe-uid.js";

describe("safeUidFromName", () => {
  it("matches the uids Grafana derives (notes §1, ansible/awx#16462)", () => {
    expect(safeUidFromName("Prometheus")).toBe("PBFA97CFB590B2093");
    expect(safeUidFromName("Loki")).toBe("P8E80F9AEF21F6940");
    expect(safeUidFromName("Tempo")).toBe("P214B5B846CF3925F");
  });
  it("always gives a valid 17-character uid", () => {
    for (const name of ["", "Oracle 11 (Integration)", "日本語", "x".repeat(500)]) {
      const uid = safeUidFromName(name);
      expect(uid).toHaveLength(17);
      expect(isValidUid(uid)).toBe(true);
    }
  });
});

describe("isValidUid", () => {
  it("accepts 1..40 of [a-zA-Z0-9_-] only", () => {
    expect(isValidUid("tempo")).toBe(true);
    expect(isValidUid("a".repeat(40))).toBe(true);
    expect(isValidUid("a".repeat(41))).toBe(false);
    expect(isValidUid("")).toBe(false);
    expect(isValidUid("Oracle 11 (Integration)")).toBe(false);
    expect(isValidUid("my.uid")).toBe(false);
  });
});
