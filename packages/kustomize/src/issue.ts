import { type Diagnostic, formatPath, type PathSegments, type Severity } from "@lgtm-gitops/diagnostics";

/**
 * Builds the diagnostic of a problem in a Kubernetes, Kustomize or Argo CD object. Its message starts with the
 * formatted path (`spec.destination: ...`) so it reads on its own; `path` keeps the segments.
 */
export function issue(
  ruleId: string,
  severity: Exclude<Severity, "info">,
  path: PathSegments,
  message: string,
  fix?: string,
): Diagnostic {
  const p = formatPath(path);
  const text = p === "" ? message : `${p}: ${message}`;
  const d: Diagnostic = { ruleId, severity, path: [...path], message: text };
  return fix === undefined ? d : { ...d, fix };
}
