import { chartDescriptor, chartVersions, findChart, STACK_CHART_NAMES } from "@lgtm-gitops/charts";
import { closestKey, type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { checkTempoSpec, tempoSpecIssues } from "@lgtm-gitops/tempo-config";
import type { z } from "zod";
import type { LoadedDefinition } from "../fleet/load.js";
import { fillDefinition } from "./fill.js";
import { type ClusterDefinition, definitionSchema } from "./schema.js";

/** A definition that passed the schema, with where it came from. */
export interface ParsedDefinition {
  readonly file: string;
  /** Finds a value's line and column in the file (YAML/JSON; `undefined` for TypeScript). */
  readonly locate: LoadedDefinition["locate"];
  /** {@link LoadedDefinition.locateKey}. @default {@link locate} */
  readonly locateKey?: LoadedDefinition["locate"];
  readonly definition: ClusterDefinition;
  /** {@link LoadedDefinition.source}: what the definition was read from, hashed. @default none */
  readonly source?: string;
  /** The definition as written, before defaults (to tell a field the file sets from a default). */
  readonly input: unknown;
}

const RULE = "definition/invalid";

type Def = {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
};
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;
const descriptionOf = (s: unknown): string | undefined => (s as { description?: string } | undefined)?.description;

/** The schema without its wrappers (optional, default, prefault, pipe). */
function unwrap(s: unknown): unknown {
  for (let i = 0; i < 20; i++) {
    const dd = defOf(s);
    if (!dd) return s;
    if (dd.innerType !== undefined) s = dd.innerType;
    else if (dd.type === "pipe") s = dd.in;
    else return s;
  }
  return s;
}

/** The schema at `path` (through objects only), unwrapped; `undefined` past a union or a leaf. */
function schemaAt(schema: unknown, path: readonly PropertyKey[]): unknown {
  let s = unwrap(schema);
  for (const seg of path) {
    const dd = defOf(s);
    if (dd?.type !== "object" || !dd.shape) return undefined;
    s = unwrap(dd.shape[String(seg)]);
  }
  return s;
}

/** The options of a union of objects at `path`: each one's keys and description. */
function unionOptions(schema: unknown, path: readonly PropertyKey[]): { keys: string[]; description?: string }[] {
  const dd = defOf(schemaAt(schema, path));
  if (dd?.type !== "union" || !dd.options) return [];
  return dd.options.map((o) => {
    const u = unwrap(o);
    const description = descriptionOf(o) ?? descriptionOf(u);
    return { keys: Object.keys(defOf(u)?.shape ?? {}), ...(description ? { description } : {}) };
  });
}

/** Object keys accepted at `path` (all options' keys for a union, once each), for "did you mean" fixes. */
function keysOf(schema: unknown, path: readonly PropertyKey[]): string[] {
  const options = unionOptions(schema, path);
  if (options.length > 0) return [...new Set(options.flatMap((o) => o.keys))];
  return Object.keys(defOf(schemaAt(schema, path))?.shape ?? {});
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const seg of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** `{ server }`, `{ name }`: how a union option reads in a message. */
const optionText = (keys: readonly string[]) => `{ ${keys.join(", ")} }`;

/**
 * A union of objects that matched no option (`argocd.destination`): which option the value looks like and what
 * is wrong with it, or that it mixes options or names none.
 */
function unionDiagnostics(
  issue: z.core.$ZodIssueInvalidUnion,
  def: LoadedDefinition,
  input: unknown,
): Diagnostic[] | { message: string; fix: string } | undefined {
  const options = unionOptions(definitionSchema, issue.path);
  if (options.length === 0) return undefined;
  const p = formatPath(issue.path.map((x) => (typeof x === "number" ? x : String(x))));
  const value = valueAt(input, issue.path);
  const given = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  const used = options.flatMap((o, i) => (o.keys.some((k) => given.includes(k)) ? [i] : []));
  const choices = options.map(
    (o) => `${p}.${o.keys.join(", ")}${o.description ? ` (${o.description.replace(/\.$/, "")})` : ""}`,
  );
  if (used.length > 1) {
    const mixed = given.filter((k) => used.some((i) => options[i]!.keys.includes(k)));
    return {
      message: `${p} must be one of ${options.map((o) => optionText(o.keys)).join(" or ")}, not several: it has ${mixed.join(" and ")}`,
      fix: `Keep only one: ${choices.join("; or ")}.`,
    };
  }
  if (used.length === 0)
    return {
      message: `${p} must be one of ${options.map((o) => optionText(o.keys)).join(" or ")}${given.length > 0 ? `, not { ${given.join(", ")} }` : ""}`,
      fix: `Set one: ${choices.join("; or ")}.`,
    };
  // One option is meant: its own problems, at their own paths.
  const inner = issue.errors[used[0]!] ?? [];
  return toDiagnostics(
    inner.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue),
    def,
    input,
  );
}

/**
 * Why the single-binary `tempo` chart is refused: it is no stack chart, and no catalogued release of it runs Tempo 3.0
 * (the newest catalogued, read from the descriptor table, is named). grafana-community publishes `tempo` 3.x releases
 * running Tempo 3.0, but their sources (Chart.yaml, templates) were not available to catalogue (see the charts
 * package README), so a monolithic Tempo 3.0 cannot be generated.
 */
function singleBinaryTempoNote(): string {
  const newest = chartVersions("tempo").at(-1);
  const id = newest === undefined ? undefined : findChart("tempo", newest);
  const runs = id === undefined ? "" : ` (the newest, ${newest}, runs Tempo ${chartDescriptor(id).tempoVersion})`;
  return `: the single-binary tempo chart is not supported, and no catalogued release of it runs Tempo 3.0${runs}; its 3.x releases are not catalogued yet, so a monolithic Tempo 3.0 cannot be generated`;
}

/** Rule ids of diagnostics about a key itself (reported at the key, not at its value). */
export const KEY_RULES: ReadonlySet<string> = new Set([
  "definition/unknown-key",
  "tempo/unknown-spec-key",
  "tempo/unknown-config-key",
  "chart/unknown-key",
]);

function toDiagnostics(issues: readonly z.core.$ZodIssue[], def: LoadedDefinition, input: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: readonly PropertyKey[], key = false) => {
    const pos = key && def.locateKey ? def.locateKey(path) : def.locate(path);
    return { file: def.file, ...(pos ? { line: pos.line, column: pos.column } : {}) };
  };
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const p = formatPath([...path, key]);
        const known = keysOf(definitionSchema, issue.path);
        const suggestion = closestKey(key, known);
        out.push({
          ruleId: "definition/unknown-key",
          severity: "error",
          path: [...path, key],
          message: `${p} is not a field of a cluster definition${path.length > 0 ? ` (${formatPath(path)} accepts ${known.join(", ")})` : ""}`,
          fix: suggestion
            ? `Did you mean ${formatPath([...path, suggestion])}?`
            : "Remove it; pnpm gitops schema prints every field, and docs/cluster-definition.md documents them.",
          ...at([...issue.path, key], true),
        });
      }
      continue;
    }
    const params = (issue as { params?: { ruleId?: string; fix?: string } }).params;
    const p = formatPath(path);
    let message = issue.message;
    let fix = params?.fix;
    if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
      message = `${p} is required`;
      fix ??= `Add ${p}; see docs/cluster-definition.md.`;
    } else if (issue.code === "invalid_union" && (issue as { note?: string }).note === "No matching discriminator") {
      message = `${p} must be one of the supported values`;
      if (path[0] === "stack" && path.length <= 2) {
        const names = STACK_CHART_NAMES.map((n) => `"${n}"`).join(" or ");
        const actual = valueAt(input, ["stack", "chart"]);
        message = `stack.chart must be ${names}${actual === undefined ? "" : `, not ${JSON.stringify(actual)}`}${actual === "tempo" ? singleBinaryTempoNote() : ""}`;
        fix ??= `Set stack.chart to ${names}.`;
      }
    } else if (issue.code === "invalid_union") {
      const union = unionDiagnostics(issue, def, input);
      if (Array.isArray(union)) {
        out.push(...union);
        continue;
      }
      if (union) ({ message, fix } = union);
      else if (!message.startsWith(p) && p !== "") message = `${p}: ${message}`;
    } else if (issue.code === "invalid_value") {
      const values = [...new Set((issue as { values?: unknown[] }).values ?? [])];
      const actual = valueAt(input, issue.path);
      message = `${p} must be ${values.length === 1 ? "" : "one of "}${values.map((v) => JSON.stringify(v)).join(", ")}${actual === undefined ? "" : `, not ${JSON.stringify(actual)}`}`;
      const near =
        typeof actual === "string"
          ? closestKey(
              actual,
              values.filter((v): v is string => typeof v === "string"),
            )
          : undefined;
      if (path.at(-1) === "version") fix ??= `Use one of the supported versions: ${values.join(", ")}.`;
      else if (near !== undefined) fix ??= `Did you mean ${p}: ${near}?`;
      else fix ??= `Use ${values.length === 1 ? "" : "one of "}${values.map((v) => String(v)).join(", ")}.`;
    } else if (!message.startsWith(p) && p !== "") message = `${p}: ${message}`;
    const diag: Diagnostic = { ruleId: params?.ruleId ?? RULE, severity: "error", path, message, ...at(issue.path) };
    out.push(fix ? { ...diag, fix } : diag);
  }
  return out;
}

/**
 * Keys and numbers of a definition that could not be carried into its bundle as written: a key named `__proto__`
 * (JavaScript objects cannot hold it reliably; it would be dropped silently as a tenant id, a label or a header name)
 * and, in TypeScript definitions, integers beyond 2^53 or bigints (YAML and JSON ones are refused when read, with
 * their line). Walks without recursion.
 */
function unkeepable(input: unknown, def: LoadedDefinition): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: input, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0 && out.length < 20) {
    const { v, path } = stack.pop()!;
    if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v))) {
      out.push({
        ruleId: "definition/ambiguous-value",
        severity: "error",
        path,
        message: `${formatPath(path)} is an integer beyond 2^53, which cannot be kept exactly; it would not reach the values file as written`,
        fix: "Write it as a string if it is an identifier.",
        file: def.file,
        ...(def.locate(path) ?? {}),
      });
      continue;
    }
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ v: item, path: [...path, i] });
      });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === "__proto__") {
        out.push({
          ruleId: "definition/reserved-key",
          severity: "error",
          path: [...path, key],
          message: `${formatPath([...path, key])}: "__proto__" cannot be used as a key (a tenant id, label, header or value name): it would be dropped without a word on its way to the values`,
          fix: "Use another name; Tempo tenants, labels and headers named __proto__ are not supported.",
          file: def.file,
          ...(def.locate([...path, key]) ?? {}),
        });
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return out;
}

/**
 * Checks every loaded definition: the definition schema (strict: unknown keys are errors), tempo-config's
 * TempoSpec checks on `tempo`, file name = `name`, and names unique across the fleet. Returns the parsed
 * definitions, sorted by name, and every diagnostic (with file, line and column for YAML/JSON).
 */
export function parseDefinitions(loaded: readonly LoadedDefinition[]): {
  definitions: ParsedDefinition[];
  diagnostics: Diagnostic[];
} {
  const definitions: ParsedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const def of loaded) {
    const input = fillDefinition(def.input);
    const own: Diagnostic[] = [];
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      diagnostics.push({
        ruleId: RULE,
        severity: "error",
        path: [],
        message: "a cluster definition must be an object (a mapping in YAML)",
        fix: "Start from an example in apps/bundler/fleet/.",
        file: def.file,
      });
      continue;
    }
    // The one parse of the definition (its `tempo` is tempo-config's TempoSpec schema).
    const parsed = definitionSchema.safeParse(input);
    const inTempo = (i: z.core.$ZodIssue) =>
      i.path[0] === "tempo" && (i.path.length > 1 || i.code === "unrecognized_keys");
    const tempoFindings: Diagnostic[] = [];
    if (!parsed.success) {
      own.push(
        ...toDiagnostics(
          parsed.error.issues.filter((i) => !inTempo(i)),
          def,
          input,
        ),
      );
      // Issues inside the spec get tempo-config's Tempo-aware messages (paths relative to `tempo`).
      const tempoIssues = parsed.error.issues.filter(inTempo).map((i) => ({ ...i, path: i.path.slice(1) }));
      tempoFindings.push(...tempoSpecIssues(tempoIssues, (input as { tempo?: unknown }).tempo));
    } else tempoFindings.push(...checkTempoSpec(parsed.data.tempo));
    for (const d of tempoFindings) {
      const path = ["tempo", ...d.path];
      const locate = KEY_RULES.has(d.ruleId) && def.locateKey ? def.locateKey : def.locate;
      const pos = locate(path);
      own.push({ ...d, path, file: def.file, ...(pos ? { line: pos.line, column: pos.column } : {}) });
    }
    // Only once the schema accepts it: a `__proto__` in a strict object is already an unknown key.
    if (parsed.success) own.push(...unkeepable(def.input, def));
    if (parsed.success) {
      const name = parsed.data.name;
      if (name !== def.stem)
        own.push({
          ruleId: "definition/name-mismatch",
          severity: "error",
          path: ["name"],
          message: `the definition is named "${name}" but its file is ${def.stem}.${def.file.split(".").pop()}`,
          fix: `Rename the file to ${name}.${def.file.split(".").pop()} or set name: ${def.stem}.`,
          file: def.file,
          ...(def.locate(["name"]) ?? {}),
        });
      const other = seen.get(name);
      if (other !== undefined)
        own.push({
          ruleId: "definition/duplicate-name",
          severity: "error",
          path: ["name"],
          message: `cluster "${name}" is also defined in ${other}`,
          fix: "Give every cluster its own name; remove one of the two files.",
          file: def.file,
        });
      else seen.set(name, def.file);
    }
    diagnostics.push(...own);
    if (parsed.success && !own.some((d) => d.severity === "error"))
      definitions.push({
        file: def.file,
        locate: def.locate,
        ...(def.locateKey ? { locateKey: def.locateKey } : {}),
        definition: parsed.data,
        input: def.input,
        ...(def.source !== undefined ? { source: def.source } : {}),
      });
  }
  definitions.sort((a, b) =>
    a.definition.name < b.definition.name ? -1 : a.definition.name > b.definition.name ? 1 : 0,
  );
  return { definitions, diagnostics };
}
