// The comment rule ported from the one-version catalog builder (gone): its unit tests
// carried over unchanged, plus what the new builder does with the keys.
import { describe, expect, it } from "vitest";
import { commentedKeys, exampleType } from "./comment-keys.js";
import { buildVersionCatalog, isKnown, lookup } from "./version-catalog.js";

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

  it("types an example value", () => {
    expect(exampleType("8080").type).toBe("number");
    expect(exampleType("'{{ .Release.Name }}'").type).toBe("string");
    expect(exampleType("").type).toBe("any");
    expect(exampleType("[a, b]").type).toBe("array");
  });
});

describe("comment keys in a version catalog", () => {
  const { catalog, stats } = buildVersionCatalog({
    chart: "x",
    version: "1.0.0",
    valuesYaml: [
      "adminUser: admin",
      "# adminPassword: strongpassword",
      "admin:",
      "  existingSecret: ''",
      "  # userKey: admin-user",
      "resources: {}",
      "#  limits:",
      "#    cpu: 100m",
      "",
      "# read: 1",
    ].join("\n"),
    templates: [
      {
        file: "templates/a.yaml",
        text: "{{ .Values.adminUser }} {{ .Values.admin.existingSecret }} {{ toYaml .Values.resources }} {{ .Values.read.deep }}",
      },
    ],
  });
  const root = catalog.root;

  it("adds them with source `c`, typed from the example", () => {
    expect(lookup(root, ["adminPassword"])).toEqual({ t: "string", s: "c" });
    expect(lookup(root, ["admin", "userKey"])).toEqual({ t: "string", s: "c" });
    expect(lookup(root, ["resources", "limits"])).toMatchObject({ t: "object", s: "c" });
    expect(isKnown(root, ["resources", "limits", "cpu"])).toBe(true);
    expect(stats.commentOnly).toBe(4);
  });

  it("leaves keys that values.yaml sets or templates read as they are", () => {
    // `read` is read by a template (s: t) before the comment is seen: the comment adds nothing
    expect(lookup(root, ["read"])?.s).toBe("t");
    expect(lookup(root, ["adminUser"])?.s).toBeUndefined();
  });
});

describe("a version read without templates (a files root with Chart.yaml and values.yaml only)", () => {
  const valuesYaml = [
    "mimir:",
    "  structuredConfig: {}",
    "  # structuredConfig:",
    "  #   common:",
    "  #     storage: {}",
    "nodeSelector: {}",
    "resources:",
    "  requests:",
    "    cpu: 100m",
    "replicas: 1",
    "image:",
    "  tag: x",
  ].join("\n");
  const bare = buildVersionCatalog({ chart: "x", version: "1.0.0", valuesYaml, templates: [] });
  const read = buildVersionCatalog({
    chart: "x",
    version: "1.0.0",
    valuesYaml,
    templates: [{ file: "templates/a.yaml", text: "{{ .Values.replicas }}" }],
  });

  it("takes an empty map of values.yaml (and a Kubernetes object field) as passed through whole, even where a comment documents keys below it", () => {
    expect(isKnown(bare.catalog.root, ["mimir", "structuredConfig", "blocks_storage", "s3"])).toBe(true);
    expect(isKnown(bare.catalog.root, ["nodeSelector", "zone"])).toBe(true);
    // a Kubernetes object field is passed through whole too
    expect(isKnown(bare.catalog.root, ["resources", "limits", "memory"])).toBe(true);
    expect(isKnown(bare.catalog.root, ["image", "digest"])).toBe(false);
    // with templates, only what they read decides
    expect(isKnown(read.catalog.root, ["mimir", "structuredConfig", "blocks_storage"])).toBe(false);
  });

  it("marks no key unread: nothing was analysed", () => {
    expect(bare.stats.unread).toBe(0);
    expect(read.stats.unread).toBeGreaterThan(0);
  });
});
