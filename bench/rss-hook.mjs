// Preloaded with `node --import .../rss-hook.mjs?out=FILE` when /usr/bin/time is not available: on exit, writes
// the process's peak resident set size (KiB) and user and system CPU seconds, as GNU time's "%M %U %S", to FILE.
import fs from "node:fs";

const file = new URL(import.meta.url).searchParams.get("out");
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
