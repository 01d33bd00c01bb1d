import { describe, expect, it } from "vitest";
import { chartRenames, renameHint } from "./renames.js";

describe("renameHint: renames between catalogued versions (catalogs/renames.gen.json)", () => {
  it("the old name on a version after the rename: the new one is where the setting goes", () => {
    expect(renameHint("tempo-distributed@1.48.1", ["global_overrides", "defaults"])).toMatchObject({
      direction: "renamed",
      replacement: "overrides.defaults",
      rename: { from: "global_overrides", to: "overrides", since: "1.33.0", until: "1.32.7" },
    });
  });

  it("the new name on a version before the rename: that version still reads the old one", () => {
    expect(renameHint("tempo-distributed@1.32.7", ["per_tenant_overrides", "tenant-a"])).toMatchObject({
      direction: "not-yet",
      replacement: "overrides.tenant-a",
      rename: { from: "overrides", to: "per_tenant_overrides", since: "1.33.0" },
    });
  });

  it("nothing where the name is right for the version, or for a chart without renames", () => {
    expect(renameHint("tempo-distributed@1.32.7", ["global_overrides"])).toBeUndefined();
    expect(renameHint("tempo-distributed@1.48.1", ["per_tenant_overrides"])).toBeUndefined();
    expect(renameHint("lgtm-distributed@3.0.1", ["global_overrides"])).toBeUndefined();
    expect(chartRenames().length).toBeGreaterThan(5);
  });
});
