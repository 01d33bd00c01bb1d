import { describe, expect, it } from "vitest";
import { SPEC_TARGET, tempoChartSettings } from "./chart-mapping.js";
import { foreignSettingName, settingHint } from "./setting-names.js";

const settings = tempoChartSettings(SPEC_TARGET);

describe("settingHint", () => {
  it("gives the real setting of a Loki/Mimir name in the place it was written, in any spelling", () => {
    expect(settingHint("retention_period", "spec", settings)).toBe("retention");
    expect(settingHint("retentionPeriod", "chart", settings)).toBe("compactor.config.compaction.block_retention");
    expect(settingHint("max_spans_per_trace", "tempo", settings)).toBe("overrides.defaults.global.max_bytes_per_trace");
    expect(foreignSettingName("MAX_QUERY_LENGTH")?.name).toBe("max_query_length");
  });

  it("translates a name another place uses for exactly one setting", () => {
    expect(settingHint("multitenancy_enabled", "spec", settings)).toBe("multitenancy");
    expect(settingHint("streamOverHTTPEnabled", "spec", settings)).toBe("streamOverHttp");
    expect(settingHint("compaction_window", "spec", settings)).toBe("compaction.window");
    expect(settingHint("reportingEnabled", "tempo", settings)).toBe("usage_report.reporting_enabled");
    expect(settingHint("multitenancyEnabled", "tempo", settings)).toBe("multitenancy_enabled");
  });

  it("says nothing for a name of the same place, or one that names many settings", () => {
    expect(settingHint("compaction_window", "tempo", settings)).toBeUndefined();
    expect(settingHint("replicas", "chart", settings)).toBeUndefined();
    expect(settingHint("query_frontend", "spec", settings)).toBeUndefined();
    expect(settingHint("nothing_like_it", "tempo", settings)).toBeUndefined();
  });
});
