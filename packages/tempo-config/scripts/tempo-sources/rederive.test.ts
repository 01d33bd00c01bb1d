/**
 * Re-derivation against a grafana/tempo clone: runs only when one exists (TEMPO_GIT_DIR, default
 * /work/.mirror/grafana+tempo/repo). Re-derives a few tags and compares with the committed per-version hashes.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ConfigDataFile } from "./derive.js";
import { FILES } from "./derive.js";
import { GitTag } from "./git.js";
import { deriveReceivers } from "./receivers.js";
import { deriveTempoTag } from "./tempo.js";

const gitDir = process.env.TEMPO_GIT_DIR ?? "/work/.mirror/grafana+tempo/repo";
const have = existsSync(gitDir);
const sha = (x: unknown): string => createHash("sha256").update(JSON.stringify(x)).digest("hex");

describe.runIf(have)(`re-derivation from ${gitDir}`, () => {
  const committed = JSON.parse(readFileSync(FILES.config, "utf8")) as ConfigDataFile;
  for (const tag of ["v2.0.1", "v2.9.0", "v3.0.3"]) {
    it(`${tag} derives to the committed data`, () => {
      const t = new GitTag(gitDir, tag);
      const d = deriveTempoTag(t, "");
      const meta = committed.versions.find((m) => m.tag === tag)!;
      expect(sha(d.roots)).toBe(meta.sha256);
      expect(d.meta.commit).toBe(meta.commit);
      expect(Object.keys(deriveReceivers(t).roots).length).toBeGreaterThan(0);
    });
  }
});
