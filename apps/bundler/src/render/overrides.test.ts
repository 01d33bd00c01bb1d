import { describe, expect, it } from "vitest";
import { overrideWarnings, type ValuesOverride } from "./overrides.js";

const where = (written: boolean) => ({
  file: "c.yaml",
  locate: (p: readonly (string | number)[]) => ({ line: p.length, column: 1 }),
  written: () => written,
});

describe("overrideWarnings", () => {
  it("groups the typed fields one override replaces into one warning at the override", () => {
    const list: ValuesOverride[] = [
      { typed: ["tempo", "compactor", "replicas"], at: ["values", "stack", "compactor"], before: 2, after: 1 },
      { typed: ["tempo", "compactor"], at: ["values", "stack", "compactor"], before: ["-a"], after: undefined },
    ];
    const [d, ...rest] = overrideWarnings(list, where(true));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      ruleId: "definition/values-override",
      severity: "warning",
      path: ["values", "stack", "compactor"],
      file: "c.yaml",
      line: 3,
    });
    expect(d?.message).toBe(
      "`values.stack.compactor` overrides what the typed definition sets: `tempo.compactor.replicas` (line 3, column 1) gives 2, the chart gets 1; `tempo.compactor` (line 2, column 1) gives a list of 1 item, the chart gets nothing (the key is deleted). The typed values have no effect; the README shows what the chart gets.",
    );
    expect(d?.fix).toBe(
      "Set the value in `tempo.compactor.replicas`, `tempo.compactor` and remove `values.stack.compactor` (`values:` is for what the typed fields do not model).",
    );
  });

  it("says when the typed value is the default, and never repeats a credential or a URL", () => {
    const [d] = overrideWarnings(
      [
        {
          typed: ["tempo", "storage", "secretKey"],
          at: ["values", "stack", "storage", "trace", "s3", "secret_key"],
          before: "$TEMPO_S3_SECRET_KEY",
          after: "hunter2",
        },
        {
          typed: ["tempo", "storage", "endpoint"],
          at: ["values", "stack", "storage", "trace", "s3", "secret_key"],
          before: "s3.example.com",
          after: "https://user:pw@s3.example.com",
        },
      ],
      where(false),
    );
    expect(d?.message).toContain(
      "`tempo.storage.secretKey` (its default) gives another value, the chart gets another value",
    );
    expect(d?.message).not.toMatch(/hunter2|pw@/);
  });
});
