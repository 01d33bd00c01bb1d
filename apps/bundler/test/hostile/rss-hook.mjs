// Preloaded (node --import) into every CLI child process of the hostile-input tests: on exit, writes the
// process's peak resident set size (KB) to $LGTM_GITOPS_RSS_FILE, so the tests can bound memory without /usr/bin/time.
import { writeFileSync } from "node:fs";

const target = process.env.LGTM_GITOPS_RSS_FILE;
if (target) {
  process.on("exit", () => {
    try {
      writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // the test reports a missing measurement
    }
  });
}
