import { describe, expect, it } from "vitest";
import { chartReads, type Read } from "./template-reads.js";

const reads = (text: string, extra: { file: string; text: string }[] = []): Read[] =>
  chartReads([{ file: "templates/x.yaml", text }, ...extra]);
const paths = (rs: readonly Read[], kind?: Read["kind"]): string[] =>
  [...new Set(rs.filter((r) => kind === undefined || r.kind === kind).map((r) => r.path.join(".")))].sort();

describe("chartReads", () => {
  it("follows with scopes, $ and index with literal keys", () => {
    const rs = reads(
      '{{- with .Values.foo }}{{ .bar }}{{ $.Values.top }}{{ end }}{{ index .Values "a-b" "c" }}{{ get .Values.m "k" }}',
    );
    expect(paths(rs)).toEqual(["a-b.c", "foo", "foo.bar", "m.k", "top"]);
  });

  it("records pass-through: toYaml, tpl (toYaml …), a tplvalues helper with dict value, merge", () => {
    const helper = {
      file: "templates/_helpers.tpl",
      text: '{{- define "common.tplvalues.render" -}}{{ tpl (.value | toYaml) .context }}{{- end -}}',
    };
    const rs = reads(
      '{{ toYaml .Values.a | nindent 2 }}{{ tpl (toYaml .Values.b) . }}{{ include "common.tplvalues.render" (dict "value" .Values.c "context" $) }}{{ merge .Values.d .Values.e | toYaml }}',
      [helper],
    );
    expect(paths(rs, "whole")).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("follows include into a define with a dict context (`.ctx.Values`)", () => {
    const helper = {
      file: "templates/_helpers.tpl",
      text: '{{- define "img" -}}{{ .ctx.Values.global.registry }}/{{ .component.repository }}{{- end -}}',
    };
    const rs = reads('{{ include "img" (dict "ctx" $ "component" .Values.distributor.image) }}', [helper]);
    expect(paths(rs)).toContain("global.registry");
    expect(paths(rs)).toContain("distributor.image.repository");
  });

  it("records plain if/with guards, their negation in else, and and/not", () => {
    const rs = reads(
      "{{ if .Values.storage.trace.block.version }}{{ .Values.storage.trace.block.v2 }}{{ else }}{{ .Values.legacy }}{{ end }}" +
        "{{ if and .Values.x.enabled (not .Values.y) }}{{ .Values.x.port }}{{ end }}" +
        '{{ if eq .Values.mode "a" }}{{ .Values.z }}{{ end }}',
    );
    const g = (p: string): readonly string[] | undefined => rs.find((r) => r.path.join(".") === p)?.guards;
    expect(g("storage.trace.block.v2")).toEqual(["storage.trace.block.version"]);
    expect(g("legacy")).toEqual(["!storage.trace.block.version"]);
    expect(g("x.port")).toEqual(["!y", "x.enabled"]);
    expect(g("z")).toEqual([]); // `eq` is not a plain path test
  });

  it("treats range items as `*` and render-time keys as `?`", () => {
    const rs = reads(
      "{{ range .Values.extraEnv }}{{ .name }}{{ end }}{{ $s := .Values.section }}{{ (index .Values $s).image.tag }}",
    );
    expect(paths(rs, "iterate")).toEqual(["extraEnv"]);
    expect(paths(rs)).toContain("extraEnv.*.name");
    expect(paths(rs)).toContain("?.image.tag");
    expect(paths(rs, "dynamic")).toEqual([""]);
  });

  it("does not take a default()ed variable as a guard", () => {
    const rs = reads('{{ $x := default "d" .Values.a }}{{ if $x }}{{ .Values.b }}{{ end }}');
    expect(rs.find((r) => r.path.join(".") === "b")?.guards).toEqual([]);
  });
});
