/** How bad an issue is: `error` means Argo CD or kustomize would reject or mis-apply the object. */
export type IssueSeverity = "error" | "warning";

/**
 * One problem found in a Kubernetes, Kustomize or Argo CD object. Same fields as the `Diagnostic` of
 * `@lgtm-gitops/charts` (this package has no dependencies, so it declares its own shape).
 */
export interface Issue {
  /** Stable rule id, `area/name`, e.g. `argocd/destination`. */
  readonly code: string;
  readonly severity: IssueSeverity;
  /** Dot path of the offending value inside its object; list items as `[n]` (`spec.sources[1].chart`). `""` = the object. */
  readonly path: string;
  /** What is wrong; the message starts with the path so it reads on its own. */
  readonly message: string;
  /** How to fix it, when there is a known fix. */
  readonly fix?: string;
}

/** A path given as segments: object keys and list indexes. */
export type PathSegments = readonly (string | number)[];

/**
 * Formats path segments as a dot path: `["spec", "sources", 0, "chart"]` → `spec.sources[0].chart`.
 * Keys that are not plain identifiers are quoted: `metadata.annotations["argocd.argoproj.io/sync-wave"]`.
 */
export function formatPath(segments: PathSegments): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Builds an issue whose message is prefixed with its path (`spec.destination: ...`). */
export function issue(code: string, severity: IssueSeverity, path: PathSegments, message: string, fix?: string): Issue {
  const p = formatPath(path);
  const text = p === "" ? message : `${p}: ${message}`;
  return fix === undefined
    ? { code, severity, path: p, message: text }
    : { code, severity, path: p, message: text, fix };
}

/** True when any issue is an error. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
