import type { CompactCrdSchemas, CompactSchemaNode } from "./crd-schema-types.js";
import { argoCdCrdSchemas } from "./crd-schemas.gen.js";
import { type Issue, issue } from "./issue.js";

/** Rule id: a field that the CRD schema does not declare (the API server would drop it silently). */
export const UNKNOWN_FIELD_CODE = "argocd/unknown-field";
/** Rule id: a value that does not match the CRD schema (type, required, enum, length, pattern). */
export const CRD_SCHEMA_CODE = "argocd/crd-schema";

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
      return typeof v === "object" && v !== null && !Array.isArray(v);
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

/** Edit distance, for "did you mean" hints on unknown fields. */
function distance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  let prev = Array.from({ length: bl.length + 1 }, (_, i) => i);
  for (let i = 1; i <= al.length; i++) {
    const cur = [i];
    for (let j = 1; j <= bl.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (al[i - 1] === bl[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[bl.length]!;
}

/** The declared key closest to `key`, when close enough to be a typo. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // A key that is the start of a declared one (`valuesObj` → `valuesObject`) is the likeliest typo.
    const d = c.toLowerCase().startsWith(key.toLowerCase()) ? 1 : distance(key, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  if (best !== undefined && (bestDistance <= limit || best.toLowerCase().startsWith(key.toLowerCase()))) return best;
  return undefined;
}

interface Context {
  readonly schemas: CompactCrdSchemas;
  readonly kind: string;
  readonly out: Issue[];
}

function validateNode(ctx: Context, nodeIndex: number, value: unknown, path: Path): void {
  const { schemas, out } = ctx;
  const node = schemas.nodes[nodeIndex];
  if (node === undefined) return;
  if (value === null) {
    if (node.nullable !== true && node.type !== undefined) {
      out.push(
        issue(
          CRD_SCHEMA_CODE,
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
    out.push(issue(CRD_SCHEMA_CODE, "error", path, `must be ${articled(expected)}, got ${articled(typeName(value))}`));
    return;
  }
  if (node.enum !== undefined && !node.enum.includes(value as string | number | boolean)) {
    out.push(
      issue(
        CRD_SCHEMA_CODE,
        "error",
        path,
        `must be one of ${node.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(value)}`,
      ),
    );
  }
  if (typeof value === "string") {
    if (node.minLength !== undefined && value.length < node.minLength)
      out.push(issue(CRD_SCHEMA_CODE, "error", path, `must be at least ${node.minLength} characters long`));
    if (node.maxLength !== undefined && value.length > node.maxLength)
      out.push(issue(CRD_SCHEMA_CODE, "error", path, `must be at most ${node.maxLength} characters long`));
    if (node.pattern !== undefined && !new RegExp(node.pattern, "u").test(value))
      out.push(
        issue(CRD_SCHEMA_CODE, "error", path, `must match the pattern ${node.pattern}, got ${JSON.stringify(value)}`),
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
    if (record[req] === undefined) out.push(issue(CRD_SCHEMA_CODE, "error", [...path, req], "is required"));
  }
  const props = node.properties ?? {};
  const declared = Object.keys(props);
  for (const [key, child] of Object.entries(record)) {
    if (child === undefined) continue;
    const childNode = props[key];
    if (childNode !== undefined) {
      validateNode(ctx, childNode, child, [...path, key]);
    } else if (typeof node.additionalProperties === "number") {
      validateNode(ctx, node.additionalProperties, child, [...path, key]);
    } else if (node.additionalProperties !== true && node.preserveUnknownFields !== true && node.type === "object") {
      if (declared.length === 0) continue; // a bare `type: object` (e.g. metadata): anything goes
      const near = closestKey(key, declared);
      out.push(
        issue(
          UNKNOWN_FIELD_CODE,
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

/** The kinds {@link validateAgainstCrd} knows: `Application`, `ApplicationSet`, `AppProject`. */
export function crdKinds(schemas: CompactCrdSchemas = argoCdCrdSchemas): string[] {
  return Object.keys(schemas.kinds);
}

/**
 * Validates an object against the derived CRD schema of `kind` (Argo CD v3.5.1 by default): types,
 * required fields, enums, string limits, and unknown fields (which the API server prunes silently and
 * typed model packages let through). Returns `[]` when `kind` is not one of the schemas' kinds.
 */
export function validateAgainstCrd(obj: unknown, kind: string, schemas: CompactCrdSchemas = argoCdCrdSchemas): Issue[] {
  const entry = schemas.kinds[kind];
  if (entry === undefined) return [];
  const out: Issue[] = [];
  validateNode({ schemas, kind, out }, entry.root, obj, []);
  return out;
}

/**
 * Validates an Argo CD object (`argoproj.io/v1alpha1` Application, ApplicationSet or AppProject)
 * against the CRD-derived schema only, dispatching on its `kind`. Returns `[]` for other objects.
 * `validateObject` runs this plus the model and the late rules.
 */
export function validateArgoObject(obj: unknown): Issue[] {
  if (typeof obj !== "object" || obj === null) return [];
  const { apiVersion, kind } = obj as { apiVersion?: unknown; kind?: unknown };
  if (typeof kind !== "string" || typeof apiVersion !== "string") return [];
  const entry = argoCdCrdSchemas.kinds[kind];
  if (entry === undefined || apiVersion !== `${entry.group}/${entry.version}`) return [];
  return validateAgainstCrd(obj, kind);
}
