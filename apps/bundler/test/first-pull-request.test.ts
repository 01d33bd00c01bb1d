// A first pull request: a cluster added to a copy of the repository's fleet exactly as docs/getting-started.md
// says passes every check CI runs on clusters/ (generate, check, the bundle checks of generate.e2e.test.ts).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkApplications,
  checkArgoObjects,
  checkIdempotent,
  checkKustomizeBuilds,
  checkLayout,
  checkLint,
  checkNamespaces,
  type FleetFacts,
  fleetFacts,
} from "./bundle-checks.js";
import { cli, exampleFleet, repoRoot, tempDir } from "./helpers.js";

/** The TypeScript definition docs/getting-started.md tells a user to add ("## 4. Add a cluster"), as written. */
function definitionFromGuide(): { name: string; text: string } {
  const guide = fs.readFileSync(path.join(repoRoot, "docs/getting-started.md"), "utf8");
  const section = guide.slice(guide.indexOf("## 4. Add a cluster"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const name = block && /name: "([^"]+)"/.exec(block)?.[1];
  if (!block || !name)
    throw new Error('docs/getting-started.md has no TypeScript definition under "## 4. Add a cluster"');
  return { name, text: block };
}

let dir = "";
let fleet = "";
let out = "";
let facts: FleetFacts;
let added = "";

beforeAll(async () => {
  dir = tempDir("first-pr");
  fleet = path.join(dir, "fleet");
  out = path.join(dir, "clusters");
  fs.cpSync(exampleFleet, fleet, { recursive: true });
  let { name, text } = definitionFromGuide();
  // Once that pull request is merged, the guide's cluster is in the fleet: add it again under a new name.
  const existing = (await fleetFacts(exampleFleet)).clusters;
  for (let i = 2; existing.includes(name); i++) {
    const fresh = `${definitionFromGuide().name}-${i}`;
    text = text.replaceAll(`"${name}"`, `"${fresh}"`);
    name = fresh;
  }
  added = name;
  // "Create apps/bundler/fleet/<name>.ts; the file name must equal name".
  fs.writeFileSync(path.join(fleet, `${name}.ts`), text);
  facts = await fleetFacts(fleet);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a cluster added as docs/getting-started.md says", () => {
  it("is one more cluster of the fleet, and generate writes it with no error", async () => {
    expect(facts.clusters).toContain(added);
    expect(facts.clusters).toHaveLength((await fleetFacts(exampleFleet)).clusters.length + 1);
    const r = await cli(["generate", "--fleet", fleet, "--out", out]);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${added}: `);
  });

  it("passes check and the bundle checks CI runs", async () => {
    await checkIdempotent(fleet, out);
    checkLayout(out, facts);
    checkArgoObjects(out, facts);
    checkApplications(out, facts);
    checkNamespaces(out, facts);
    await checkLint(out, facts);
  });

  it("builds with kubectl kustomize, every object passing the Argo CD CRD schemas (skipped without kubectl)", async (ctx) => {
    if ((await checkKustomizeBuilds(out, facts)) === 0) ctx.skip();
  });
});
