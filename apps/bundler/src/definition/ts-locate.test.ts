import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateInTypeScript } from "./ts-locate.js";

const fleet = path.resolve(import.meta.dirname, "../../fleet");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("locateInTypeScript", () => {
  const text = readFileSync(path.join(fleet, "dev-rke2.ts"), "utf8");
  const locate = locateInTypeScript(text);

  it("finds keys of the defineCluster object literal, inside preset calls", () => {
    expect(locate(["distribution"])).toEqual({ line: lineOf(text, "distribution:"), column: 3 });
    expect(locate(["tempo", "ingester", "replicationFactor"])?.line).toBe(lineOf(text, "replicationFactor: 1"));
    expect(locate(["tempo", "storage", "bucket"])?.line).toBe(lineOf(text, 'bucket: "tempo-dev"'));
    expect(locate(["tempo", "receivers", "jaeger", "thriftHttp", "enabled"])?.line).toBe(
      lineOf(text, "jaeger: { grpc"),
    );
  });

  it("follows top-level constants and falls back to the nearest ancestor found", () => {
    // `resources: small` refers to `const small = { requests: …, limits: … }`.
    expect(locate(["tempo", "distributor", "resources", "limits", "memory"])?.line).toBe(lineOf(text, "const small"));
    expect(locate(["tempo", "querier", "replicas"])?.line).toBe(lineOf(text, "querier: { replicas: 1"));
    expect(locate(["tempo", "ingester", "notThere", 3])?.line).toBe(lineOf(text, "ingester: {"));
    expect(locate(["nowhere"])).toBeUndefined();
  });

  it("never throws on text it does not understand", () => {
    for (const bad of ["", "export default", "export default {", "const x = `${", "export default f(((", "/* open"])
      expect(() => locateInTypeScript(bad)(["a", "b"])).not.toThrow();
    expect(
      locateInTypeScript('export default { "quoted-key": { a: [1, { b: 2 }] } };\n')(["quoted-key", "a", 1, "b"]),
    ).toEqual({
      line: 1,
      column: 43,
    });
  });
});
