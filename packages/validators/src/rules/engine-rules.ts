import { EXAMPLE_CHART } from "@lgtm-gitops/charts";
import type { Rule } from "../engine.js";

/** Findings the linter itself makes before any rule runs (they are catalogued for `explain`; `run` finds nothing). */
export const ENGINE_RULES: readonly Rule[] = [
  {
    id: "yaml/syntax",
    severity: "error",
    title: "The file is not valid YAML (or cannot be read safely)",
    docs: {
      checks:
        "YAML syntax errors, duplicate keys, tab indentation, more than one document, binary content, files over 8 MiB and alias bombs (more than 100 aliases), with the line and column where the parser stopped.",
      why: "Helm refuses a values file it cannot parse, and on a duplicate key it silently keeps the last one. A file that does not parse cannot be checked any further.",
      fix: "Correct the YAML at the reported position: indent with spaces, keep each key once, quote values that start with special characters.",
    },
    run: () => [],
  },
  {
    id: "lint/unknown-chart",
    severity: "warning",
    title: "The chart of a file could not be detected",
    docs: {
      checks:
        "Whether each linted file's chart can be told from its top-level keys (lgtm-distributed: `tempo:`/`loki:`/`mimir:`/`grafana:` blocks; kube-prometheus-stack: `prometheus:`, `alertmanager:`, `grafana.additionalDataSources`…; tempo-distributed: `ingester:`, `distributor:`, `traces:`, `storage:`…; loki-distributed; grafana).",
      why: "Without a chart no chart-specific rule can run on the file, so its problems would go unreported.",
      fix: `Pass \`--chart NAME@VERSION\`, e.g. \`--chart ${EXAMPLE_CHART}\`.`,
    },
    run: () => [],
  },
  {
    id: "lint/internal",
    severity: "error",
    title: "The linter itself failed",
    docs: {
      checks: "Nothing: reported when a rule throws on unexpected input, instead of crashing the CLI.",
      why: "The documents were not fully checked.",
      fix: "Report the input that caused it; meanwhile review the documents by hand.",
    },
    run: () => [],
  },
];
