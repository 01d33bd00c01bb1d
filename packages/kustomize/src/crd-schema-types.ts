/**
 * A compact, deduplicated form of the OpenAPI v3 schemas in CustomResourceDefinitions: only what
 * validation needs (types, required, enums, properties, additionalProperties, items, string limits and
 * the `x-kubernetes-*` escapes), with descriptions dropped and identical sub-schemas stored once.
 * Children are indexes into {@link CompactCrdSchemas.nodes}.
 */
export interface CompactSchemaNode {
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly required?: readonly string[];
  readonly enum?: readonly (string | number | boolean)[];
  readonly properties?: Readonly<Record<string, number>>;
  /** Schema of the values of keys not in `properties`; absent = such keys are unknown (pruned by the API server). */
  readonly additionalProperties?: number | true;
  readonly items?: number;
  /** `x-kubernetes-preserve-unknown-fields: true`: keys beyond `properties` are kept, not checked. */
  readonly preserveUnknownFields?: true;
  /** `x-kubernetes-int-or-string: true`: an integer or a string. */
  readonly intOrString?: true;
  readonly nullable?: true;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** One custom resource kind: its group/version and the node of its root schema. */
export interface CompactCrdKind {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly scope: "Namespaced" | "Cluster";
  readonly root: number;
}

/** The derived schemas of several CRDs (see `scripts/codegen.ts`). */
export interface CompactCrdSchemas {
  /** Where the CRDs came from (e.g. `argoproj/argo-cd v3.5.1`). */
  readonly source: string;
  readonly kinds: Readonly<Record<string, CompactCrdKind>>;
  readonly nodes: readonly CompactSchemaNode[];
}
