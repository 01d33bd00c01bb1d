import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listFileSourceVersions, readChartDirectory } from "./file-source.js";
import { condText, evalCond, renderFailures, requiredValues } from "./render-failures.js";
import { tempoFacts } from "./tempo-facts.js";

const file = (text: string, name = "templates/validate.yaml") => ({ file: name, text });

describe("renderFailures / requiredValues", () => {
  // tempo-distributed 3.x templates/validate.yaml, shape of
  const validate = file(
    [
      "{{- if and .Values.minio .Values.minio.enabled }}",
      '{{- fail "The built-in MinIO subchart has been removed" }}',
      "{{- end }}",
      "{{- if and (or .Values.blockBuilder.enabled .Values.liveStore.enabled) (not .Values.ingest.kafka.address) }}",
      '{{- fail "ingest.kafka.address is required when blockBuilder or liveStore is enabled." }}',
      "{{- end }}",
    ].join("\n"),
  );
  const defaults = {
    blockBuilder: { enabled: true },
    liveStore: { enabled: true },
    ingest: { kafka: { address: "" } },
  };

  it("finds each fail with its condition and whether the defaults reach it", () => {
    const f = renderFailures([validate], defaults);
    expect(f.map((x) => [x.line, x.whenText, x.withDefaults])).toEqual([
      [2, "minio && minio.enabled", false],
      [5, "(blockBuilder.enabled || liveStore.enabled) && !ingest.kafka.address", true],
    ]);
    expect(f[1]?.message).toMatch(/^ingest\.kafka\.address is required/);
  });

  it("turns a negated path of the guarding condition into a required value", () => {
    const r = requiredValues(renderFailures([validate], defaults), defaults);
    expect(r).toEqual([
      {
        path: "ingest.kafka.address",
        when: { or: ["blockBuilder.enabled", "liveStore.enabled"] },
        whenText: "blockBuilder.enabled || liveStore.enabled",
        whenWithDefaults: true,
        setByDefault: false,
        failsWithDefaults: true,
        sources: ["templates/validate.yaml:5 (fail)"],
      },
    ]);
    const set = { ...defaults, ingest: { kafka: { address: "kafka:9092" } } };
    expect(requiredValues(renderFailures([validate], set), set)[0]?.failsWithDefaults).toBe(false);
  });

  it("takes `required` with its enclosing conditions, and ignores an enclosing `if not x` as a requirement", () => {
    const t = file(
      [
        "{{- if .Values.s3.enabled }}",
        '{{ required "bucket!" .Values.s3.bucket }}',
        "{{- end }}",
        "{{- if not .Values.init }}",
        '{{- if ne .Values.method "WATCH" }}{{ fail "x" }}{{ end }}',
        "{{- end }}",
      ].join("\n"),
      "templates/a.yaml",
    );
    const values = { s3: { enabled: false }, init: false, method: "LIST" };
    const r = requiredValues(renderFailures([t], values), values);
    expect(r.map((x) => [x.path, x.whenText, x.failsWithDefaults])).toEqual([["s3.bucket", "s3.enabled", false]]);
  });

  it("keeps what it cannot read as unknown, and evaluates three-valued", () => {
    const t = file('{{- if and .Values.a (gt $n 1) }}{{ fail "n" }}{{ end }}', "templates/b.yaml");
    const [f] = renderFailures([t], { a: true });
    expect(f?.whenText).toBe("a && ?{gt $n lit}");
    expect(f?.withDefaults).toBeUndefined();
    expect(evalCond({ and: ["a", { unknown: "x" }] }, { a: false })).toBe(false);
    expect(condText({ not: { or: ["a", "b"] } })).toBe("!(a || b)");
  });
});

describe("tempoFacts", () => {
  it("reads the single-binary chart's tag path and fallback", () => {
    const sts = file(
      "        image: {{ .Values.tempo.repository }}:{{ .Values.tempo.tag | default .Chart.AppVersion }}",
      "templates/statefulset.yaml",
    );
    const f = tempoFacts("tempo", "9.9.9", [sts], { tempo: { tag: "" } }, "2.10.8");
    expect(f.imageTag).toMatchObject({ paths: ["tempo.tag"], fallsBackToAppVersion: true, defaultTag: "" });
    expect(f.tempoVersionWithDefaults).toBe("2.10.8");
    expect(() => tempoFacts("tempo", "9.9.9", [file("image: foo", "templates/statefulset.yaml")], {}, "1")).toThrow(
      /does not know/,
    );
  });
});

describe("file source", () => {
  const root = mkdtempSync(path.join(tmpdir(), "chart-files-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = path.join(root, "mini", "1.2.3");
  mkdirSync(path.join(dir, "templates"), { recursive: true });
  mkdirSync(path.join(dir, "charts", "sub", "templates"), { recursive: true });
  writeFileSync(path.join(dir, "Chart.yaml"), "name: mini\nversion: 1.2.3\nappVersion: 4.5.6\n");
  writeFileSync(path.join(dir, "values.yaml"), "a: 1\n");
  writeFileSync(path.join(dir, "templates", "cm.yaml"), "{{ .Values.a }}");
  writeFileSync(path.join(dir, "charts", "sub", "Chart.yaml"), "name: sub\nversion: 0.1.0\n");
  writeFileSync(path.join(root, "mini", "1.2.3.source.json"), JSON.stringify({ repository: "x/y", commit: "abc" }));

  it("lists chart versions and reads them like the git reader (vendored subcharts aside)", () => {
    const [v] = listFileSourceVersions(root);
    expect(v).toMatchObject({ chart: "mini", version: "1.2.3", origin: { repository: "x/y", commit: "abc" } });
    const files = readChartDirectory(dir);
    expect(files.templates.map((t) => t.file)).toEqual(["templates/cm.yaml"]);
    expect(files.localSubcharts).toEqual(["charts/sub"]);
    expect(Object.keys(files.sha256).sort()).toEqual(["Chart.yaml", "templates/cm.yaml", "values.yaml"]);
  });

  it("refuses a directory whose Chart.yaml names another version", () => {
    const bad = path.join(root, "mini", "2.0.0");
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, "Chart.yaml"), "name: mini\nversion: 1.2.3\n");
    expect(() => listFileSourceVersions(root)).toThrow(/not mini@2\.0\.0/);
    rmSync(bad, { recursive: true });
  });
});
