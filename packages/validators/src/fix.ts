import type { Diagnostic, Edit, PathSegments } from "@lgtm-gitops/diagnostics";
import { applyEdits, type EditGroup } from "./edits.js";
import { type DetectedDocument, type LintInput, type LintOptions, lintDocuments } from "./lint.js";

/** Options of {@link fixDocuments}. */
export interface FixOptions extends Omit<LintOptions, "budget"> {
  /**
   * Why a file must not be changed (e.g. it is generated), or `undefined` when it may be. Its edits are listed as
   * skipped with that reason. @default every file may be changed
   */
  readonly refuse?: (file: string) => string | undefined;
  /** Lint → apply rounds at most (a move can reveal a finding with a further edit). @default 4 */
  readonly maxPasses?: number;
}

/** One finding whose edits were applied, or skipped (then with the reason). */
export interface FixedFinding {
  readonly ruleId: string;
  readonly path: PathSegments;
  readonly message: string;
  readonly edits: readonly Edit[];
}

/** What {@link fixDocuments} did to one file. */
export interface FixedFile {
  readonly file: string;
  readonly before: string;
  /** The text after every applicable edit (`before` when none applied). */
  readonly after: string;
  readonly applied: readonly FixedFinding[];
  /** Findings with edits that were not applied, each with why. */
  readonly skipped: readonly (FixedFinding & { readonly reason: string })[];
}

/** What {@link fixDocuments} returns. */
export interface FixResult {
  /** Every input file, in input order, with its new text. */
  readonly files: readonly FixedFile[];
  /** The findings left after the edits: a lint of the new texts. */
  readonly diagnostics: readonly Diagnostic[];
  readonly documents: readonly DetectedDocument[];
}

/** Path length of a group's shallowest edit: whole sections move before the keys that move into them. */
function depth(edits: EditGroup): number {
  return Math.min(...edits.map((e) => (e.op === "move" ? e.from.length : e.path.length)));
}

const findingOf = (d: Diagnostic): FixedFinding => ({
  ruleId: d.ruleId,
  path: d.path,
  message: d.message,
  edits: d.edits ?? [],
});

/**
 * `lint --fix` as a library: lints the files together (as {@link lintDocuments}), applies the `edits` every finding
 * carries ({@link applyEdits}: comments, key order and untouched lines kept), lints again, and repeats while edits
 * change something (a moved section can reveal a key that moves further). Findings without edits need a person and
 * are left as they are. Returns the new text of each file and the findings left; writes nothing and never throws.
 *
 * @example
 * const r = fixDocuments([{ file: "values.yaml", text: "tempo:\n  query_frontend:\n    replicas: 2\n" }]);
 * r.files[0]?.after; // "tempo:\n  queryFrontend:\n    replicas: 2\n"
 */
export function fixDocuments(inputs: readonly LintInput[], options: FixOptions = {}): FixResult {
  const { refuse, maxPasses = 4, ...lintOptions } = options;
  const texts = inputs.map((i) => i.text);
  const applied: FixedFinding[][] = inputs.map(() => []);
  let skipped: (FixedFinding & { reason: string })[][] = inputs.map(() => []);
  let result = lintDocuments(inputs, lintOptions);
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    skipped = inputs.map(() => []);
    inputs.forEach((input, i) => {
      const found = result.diagnostics
        .filter((d) => d.file === input.file && d.edits !== undefined && d.edits.length > 0)
        .map((d, order) => ({ d, order }))
        .sort((a, b) => depth(a.d.edits ?? []) - depth(b.d.edits ?? []) || a.order - b.order)
        .map((x) => x.d);
      if (found.length === 0) return;
      const why = refuse?.(input.file);
      if (why !== undefined) {
        (skipped[i] as unknown[]).push(...found.map((d) => ({ ...findingOf(d), reason: why })));
        return;
      }
      const r = applyEdits(
        texts[i] as string,
        found.map((d) => d.edits ?? []),
      );
      for (const s of r.skipped)
        (skipped[i] as unknown[]).push({ ...findingOf(found[s.index] as Diagnostic), reason: s.reason });
      if (r.text !== texts[i]) {
        texts[i] = r.text;
        changed = true;
        (applied[i] as FixedFinding[]).push(...r.applied.map((k) => findingOf(found[k] as Diagnostic)));
      }
    });
    if (!changed) break;
    result = lintDocuments(
      inputs.map((input, i) => ({ file: input.file, text: texts[i] as string })),
      lintOptions,
    );
  }
  return {
    files: inputs.map((input, i) => ({
      file: input.file,
      before: input.text,
      after: texts[i] as string,
      applied: applied[i] as FixedFinding[],
      skipped: skipped[i] as (FixedFinding & { reason: string })[],
    })),
    diagnostics: result.diagnostics,
    documents: result.documents,
  };
}
