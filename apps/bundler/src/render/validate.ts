import type { Distribution } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { validateBundle } from "@lgtm-gitops/kustomize";
import { type ValuesDocument, validateDocuments } from "@lgtm-gitops/validators";
import { lazyPositions } from "./positions.js";

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
 * line and column in the file about to be written (found only for the values reported on: render/positions.ts).
 */
export function checkValuesDocuments(docs: readonly ValuesDocument[], distribution: Distribution): Diagnostic[] {
  return validateDocuments(
    docs.map(({ text, ...rest }) =>
      text === undefined ? rest : { ...rest, positions: lazyPositions(rest.file, text) },
    ),
    { distribution },
  );
}
