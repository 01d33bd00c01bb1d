import { describe, expect, it } from "vitest";
import { deriveTempoKeyTree } from "../scripts/derive-tempo-schema.js";
import { nodeAt } from "./key-tree.js";
import { hasShared, readShared, SKIP_REASON } from "./shared.test-util.js";
import { TEMPO_2_9_KEY_TREE } from "./tempo-config-schema.gen.js";

describe("src/tempo-config-schema.gen.ts", () => {
  it.skipIf(!hasShared)(
    `matches a fresh derivation from the manifest (drift)${hasShared ? "" : ` (${SKIP_REASON})`}`,
    () => {
      const fresh = deriveTempoKeyTree(readShared("reference/tempo/manifest-v2.9.0.yaml"));
      expect(TEMPO_2_9_KEY_TREE).toEqual(fresh);
    },
  );
  it("holds the manifest's keys and the omitempty ones", () => {
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["compactor", "compaction", "block_retention"])).toBe("d");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["overrides", "defaults", "compaction", "block_retention"])).toBe("d");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["overrides", "defaults", "metrics_generator", "processors"])).toBe("l");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["multitenancy_enabled"])).toBe("b");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["metrics_generator", "storage", "remote_write", 0, "send_exemplars"])).toBe("b");
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["retention_period"])).toBeUndefined();
    expect(nodeAt(TEMPO_2_9_KEY_TREE, ["ingester", "lifecycler", "ring", "replication_factor"])).toBe("i");
  });
});
