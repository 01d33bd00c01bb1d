import { describe, expect, it } from "vitest";
import { deriveTempoKeyTree } from "../scripts/key-tree-builder.js";
import { tempoDefaults } from "./fixtures.test-util.js";
import { nodeAt } from "./key-tree.js";
import { TEMPO_2_9_KEY_TREE } from "./tempo-config-schema.gen.js";

describe("src/tempo-config-schema.gen.ts", () => {
  it("is the key tree built from the committed Tempo 2.9 defaults", () => {
    expect(TEMPO_2_9_KEY_TREE).toEqual(deriveTempoKeyTree(tempoDefaults("2.9.0")));
  });
  it("holds the manifest's keys and the omitempty ones", () => {
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["compactor", "compaction", "block_retention"])).toBe("d");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["overrides", "defaults", "compaction", "block_retention"])).toBe("md");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["overrides", "defaults", "metrics_generator", "processors"])).toBe("l");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["multitenancy_enabled"])).toBe("b");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["metrics_generator", "storage", "remote_write", 0, "send_exemplars"])).toBe("b");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["retention_period"])).toBeUndefined();
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["ingester", "lifecycler", "ring", "replication_factor"])).toBe("i");
  });
});
