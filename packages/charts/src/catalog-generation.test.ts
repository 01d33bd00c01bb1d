// Unit tests of the catalog generator (scripts/chart-facts.ts extracts, scripts/catalog-builder.ts builds) on small,
// hand-written chart files.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { buildCatalog, descriptorMismatches, jsStringLiteral } from "../scripts/catalog-builder.js";
import { commentedKeys, extractChartFacts, parseReferences, tplReferences } from "../scripts/chart-facts.js";

const chartYaml = "name: x\nversion: 1.0.0\nappVersion: 2.0.0\n";

describe("commentedKeys", () => {
  it("finds `# key: value` at the top and under real keys", () => {
    const keys = commentedKeys(
      [
        "adminUser: admin",
        "# adminPassword: strongpassword",
        "",
        "admin:",
        "  existingSecret: ''",
        "  # userKey: admin-user",
      ].join("\n"),
    );
    expect(keys.map((k) => k.path.join("."))).toEqual(["adminPassword", "admin.userKey"]);
    expect(keys[0]?.valueText).toBe("strongpassword");
  });

  it("nests commented blocks, and reads a block right below `{}` as its content", () => {
    const keys = commentedKeys(
      [
        "sidecar:",
        "  resources: {}",
        "#   limits:",
        "#     cpu: 100m",
        "  other: 1",
        "  # podSecurityContext:",
        "  #   fsGroup: 1",
      ].join("\n"),
    );
    expect(keys.map((k) => k.path.join("."))).toEqual([
      "sidecar.resources.limits",
      "sidecar.resources.limits.cpu",
      "sidecar.podSecurityContext",
      "sidecar.podSecurityContext.fsGroup",
    ]);
  });

  it("skips commented list items, block scalars, ## prose, helm-docs, URLs and sentences", () => {
    const keys = commentedKeys(
      [
        "hostAliases: []",
        "# - ip: 1.2.3.4",
        "#   hostnames:",
        "#     - foo.local",
        "config: |",
        "  # not_a_key: inside the Tempo config string",
        "  server:",
        "## ref: https://kubernetes.io",
        "# -- helm-docs text: description",
        "# https://grafana.com/docs",
        "# scope: admin-api, compactor, distributor, gateway",
        "# Ref: https://example.com",
        "labelValue: ''",
        "# logLevel: INFO",
      ].join("\n"),
    );
    expect(keys.map((k) => k.path.join("."))).toEqual(["logLevel"]);
    expect(commentedKeys("extra: []\n# extra:\n#   - a").map((k) => [k.path.join("."), k.list])).toEqual([
      ["extra", true],
    ]);
  });
});

describe("references", () => {
  it("reads values-references.txt and .Values paths inside tpl strings", () => {
    expect(parseReferences("# header\n\na.b\nc\n")).toEqual(["a.b", "c"]);
    expect([
      ...tplReferences({
        config: "x: {{ .Values.ingester.config.replication_factor }} {{ toYaml .Values.overrides }}",
      }),
    ]).toEqual(["ingester.config.replication_factor", "overrides"]);
  });
});

describe("buildCatalog", () => {
  const values = [
    "image: {registry: docker.io, tag: null}",
    "resources: {}",
    "extraThing: {}",
    "passed: {a: 1, b: 2}",
    "closed: {a: 1, b: 2}",
    "named: {}",
    "list: [1, 2]",
    "# documented: true",
    "config: |",
    "  x: {{ .Values.fromTpl.deep }}",
  ].join("\n");
  const refs = "image.registry\nimage.tag\npassed\nclosed.a\nnamed.only\ntemplateOnly\n";
  const c = buildCatalog(extractChartFacts("x@1.0.0", { chartYaml, valuesYaml: values, references: refs }));
  const root = c.root.c ?? {};

  it("records types and defaults of values.yaml", () => {
    expect(c.id).toBe("x@1.0.0");
    expect(root.image).toEqual({
      t: "object",
      c: { registry: { t: "string", d: "docker.io" }, tag: { t: "null", d: null } },
    });
    expect(root.list).toEqual({ t: "array", d: [1, 2] });
  });

  it("decides free-form: known names, `{}`, maps a template reads whole", () => {
    expect(root.resources?.f).toBe(1);
    expect(root.extraThing).toEqual({ t: "object", f: 1, d: {} });
    expect(root.passed?.f).toBe(1);
    expect(root.closed?.f).toBeUndefined();
    // `{}` whose named keys a template reads (and never the map itself) is closed.
    expect(root.named?.f).toBeUndefined();
    expect(Object.keys(root.named?.c ?? {})).toEqual(["only"]);
  });

  it("adds template-only and commented keys with their source", () => {
    expect(root.templateOnly).toEqual({ t: "any", s: "t" });
    expect(root.documented).toEqual({ t: "boolean", s: "c" });
    expect(root.fromTpl?.c?.deep).toEqual({ t: "any", s: "t" });
  });
});

describe("jsStringLiteral", () => {
  it.each([`{"a":"it's"}`, `'''"`, `back\\slash "q"`, 'nl\n"x"'])("round-trips %s", (t) => {
    expect(runInNewContext(jsStringLiteral(t))).toBe(t);
  });
});

describe("descriptorMismatches", () => {
  it("accepts a Chart.yaml that agrees with the descriptor row", () => {
    expect(
      descriptorMismatches(
        extractChartFacts("tempo-distributed@1.61.3", {
          chartYaml: "name: tempo-distributed\nversion: 1.61.3\nappVersion: 2.9.0\n",
          valuesYaml: "",
          references: "",
        }),
      ),
    ).toEqual([]);
  });
  it("names every field a Chart.yaml contradicts, and a row that does not exist", () => {
    expect(
      descriptorMismatches(
        extractChartFacts("tempo-distributed@1.61.3", {
          chartYaml: "name: tempo-distributed\nversion: 1.61.4\nappVersion: 2.9.1\n",
          valuesYaml: "",
          references: "",
        }),
      ),
    ).toEqual([
      'tempo-distributed@1.61.3: the descriptor\'s version is "1.61.3", Chart.yaml says "1.61.4"',
      'tempo-distributed@1.61.3: the descriptor\'s appVersion is "2.9.0", Chart.yaml says "2.9.1"',
    ]);
    expect(
      descriptorMismatches(
        extractChartFacts("nope@1.0.0", { chartYaml: "name: nope\n", valuesYaml: "", references: "" }),
      ),
    ).toEqual(["nope@1.0.0 has no descriptor row"]);
  });
});
