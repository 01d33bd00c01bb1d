import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  escapeBareDollars,
  escapeForFile,
  escapeForHelm,
  expandLikeGrafana,
  findUnescapedDollars,
  HELM_LITERAL_OPEN,
  unescapeHelm,
} from "./escaping.js";

describe("escaping per output", () => {
  it("file: every $ doubles, and Grafana's expansion gives the literal back", () => {
    const q = "sum(rate(x{$__tags}[5m])) ${__span.tags.method} ${__value.raw} $1 {{ .Values }}";
    expect(escapeForFile(q)).toBe(
      "sum(rate(x{$$__tags}[5m])) $${__span.tags.method} $${__value.raw} $$1 {{ .Values }}",
    );
    expect(expandLikeGrafana(escapeForFile(q), { HOME: "/root" })).toBe(q);
  });
  it("helm: also keeps {{ literal through tpl", () => {
    const q = '{job="a"} | label_format x="{{ .y }}" ${__value.raw}';
    const escaped = escapeForHelm(q);
    expect(escaped).toBe('{job="a"} | label_format x="{{`{{`}} .y }}" $${__value.raw}');
    expect(expandLikeGrafana(unescapeHelm(escaped))).toBe(q);
  });
  it("helm: the {{ escape survives every YAML scalar style Helm's toYaml may pick before tpl", () => {
    // go-yaml double-quotes a string holding a tab; a quoted escape such as {{ "{{" }} would then reach tpl
    // as {{ \"{{\" }} and fail to parse. The raw-string form holds nothing any quoting style rewrites.
    expect(HELM_LITERAL_OPEN).not.toMatch(/["'\\]/);
    const q = '{job="a"}\t| line_format "{{ .msg }}"';
    for (const type of ["QUOTE_DOUBLE", "QUOTE_SINGLE", "PLAIN", "BLOCK_LITERAL"] as const) {
      const text = stringify({ q: escapeForHelm(q) }, { defaultStringType: type });
      expect(text).toContain(HELM_LITERAL_OPEN);
      expect(expandLikeGrafana(unescapeHelm(parse(text).q))).toBe(q);
    }
  });
  it("round-trips any string (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(expandLikeGrafana(escapeForFile(s), { A: "x" })).toBe(s);
        expect(expandLikeGrafana(unescapeHelm(escapeForHelm(s)), { A: "x" })).toBe(s);
      }),
    );
  });
  it("unescaped values lose Grafana variables (grafana/grafana#86604)", () => {
    expect(expandLikeGrafana("${__span.tags.method}")).toBe("");
    expect(expandLikeGrafana("x{$__tags}")).toBe("x{}");
    expect(expandLikeGrafana("${TENANT}", { TENANT: "team-a" })).toBe("team-a");
    expect(expandLikeGrafana("$__env{TENANT}", { TENANT: "team-a" })).toBe("team-a");
    expect(expandLikeGrafana("$__file{/s/k}", {}, { "/s/k": "secret" })).toBe("secret");
    expect(expandLikeGrafana("cost $ 5")).toBe("cost $ 5");
  });
});

describe("findUnescapedDollars", () => {
  it("reports Grafana variables and shell-like names", () => {
    expect(findUnescapedDollars("${__value.raw}").map((d) => d.text)).toEqual(["${__value.raw}"]);
    expect(findUnescapedDollars("x{$__tags} $1 $name").map((d) => d.text)).toEqual(["$__tags", "$1", "$name"]);
  });
  it("accepts escapes, env references and expanders", () => {
    expect(findUnescapedDollars("$${__value.raw} $$__tags ${TENANT} $__env{X} $__file{/a/b} $__vault{p} $ 5")).toEqual(
      [],
    );
  });
  it("escapeBareDollars doubles only what would be expanded", () => {
    expect(escapeBareDollars("${TENANT} ${__value.raw} $$x")).toBe("${TENANT} $${__value.raw} $$x");
  });
});

describe("expandLikeGrafana with variable names of Object.prototype members", () => {
  it("expands them to the empty string like any unset variable", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(expandLikeGrafana(`a$${name}b`)).toBe("a");
      expect(expandLikeGrafana(`a\${${name}}b`)).toBe("ab");
      expect(expandLikeGrafana(`a$__env{${name}}b`)).toBe("ab");
      expect(expandLikeGrafana(`a$__file{${name}}b`)).toBe("ab");
    }
    expect(expandLikeGrafana("${constructor}", { constructor: "set" })).toBe("set");
  });
});
