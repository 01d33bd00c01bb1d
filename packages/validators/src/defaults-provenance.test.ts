import type { ChartId } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tutorialFile } from "../../../fixtures/tutorial.js";
import { lintDocuments, validateDocuments } from "./lint.js";

const LGTM: ChartId = "lgtm-distributed@3.0.1";
const lint = (text: string) => lintDocuments([{ file: "lgtm.yaml", text }], { chart: LGTM }).diagnostics;
const find = (diags: readonly Diagnostic[], ruleId: string, path: string) =>
  diags.filter((d) => d.ruleId === ruleId && formatPath(d.path) === path);

const SERVICE_MAP = 'grafana.datasources["datasources.yaml"].datasources[2].jsonData.serviceMap';

// An lgtm-distributed file that changes one unrelated thing (the Loki gateway's replicas): everything else is the
// chart's values.yaml, whose own Grafana provisions a Tempo datasource with a service map (lgtm-distributed 3.0.1
// values.yaml, `grafana.datasources`) while its Tempo runs no metrics-generator (`tempo.metricsGenerator.enabled`
// defaults to false).
const UNRELATED = "loki:\n  gateway:\n    replicas: 2\n";

describe("findings caused only by chart defaults the user never set (issue 16)", () => {
  it("lowers lgtm-distributed's own service map without a generator to a warning that says it comes from defaults", () => {
    const [off] = find(lint(UNRELATED), "tempo/metrics-generator-wiring", SERVICE_MAP).filter((d) =>
      d.message.includes("is false"),
    );
    expect(off?.severity).toBe("warning");
    expect(off?.message).toContain("This comes from the chart's defaults (lgtm-distributed@3.0.1)");
    expect(off?.message).toContain("`tempo.metricsGenerator.enabled`");
    expect(off?.fix).toContain("set `tempo.metricsGenerator.enabled: true`");
  });

  it("keeps it an error once the user sets one of the values it comes from", () => {
    const [off] = find(
      lint(`${UNRELATED}tempo:\n  metricsGenerator:\n    enabled: false\n`),
      "tempo/metrics-generator-wiring",
      SERVICE_MAP,
    ).filter((d) => d.message.includes("is false"));
    expect(off?.severity).toBe("error");
    expect(off?.message).not.toContain("chart's defaults");
  });

  it("applies to every rule: the defaults' single ingester with replication factor 3, and no receiver", () => {
    const quorum = lint(UNRELATED).find((d) => d.ruleId === "tempo/replication-quorum");
    expect(quorum?.severity).toBe("warning");
    expect(quorum?.message).toContain("This comes from the chart's defaults");
    // The tutorial sets `tempo.ingester.replicas: 1` itself: an error (fixtures/tutorial/lgtm-values.yaml:69).
    const tutorial = lintDocuments([{ file: "lgtm-values.yaml", text: tutorialFile("lgtm-values.yaml") }]).diagnostics;
    expect(tutorial.find((d) => d.ruleId === "tempo/replication-quorum")?.severity).toBe("error");
    expect(lint(UNRELATED).find((d) => d.ruleId === "tempo/no-receiver")?.severity).toBe("warning");
    // Receivers written where the chart ignores them are the user's attempt: still an error.
    expect(tutorial.find((d) => d.ruleId === "tempo/no-receiver")?.severity).toBe("error");
  });

  it("never lowers findings on values compiled from a cluster definition (generate must stop on them)", () => {
    const origin = { file: "def.yaml", path: (p: readonly (string | number)[]) => [...p], position: () => undefined };
    const diags = validateDocuments([{ file: "v.yaml", chart: LGTM, values: parse(UNRELATED), origin }]);
    expect(diags.find((d) => d.ruleId === "tempo/replication-quorum")?.severity).toBe("error");
  });
});
