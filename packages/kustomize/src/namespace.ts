import { z } from "zod";
import { buildMetadata, type MetadataOptions, objectMetaSchema } from "./metadata.js";

/** A core `v1` Namespace. */
export const namespaceSchema = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Namespace"),
  metadata: objectMetaSchema,
  spec: z.strictObject({ finalizers: z.array(z.string()).optional() }).optional(),
});

/** A Namespace object. */
export type Namespace = z.infer<typeof namespaceSchema>;

/** Options of {@link namespace}: labels, annotations, sync wave, finalizers (all optional). */
export type NamespaceOptions = MetadataOptions;

/**
 * Builds a Namespace.
 *
 * @example
 * namespace("monitoring", { labels: { "pod-security.kubernetes.io/enforce": "privileged" }, syncWave: -1 })
 */
export function namespace(name: string, options: NamespaceOptions = {}): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: buildMetadata(name, undefined, options) };
}
