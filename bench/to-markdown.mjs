#!/usr/bin/env node
// Prints a bench results file (default bench/results.json) as Markdown tables, for docs/performance.md.
//   node bench/to-markdown.mjs [FILE]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { markdown } from "./report.mjs";

const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json");
const doc = JSON.parse(fs.readFileSync(file, "utf8"));
const load = doc.load_avg ? `, load average ${doc.load_avg.start[0]} at start and ${doc.load_avg.end[0]} at end` : "";
process.stdout.write(
  `Node ${doc.node}, ${doc.cpus} CPUs (${doc.cpu_model ?? "?"}), ${doc.date ?? ""}${load}.\n\n${markdown(doc.results)}\n`,
);
