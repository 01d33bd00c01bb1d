import { closestKey, formatPath } from "@lgtm-gitops/diagnostics";
import type { z } from "zod";

/** The value at `path` of `input` (own properties only) and whether it is present at all. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = input;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === "number") {
      if (seg >= cur.length) return { present: false, value: undefined };
      cur = cur[seg];
    } else if (cur !== null && typeof cur === "object" && typeof seg === "string" && Object.hasOwn(cur, seg)) {
      cur = (cur as Record<string, unknown>)[seg];
    } else return { present: false, value: undefined };
  }
  return { present: cur !== undefined, value: cur };
}

/** How a given value reads in a message: `the string "two"`, `NaN (not a number)`, `a list`… */
export function describeGiven(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN (not a number)";
    return Number.isFinite(value) ? `the number ${value}` : `${value} (not a finite number)`;
  }
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, { text: string; example: string }>> = {
  number: { text: "a number", example: "3" },
  int: { text: "a whole number", example: "3" },
  string: { text: "a string", example: '"value"' },
  boolean: { text: "true or false", example: "true" },
  object: { text: "a map of settings", example: "{ key: value }" },
  array: { text: "a list", example: "[item]" },
  record: { text: "a map", example: "{ key: value }" },
};

/** Wording of zod's `expected` for an invalid_type issue; replicas fields also state their bound. */
function expectedOf(expected: string, field: unknown): { text: string; example: string } {
  if (field === "replicas" && (expected === "number" || expected === "int")) {
    return { text: "a whole number ≥ 1", example: "1" };
  }
  return (Object.hasOwn(EXPECTED, expected) ? EXPECTED[expected] : undefined) ?? { text: expected, example: "" };
}

/** True when `message` is zod's generic wording rather than one the schema wrote for this field. */
function isGenericZodMessage(message: string): boolean {
  return /^(Invalid input|Invalid option|Too small|Too big|Invalid)\b/.test(message);
}

/** Text of a bound: `at least 1`, `greater than 0`, `at least 1 character`… */
function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = String(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const unit =
    issue.origin === "string"
      ? ` character${bound === "1" ? "" : "s"}`
      : issue.origin === "array" || issue.origin === "set"
        ? ` item${bound === "1" ? "" : "s"}`
        : "";
  if (issue.origin === "string" && small && bound === "1") return "non-empty";
  if (small) return `${inclusive ? "at least" : "greater than"} ${bound}${unit}`;
  return `${inclusive ? "at most" : "less than"} ${bound}${unit}`;
}

/** The message and fix of a schema issue whose value is present but wrong, or undefined for other issues. */
export function wrongValueText(issue: z.core.$ZodIssue, input: unknown): { message: string; fix: string } | undefined {
  const given = valueAt(input, issue.path);
  const path = issue.path.map((x) => (typeof x === "number" ? x : String(x)));
  const p = formatPath(path);
  const field = path[path.length - 1];
  const got = describeGiven(given.value);
  const custom = isGenericZodMessage(issue.message) || field === "replicas" ? "" : ` (${issue.message})`;
  if (issue.code === "invalid_type") {
    if (!given.present) return undefined;
    const want = expectedOf(issue.expected, field);
    const numeric =
      typeof given.value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(given.value) ? given.value.trim() : undefined;
    const fix =
      numeric !== undefined && (issue.expected === "number" || issue.expected === "int")
        ? `write the number without quotes: ${p}: ${numeric}`
        : want.example
          ? `set ${p} to ${want.text}, e.g. ${p}: ${want.example}`
          : `set ${p} to ${want.text}`;
    return { message: `${p} must be ${want.text}, got ${got}${custom}`, fix };
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map((v) => JSON.stringify(v));
    const list = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(", ")}`;
    const near =
      typeof given.value === "string"
        ? closestKey(
            given.value,
            issue.values.filter((v): v is string => typeof v === "string"),
          )
        : undefined;
    return {
      message: `${p} must be ${list}, got ${given.present ? got : "nothing"}${custom}`,
      fix: near !== undefined ? `did you mean ${JSON.stringify(near)}?` : `use ${list}`,
    };
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    const bound = boundText(issue);
    const must = bound === "non-empty" ? "must not be empty" : `must be ${bound}`;
    return {
      message: `${p} ${must}, got ${got}${custom}`,
      fix: `set ${p} to a value ${bound}`,
    };
  }
  return undefined;
}
