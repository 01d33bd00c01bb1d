export const packageName = "@lgtm-gitops/tempo-config";
