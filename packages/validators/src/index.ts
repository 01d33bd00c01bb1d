export const packageName = "@lgtm-gitops/validators";
