/**
 * The validators package's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes or
 * checks the files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON —
 * `docs/rules.md`, from the rule catalogue.
 */
import { renderRulesMarkdown } from "../src/catalogue.js";

process.stdout.write(JSON.stringify({ files: { "docs/rules.md": renderRulesMarkdown() }, errors: [] }));
