import { closestKey, type Diagnostic, formatPath, isRecord } from "@lgtm-gitops/diagnostics";
import type { CompactCrdSchemas, CompactSchemaNode } from "./crd-schema-types.js";
import { argoCdCrdSchemas } from "./crd-schemas.gen.js";
import { issue } from "./issue.js";
import { RULES } from "./rules.js";

/**
 * The rule ids of a CRD check: a field the CRD schema does not declare (the API server would drop it silently), a
 * value that does not match it (type, required, enum, length, pattern). Argo CD's CRDs report under `argocd/`, any
 * other custom resource (Strimzi's Kafka kinds) under `k8s/`.
 */
export interface CrdRuleIds {
  readonly unknownField: string;
  readonly crdSchema: string;
}

/** Rule ids of Argo CD objects checked against Argo CD's CRDs. */
export const ARGOCD_CRD_RULES: CrdRuleIds = { unknownField: RULES.unknownField, crdSchema: RULES.crdSchema };
/** Rule ids of other custom resources checked against their CRDs (Strimzi's Kafka, KafkaNodePool, KafkaTopic). */
export const K8S_CRD_RULES: CrdRuleIds = { unknownField: RULES.k8sUnknownField, crdSchema: RULES.k8sCrdSchema };

type Path = (string | number)[];

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "object";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function matchesType(v: unknown, node: CompactSchemaNode): boolean {
  if (node.intOrString === true) return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
  switch (node.type) {
    case undefined:
      return true;
    case "object":
      return isRecord(v);
    case "array":
      return Array.isArray(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return typeof v === node.type;
  }
}

/**
 * The fix for a value of the wrong type: quote a number or boolean where a string is expected (YAML
 * `sync-wave: 1` is a number, `"1"` a string), unquote a numeric string where a number is expected, wrap a
 * single item in a list.
 */
export function wrongTypeFix(expected: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (expected === "string" && typeof value === "number" && !Number.isInteger(value))
    return `Quote it so YAML reads a string, with the digits as published: "${String(value)}" is what YAML kept of the number (targetRevision 1.10 reads as 1.1).`;
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean"))
    return `Quote it so YAML reads a string: "${String(value)}".`;
  if ((expected === "integer" || expected === "number") && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value))
    return `Write it without quotes so YAML reads a number: ${value}.`;
  if (expected === "boolean" && (value === "true" || value === "false"))
    return `Write it without quotes so YAML reads a boolean: ${value}.`;
  if (expected === "array" && !Array.isArray(value))
    return `Make it a list, e.g. [${json === undefined ? "" : json}] or a "- " item per entry.`;
  if (expected === "object") return "Write a mapping (key: value lines indented under this key).";
  return `Write ${articled(expected)} here.`;
}

interface Context {
  readonly schemas: CompactCrdSchemas;
  readonly kind: string;
  readonly rules: CrdRuleIds;
  readonly out: Diagnostic[];
}

function validateNode(ctx: Context, nodeIndex: number, value: unknown, path: Path): void {
  const { schemas, out } = ctx;
  const node = schemas.nodes[nodeIndex];
  if (node === undefined) return;
  if (value === null) {
    if (node.nullable !== true && node.type !== undefined) {
      out.push(
        issue(
          ctx.rules.crdSchema,
          "warning",
          path,
          `is null; the API server drops it (the schema expects ${node.type})`,
          "Leave the field out instead of setting it to null.",
        ),
      );
    }
    return;
  }
  if (!matchesType(value, node)) {
    const expected = node.intOrString === true ? "integer or string" : (node.type ?? "any");
    out.push(
      issue(
        ctx.rules.crdSchema,
        "error",
        path,
        `must be ${articled(expected === "array" ? "list" : expected)}, got ${articled(typeName(value))} (${JSON.stringify(value)})`,
        wrongTypeFix(expected, value),
      ),
    );
    return;
  }
  if (node.enum !== undefined && !node.enum.includes(value as string | number | boolean)) {
    const near = typeof value === "string" ? closestKey(value, node.enum.map(String)) : undefined;
    out.push(
      issue(
        ctx.rules.crdSchema,
        "error",
        path,
        `must be one of ${node.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(value)}`,
        near !== undefined
          ? `Did you mean "${near}"?`
          : `Use one of ${node.enum.map((e) => JSON.stringify(e)).join(", ")}.`,
      ),
    );
  }
  if (typeof value === "string") {
    if (node.minLength !== undefined && value.length < node.minLength)
      out.push(
        issue(
          ctx.rules.crdSchema,
          "error",
          path,
          `must be at least ${node.minLength} characters long, got ${JSON.stringify(value)}`,
          value === "" ? "Set a value, or leave the field out." : undefined,
        ),
      );
    if (node.maxLength !== undefined && value.length > node.maxLength)
      out.push(
        issue(
          ctx.rules.crdSchema,
          "error",
          path,
          `must be at most ${node.maxLength} characters long, has ${value.length}`,
          `Shorten it by ${value.length - node.maxLength} characters.`,
        ),
      );
    if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value))
      out.push(
        issue(
          ctx.rules.crdSchema,
          "error",
          path,
          `must match the pattern ${node.pattern}, got ${JSON.stringify(value)}`,
        ),
      );
  }
  if (Array.isArray(value)) {
    if (node.items !== undefined) {
      const items = node.items;
      value.forEach((item, i) => {
        validateNode(ctx, items, item, [...path, i]);
      });
    }
    return;
  }
  if (typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  for (const req of node.required ?? []) {
    if (record[req] === undefined)
      out.push(
        issue(
          ctx.rules.crdSchema,
          "error",
          [...path, req],
          `is required (the API server rejects the ${ctx.kind} without it)`,
          `Add ${req}${path.length ? ` under ${formatPath(path)}` : ""}.`,
        ),
      );
  }
  const props = node.properties ?? {};
  const declared = Object.keys(props);
  for (const [key, child] of Object.entries(record)) {
    if (child === undefined) continue;
    const childNode = Object.hasOwn(props, key) ? props[key] : undefined;
    if (childNode !== undefined) {
      validateNode(ctx, childNode, child, [...path, key]);
    } else if (typeof node.additionalProperties === "number") {
      validateNode(ctx, node.additionalProperties, child, [...path, key]);
    } else if (node.additionalProperties !== true && node.preserveUnknownFields !== true && node.type === "object") {
      if (declared.length === 0) continue; // a bare `type: object` (e.g. metadata): anything goes
      const near = closestKey(key, declared);
      out.push(
        issue(
          ctx.rules.unknownField,
          "error",
          [...path, key],
          `is not a field of ${ctx.kind} here (${schemas.source}); the API server drops it silently`,
          near !== undefined ? `Did you mean "${near}"?` : `Known fields here: ${declared.join(", ")}.`,
        ),
      );
    }
  }
}

function articled(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Validates an object against the derived CRD schema of `kind` (Argo CD v3.5.1 by default, reported under `rules`,
 * Argo CD's ids by default): types,
 * required fields, enums, string limits, and unknown fields (which the API server prunes silently and
 * typed model packages let through). Returns `[]` when `kind` is not one of the schemas' kinds.
 */
export function validateAgainstCrd(
  obj: unknown,
  kind: string,
  schemas: CompactCrdSchemas = argoCdCrdSchemas,
  rules: CrdRuleIds = ARGOCD_CRD_RULES,
): Diagnostic[] {
  const entry = Object.hasOwn(schemas.kinds, kind) ? schemas.kinds[kind] : undefined;
  if (entry === undefined) return [];
  const out: Diagnostic[] = [];
  validateNode({ schemas, kind, rules, out }, entry.root, obj, []);
  return out;
}

/**
 * Validates an Argo CD object (`argoproj.io/v1alpha1` Application, ApplicationSet or AppProject)
 * against the CRD-derived schema only, dispatching on its `kind`. Returns `[]` for other objects.
 * `validateObject` runs this plus the model and the late rules.
 */
export function validateArgoObject(obj: unknown): Diagnostic[] {
  if (typeof obj !== "object" || obj === null) return [];
  const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
  if (typeof kind !== "string" || typeof apiVersion !== "string") return [];
  const entry = Object.hasOwn(argoCdCrdSchemas.kinds, kind) ? argoCdCrdSchemas.kinds[kind] : undefined;
  if (entry === undefined || apiVersion !== `${entry.group}/${entry.version}`) return [];
  return validateAgainstCrd(obj, kind);
}
