/** Kubernetes name formats (k8s.io/apimachinery/pkg/util/validation). */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `name` is not a DNS-1123 label (namespaces, Services): `undefined` when it is one. */
export function dns1123LabelError(name: string): string | undefined {
  if (name.length === 0) return "must not be empty";
  if (name.length > 63) return `must be at most 63 characters (has ${name.length})`;
  if (!DNS1123_LABEL.test(name))
    return "must consist of lower-case letters, digits and '-', and start and end with a letter or digit";
  return undefined;
}

/** Why `name` is not a DNS-1123 subdomain (most object names): `undefined` when it is one. */
export function dns1123SubdomainError(name: string): string | undefined {
  if (name.length === 0) return "must not be empty";
  if (name.length > 253) return `must be at most 253 characters (has ${name.length})`;
  if (!DNS1123_SUBDOMAIN.test(name))
    return "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit";
  return undefined;
}

/** Why `key` is not a valid label or annotation key (`[prefix/]name`): `undefined` when it is one. */
export function qualifiedNameError(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    const e = dns1123SubdomainError(prefix);
    if (e !== undefined) return `prefix "${prefix}" ${e}`;
  }
  if (name.length === 0 || name.length > 63) return "name part must be 1 to 63 characters";
  if (!LABEL_NAME.test(name))
    return "name part must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit";
  return undefined;
}

/** Why `value` is not a valid label value: `undefined` when it is one (the empty string is valid). */
export function labelValueError(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return `must be at most 63 characters (has ${value.length})`;
  if (!LABEL_NAME.test(value))
    return "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit";
  return undefined;
}

/** True when `s` contains a Go template expression (`{{ ... }}`), as in ApplicationSet templates. */
export function isTemplated(s: string): boolean {
  return s.includes("{{");
}
