import { isRecord } from "@lgtm-gitops/diagnostics";
import type { CompactCrdKind, CompactCrdSchemas, CompactSchemaNode } from "./crd-schema-types.js";

type Json = Record<string, unknown>;

const TYPES = new Set(["object", "array", "string", "integer", "number", "boolean"]);

/**
 * Derives {@link CompactCrdSchemas} from parsed CustomResourceDefinition documents (the served+storage
 * version of each). Pure and deterministic: the same CRDs give the same nodes in the same order.
 * Kinds are sorted by name; nodes are numbered in depth-first order of the sorted kinds' properties.
 */
export function deriveCompactCrdSchemas(crds: readonly unknown[], source: string): CompactCrdSchemas {
  const nodes: CompactSchemaNode[] = [];
  const index = new Map<string, number>();

  const intern = (node: CompactSchemaNode): number => {
    const key = JSON.stringify(node);
    const found = index.get(key);
    if (found !== undefined) return found;
    nodes.push(node);
    index.set(key, nodes.length - 1);
    return nodes.length - 1;
  };

  const compact = (schema: unknown): number => {
    if (!isRecord(schema)) return intern({});
    const node: {
      -readonly [K in keyof CompactSchemaNode]: CompactSchemaNode[K];
    } = {};
    if (typeof schema.type === "string" && TYPES.has(schema.type))
      node.type = schema.type as NonNullable<CompactSchemaNode["type"]>;
    if (Array.isArray(schema.required) && schema.required.length > 0)
      node.required = [...(schema.required as string[])].sort();
    if (Array.isArray(schema.enum)) node.enum = schema.enum as (string | number | boolean)[];
    if (isRecord(schema.properties)) {
      const props: Record<string, number> = {};
      for (const key of Object.keys(schema.properties).sort()) props[key] = compact(schema.properties[key]);
      node.properties = props;
    }
    if (schema.additionalProperties === true) node.additionalProperties = true;
    else if (isRecord(schema.additionalProperties)) node.additionalProperties = compact(schema.additionalProperties);
    if (schema.items !== undefined) node.items = compact(schema.items);
    if (schema["x-kubernetes-preserve-unknown-fields"] === true) node.preserveUnknownFields = true;
    if (schema["x-kubernetes-int-or-string"] === true) node.intOrString = true;
    if (schema.nullable === true) node.nullable = true;
    if (typeof schema.minLength === "number") node.minLength = schema.minLength;
    if (typeof schema.maxLength === "number") node.maxLength = schema.maxLength;
    if (typeof schema.pattern === "string") node.pattern = schema.pattern;
    return intern(node);
  };

  const found: { kind: string; crd: Json; version: Json }[] = [];
  for (const crd of crds) {
    if (!isRecord(crd) || crd.kind !== "CustomResourceDefinition" || !isRecord(crd.spec)) continue;
    const names = crd.spec.names;
    const versions = crd.spec.versions;
    if (!isRecord(names) || typeof names.kind !== "string" || !Array.isArray(versions)) continue;
    const version = versions.find((v): v is Json => isRecord(v) && v.storage === true && v.served !== false);
    if (version === undefined) continue;
    found.push({ kind: names.kind, crd, version });
  }
  found.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

  const kinds: Record<string, CompactCrdKind> = {};
  for (const { kind, crd, version } of found) {
    const spec = crd.spec as Json;
    const names = spec.names as Json;
    const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    kinds[kind] = {
      group: String(spec.group),
      version: String(version.name),
      plural: String(names.plural),
      scope: spec.scope === "Cluster" ? "Cluster" : "Namespaced",
      root: compact(schema),
    };
  }
  return { source, kinds, nodes };
}
