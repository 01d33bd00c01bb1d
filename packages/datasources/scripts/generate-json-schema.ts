// Writes schema.gen.json (the JSON Schema of a provisioning file) from the zod schema.
// Run: pnpm --filter @lgtm-gitops/datasources generate
import { writeFileSync } from "node:fs";
import path from "node:path";
import { provisioningFileJsonSchema } from "../src/json-schema.js";

const out = path.resolve(import.meta.dirname, "../schema.gen.json");
writeFileSync(out, `${JSON.stringify(provisioningFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
