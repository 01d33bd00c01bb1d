import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { rules } from "./catalogue.js";
import { formatSarif } from "./format.js";
import { lintDocuments } from "./lint.js";

// The parts of SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json) that formatSarif emits, strict where the standard is.
const message = z.object({ text: z.string().min(1) }).strict();
const sarifSchema = z
  .object({
    $schema: z.string().url(),
    version: z.literal("2.1.0"),
    runs: z
      .array(
        z
          .object({
            tool: z.object({
              driver: z.object({
                name: z.string().min(1),
                version: z.string().optional(),
                informationUri: z.string().url().optional(),
                rules: z.array(
                  z
                    .object({
                      id: z.string().min(1),
                      name: z.string(),
                      shortDescription: message,
                      fullDescription: message,
                      help: message,
                      helpUri: z.string().regex(/^docs\/rules\.md#[a-z0-9-]+$/),
                      defaultConfiguration: z.object({ level: z.enum(["none", "note", "warning", "error"]) }).strict(),
                    })
                    .strict(),
                ),
              }),
            }),
            columnKind: z.enum(["utf16CodeUnits", "unicodeCodePoints"]),
            results: z.array(
              z
                .object({
                  ruleId: z.string().min(1),
                  ruleIndex: z.number().int().nonnegative().optional(),
                  level: z.enum(["none", "note", "warning", "error"]),
                  message,
                  locations: z
                    .array(
                      z
                        .object({
                          physicalLocation: z
                            .object({
                              artifactLocation: z.object({ uri: z.string().min(1) }).strict(),
                              region: z
                                .object({ startLine: z.number().int().min(1), startColumn: z.number().int().min(1) })
                                .strict()
                                .optional(),
                            })
                            .strict(),
                        })
                        .strict(),
                    )
                    .optional(),
                  properties: z.record(z.string(), z.unknown()).optional(),
                })
                .strict(),
            ),
          })
          .strict(),
      )
      .length(1),
  })
  .strict();

describe("formatSarif (lint --format sarif)", () => {
  const { diagnostics } = lintDocuments([
    { file: "fixtures/tutorial/lgtm-values.yaml", text: tutorialFile("lgtm-values.yaml") },
  ]);
  const log = sarifSchema.parse(JSON.parse(formatSarif(diagnostics, { toolVersion: "0.1.0" })));
  const run = log.runs[0];

  it("is a SARIF 2.1.0 log whose rules are the whole catalogue, with help links to docs/rules.md", () => {
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    expect(run?.tool.driver.version).toBe("0.1.0");
    const quorum = run?.tool.driver.rules.find((r) => r.id === "tempo/replication-quorum");
    expect(quorum?.helpUri).toBe("docs/rules.md#temporeplication-quorum-error");
    expect(quorum?.defaultConfiguration.level).toBe("error");
  });

  it("has one result per diagnostic, with rule index, level, relative uri, line and column", () => {
    expect(run?.results).toHaveLength(diagnostics.length);
    const r = run?.results.find((x) => x.ruleId === "tempo/replication-quorum");
    expect(r?.level).toBe("error");
    expect(r?.ruleIndex).toBe(rules.findIndex((x) => x.id === "tempo/replication-quorum"));
    expect(r?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/tutorial/lgtm-values.yaml" },
      region: { startLine: 69, startColumn: 5 },
    });
    expect(r?.message.text).toMatch(/\nFix: Set `tempo.ingester.config.replication_factor: 1`/);
    expect(run?.results.filter((x) => x.level === "warning").length).toBe(
      diagnostics.filter((d) => d.severity === "warning").length,
    );
  });

  it("maps info to note, encodes file names, and leaves out what is unknown", () => {
    const out = sarifSchema.parse(
      JSON.parse(
        formatSarif([
          { ruleId: "not/catalogued", severity: "info", path: [], message: "m", file: "dir/a b#.yaml" },
          { ruleId: "yaml/syntax", severity: "error", path: [], message: "no file" },
        ]),
      ),
    );
    const [a, b] = out.runs[0]?.results ?? [];
    expect(a).toEqual({
      ruleId: "not/catalogued",
      level: "note",
      message: { text: "m" },
      locations: [{ physicalLocation: { artifactLocation: { uri: "dir/a%20b%23.yaml" } } }],
    });
    expect(b?.locations).toBeUndefined();
    expect(b?.ruleIndex).toBeTypeOf("number");
  });
});
