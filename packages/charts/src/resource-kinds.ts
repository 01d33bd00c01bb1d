import type { PathSegments } from "@lgtm-gitops/diagnostics";
import { defaultValue } from "./catalog.js";
import type { ChartId } from "./chart-id.js";
import { rowFor } from "./version-rows.js";

/**
 * What each supported chart renders, as Kubernetes kinds: the data an Argo CD AppProject's whitelists are built from
 * (least privilege: a bundle may create only what its charts render). Derived from the chart templates at the pinned
 * versions (`git grep -n "^kind:" <commit> -- charts/<chart>/templates charts/<chart>/charts`, the subcharts' own
 * repositories at the versions the parent pins) — `scripts/resource-kinds.sh` in this package prints the raw list.
 *
 * Cluster-scoped kinds carry the condition under which the template renders them (all of `when` must hold), so a
 * bundle's project allows only those its values switch on. Namespaced kinds are every kind a chart can render.
 * Templates that render any kind the user writes (`extraObjects`, `extraManifests`) are not covered on purpose: such
 * objects are refused by Argo CD ("not permitted in project") until the kind is added here.
 */

/** A Kubernetes kind with its API group (`""` = core). */
export interface ResourceKind {
  readonly group: string;
  readonly kind: string;
}

/** A condition on the values: the value at `path` (else the chart default, else `byDefault`) is truthy, or falsy with `not`. */
export interface KindGate {
  readonly path: PathSegments;
  readonly byDefault: boolean;
  readonly not?: true;
}

/** A cluster-scoped kind a chart renders, and when. */
export interface ClusterKind extends ResourceKind {
  /** Every condition must hold; `never` = only on Kubernetes versions lgtm-gitops does not support (PodSecurityPolicy). */
  readonly when: readonly KindGate[] | "never";
  /** The template and why the chart needs it. */
  readonly why: string;
}

/** What one chart renders. */
export interface ChartResources {
  readonly cluster: readonly ClusterKind[];
  readonly namespaced: readonly ResourceKind[];
}

const GROUP: Readonly<Record<string, string>> = {
  ConfigMap: "",
  Endpoints: "",
  PersistentVolumeClaim: "",
  Pod: "",
  Secret: "",
  Service: "",
  ServiceAccount: "",
  Namespace: "",
  DaemonSet: "apps",
  Deployment: "apps",
  StatefulSet: "apps",
  HorizontalPodAutoscaler: "autoscaling",
  VerticalPodAutoscaler: "autoscaling.k8s.io",
  Job: "batch",
  PodDisruptionBudget: "policy",
  PodSecurityPolicy: "policy",
  Ingress: "networking.k8s.io",
  NetworkPolicy: "networking.k8s.io",
  Role: "rbac.authorization.k8s.io",
  RoleBinding: "rbac.authorization.k8s.io",
  ClusterRole: "rbac.authorization.k8s.io",
  ClusterRoleBinding: "rbac.authorization.k8s.io",
  CustomResourceDefinition: "apiextensions.k8s.io",
  MutatingWebhookConfiguration: "admissionregistration.k8s.io",
  ValidatingWebhookConfiguration: "admissionregistration.k8s.io",
  SecurityContextConstraints: "security.openshift.io",
  Alertmanager: "monitoring.coreos.com",
  AlertmanagerConfig: "monitoring.coreos.com",
  PodMonitor: "monitoring.coreos.com",
  Probe: "monitoring.coreos.com",
  Prometheus: "monitoring.coreos.com",
  PrometheusAgent: "monitoring.coreos.com",
  PrometheusRule: "monitoring.coreos.com",
  ScrapeConfig: "monitoring.coreos.com",
  ServiceMonitor: "monitoring.coreos.com",
  ThanosRuler: "monitoring.coreos.com",
  GrafanaAgent: "monitoring.grafana.com",
  LogsInstance: "monitoring.grafana.com",
  MetricsInstance: "monitoring.grafana.com",
  PodLogs: "monitoring.grafana.com",
  ScaledObject: "keda.sh",
  Certificate: "cert-manager.io",
  Issuer: "cert-manager.io",
  CiliumNetworkPolicy: "cilium.io",
  SecretProviderClass: "secrets-store.csi.x-k8s.io",
  GrafanaDashboard: "grafana.integreatly.org",
  ListenerSet: "gateway.networking.x-k8s.io",
  HTTPRoute: "gateway.networking.k8s.io",
};

const kinds = (...names: string[]): ResourceKind[] =>
  names.map((kind) => {
    const group = GROUP[kind];
    if (group === undefined) throw new Error(`resource-kinds: no API group recorded for ${kind}`); // a data bug
    return { group, kind };
  });

const on = (path: string, byDefault: boolean): KindGate => ({ path: path.split("."), byDefault });
const off = (path: string, byDefault: boolean): KindGate => ({ path: path.split("."), byDefault, not: true });

const cluster = (kind: string, when: ClusterKind["when"], why: string): ClusterKind => {
  const group = GROUP[kind];
  if (group === undefined) throw new Error(`resource-kinds: no API group recorded for ${kind}`);
  return { group, kind, when, why };
};

const PSP_WHY = "PodSecurityPolicy: only rendered where the policy/v1beta1 API exists (Kubernetes < 1.25)";

/** grafana chart (10.5.15 and 12.11.1 render the same cluster-scoped kinds). */
const grafana = (listenerSet: boolean): ChartResources => ({
  cluster: [
    cluster(
      "ClusterRole",
      [on("rbac.create", true), off("rbac.namespaced", false), off("rbac.useExistingClusterRole", false)],
      "templates/clusterrole.yaml: the sidecars (dashboards, datasources, alerts, plugins) watch ConfigMaps and Secrets in every namespace",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("rbac.create", true), off("rbac.namespaced", false)],
      "templates/clusterrolebinding.yaml: binds that ClusterRole to Grafana's ServiceAccount",
    ),
    cluster("PodSecurityPolicy", "never", PSP_WHY),
  ],
  namespaced: kinds(
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "Pod",
    "PodDisruptionBudget",
    "Role",
    "RoleBinding",
    "Secret",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
    ...(listenerSet ? ["ListenerSet", "VerticalPodAutoscaler"] : []),
  ),
});

const TEMPO: ChartResources = {
  cluster: [
    cluster(
      "ClusterRole",
      [on("metaMonitoring.grafanaAgent.enabled", false)],
      "templates/metamonitoring/grafana-agent-cluster-role.yaml: the self-monitoring Grafana Agent",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("metaMonitoring.grafanaAgent.enabled", false)],
      "templates/metamonitoring/grafana-agent-cluster-role-binding.yaml",
    ),
    cluster("PodSecurityPolicy", "never", PSP_WHY),
  ],
  namespaced: kinds(
    "ConfigMap",
    "Deployment",
    "GrafanaAgent",
    "HorizontalPodAutoscaler",
    "Ingress",
    "Job",
    "LogsInstance",
    "MetricsInstance",
    "PersistentVolumeClaim",
    "PodDisruptionBudget",
    "PodLogs",
    "PrometheusRule",
    "Role",
    "RoleBinding",
    "ScaledObject",
    "Secret",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
  ),
};

const LOKI: ChartResources = {
  cluster: [
    cluster("PodSecurityPolicy", "never", PSP_WHY),
    cluster(
      "SecurityContextConstraints",
      [on("rbac.sccEnabled", false)],
      "templates/securitycontextconstraints.yaml (OpenShift)",
    ),
  ],
  namespaced: kinds(
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "PodDisruptionBudget",
    "PrometheusRule",
    "Role",
    "RoleBinding",
    "Secret",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
  ),
};

/**
 * mimir-distributed (lgtm-distributed's `mimir:`, a `^5.8.0` range not catalogued here) with its minio and
 * rollout-operator subcharts: no cluster-scoped kind except PodSecurityPolicy on old Kubernetes.
 */
const MIMIR: ChartResources = {
  cluster: [cluster("PodSecurityPolicy", "never", PSP_WHY)],
  namespaced: kinds(
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "Job",
    "NetworkPolicy",
    "PersistentVolumeClaim",
    "PodDisruptionBudget",
    "PrometheusRule",
    "Role",
    "RoleBinding",
    "ScaledObject",
    "Secret",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
  ),
};

const PROMETHEUS_OPERATOR = "prometheusOperator.enabled";
const WEBHOOKS = "prometheusOperator.admissionWebhooks.enabled";

const KUBE_PROMETHEUS_STACK: ChartResources = {
  cluster: [
    cluster(
      "CustomResourceDefinition",
      [on("crds.enabled", true)],
      "charts/crds/crds/: the Prometheus Operator CRDs (ServiceMonitor, PrometheusRule, …)",
    ),
    cluster(
      "ClusterRole",
      [on(PROMETHEUS_OPERATOR, true), on("global.rbac.create", true)],
      "templates/prometheus-operator/clusterrole.yaml: the operator manages its CRs in every namespace",
    ),
    cluster(
      "ClusterRoleBinding",
      [on(PROMETHEUS_OPERATOR, true), on("global.rbac.create", true)],
      "templates/prometheus-operator/clusterrolebinding.yaml",
    ),
    cluster(
      "ClusterRole",
      [on("prometheus.enabled", true), on("global.rbac.create", true)],
      "templates/prometheus/clusterrole.yaml: Prometheus discovers and scrapes targets cluster-wide",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("prometheus.enabled", true), on("global.rbac.create", true)],
      "templates/prometheus/clusterrolebinding.yaml",
    ),
    cluster(
      "MutatingWebhookConfiguration",
      [on(PROMETHEUS_OPERATOR, true), on(WEBHOOKS, true)],
      "templates/prometheus-operator/admission-webhooks/mutatingWebhookConfiguration.yaml (PrometheusRule defaults)",
    ),
    cluster(
      "ValidatingWebhookConfiguration",
      [on(PROMETHEUS_OPERATOR, true), on(WEBHOOKS, true)],
      "templates/prometheus-operator/admission-webhooks/validatingWebhookConfiguration.yaml (PrometheusRule validation)",
    ),
    cluster(
      "ClusterRole",
      [
        on(PROMETHEUS_OPERATOR, true),
        on(WEBHOOKS, true),
        on("prometheusOperator.admissionWebhooks.patch.enabled", true),
        on("global.rbac.create", true),
        off("prometheusOperator.admissionWebhooks.certManager.enabled", false),
      ],
      "templates/prometheus-operator/admission-webhooks/job-patch/clusterrole.yaml: the job that patches the webhooks' CA",
    ),
    cluster(
      "ClusterRoleBinding",
      [
        on(PROMETHEUS_OPERATOR, true),
        on(WEBHOOKS, true),
        on("prometheusOperator.admissionWebhooks.patch.enabled", true),
        on("global.rbac.create", true),
        off("prometheusOperator.admissionWebhooks.certManager.enabled", false),
      ],
      "templates/prometheus-operator/admission-webhooks/job-patch/clusterrolebinding.yaml",
    ),
    cluster(
      "ClusterRole",
      [on("global.rbac.create", true), on("global.rbac.createAggregateClusterRoles", false)],
      "templates/prometheus-operator/aggregate-clusterroles.yaml",
    ),
    cluster(
      "ClusterRole",
      [on("crds.enabled", true), on("crds.upgradeJob.enabled", false)],
      "charts/crds/templates/upgrade/clusterrole.yaml: the CRD upgrade job",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("crds.enabled", true), on("crds.upgradeJob.enabled", false)],
      "charts/crds/templates/upgrade/clusterrolebinding.yaml",
    ),
    // kube-state-metrics 8.4.0 (condition kubeStateMetrics.enabled).
    cluster(
      "ClusterRole",
      [
        on("kubeStateMetrics.enabled", true),
        on("kube-state-metrics.rbac.create", true),
        on("kube-state-metrics.rbac.useClusterRole", true),
        off("kube-state-metrics.rbac.useExistingRole", false),
      ],
      "kube-state-metrics templates/role.yaml: reads every object it reports on, cluster-wide",
    ),
    cluster(
      "ClusterRoleBinding",
      [
        on("kubeStateMetrics.enabled", true),
        on("kube-state-metrics.rbac.create", true),
        on("kube-state-metrics.rbac.useClusterRole", true),
      ],
      "kube-state-metrics templates/clusterrolebinding.yaml",
    ),
    // prometheus-node-exporter 4.56.1 (condition nodeExporter.enabled).
    cluster(
      "ClusterRole",
      [
        on("nodeExporter.enabled", true),
        on("prometheus-node-exporter.rbac.create", true),
        on("prometheus-node-exporter.kubeRBACProxy.enabled", false),
      ],
      "prometheus-node-exporter templates/clusterrole.yaml: kube-rbac-proxy",
    ),
    cluster(
      "ClusterRoleBinding",
      [
        on("nodeExporter.enabled", true),
        on("prometheus-node-exporter.rbac.create", true),
        on("prometheus-node-exporter.kubeRBACProxy.enabled", false),
      ],
      "prometheus-node-exporter templates/clusterrolebinding.yaml",
    ),
    // grafana 12.11.1 (condition grafana.enabled), under `grafana.`.
    ...grafana(true).cluster.map((k) =>
      k.when === "never"
        ? k
        : {
            ...k,
            when: [on("grafana.enabled", true), ...k.when.map((g) => ({ ...g, path: ["grafana", ...g.path] }))],
            why: `grafana subchart ${k.why}`,
          },
    ),
  ],
  namespaced: kinds(
    "Alertmanager",
    "AlertmanagerConfig",
    "Certificate",
    "CiliumNetworkPolicy",
    "ConfigMap",
    "DaemonSet",
    "Deployment",
    "Endpoints",
    "GrafanaDashboard",
    "Ingress",
    "Issuer",
    "Job",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "PodMonitor",
    "Probe",
    "Prometheus",
    "PrometheusAgent",
    "PrometheusRule",
    "Role",
    "RoleBinding",
    "ScrapeConfig",
    "Secret",
    "SecretProviderClass",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
    "ThanosRuler",
    "VerticalPodAutoscaler",
    // grafana 12.11.1
    "HorizontalPodAutoscaler",
    "ListenerSet",
    "PersistentVolumeClaim",
    "Pod",
  ),
};

const withPrefix = (prefix: string, gateOn: string, r: ChartResources): ChartResources => ({
  cluster: r.cluster.map((k) =>
    k.when === "never"
      ? k
      : {
          ...k,
          when: [on(gateOn, true), ...k.when.map((g) => ({ ...g, path: [prefix, ...g.path] }))],
          why: `${prefix} subchart ${k.why}`,
        },
  ),
  namespaced: r.namespaced,
});

const union = (...rs: ChartResources[]): ChartResources => ({
  cluster: rs.flatMap((r) => r.cluster),
  namespaced: rs.flatMap((r) => r.namespaced),
});

/**
 * strimzi-kafka-operator 1.2.0 with `watchNamespaces: []` (the operator watches its own namespace): the CRDs of its
 * `crds/` directory (Kafka, KafkaNodePool, KafkaTopic, …), the ClusterRoles the operator binds (`createGlobalResources`,
 * `rbac.create`) and their bindings (templates 020-033), and its namespaced objects (templates 010-090).
 */
const STRIMZI: ChartResources = {
  cluster: [
    {
      group: "apiextensions.k8s.io",
      kind: "CustomResourceDefinition",
      when: [],
      why: "crds/040-Crd-kafka.yaml … (Helm installs the crds/ directory; Argo CD applies it with the chart)",
    },
    cluster(
      "ClusterRole",
      [on("rbac.create", true), on("createGlobalResources", true)],
      "templates/020-033-ClusterRole-*.yaml: the roles the operator and the brokers it creates bind (070/080 aggregate roles only with createAggregateRoles)",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("rbac.create", true), on("createGlobalResources", true)],
      "templates/021, 030, 033-ClusterRoleBinding-*.yaml: the operator's cluster-wide reads and its delegation bindings",
    ),
  ],
  namespaced: kinds("ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "RoleBinding", "ServiceAccount"),
};

/**
 * grafana-community loki 18.11.0 (Loki 3.7): the ClusterRole/ClusterRoleBinding of its sidecar unless
 * `rbac.namespaced` (templates/backend/clusterrole*.yaml), the OpenShift SCC with `rbac.sccEnabled`, and every
 * namespaced kind its templates render (`git grep "^kind:"` on charts/loki/templates, plus the kinds templated from
 * values: the canary's DaemonSet/Deployment, HTTPRoute, each component's StatefulSet/Deployment).
 */
const LOKI_CHART: ChartResources = {
  cluster: [
    cluster(
      "ClusterRole",
      [off("rbac.namespaced", false), off("rbac.useExistingRole", false)],
      "templates/backend/clusterrole.yaml: the rules sidecar reads ConfigMaps and Secrets in every namespace",
    ),
    cluster(
      "ClusterRoleBinding",
      [off("rbac.namespaced", false)],
      "templates/backend/clusterrolebinding.yaml: binds that ClusterRole",
    ),
    cluster(
      "SecurityContextConstraints",
      [on("rbac.sccEnabled", false)],
      "templates/securitycontextconstraints.yaml: OpenShift",
    ),
  ],
  namespaced: kinds(
    "CiliumNetworkPolicy",
    "ConfigMap",
    "DaemonSet",
    "Deployment",
    "GrafanaDashboard",
    "HorizontalPodAutoscaler",
    "HTTPRoute",
    "Ingress",
    "Job",
    "NetworkPolicy",
    "Pod",
    "PodDisruptionBudget",
    "PrometheusRule",
    "Role",
    "RoleBinding",
    "ScaledObject",
    "Secret",
    "Service",
    "ServiceAccount",
    "ServiceMonitor",
    "StatefulSet",
  ),
};

/**
 * grafana/mimir-distributed 5.7.0 as its own release. Its templates are not in the files the catalog was built from
 * (catalogs/versions.gen.json, `reasons`): the kinds are those of the lgtm subchart row above, plus the self-monitoring
 * Grafana Agent's objects (templates/metamonitoring/*.yaml, read at grafana/mimir@0d4371ce9f: the ClusterRole and its
 * binding only `if .Values.metaMonitoring.grafanaAgent.enabled`). The minio and rollout-operator subcharts are off in
 * a bundle (`minio.enabled`, `rollout_operator.enabled`: false), and kinds they would render are not admitted.
 */
const MIMIR_CHART: ChartResources = {
  cluster: [
    cluster(
      "ClusterRole",
      [on("metaMonitoring.grafanaAgent.enabled", false)],
      "templates/metamonitoring/grafana-agent-cluster-role.yaml: the self-monitoring Grafana Agent reads nodes, pods and endpoints",
    ),
    cluster(
      "ClusterRoleBinding",
      [on("metaMonitoring.grafanaAgent.enabled", false)],
      "templates/metamonitoring/grafana-agent-cluster-role-binding.yaml",
    ),
    cluster("PodSecurityPolicy", "never", PSP_WHY),
  ],
  namespaced: [...MIMIR.namespaced, ...kinds("GrafanaAgent", "LogsInstance", "MetricsInstance", "PodLogs")],
};

/** What each chart version renders; a version without a row of its own has the row of the newest version below it. */
export const CHART_RESOURCES: Readonly<Partial<Record<ChartId, ChartResources>>> = Object.freeze({
  "lgtm-distributed@3.0.1": union(
    withPrefix("grafana", "grafana.enabled", grafana(false)),
    withPrefix("tempo", "tempo.enabled", TEMPO),
    withPrefix("loki", "loki.enabled", LOKI),
    withPrefix("mimir", "mimir.enabled", MIMIR),
  ),
  "tempo-distributed@1.61.3": TEMPO,
  "kube-prometheus-stack@88.5.3": KUBE_PROMETHEUS_STACK,
  "loki-distributed@0.80.6": LOKI,
  "grafana@10.5.15": grafana(false),
  "grafana@12.11.1": grafana(true),
  "strimzi-kafka-operator@1.2.0": STRIMZI,
  "loki@18.11.0": LOKI_CHART,
  "mimir-distributed@5.7.0": MIMIR_CHART,
});

function valueAt(values: unknown, path: PathSegments): unknown {
  let v = values;
  for (const seg of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function holds(chart: ChartId, values: unknown, gate: KindGate): boolean {
  let v = valueAt(values, gate.path);
  if (v === undefined) v = defaultValue(chart, gate.path);
  const truthy = v === undefined || v === null ? gate.byDefault : Boolean(v);
  return gate.not ? !truthy : truthy;
}

const byGroupKind = (a: ResourceKind, b: ResourceKind) =>
  a.group === b.group ? (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) : a.group < b.group ? -1 : 1;

function distinct(list: readonly ResourceKind[]): ResourceKind[] {
  const seen = new Map<string, ResourceKind>();
  for (const k of list) seen.set(`${k.group}/${k.kind}`, { group: k.group, kind: k.kind });
  return [...seen.values()].sort(byGroupKind);
}

/**
 * The kinds `chart` renders with these values (the values a bundle writes; chart defaults fill the rest): the
 * cluster-scoped kinds whose conditions hold, and every namespaced kind. Sorted by group, then kind.
 *
 * @example renderedKinds("kube-prometheus-stack@88.5.3", {}).cluster.map((k) => k.kind)
 * // ["CustomResourceDefinition", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ClusterRole", "ClusterRoleBinding"] (sorted by group)
 */
export function renderedKinds(
  chart: ChartId,
  values: unknown,
): { cluster: ResourceKind[]; namespaced: ResourceKind[] } {
  const r = rowFor(CHART_RESOURCES, chart);
  if (r === undefined) return { cluster: [], namespaced: [] };
  return {
    cluster: distinct(r.cluster.filter((k) => k.when !== "never" && k.when.every((g) => holds(chart, values, g)))),
    namespaced: distinct(r.namespaced),
  };
}
