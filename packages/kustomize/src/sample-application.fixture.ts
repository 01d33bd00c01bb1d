import { application, helmSource, valuesRefSource } from "./application.js";
import { RESOURCES_FINALIZER } from "./argocd-constants.js";

/** The Git repository of the sample bundle (tests only; excluded from the build). */
export const REPO = "https://git.example.com/org/gitops.git";

/**
 * The Application the tests share: lgtm-distributed from its Helm repository, values from our Git
 * repository through `$values`, cascade-delete finalizer, wave 1, automated sync with CreateNamespace and
 * ServerSideApply, exactly as the bundler writes it for cluster `c1`.
 */
export function lgtmApp() {
  return application({
    name: "lgtm",
    project: "observability",
    finalizers: [RESOURCES_FINALIZER],
    syncWave: 1,
    sources: [
      helmSource({
        repoURL: "https://grafana.github.io/helm-charts",
        chart: "lgtm-distributed",
        targetRevision: "1.2.3",
        releaseName: "lgtm",
        valueFiles: ["$values/clusters/c1/values/lgtm.yaml"],
      }),
      valuesRefSource({ repoURL: REPO, targetRevision: "main" }),
    ],
    destination: { name: "c1", namespace: "monitoring" },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
    },
  });
}
