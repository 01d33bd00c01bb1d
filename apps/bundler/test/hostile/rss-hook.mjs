// Preloaded (node --import) into every CLI child process of the hostile-input tests: on exit, writes the
// process's peak resident set size (KB) and the CPU time it used (ms, user + system) to $LGTM_GITOPS_RSS_FILE as JSON,
// so the tests can bound memory and work without /usr/bin/time.
import { writeFileSync } from "node:fs";

const target = process.env.LGTM_GITOPS_RSS_FILE;
if (target) {
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
      writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs }));
    } catch {
      // the test reports a missing measurement
    }
  });
}
