/**
 * Shape of the generated catalog data (`src/catalog.gen.ts`, built from `sources/<id>.json` by `pnpm codegen`).
 * Internal: the public API is `resolveKey`, `childKeys` and `defaultValue`. Name, version, repository and
 * subcharts are the chart's descriptor row (`src/descriptors.ts`), not part of the catalog.
 */

/** Type of a value as recorded in the catalog. */
export type NodeType = "string" | "number" | "boolean" | "object" | "array" | "null" | "any";

/** One key. Short field names keep the catalog small. */
export interface CatalogNode {
  /** Type of the chart default (`any` when only a template or comment mentions the key). */
  t: NodeType;
  /** Where the key comes from: absent = values.yaml sets it, `t` = a template reads it, `c` = documented in a comment. */
  s?: "t" | "c";
  /** 1 = free-form: the chart passes everything under this node through whole. */
  f?: 1;
  /** Chart default, recorded for leaves and free-form nodes (objects are rebuilt from their children). */
  d?: unknown;
  /** Keys the chart reads below this one, sorted. */
  c?: Record<string, CatalogNode>;
}

/** One chart's catalog document. */
export interface CatalogFile {
  id: string;
  root: CatalogNode;
}
