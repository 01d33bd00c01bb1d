import {
  CHART_DESCRIPTORS,
  type ChartId,
  chartVersions,
  compareVersions,
  componentPrefix,
  DISTRIBUTIONS,
  findChart,
  GRAFANA_HOST_CHART_NAMES,
  type GrafanaHostChartName,
  isStackChartId,
  preferredChart,
  resolveKey,
  STACK_CHART_NAMES,
  type StackChartId,
  type StackChartName,
  tempoVersionOf,
  type VersionOf,
} from "@lgtm-gitops/charts";
import { generatesFor, isGoDuration, isQuantity, tempoMajorOf, tempoSpecSchema } from "@lgtm-gitops/tempo-config";
import { z } from "zod";

/** Cluster names that would collide with clusters/bootstrap/ or its files. */
export const RESERVED_NAMES: readonly string[] = ["bootstrap", "kustomization", "applicationset", "project"];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const label = (what: string) =>
  z
    .string()
    .max(63, { error: `${what} must be at most 63 characters (a DNS-1123 label)` })
    .regex(DNS1123_LABEL, {
      error: `${what} must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    });

const secretName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: "not a valid Kubernetes Secret name" });

/** Characters Argo CD reads as a glob in AppProject sources and destinations: never in a definition. */
const GLOB = /[*?[\]{}!]/;
const noGlob = (what: string) => ({
  error: `${what} must name exactly one ${what.includes("repoURL") ? "repository" : "cluster"}: Argo CD reads *, ?, [ ], { } and ! as wildcards in an AppProject, which would let this cluster's project deploy from or to others`,
});

const gitUrl = z
  .string()
  .regex(/^(https?:\/\/|ssh:\/\/|git@)[^\s]+$/, {
    error: "repoURL must be a Git URL (https://…, ssh://… or git@host:org/repo.git)",
  })
  .refine((u) => !GLOB.test(u), noGlob("argocd.repoURL"))
  .describe("URL of this Git repository, as registered in Argo CD.");

/** AppProject names lgtm-gitops never generates for a cluster: Argo CD's built-in one and the bootstrap project. */
export const RESERVED_PROJECTS: readonly string[] = ["default", "lgtm-gitops-bootstrap"];

/** Where Argo CD runs and where it deploys this cluster's Applications. */
export const argocdSchema = z
  .strictObject({
    repoURL: gitUrl,
    targetRevision: z
      .string()
      .min(1)
      .default("main")
      .describe('Branch, tag or commit Argo CD syncs from this repository. @default "main"'),
    project: label("argocd.project")
      .refine((p) => !RESERVED_PROJECTS.includes(p), {
        error:
          'argocd.project must not be "default" (Argo CD\'s built-in project allows any source, destination and kind) or "lgtm-gitops-bootstrap" (the root Applications\' project)',
      })
      .optional()
      .describe("Name of the AppProject generated for this cluster. @default the cluster name"),
    namespace: label("argocd.namespace").default("argocd").describe('Namespace Argo CD runs in. @default "argocd"'),
    destination: z
      .union([
        z
          .strictObject({
            server: z
              .string()
              .regex(/^https:\/\/[^\s]+$/, {
                error:
                  "argocd.destination.server must be an https:// API server URL (https://kubernetes.default.svc is Argo CD's own cluster)",
              })
              .refine((s) => !GLOB.test(s), noGlob("argocd.destination.server"))
              .describe("API server URL of the target cluster (`https://kubernetes.default.svc` = Argo CD's own)."),
          })
          .describe("Target cluster by API server URL."),
        z
          .strictObject({
            name: z
              .string()
              .min(1)
              .refine((s) => !GLOB.test(s), noGlob("argocd.destination.name"))
              .describe("Name of the cluster as registered in Argo CD (`in-cluster` = its own)."),
          })
          .describe("Target cluster by its Argo CD name."),
      ])
      .describe("The cluster the stack is deployed to: `{ server }` or `{ name }`, never both."),
  })
  .describe("Argo CD settings.");

/**
 * What a bundle does with each Tempo stack chart (the chart itself, its versions and what it installs come from the
 * descriptor table of @lgtm-gitops/charts): the release and namespace it defaults to, and how the docs describe it.
 */
const STACK_CHART_USE: Readonly<Record<StackChartName, { release: string; what: string }>> = {
  "lgtm-distributed": { release: "lgtm-stack", what: "Loki, Mimir and Tempo together (Tempo under `tempo:`)" },
  "tempo-distributed": {
    release: "tempo",
    what: "Tempo alone; Loki and Mimir run elsewhere: give datasources.lokiUrl and datasources.mimirUrl",
  },
};

/** The release (and namespace) name a stack chart gets when the definition gives none. */
export function defaultStackRelease(chart: string): string | undefined {
  return Object.hasOwn(STACK_CHART_USE, chart) ? STACK_CHART_USE[chart as StackChartName].release : undefined;
}

/**
 * The versions of a chart a definition may name as a zod enum, the preferred one the default: for a stack chart, the
 * versions generate writes values for (the Tempo↔chart mapping covers its Tempo chart); every catalogued version of
 * the Grafana host.
 */
function versionOf<N extends StackChartName | GrafanaHostChartName>(name: N, what: string) {
  const versions = generatableVersions(name) as readonly VersionOf<N>[] as [VersionOf<N>, ...VersionOf<N>[]];
  const preferred = (preferredChart(name)?.slice(name.length + 1) ?? versions[versions.length - 1]) as VersionOf<N>;
  return z
    .enum(versions)
    .default(preferred as never)
    .describe(`${what} @default "${preferred}"`);
}

function generatableVersions(name: StackChartName | GrafanaHostChartName): readonly string[] {
  return chartVersions(name).filter((v) => {
    const id = findChart(name, v) as ChartId;
    // A stack chart's lint-only (catalogued) versions, e.g. community tempo-distributed 3.x, are not generated.
    if ((STACK_CHART_NAMES as readonly string[]).includes(name)) return isStackChartId(id) && generatesFor(id);
    return !isStackChartId(id) || generatesFor(id);
  });
}

/** `<oldest> … <newest> (N versions)`, or the one version. */
function versionRange(versions: readonly string[]): string {
  return versions.length === 1 ? `${versions[0]}` : `${versions[0]} … ${versions.at(-1)} (${versions.length} versions)`;
}

function stackChart<N extends StackChartName>(name: N) {
  const use = STACK_CHART_USE[name];
  const versions = generatableVersions(name);
  const tempo = [...new Set(versions.map((v) => tempoVersionOf(findChart(name, v) as ChartId) ?? ""))].sort(
    compareVersions,
  );
  return z
    .strictObject({
      chart: z.literal(name).describe(`${name}: ${use.what}.`),
      version: versionOf(name, "Chart version."),
      release: label("stack.release").default(use.release).describe(`Helm release name. @default "${use.release}"`),
      namespace: label("stack.namespace").default(use.release).describe(`Namespace. @default "${use.release}"`),
    })
    .describe(
      `${name} ${versionRange(versions)} (Tempo ${versionRange(tempo as string[]).replace(/ \(\d+ versions\)/, "")}): ${use.what}.`,
    );
}

const stackCharts = STACK_CHART_NAMES.map((name) => stackChart(name));

/** The chart that installs Tempo: its name, version (which must belong to the chart), release and namespace. */
export const stackSchema = z
  .discriminatedUnion("chart", stackCharts as [(typeof stackCharts)[number], ...(typeof stackCharts)[number][]])
  .describe("The Helm chart that installs Tempo.");

/** The chart that hosts Grafana (kube-prometheus-stack). */
const GRAFANA_HOST = GRAFANA_HOST_CHART_NAMES[0] as GrafanaHostChartName;

/** Where Grafana runs: kube-prometheus-stack, with the admin credentials taken from a Secret. */
export const grafanaSchema = z
  .strictObject({
    release: label("grafana.release")
      .default("kube-prometheus-stack")
      .describe('kube-prometheus-stack release name. @default "kube-prometheus-stack"'),
    namespace: label("grafana.namespace").default("monitoring").describe('Its namespace. @default "monitoring"'),
    version: versionOf(GRAFANA_HOST, `${GRAFANA_HOST} chart version.`),
    adminSecret: z
      .strictObject({
        name: secretName.describe("Existing Secret in the Grafana namespace holding the admin user and password."),
        userKey: z.string().min(1).default("admin-user").describe('Key of the user name. @default "admin-user"'),
        passwordKey: z
          .string()
          .min(1)
          .default("admin-password")
          .describe('Key of the password. @default "admin-password"'),
      })
      .describe("Grafana admin credentials from an existing Secret (never a password in Git)."),
  })
  .describe("Grafana, hosted by kube-prometheus-stack.");

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` });

/** Grafana datasources for the stack. */
export const datasourcesSchema = z
  .strictObject({
    preset: z
      .literal("lgtm")
      .default("lgtm")
      .describe('Loki, Mimir (Prometheus API) and Tempo, linked to each other by uid. @default "lgtm"'),
    tenant: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Tenant sent as `X-Scope-OrgID` by every datasource (required when Tempo multitenancy is on). @default none",
      ),
    lokiUrl: httpUrl("datasources.lokiUrl")
      .optional()
      .describe("Loki base URL. @default the lgtm-distributed Loki gateway; required with tempo-distributed"),
    mimirUrl: httpUrl("datasources.mimirUrl")
      .optional()
      .describe(
        "Mimir Prometheus API URL (ending in /prometheus). @default the lgtm-distributed Mimir nginx; required with tempo-distributed",
      ),
    default: z
      .enum(["loki", "mimir", "tempo"])
      .optional()
      .describe(
        "Which datasource is Grafana's default. @default none (kube-prometheus-stack's Prometheus stays default)",
      ),
  })
  .describe("Grafana datasources.");

const passThrough = z.record(z.string(), z.unknown());

/** Extra chart values passed through, checked against the chart's key catalog; never credentials. */
export const valuesSchema = z
  .strictObject({
    stack: passThrough
      .optional()
      .describe("Extra values for the stack chart, merged over the generated ones. @default none"),
    grafana: passThrough
      .optional()
      .describe("Extra values for kube-prometheus-stack, merged over the generated ones. @default none"),
    loki: passThrough
      .optional()
      .describe(
        "Extra values for the loki chart of `loki:` (e.g. `serviceAccount.annotations` for IRSA), merged over the generated ones; only with `loki:`. @default none",
      ),
    kafka: passThrough
      .optional()
      .describe(
        "Extra values for the Strimzi operator chart of `kafka:` (e.g. `resources`, `tolerations`), merged over the generated ones; only with `kafka:`. @default none",
      ),
    mimir: passThrough
      .optional()
      .describe(
        "Extra values for the mimir-distributed chart of `mimir:` (e.g. `ingester.resources`, `querier.resources`), merged over the generated ones; only with `mimir:`. @default none",
      ),
  })
  .describe(
    "Extra chart values, merged with Helm's rules (a null deletes a key) and checked against the chart's key catalog. Overriding a value a typed field sets (replicas, replication factor, retention, …) is warned (`definition/values-override`): set the typed field instead.",
  );

/**
 * The Kafka broker a Tempo 3.0 bundle deploys for itself: the Strimzi operator chart (its own Application) and a
 * KRaft Kafka cluster with the topic Tempo writes to (`kafka/` in the bundle, a second Application). The topic and its
 * partitions are `tempo.kafka.topic`/`tempo.kafka.partitions`; Tempo's `kafka.address` becomes this broker's bootstrap
 * Service.
 */
export const kafkaDeploymentSchema = z
  .strictObject({
    deploy: z
      .literal("strimzi")
      .describe(
        "Deploy the broker with Strimzi (Apache-2.0, CNCF): the operator chart plus a Kafka, a KafkaNodePool and a KafkaTopic declared in Git.",
      ),
    namespace: label("kafka.namespace")
      .default("kafka")
      .describe('Namespace of the operator and the broker. @default "kafka"'),
    cluster: label("kafka.cluster")
      .default("kafka")
      .describe(
        'Name of the Kafka cluster; Tempo connects to its bootstrap Service `<cluster>-kafka-bootstrap.<namespace>.svc.cluster.local:9092`. @default "kafka"',
      ),
    nodes: z
      .number()
      .int({ error: "kafka.nodes must be a whole number" })
      .min(1, { error: "kafka.nodes must be at least 1" })
      .max(9, { error: "kafka.nodes above 9: split the load over partitions, not more KRaft voters" })
      .default(1)
      .describe(
        "Kafka nodes, each a broker and a KRaft controller. 1 for development (no replication); 3 or more for production (replication factor 3, min.insync.replicas 2). @default 1",
      ),
    storage: z
      .strictObject({
        size: z
          .string()
          .refine((v) => isQuantity(v), { error: "kafka.storage.size must be a Kubernetes quantity such as 20Gi" })
          .default("20Gi")
          .describe('Persistent volume per node. @default "20Gi"'),
        storageClass: z.string().min(1).optional().describe("StorageClass. @default the cluster default"),
      })
      .prefault({})
      .describe("Each node's persistent volume (JBOD, KRaft metadata on the same volume)."),
    retention: z
      .string()
      .refine((v) => isGoDuration(v), {
        error: 'kafka.retention must be a duration such as "24h" (h, m, s; no d)',
      })
      .default("24h")
      .describe(
        'How long the topic keeps spans (`retention.ms`): live-stores and block-builders must read them within this, or they are lost. @default "24h"',
      ),
  })
  .describe(
    "A Kafka broker the bundle deploys for Tempo 3.0 (grafana-community tempo-distributed 3.x). Omit it to use an existing broker (tempo.kafka.address).",
  );

/** The chart a bundle deploys Loki with (role `logs`: grafana-community's loki). */
export const LOGS_CHART = CHART_DESCRIPTORS.find((d) => d.role === "logs")?.name ?? "loki";

/**
 * The versions of the Loki chart generate writes values for: the monolithic layout (`deploymentMode`,
 * `singleBinary.replicas`, `loki.storage.bucketNames`) of the Loki 3 chart, oldest first.
 */
function lokiVersions(): [string, ...string[]] {
  const monolithic = (v: string) => {
    const id = findChart(LOGS_CHART, v) as ChartId;
    return ["deploymentMode", "singleBinary.replicas", "loki.storage.bucketNames.chunks"].every(
      (k) => resolveKey(id, k.split(".")).kind !== "unknown",
    );
  };
  const versions = (chartVersions(LOGS_CHART as never) as readonly string[]).filter(monolithic);
  return (versions.length > 0 ? versions : [preferredChart(LOGS_CHART)?.split("@")[1] ?? ""]) as [string, ...string[]];
}

/** Host[:port] of an S3 API, refused with a scheme (`what` names the field in the message). */
const s3Endpoint = (what: string) =>
  z
    .string()
    .min(1)
    .refine((e) => !/^[a-z]+:\/\//i.test(e), {
      error: `${what} is host[:port], without http:// (set insecure: true for plain HTTP)`,
    })
    .optional();

/** S3 keys from an existing Secret (never a literal key in Git): its name and the two keys' names. */
const s3Credentials = z
  .strictObject({
    secretName,
    accessKeyKey: z
      .string()
      .min(1)
      .default("access_key_id")
      .describe('Key of the access key id. @default "access_key_id"'),
    secretKeyKey: z
      .string()
      .min(1)
      .default("access_key_secret")
      .describe('Key of the secret access key. @default "access_key_secret"'),
  })
  .optional();

const s3Name = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: `${what} must be an S3 bucket name (3-63 characters, a-z 0-9 . -)`,
    })
    .describe(`${what}.`);

/**
 * Loki deployed by the bundle as its own Application (grafana-community's loki chart, monolithic: one StatefulSet of
 * single binaries behind the chart's nginx gateway), with the Grafana Loki datasource and the traces→logs links wired
 * to its gateway. For a Tempo-only stack chart (tempo-distributed), instead of `datasources.lokiUrl`.
 */
export const lokiDeploymentSchema = z
  .strictObject({
    version: z
      .enum(lokiVersions())
      .default(preferredChart(LOGS_CHART)?.split("@")[1] as never)
      .describe(`${LOGS_CHART} chart version (grafana-community). @default the preferred catalogued version`),
    release: label("loki.release").default("loki").describe('Helm release name. @default "loki"'),
    namespace: label("loki.namespace").default("loki").describe('Namespace. @default "loki"'),
    replicas: z
      .number()
      .int({ error: "loki.replicas must be a whole number" })
      .min(1, { error: "loki.replicas must be at least 1" })
      .default(1)
      .describe(
        "Single-binary Loki pods; from 3 pods every stream is written 3 times (replication factor 3), below that once. @default 1",
      ),
    retention: z
      .string()
      .refine((v) => isGoDuration(v), { error: 'loki.retention must be a duration such as "744h" (h, m, s; no d)' })
      .default("744h")
      .describe('How long logs are kept (`limits_config.retention_period`, applied by the compactor). @default "744h"'),
    storage: z
      .strictObject({
        backend: z.literal("s3").describe("Amazon S3 or any S3-compatible store."),
        buckets: z
          .strictObject({ chunks: s3Name("Bucket for log chunks"), ruler: s3Name("Bucket for ruler data") })
          .describe("Loki's buckets (chunks and ruler must differ)."),
        endpoint: s3Endpoint("loki.storage.endpoint").describe(
          "Host[:port] of the S3 API, without scheme. @default AWS S3 of the region",
        ),
        region: z.string().min(1).optional().describe("Region. @default none"),
        insecure: z.boolean().default(false).describe("Plain HTTP. @default false"),
        forcePathStyle: z
          .boolean()
          .default(false)
          .describe("Path-style addressing (most MinIO setups). @default false"),
        credentials: s3Credentials.describe(
          "S3 keys from an existing Secret in Loki's namespace (expanded by Loki at start-up). Omit for the pod's identity (IRSA).",
        ),
      })
      .refine((s) => s.buckets.chunks !== s.buckets.ruler, {
        error: "loki.storage.buckets.chunks and .ruler must be different buckets",
        path: ["buckets", "ruler"],
      })
      .describe("Loki's object storage (S3)."),
    persistence: z
      .strictObject({
        size: z
          .string()
          .refine((v) => isQuantity(v), { error: "loki.persistence.size must be a Kubernetes quantity such as 10Gi" })
          .default("10Gi")
          .describe('Volume per pod (WAL, compactor work). @default "10Gi"'),
        storageClass: z.string().min(1).optional().describe("StorageClass. @default the cluster default"),
      })
      .prefault({})
      .describe("Each Loki pod's PersistentVolumeClaim."),
  })
  .describe(
    "Loki deployed by the bundle (grafana-community loki chart, monolithic) as its own Application; the Loki datasource points at its gateway.",
  );

/** The chart a bundle deploys Mimir with (role `metrics`: grafana/mimir-distributed). */
export const METRICS_CHART = CHART_DESCRIPTORS.find((d) => d.role === "metrics")?.name ?? "mimir-distributed";

/** Release and namespace of the Mimir a definition deploys when `mimir:` names none. */
export const MIMIR_DEFAULTS = { release: "mimir", namespace: "mimir" } as const;

const replicasOf = (what: string, byDefault: number, why: string) =>
  z
    .number()
    .int({ error: `mimir.replicas.${what} must be a whole number` })
    .min(1, { error: `mimir.replicas.${what} must be at least 1` })
    .default(byDefault)
    .describe(`${why} @default ${byDefault}`);

/**
 * Mimir deployed by the bundle as its own Application (grafana/mimir-distributed, classic architecture: no Kafka),
 * every component in one zone behind the chart's nginx gateway, with the Grafana Mimir datasource and Tempo's
 * metrics-generator remote write wired to that gateway. For a stack chart without Mimir (tempo-distributed), instead of
 * `datasources.mimirUrl`.
 */
export const mimirDeploymentSchema = z
  .strictObject({
    version: z
      .enum(chartVersions(METRICS_CHART as never) as unknown as [string, ...string[]])
      .default(preferredChart(METRICS_CHART)?.split("@")[1] as never)
      .describe(`${METRICS_CHART} chart version (grafana). @default the preferred catalogued version`),
    release: label("mimir.release").default(MIMIR_DEFAULTS.release).describe('Helm release name. @default "mimir"'),
    namespace: label("mimir.namespace").default(MIMIR_DEFAULTS.namespace).describe('Namespace. @default "mimir"'),
    replicas: z
      .strictObject({
        ingester: replicasOf(
          "ingester",
          3,
          "Ingesters; from 3 every series is written 3 times (replication factor 3), below that to every ingester.",
        ),
        distributor: replicasOf("distributor", 1, "Distributors."),
        querier: replicasOf("querier", 2, "Queriers."),
        storeGateway: replicasOf(
          "storeGateway",
          1,
          "Store-gateways; from 3 every block is loaded by 3 of them, below that by every one.",
        ),
      })
      .prefault({})
      .describe(
        "Pods per component (the query-frontend, compactor, ruler, gateway and alertmanager run one each, the query-scheduler the chart's two).",
      ),
    retention: z
      .string()
      .refine((v) => isGoDuration(v), { error: 'mimir.retention must be a duration such as "8760h" (h, m, s; no d)' })
      .default("744h")
      .describe(
        'How long metrics are kept (`limits.compactor_blocks_retention_period`, applied by the compactor). @default "744h"',
      ),
    storage: z
      .strictObject({
        backend: z.literal("s3").describe("Amazon S3 or any S3-compatible store."),
        buckets: z
          .strictObject({
            blocks: s3Name("Bucket for the TSDB blocks"),
            ruler: s3Name("Bucket for recording and alerting rules"),
            alertmanager: s3Name("Bucket for the Alertmanager's state; without it no Alertmanager runs").optional(),
          })
          .describe("Mimir's buckets (each a different one)."),
        endpoint: s3Endpoint("mimir.storage.endpoint").describe(
          "Host[:port] of the S3 API, without scheme. @default s3.<region>.amazonaws.com",
        ),
        region: z.string().min(1).optional().describe("Region. @default none (then endpoint is required)"),
        insecure: z.boolean().default(false).describe("Plain HTTP. @default false"),
        credentials: s3Credentials.describe(
          "S3 keys from an existing Secret in Mimir's namespace (environment variables of every Mimir container, expanded by Mimir at start-up). Omit for the pods' identity (IRSA).",
        ),
      })
      .refine((s) => s.endpoint !== undefined || s.region !== undefined, {
        error: "mimir.storage needs a region (AWS S3) or an endpoint (another S3-compatible store)",
        path: ["region"],
      })
      .refine(
        (s) => {
          const b = [s.buckets.blocks, s.buckets.ruler, ...(s.buckets.alertmanager ? [s.buckets.alertmanager] : [])];
          return new Set(b).size === b.length;
        },
        { error: "mimir.storage.buckets must be different buckets (Mimir refuses to share one)", path: ["buckets"] },
      )
      .describe("Mimir's object storage (S3)."),
    persistence: z
      .strictObject({
        size: z
          .string()
          .refine((v) => isQuantity(v), { error: "mimir.persistence.size must be a Kubernetes quantity such as 10Gi" })
          .default("10Gi")
          .describe('Volume per ingester, store-gateway and compactor pod. @default "10Gi"'),
        storageClass: z.string().min(1).optional().describe("StorageClass. @default the cluster default"),
      })
      .prefault({})
      .describe("The PersistentVolumeClaims of the ingesters, store-gateways and compactor."),
  })
  .describe(
    "Mimir deployed by the bundle (grafana/mimir-distributed, classic architecture) as its own Application; the Mimir datasource and Tempo's metrics-generator remote write point at its gateway.",
  );

/** One cluster: what `lgtm-gitops generate` turns into `clusters/<name>/`. */
export const definitionSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema reference for editors; ignored."),
    name: label("name")
      .refine((n) => !RESERVED_NAMES.includes(n), {
        error:
          '"bootstrap", "kustomization", "applicationset" and "project" are reserved (clusters/bootstrap/ holds those files)',
      })
      .describe("Cluster name (DNS-1123 label): the bundle directory clusters/<name>/ and the Argo CD names."),
    distribution: z.enum(DISTRIBUTIONS).describe("Kubernetes distribution (sets the DNS resolver of the gateways)."),
    argocd: argocdSchema,
    stack: stackSchema,
    tempo: tempoSpecSchema,
    grafana: grafanaSchema,
    datasources: datasourcesSchema.prefault({}),
    kafka: kafkaDeploymentSchema.optional(),
    loki: lokiDeploymentSchema.optional(),
    mimir: mimirDeploymentSchema.optional(),
    values: valuesSchema.optional(),
  })
  .superRefine((def, ctx) => {
    const stack = stackChartId(def.stack);
    // Pass-through values of an Application the bundle deploys only with its section.
    for (const [key, app] of Object.entries(SECTION_APPLICATIONS) as [keyof typeof SECTION_APPLICATIONS, string][])
      if (def.values?.[key] !== undefined && def[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["values", key],
          message: `values.${key} passes values to ${app}, which the bundle deploys only with a \`${key}:\` section, and this definition has none: the values would go nowhere`,
          params: {
            ruleId: "definition/values-unused",
            fix: `Add the \`${key}:\` section (the bundle then deploys ${app}), or remove values.${key}.`,
          },
        });
    if (def.kafka !== undefined && stack !== undefined && tempoMajorOf(stack) < 3)
      ctx.addIssue({
        code: "custom",
        path: ["kafka"],
        message: `${def.stack.chart} ${def.stack.version} runs Tempo 2, which does not write to Kafka: the broker would run for nothing`,
        params: {
          ruleId: "definition/kafka-unused",
          fix: "Remove kafka, or move the stack to grafana-community tempo-distributed 3.x (Tempo 3.0).",
        },
      });
    if (def.loki !== undefined && stack !== undefined && componentPrefix(stack, "loki") !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["loki"],
        message: `${def.stack.chart} installs Loki itself: a second Loki would run beside it`,
        params: { ruleId: "definition/loki-twice", fix: "Remove loki:, or use tempo-distributed as the stack chart." },
      });
    if (def.loki !== undefined && def.datasources.lokiUrl !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["datasources", "lokiUrl"],
        message: "datasources.lokiUrl names a Loki, and loki: deploys one: Grafana can read only one",
        params: {
          ruleId: "definition/loki-twice",
          fix: "Remove datasources.lokiUrl to use the Loki the bundle deploys, or remove loki: to use yours.",
        },
      });
    if (def.mimir !== undefined && stack !== undefined && componentPrefix(stack, "mimir") !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["mimir"],
        message: `${def.stack.chart} installs Mimir itself: a second Mimir would run beside it`,
        params: {
          ruleId: "definition/mimir-twice",
          fix: "Remove mimir:, or use tempo-distributed as the stack chart.",
        },
      });
    if (def.mimir !== undefined && def.datasources.mimirUrl !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["datasources", "mimirUrl"],
        message: "datasources.mimirUrl names a Mimir, and mimir: deploys one: Grafana can read only one",
        params: {
          ruleId: "definition/mimir-twice",
          fix: "Remove datasources.mimirUrl to use the Mimir the bundle deploys, or remove mimir: to use yours.",
        },
      });
    if (def.kafka !== undefined && def.tempo.kafka?.address !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["tempo", "kafka", "address"],
        message: `tempo.kafka.address names a broker, and kafka: deploys one (${def.kafka.cluster}-kafka-bootstrap): Tempo can write to only one`,
        params: {
          ruleId: "definition/kafka-address-twice",
          fix: "Remove tempo.kafka.address to use the broker the bundle deploys, or remove kafka: to use your own.",
        },
      });
    const releases = [def.stack.release, def.grafana.release];
    if (def.loki !== undefined && releases.includes(def.loki.release))
      ctx.addIssue({
        code: "custom",
        path: ["loki", "release"],
        message: `loki.release "${def.loki.release}" is also the stack's or kube-prometheus-stack's release name`,
        params: { ruleId: "definition/duplicate-release", fix: "Give Loki its own release name (default loki)." },
      });
    if (def.mimir !== undefined && [...releases, def.loki?.release].includes(def.mimir.release))
      ctx.addIssue({
        code: "custom",
        path: ["mimir", "release"],
        message: `mimir.release "${def.mimir.release}" is also the release name of the stack, kube-prometheus-stack or Loki`,
        params: { ruleId: "definition/duplicate-release", fix: "Give Mimir its own release name (default mimir)." },
      });
    for (const ns of [def.stack.namespace, def.grafana.namespace])
      if (def.kafka !== undefined && def.kafka.namespace === ns)
        ctx.addIssue({
          code: "custom",
          path: ["kafka", "namespace"],
          message: `kafka.namespace "${ns}" is also a release's namespace: the Strimzi operator watches its whole namespace and its resources would mix with the release's`,
          params: { ruleId: "definition/namespace", fix: 'Give Kafka its own namespace (default "kafka").' },
        });
    for (const key of ["lokiUrl", "mimirUrl"] as const) {
      // Only a stack chart that installs Loki (Mimir) itself tells where it is.
      const deployed = key === "lokiUrl" ? def.loki !== undefined : def.mimir !== undefined;
      if (
        !deployed &&
        stack !== undefined &&
        componentPrefix(stack, key === "lokiUrl" ? "loki" : "mimir") === undefined
      ) {
        if (def.datasources[key] === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["datasources", key],
            message: `${def.stack.chart} installs no ${key === "lokiUrl" ? "Loki" : "Mimir"}, so datasources.${key} must say where ${key === "lokiUrl" ? "Loki" : "Mimir"} is`,
            params: {
              ruleId: "definition/missing-url",
              fix:
                key === "lokiUrl"
                  ? 'Set datasources.lokiUrl, e.g. "http://loki-gateway.loki.svc.cluster.local", or add loki: to deploy Loki with the bundle.'
                  : 'Set datasources.mimirUrl, e.g. "http://mimir-gateway.mimir.svc.cluster.local/prometheus", or add mimir: to deploy Mimir with the bundle.',
            },
          });
      }
    }
    if (def.stack.release === def.grafana.release)
      ctx.addIssue({
        code: "custom",
        path: ["grafana", "release"],
        message: `the stack and kube-prometheus-stack are both named "${def.stack.release}"; each release needs its own name (and files)`,
        params: { ruleId: "definition/duplicate-release", fix: "Rename one of stack.release and grafana.release." },
      });
    for (const key of ["stack", "grafana"] as const)
      if (def[key].release === RESERVED_RELEASE)
        ctx.addIssue({
          code: "custom",
          path: [key, "release"],
          message: `"${RESERVED_RELEASE}" is reserved: a cluster deployed outside Argo CD's own cluster gets an Application <cluster>-${RESERVED_RELEASE} (applications/${RESERVED_RELEASE}.yaml) that creates its namespaces`,
          params: {
            ruleId: "definition/reserved-release",
            fix: `Rename ${key}.release (e.g. "${key === "stack" ? "lgtm-stack" : "kube-prometheus-stack"}").`,
          },
        });
    for (const key of ["stack", "grafana"] as const)
      if (def.kafka !== undefined && (Object.values(KAFKA_RELEASES) as string[]).includes(def[key].release))
        ctx.addIssue({
          code: "custom",
          path: [key, "release"],
          message: `"${def[key].release}" is taken: with kafka: the bundle has the Applications ${Object.values(
            KAFKA_RELEASES,
          )
            .map((r) => `<cluster>-${r}`)
            .join(" and ")}`,
          params: { ruleId: "definition/reserved-release", fix: `Rename ${key}.release.` },
        });
    const d = def.argocd.destination;
    const inCluster = "server" in d ? d.server === "https://kubernetes.default.svc" : d.name === "in-cluster";
    if (def.argocd.namespace === "kube-system" && inCluster)
      ctx.addIssue({
        code: "custom",
        path: ["argocd", "namespace"],
        message:
          "Argo CD's namespace is kube-system and the stack is deployed into Argo CD's own cluster: the cluster's AppProject must allow kube-system (kube-prometheus-stack puts its control-plane Services there), so the bundle could replace Argo CD itself",
        params: {
          ruleId: "definition/argocd-scope",
          fix: "Run Argo CD in its own namespace (argocd.namespace, default argocd), or deploy the stack to another cluster.",
        },
      });
    if (def.grafana.namespace === def.argocd.namespace || def.stack.namespace === def.argocd.namespace)
      ctx.addIssue({
        code: "custom",
        path: [def.grafana.namespace === def.argocd.namespace ? "grafana" : "stack", "namespace"],
        message: "the stack must not be installed into Argo CD's own namespace",
        params: { ruleId: "definition/namespace", fix: "Pick another namespace (e.g. monitoring, lgtm-stack)." },
      });
  })
  .describe("lgtm-gitops cluster definition: one file per cluster in apps/bundler/fleet/.");

/** The chart id of a parsed `stack` (`undefined` only for a version the schema would have refused). */
export function stackChartId(stack: { readonly chart: string; readonly version: string }): StackChartId | undefined {
  const id = findChart(stack.chart, stack.version);
  return id !== undefined && isStackChartId(id) ? id : undefined;
}

/** The chart id of a parsed `grafana` (the Grafana host chart at the definition's version). */
export function grafanaChartId(grafana: { readonly version: string }): ChartId | undefined {
  return findChart(GRAFANA_HOST, grafana.version);
}

/** Release names a bundle with a Kafka broker (`kafka:`) uses: the Strimzi operator's Helm release, the broker's Application. */
export const KAFKA_RELEASES = { operator: "strimzi-kafka-operator", broker: "kafka" } as const;

/**
 * The definition sections that make a bundle deploy an Application besides the stack and kube-prometheus-stack, each
 * with the `values.<section>` that passes values to its chart.
 */
export const SECTION_APPLICATIONS = {
  loki: `Loki (the ${LOGS_CHART} chart)`,
  kafka: `the Strimzi operator (the ${KAFKA_RELEASES.operator} chart)`,
  mimir: `Mimir (the ${METRICS_CHART} chart)`,
} as const;

/** Release name the bundle keeps for the namespaces Application of a remote cluster (`applications/namespaces.yaml`). */
export const RESERVED_RELEASE = "namespaces";

/** A `values.<key>` pass-through: the Application whose chart values it extends. */
export type PassThroughKey = keyof z.output<typeof valuesSchema>;

/** A cluster definition as written (defaults optional). */
export type ClusterDefinitionInput = z.input<typeof definitionSchema>;
/** A parsed cluster definition, every default applied. */
export type ClusterDefinition = z.output<typeof definitionSchema>;
