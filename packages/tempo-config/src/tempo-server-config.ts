import { z } from "zod";
import { isGoDuration, isModelDuration } from "./duration.js";
import { isTree, type KeyNode, listItem } from "./key-tree.js";
import { isLegacyOverrideKey, LEGACY_OVERRIDE_KEYS } from "./legacy-overrides.js";
import { TEMPO_2_9_KEY_TREE } from "./tempo-config-schema.gen.js";

function leafSchema(node: KeyNode): z.ZodType {
  switch (node) {
    case "s":
      return z.union([z.string(), z.number(), z.boolean()]);
    case "i":
      return z.number().int();
    case "f":
      return z.number();
    case "b":
      return z.boolean();
    case "d":
      return z.union([
        z.string().refine(isGoDuration, { error: "not a Go duration (e.g. 30s, 5m, 24h)" }),
        z.number().int(),
      ]);
    case "md":
      return z.string().refine(isModelDuration, { error: "not a duration (e.g. 24h, 14d, 1w)" });
    case "l":
      return z.array(z.unknown());
    case "m":
      return z.record(z.string(), z.unknown());
    default:
      return z.unknown();
  }
}

function schemaOf(node: KeyNode, path: string): z.ZodType {
  const item = listItem(node);
  if (item !== undefined) return z.array(schemaOf(item, `${path}[]`));
  if (!isTree(node)) return leafSchema(node);
  const shape: Record<string, z.ZodType> = {};
  for (const [k, child] of Object.entries(node)) {
    const p = path ? `${path}.${k}` : k;
    shape[k] = (p === "overrides" ? overridesSchema(child) : schemaOf(child, p)).nullable().optional();
  }
  return z.strictObject(shape);
}

function overridesSchema(node: KeyNode): z.ZodType {
  const modern = schemaOf(node, "overrides.");
  const legacyShape: Record<string, z.ZodType> = {
    per_tenant_override_config: z.string().nullable().optional(),
    per_tenant_override_period: leafSchema("d").nullable().optional(),
  };
  for (const k of Object.keys(LEGACY_OVERRIDE_KEYS)) legacyShape[k] = z.unknown().optional();
  const legacy = z.strictObject(legacyShape).catchall(z.unknown());
  const legacyKeys = z.record(
    z.string().refine((k) => k in legacyShape || k.startsWith("metrics_generator_"), {
      error: "not a legacy overrides key",
    }),
    z.unknown(),
  );
  // Tempo tries the new format strictly, then the legacy one; a mix of both fails.
  return z.unknown().pipe(
    z.custom<Record<string, unknown>>().superRefine((value, ctx) => {
      const isLegacy =
        value !== null && typeof value === "object" && Object.keys(value).some((k) => isLegacyOverrideKey(k));
      const result = isLegacy ? legacyKeys.pipe(legacy).safeParse(value) : modern.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        }
      }
    }),
  );
}

/**
 * Strict zod schema of Tempo 2.9's configuration file (tempo.yaml), derived from Tempo's published manifest plus its
 * omitempty fields (`src/tempo-config-schema.gen.ts`). Unknown keys are rejected as Tempo's `yaml.UnmarshalStrict`
 * rejects them; `overrides` accepts the new `defaults:` format or the legacy flat one (not both);
 * `distributor.receivers` and a few deeply nested maps are free-form. For diagnostics with fixes use
 * `checkVerbatimTempoConfig`.
 */
export const tempoServerConfigSchema: z.ZodType<Record<string, unknown>> = z.lazy(
  // Built on first use (a zod schema per node of the 1,317-node key tree), so importing the package stays cheap.
  () => schemaOf(TEMPO_2_9_KEY_TREE, "") as z.ZodType<Record<string, unknown>>,
);

/** Tempo 2.9's configuration as parsed by {@link tempoServerConfigSchema}. */
export type TempoServerConfig = z.output<typeof tempoServerConfigSchema>;
