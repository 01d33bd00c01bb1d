import { readFileSync } from "node:fs";
import { formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { deriveCompactCrdSchemas } from "./crd-derive.js";
import { argoCdCrdSchemas } from "./crd-schemas.gen.js";
import { validateAgainstCrd, validateArgoObject } from "./crd-validate.js";

describe("derived CRD schemas", () => {
  it("are the committed source data (sources/argocd-crd-schemas.json, `pnpm codegen` writes the module from it)", () => {
    const source = JSON.parse(readFileSync(new URL("../sources/argocd-crd-schemas.json", import.meta.url), "utf8"));
    expect(argoCdCrdSchemas).toEqual(source.schemas);
  });

  it("hold the three Argo CD kinds with the required fields the CRDs declare", () => {
    expect(Object.keys(argoCdCrdSchemas.kinds)).toEqual(["AppProject", "Application", "ApplicationSet"]);
    const app = argoCdCrdSchemas.kinds.Application!;
    expect(app).toMatchObject({ group: "argoproj.io", version: "v1alpha1", plural: "applications" });
    const root = argoCdCrdSchemas.nodes[app.root]!;
    expect(root.required).toEqual(["metadata", "spec"]);
    const spec = argoCdCrdSchemas.nodes[root.properties!.spec!]!;
    expect(spec.required).toEqual(["destination", "project"]);
    const source = argoCdCrdSchemas.nodes[argoCdCrdSchemas.nodes[spec.properties!.sources!]!.items!]!;
    expect(source.required).toEqual(["repoURL"]);
    const helm = argoCdCrdSchemas.nodes[source.properties!.helm!]!;
    expect(Object.keys(helm.properties!)).toContain("valuesObject");
    expect(argoCdCrdSchemas.nodes[helm.properties!.valuesObject!]).toEqual({
      type: "object",
      preserveUnknownFields: true,
    });
  });

  it("derive deterministically and share identical sub-schemas", () => {
    const crd = (kind: string) => ({
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      spec: {
        group: "example.com",
        names: { kind, plural: `${kind.toLowerCase()}s` },
        scope: "Namespaced",
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                description: "dropped",
                properties: {
                  spec: {
                    type: "object",
                    required: ["b"],
                    properties: { b: { type: "string" }, a: { type: "string" } },
                  },
                },
              },
            },
          },
        ],
      },
    });
    const one = deriveCompactCrdSchemas([crd("Zed"), crd("Alpha")], "test");
    expect(deriveCompactCrdSchemas([crd("Zed"), crd("Alpha")], "test")).toEqual(one);
    expect(Object.keys(one.kinds)).toEqual(["Alpha", "Zed"]);
    expect(one.kinds.Alpha!.root).toBe(one.kinds.Zed!.root);
    expect(one.nodes).toEqual([
      { type: "string" },
      { type: "object", required: ["b"], properties: { a: 0, b: 0 } },
      { type: "object", properties: { spec: 1 } },
    ]);
  });
});

describe("validateAgainstCrd", () => {
  it("checks int-or-string, enums and additionalProperties maps", () => {
    const set = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "ApplicationSet",
      metadata: { name: "s" },
      spec: {
        generators: [{ clusters: { values: { a: 1 } } }],
        syncPolicy: { applicationsSync: "sometimes" },
        template: { metadata: {}, spec: { project: "p", destination: {} } },
      },
    };
    const issues = validateAgainstCrd(set, "ApplicationSet");
    expect(issues.map((i) => `${i.ruleId} ${formatPath(i.path)}`)).toEqual([
      "argocd/crd-schema spec.generators[0].clusters.values.a",
      "argocd/crd-schema spec.syncPolicy.applicationsSync",
    ]);
    expect(issues.map((i) => i.fix)).toEqual([
      'Quote it so YAML reads a string: "1".',
      'Use one of "create-only", "create-update", "create-delete", "sync".',
    ]);
    set.spec.syncPolicy.applicationsSync = "create-updat";
    expect(validateAgainstCrd(set, "ApplicationSet")[1]?.fix).toBe('Did you mean "create-update"?');
  });

  it("warns about nulls, which the API server drops", () => {
    const app = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "a" },
      spec: { project: "p", destination: { name: null } },
    };
    const issues = validateAgainstCrd(app, "Application");
    expect(issues.map((i) => `${i.severity} ${formatPath(i.path)}`)).toEqual(["warning spec.destination.name"]);
  });

  it("ignores kinds and apiVersions it has no schema for", () => {
    expect(validateAgainstCrd({ spec: { x: 1 } }, "Deployment")).toEqual([]);
    expect(
      validateArgoObject({ apiVersion: "argoproj.io/v1beta1", kind: "Application", spec: { nonsense: 1 } }),
    ).toEqual([]);
    expect(
      validateArgoObject({ apiVersion: "argoproj.io/v1alpha1", kind: "Application", spec: { nonsense: 1 } }),
    ).not.toEqual([]);
  });
});

describe("keys named like Object.prototype members", () => {
  it("are unknown fields and unknown kinds, never schema lookups", () => {
    for (const kind of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(validateAgainstCrd({ kind }, kind)).toEqual([]);
      expect(validateArgoObject({ apiVersion: "argoproj.io/v1alpha1", kind })).toEqual([]);
    }
    const app = JSON.parse(
      '{"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"a"},"spec":{"constructor":1,"__proto__":{"x":1},"toString":"y"}}',
    );
    const paths = validateArgoObject(app).map((i) => formatPath(i.path));
    expect(paths).toEqual(expect.arrayContaining(["spec.constructor", "spec.toString"]));
  });
});
