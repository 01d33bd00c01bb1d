import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { formatJson, formatText } from "./format.js";

const diags: Diagnostic[] = [
  {
    ruleId: "tempo/local-storage",
    severity: "error",
    path: ["tempo", "storage", "trace", "backend"],
    message: "Trace storage is `local`.",
    fix: "Use s3.",
    file: "v.yaml",
    line: 12,
    column: 7,
  },
  { ruleId: "resources/missing-memory-limit", severity: "warning", path: ["ingester"], message: "No limit." },
];

describe("formatText", () => {
  it("prints compiler-style lines, the fix and a summary", () => {
    expect(formatText(diags)).toBe(
      [
        "v.yaml:12:7  error  tempo/local-storage  Trace storage is `local`. (tempo.storage.trace.backend)",
        "    fix: Use s3.",
        "<values>  warning  resources/missing-memory-limit  No limit. (ingester)",
        "1 error, 1 warning",
        "",
      ].join("\n"),
    );
  });
  it("colours severities only when asked", () => {
    expect(formatText(diags, { color: true })).toContain("\u001b[31merror\u001b[0m");
    expect(formatText(diags)).not.toContain("\u001b[");
    expect(formatText([])).toBe("");
  });
});

describe("formatJson", () => {
  it("emits the DESIGN.md shape with keys in order and nulls for unknown positions", () => {
    const parsed = JSON.parse(formatJson(diags)) as Record<string, unknown>[];
    expect(Object.keys(parsed[0] ?? {})).toEqual([
      "file",
      "line",
      "column",
      "path",
      "ruleId",
      "severity",
      "message",
      "fix",
    ]);
    expect(parsed[1]).toEqual({
      file: null,
      line: null,
      column: null,
      path: "ingester",
      ruleId: "resources/missing-memory-limit",
      severity: "warning",
      message: "No limit.",
    });
  });
  it("prints path as the formatted dot path, quoted keys included", () => {
    const quoted: Diagnostic = {
      ruleId: "datasource/dangling-uid",
      severity: "error",
      path: ["grafana", "datasources", "datasources.yaml", "datasources", 0, "uid"],
      message: "m",
    };
    const [json] = JSON.parse(formatJson([quoted])) as { path: string }[];
    expect(json?.path).toBe('grafana.datasources["datasources.yaml"].datasources[0].uid');
    expect(formatText([quoted])).toContain('(grafana.datasources["datasources.yaml"].datasources[0].uid)');
  });
});
