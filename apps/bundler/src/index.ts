export const packageName = "@lgtm-gitops/bundler";
