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
  return validateBundle(files).map(({ file, document: _document, ...d }) => ({
    ...d,
    message: `${file}: ${d.message}`,
  }));
}

/**
 * Runs the validators' rules (the same as `lint`) on all values documents of one cluster together, so cross-file
 * rules (datasources in kube-prometheus-stack against Tempo in the stack) apply. With `text`, diagnostics carry the
 * line and column in the file about to be written.
 */
export function checkValuesDocuments(docs: readonly ValuesDocument[], distribution: Distribution): Diagnostic[] {
  // Positions need the text parsed again; only pay for that when there is something to report.
  const found = validateDocuments(
    docs.map(({ text: _text, ...rest }) => rest),
    { distribution },
  );
  if (found.length === 0 || docs.every((d) => d.text === undefined)) return found;
  return validateDocuments(docs, { distribution });
}
