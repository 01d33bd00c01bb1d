// Writes docs/rules.md (at the repository root) from the rule catalogue. Run: pnpm --filter @lgtm-gitops/validators generate-docs
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderRulesMarkdown } from "../src/catalogue.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const target = path.join(repoRoot, "docs/rules.md");
writeFileSync(target, renderRulesMarkdown());
process.stdout.write(`wrote ${path.relative(repoRoot, target)}\n`);
