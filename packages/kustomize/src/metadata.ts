import { z } from "zod";

/** Annotation that orders resources inside one Argo CD sync (value: an integer as a string, may be negative). */
export const SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

/** `metadata` of the objects this package builds (a strict subset of ObjectMeta: typos are rejected). */
export const objectMetaSchema = z.strictObject({
  name: z.string(),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  finalizers: z.array(z.string()).optional(),
});

/** Object metadata. */
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

/** Metadata options every builder accepts. */
export interface MetadataOptions {
  /** Labels of the object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the object. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Argo CD sync wave, written as the `argocd.argoproj.io/sync-wave` annotation. @default none (wave 0) */
  readonly syncWave?: number;
  /** `metadata.finalizers`. @default none */
  readonly finalizers?: readonly string[];
}

/** `{ "argocd.argoproj.io/sync-wave": "<wave>" }` (Argo CD reads the wave from a string). */
export function syncWaveAnnotation(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}

/** Builds `metadata` in conventional key order, leaving out what is not set. */
export function buildMetadata(name: string, namespace: string | undefined, options: MetadataOptions): ObjectMeta {
  const meta: ObjectMeta = { name };
  if (namespace !== undefined) meta.namespace = namespace;
  if (options.labels !== undefined) meta.labels = { ...options.labels };
  const annotations = {
    ...(options.syncWave !== undefined ? syncWaveAnnotation(options.syncWave) : {}),
    ...options.annotations,
  };
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  if (options.finalizers !== undefined) meta.finalizers = [...options.finalizers];
  return meta;
}
