import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { provisioningFileJsonSchema } from "./json-schema.js";

describe("schema.gen.json", () => {
  it("is what the zod schema generates (run `pnpm generate` after changing the schema)", () => {
    const file = path.resolve(import.meta.dirname, "../schema.gen.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(provisioningFileJsonSchema());
  });
  it("describes the provisioning fields", () => {
    const schema = provisioningFileJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(["apiVersion", "deleteDatasources", "prune", "datasources"]);
    expect(schema.required).toEqual(["apiVersion"]);
    expect(JSON.stringify(schema)).toContain("tracesToLogsV2");
  });
});
