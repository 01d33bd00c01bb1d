export const packageName = "@lgtm-gitops/kustomize";
