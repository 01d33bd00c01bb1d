import type { Distribution } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { validateBundle } from "@lgtm-gitops/kustomize";
import { type ValuesDocument, validateDocuments } from "@lgtm-gitops/validators";

/**
 * Checks the Kubernetes, Kustomize and Argo CD objects of a bundle with `@lgtm-gitops/kustomize` (CRD-derived
 * schema, Argo CD rules, cross-file rules such as a `namespace:` moving Applications). `files` maps the path
 * (`clusters/<name>/project.yaml`) to its objects.
 */
export function checkBundle(files: Readonly<Record<string, readonly unknown[]>>): Diagnostic[] {
  // The message names the generated file; `file` stays that file until the caller moves the finding to a definition.
  return validateBundle(files).map(({ document: _document, ...d }) => ({ ...d, message: `${d.file}: ${d.message}` }));
}

/**
 * Runs the validators' rules (the same as `lint`) once on all values documents of one cluster together, so cross-file
 * rules (datasources in kube-prometheus-stack against Tempo in the stack) apply. Documents with an `origin` (the
 * generated values files) report their findings at the definition they were compiled from.
 */
export function checkValuesDocuments(docs: readonly ValuesDocument[], distribution: Distribution): Diagnostic[] {
  return validateDocuments(docs, { distribution });
}
