function label(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/**
 * A DNS-1123 label (the GrafanaDatasource resource name) from a datasource name; from `fallback` (the uid)
 * when the name has no usable character, and `datasource` when neither has.
 */
export function kubernetesName(name: string, fallback: string): string {
  return label(name) || label(fallback) || "datasource";
}
