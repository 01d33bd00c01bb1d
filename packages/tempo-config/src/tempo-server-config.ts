import { z } from "zod";
import { isLegacyOverrideKey } from "./legacy-overrides.js";
import { leafProblem } from "./tempo-leaf.js";
import { childOf, isMap, listItemOf, type SchemaNode, structKeys, tempoSchemaFor } from "./tempo-schema.js";
import { DEFAULT_TEMPO_VERSION } from "./verbatim-check.js";

function leafSchema(leaf: string): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    const problem = leafProblem(leaf, value);
    if (problem?.severity === "error") ctx.addIssue({ code: "custom", message: `not ${problem.expected}` });
  });
}

function schemaOf(node: SchemaNode, path: string, legacy: SchemaNode): z.ZodType {
  if (typeof node === "string") return leafSchema(node);
  const item = listItemOf(node);
  if (item !== undefined) return z.array(schemaOf(item, `${path}[]`, legacy));
  const extra = childOf(node, "{}");
  if (isMap(node)) return z.record(z.string(), schemaOf(extra as SchemaNode, `${path}.*`, legacy).nullable());
  const shape: Record<string, z.ZodType> = {};
  for (const k of structKeys(node)) {
    const p = path ? `${path}.${k}` : k;
    const c = childOf(node, k) as SchemaNode;
    // `distributor.receivers` is decoded by the OTel collector: checkVerbatimTempoConfig checks it
    shape[k] = (p === "overrides" ? overridesSchema(c, legacy) : schemaOf(c, p, legacy)).nullable().optional();
  }
  const object = z.strictObject(shape);
  return extra === undefined ? object : object.catchall(schemaOf(extra, `${path}.*`, legacy).nullable());
}

function overridesSchema(node: SchemaNode, legacyNode: SchemaNode): z.ZodType {
  const modern = schemaOf(node, "overrides.", legacyNode);
  const legacy = schemaOf(legacyNode, "overrides.", legacyNode);
  const own = new Set(structKeys(node));
  // Tempo tries the new format strictly, then the legacy one; a mix of both fails.
  return z.unknown().pipe(
    z.custom<Record<string, unknown>>().superRefine((value, ctx) => {
      const isLegacy =
        value !== null &&
        typeof value === "object" &&
        Object.keys(value).some((k) => !own.has(k) && isLegacyOverrideKey(k));
      const result = isLegacy ? legacy.safeParse(value) : modern.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        }
      }
    }),
  );
}

const schemas = new Map<string, z.ZodType<Record<string, unknown>>>();

/**
 * Strict zod schema of the configuration file (tempo.yaml) of Tempo `version` (a release or image tag; default the
 * version the spec's chart runs), from the schema table derived from Tempo's Go structs (`src/tempo-schemas.gen.ts`).
 * Unknown keys are rejected as Tempo's `yaml.UnmarshalStrict` rejects them; values follow the Go types;
 * `overrides` accepts the new `defaults:` format or the legacy flat one (not both). For diagnostics with fixes use
 * `checkVerbatimTempoConfig`.
 */
export function tempoServerConfigSchemaFor(
  version: string = DEFAULT_TEMPO_VERSION,
): z.ZodType<Record<string, unknown>> {
  const schema = tempoSchemaFor(version);
  let s = schemas.get(schema.version);
  if (!s) {
    // Built on first use (a zod schema per node of the key tree), so importing the package stays cheap.
    s = z.lazy(() => schemaOf(schema.config, "", schema.overridesLegacy)) as z.ZodType<Record<string, unknown>>;
    schemas.set(schema.version, s);
  }
  return s;
}

/** {@link tempoServerConfigSchemaFor} the default version (the one the spec's chart runs). */
export const tempoServerConfigSchema: z.ZodType<Record<string, unknown>> = z.lazy(() => tempoServerConfigSchemaFor());

/** Tempo's configuration as parsed by {@link tempoServerConfigSchema}. */
export type TempoServerConfig = z.output<typeof tempoServerConfigSchema>;
