import { suggestKeys } from "@lgtm-gitops/diagnostics";
import { isGoDuration, isModelDuration, suggestDuration } from "./duration.js";
import { customLeafText } from "./tempo-schema.js";

/** What is wrong with a value for a leaf type of Tempo's schema (`duration`, `enum(a|b)`, …). */
export interface LeafProblem {
  /** `error`: the decoder refuses it; `warning`: accepted, but not what the writer meant. */
  readonly severity: "error" | "warning";
  /** The Go type, in words (`a Go time.Duration`). */
  readonly type: string;
  /** What the field takes (errors). */
  readonly expected?: string;
  /** The finding in words (warnings). */
  readonly message?: string;
  readonly fix?: string;
}

/** `true`/`false`, and YAML 1.1's spellings that yaml.v2 also reads as booleans. */
const YAML11_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/**
 * dskit `flagext.Bytes` (alecthomas/units `ParseBase2Bytes`, vendor/github.com/alecthomas/units/bytes.go):
 * a sequence of numbers with `B`, `KB`/`KiB`, `MB`/`MiB`, … `EB`/`EiB` (all base 2), or `0`; a bare number has no unit
 * and is refused.
 */
const BYTES = /^[+-]?(?:0|(?:(?:\d+(?:\.\d*)?|\.\d+)(?:B|[KMGTPE]i?B))+)$/;

function bytesText(n: number): string {
  for (const [unit, size] of [
    ["GiB", 2 ** 30],
    ["MiB", 2 ** 20],
    ["KiB", 2 ** 10],
  ] as const)
    if (n >= size && n % size === 0) return `${n / size}${unit}`;
  return `${n}B`;
}

/** The option a mistyped enum value most likely meant (`warning` → `warn`, `Info` → `info`). */
export function nearestOption(value: string, options: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  return (
    options.find((o) => o.toLowerCase() === lower) ??
    suggestKeys(value, options)[0] ??
    options.find((o) => o.length >= 3 && lower.startsWith(o.toLowerCase()))
  );
}

const DURATION = "a Go time.Duration";
const MODEL_DURATION = "a Prometheus model.Duration";

/**
 * Checks `value` (not null: an empty YAML value keeps Tempo's default) against a leaf type of the schema
 * (src/tempo-schema.ts), the way Tempo's decoders read it: yaml.v2 for tempo.yaml, the collector's confmap for receivers.
 */
export function leafProblem(leaf: string, value: unknown): LeafProblem | undefined {
  if (value === null || value === undefined) return undefined;
  const enumMatch = /^enum\((.*)\)$/.exec(leaf);
  if (enumMatch) {
    const options = (enumMatch[1] as string).split("|");
    const named = options.filter((o) => o !== "");
    // relabel.Action is lower-cased before the check (prometheus model/relabel)
    const ci = named.includes("labelmap");
    if (typeof value === "string" && (options.includes(value) || (ci && named.includes(value.toLowerCase()))))
      return undefined;
    const near =
      typeof value === "string" || typeof value === "number" ? nearestOption(String(value), named) : undefined;
    const expected = `one of ${named.join(", ")}`;
    return { severity: "error", type: "an enumeration", expected, fix: near ? `write ${near}` : `write ${expected}` };
  }
  switch (leaf) {
    case "bool":
      if (typeof value === "boolean" || (typeof value === "string" && YAML11_BOOL.test(value))) return undefined;
      return { severity: "error", type: "a boolean", expected: "true or false" };
    case "int":
      if (typeof value === "number" && Number.isInteger(value)) return undefined;
      return {
        severity: "error",
        type: "an integer",
        expected: "an integer",
        ...(typeof value === "string" && /^-?\d+$/.test(value.trim())
          ? { fix: `write ${value.trim()} without quotes` }
          : {}),
      };
    case "uint":
      if (typeof value === "number" && Number.isInteger(value) && value >= 0) return undefined;
      return {
        severity: "error",
        type: "an unsigned integer",
        expected: "a whole number ≥ 0",
        ...(typeof value === "string" && /^\d+$/.test(value.trim())
          ? { fix: `write ${value.trim()} without quotes` }
          : {}),
      };
    case "float":
      if (typeof value === "number") return undefined;
      return { severity: "error", type: "a number", expected: "a number" };
    case "string":
      if (typeof value !== "object") return undefined;
      return { severity: "error", type: "a string", expected: "a string" };
    case "duration": {
      if (typeof value === "string" && isGoDuration(value)) return undefined;
      if (typeof value === "number" && Number.isInteger(value)) {
        if (value === 0) return undefined;
        // yaml.v2 decodes an integer into time.Duration as nanoseconds (vendor/gopkg.in/yaml.v2/decode.go)
        return {
          severity: "warning",
          type: DURATION,
          message: `the bare number ${value}: Tempo reads it as ${value} nanoseconds`,
          fix: "write the duration with a unit, e.g. 30s, 5m or 24h",
        };
      }
      const suggestion = typeof value === "string" ? suggestDuration(value) : undefined;
      return {
        severity: "error",
        type: `${DURATION}, which has no d or w unit`,
        expected: "a Go duration such as 30s, 5m or 24h (units ns, us, ms, s, m, h)",
        ...(suggestion ? { fix: `write ${suggestion}` } : {}),
      };
    }
    case "model_duration":
      if ((typeof value === "string" || typeof value === "number") && isModelDuration(String(value))) return undefined;
      return {
        severity: "error",
        type: MODEL_DURATION,
        expected: "a duration such as 24h, 14d or 1w (integers with units y, w, d, h, m, s, ms)",
      };
    case "bytes":
      if ((typeof value === "string" || typeof value === "number") && BYTES.test(String(value).trim()))
        return undefined;
      return {
        severity: "error",
        type: "a dskit flagext.Bytes size",
        expected: "a size with a unit such as 512KiB, 100MiB or 1GiB (KB = KiB = 1024 bytes)",
        ...(typeof value === "number" && Number.isInteger(value) && value > 0
          ? { fix: `write ${bytesText(value)}` }
          : {}),
      };
    case "any":
      return undefined;
  }
  if (leaf.startsWith("recursive(")) return undefined;
  if (leaf.startsWith("custom(")) {
    const accepts = customLeafText(leaf) ?? "a string";
    if (leaf === "custom(flagext.StringSliceCSV)") {
      if (typeof value !== "object") return undefined;
      const joined = Array.isArray(value) ? value.map(String).join(",") : undefined;
      return {
        severity: "error",
        type: "a dskit flagext.StringSliceCSV",
        expected: "one comma-separated string (a YAML list is refused)",
        ...(joined !== undefined ? { fix: `write "${joined}"` } : {}),
      };
    }
    if (leaf === "custom(flagext.StringSliceCSVMulti)") {
      if (typeof value !== "object" || (Array.isArray(value) && value.every((x) => typeof x !== "object")))
        return undefined;
      return { severity: "error", type: "a dskit flagext.StringSliceCSVMulti", expected: accepts };
    }
    if (typeof value !== "object") return undefined;
    return { severity: "error", type: leaf.slice("custom(".length, -1), expected: accepts };
  }
  return undefined;
}
