export const packageName = "@lgtm-gitops/datasources";
