import { documentedRule, type FlatRuleDocs, type Rule } from "../engine.js";

/** Kustomize-package ids whose findings are warnings (the object still applies, but does not do what it says). */
const WARNINGS: ReadonlySet<string> = new Set([
  "argocd/helm-values-ignored",
  "argocd/managed-namespace-metadata",
  "kustomize/helm-charts",
]);

/**
 * Ids other packages report on their own inputs (a TempoSpec, a cluster definition, the generated Kustomize and
 * Argo CD objects) rather than on values documents. They are catalogued here so `explain` and docs/rules.md cover
 * every id; `run` finds nothing on values documents.
 */
const DOCS: readonly FlatRuleDocs[] = [
  {
    id: "chart/unsupported-chart",
    severity: "error",
    title: "A chart or chart version lgtm-gitops has no catalog for",
    checks: "`--chart` and the chart of a cluster definition are one of the supported `<chart>@<version>` ids.",
    why: "Without the version's key catalog no key can be checked: the values could be silently ignored.",
    fix: "Use a supported chart version (the message lists them).",
  },
  {
    id: "migrate/invalid-input",
    severity: "error",
    title: "`migrate` was given something that is not Tempo chart values or a cluster definition",
    checks:
      "The file given to `migrate` is one YAML document holding a map: the values of tempo-distributed 1.x/2.x or of lgtm-distributed (whose `tempo:` block is migrated), or a YAML cluster definition (top-level `stack:` and `tempo:`) that passes the definition schema. TypeScript definitions are refused.",
    why: "Only values whose chart and keys are known can be moved to their Tempo 3 places; anything else would be guessed. A TypeScript definition is a program: rewriting it would lose what it computes.",
    fix: "Give the values file of the Tempo release (tempo-distributed or lgtm-distributed), or a YAML definition that `generate` accepts; change a TypeScript definition by hand (docs/migrate-to-tempo-3.md).",
  },
  {
    id: "migrate/already-tempo3",
    severity: "error",
    title: "`migrate` was given values already written for Tempo 3",
    checks:
      "The input of `migrate` has no `liveStore`, `blockBuilder` or `ingest` section without an `ingester` or `compactor` one, and is not read as a chart running Tempo 3; a cluster definition's `stack` is not a chart running Tempo 3.",
    why: "Migrating twice would move nothing and add a second set of side-by-side settings.",
    fix: "Lint it against the 3.x chart version it is written for instead: `pnpm gitops lint FILE --chart tempo-distributed@<version>`.",
  },
  {
    id: "migrate/unknown-target",
    severity: "error",
    title: "`migrate --to` names no catalogued Tempo 3 chart",
    checks:
      "`--to` is `tempo-distributed@3.x` (the newest catalogued 3.x), `tempo-distributed@3.N.x` or an exact catalogued version of a chart running Tempo 3.",
    why: "The move tables are written for the grafana-community tempo-distributed 3.x chart; other charts have other keys.",
    fix: "Use `--to tempo-distributed@3.x` or one of the versions the message lists.",
  },
  {
    id: "tempo/invalid-spec",
    severity: "error",
    title: "A TempoSpec field with an invalid value",
    checks: "Every field of a cluster definition's Tempo spec against its zod schema (@lgtm-gitops/tempo-config).",
    why: "The bundle cannot be generated from an invalid spec.",
    fix: "Use a value the message allows.",
  },
  {
    id: "tempo/unknown-spec-key",
    severity: "error",
    title: "A key the TempoSpec does not have",
    checks: "Keys of a Tempo spec are known fields.",
    why: "A misspelt field would otherwise be dropped and its default used.",
    fix: "Use the field the message suggests; Tempo settings the spec does not model go in `structuredConfig`.",
  },
  {
    id: "tempo/invalid-duration",
    severity: "error",
    title: "A duration Tempo cannot parse",
    checks: "Durations in a Tempo spec are Go durations (`30s`, `5m`, `24h`).",
    why: "Tempo refuses to start on `2 h` or `1d`.",
    fix: "Write a Go duration, e.g. `48h` instead of `2d`.",
  },
  {
    id: "tempo/invalid-replicas",
    severity: "error",
    title: "A Tempo component with no replicas",
    checks: "Replica counts in a Tempo spec are at least 1.",
    why: "A component with no pods breaks the write or read path.",
    fix: "Set 1 or more.",
  },
  {
    id: "tempo/invalid-release",
    severity: "error",
    title: "An invalid Helm release name",
    checks: "The release name of a Tempo install is a valid Helm release name (DNS-1123, at most 53 characters).",
    why: "Helm refuses the install, and every Service name derived from it is wrong.",
    fix: "Use lowercase letters, digits and `-`.",
  },

  {
    id: "tempo/receiver-port-mismatch",
    severity: "error",
    title: "A receiver listening on a port the chart does not open",
    checks:
      "The `endpoint` port of a receiver `config` in a Tempo spec against the port tempo-distributed opens for that protocol (OTLP gRPC 4317, OTLP HTTP 4318, Jaeger 14250/14268/6831/6832, Zipkin 9411).",
    why: "The chart fixes the distributor's containerPort, its Service and the gateway to the standard port: a receiver bound elsewhere is unreachable and no span arrives.",
    fix: "Remove `endpoint` from the receiver config (the chart binds `0.0.0.0:<port>`), or use the standard port.",
  },
  {
    id: "tempo/expand-env-reference",
    severity: "warning",
    title: "A `$` reference that `-config.expand-env` would replace",
    checks:
      "With storage credentials from a Secret (which makes every Tempo pod start with `-config.expand-env=true`), string values of the Tempo spec that reach tempo.yaml and contain `$NAME` (braced or not) or `$1`.",
    why: "Tempo runs envsubst over the whole tempo.yaml before parsing it: a regex replacement `$1` or a header `$TOKEN` becomes the value of an environment variable, usually empty.",
    fix: "Remove the `$` reference from the value, or authenticate to storage with the pod's identity (IRSA, Workload Identity, managed identity) so no env expansion is needed.",
  },
  {
    id: "tempo/unsupported-setting",
    severity: "error",
    title: "A Tempo spec setting the chart version's Tempo cannot take",
    checks:
      "The settings of a Tempo spec against the Tempo version the definition's chart version runs (its appVersion): `query.maxSpansPerSpanSet` needs Tempo 2.7 (tempo-distributed ≥ 1.29), `query.maxMetricsDuration` Tempo 2.5 (tempo-distributed ≥ 1.10, lgtm-distributed ≥ 2.0). A setting at the spec's default is left to that Tempo.",
    why: "Tempo parses its configuration strictly: a key its version does not have stops every Tempo pod at start-up, and leaving the setting out silently would not do what the definition says.",
    fix: "Use the chart version the message names (or a newer one), or remove the setting.",
  },
  {
    id: "tempo/ingester-no-persistence",
    severity: "warning",
    title: "Ingesters without persistence at replication factor 1",
    checks: "`ingester.persistence.enabled: false` with `ingester.replicationFactor: 1` in a Tempo spec.",
    why: "The WAL is on an emptyDir and no other ingester holds a copy: every ingester restart loses the traces not yet flushed (up to `max_block_duration`, 30m).",
    fix: "Enable `ingester.persistence`, or run 3 ingesters with replication factor 3.",
  },
  {
    id: "tempo/structured-config-shadows-spec",
    severity: "warning",
    title: "`structuredConfig` replaces a setting the spec renders",
    checks:
      "Keys of a Tempo spec's `structuredConfig` that the chart also renders from a spec field (`compactor.compaction.block_retention` from `retention`, `storage.trace.*` from `storage`, `distributor.receivers` from `receivers`, …).",
    why: "The chart merges `structuredConfig` over its own rendering, so the spec's value is silently replaced and the spec no longer describes what runs.",
    fix: "Set the spec field and remove the `structuredConfig` key.",
  },
  {
    id: "tempo/other-tempo-generation",
    severity: "error",
    title: "A setting of the other Tempo generation",
    checks:
      "A Tempo spec against the Tempo version its chart runs: `kafka`, `liveStore`, `blockBuilder`, `backendScheduler`, `backendWorker` only on Tempo 3.0 (grafana-community tempo-distributed 3.x); `ingester`, `compactor`, `storage.backend: minio` and the `local-blocks` processor only on Tempo 2.x.",
    why: "Tempo 3.0 replaced ingesters with live-stores and block-builders fed by Kafka and compactors with the backend-scheduler and workers, and its chart has no MinIO subchart; a setting for the other generation would be dropped or stop Tempo.",
    fix: "Use the section of the generation the chart runs (the message names it), or change the chart version (`lgtm-gitops migrate`).",
  },
  {
    id: "tempo/kafka-address-missing",
    severity: "error",
    title: "Tempo 3.0 without a Kafka broker",
    checks: "A Tempo spec for Tempo 3.0 names a broker (`kafka.address`), or its definition deploys one (`kafka`).",
    why: "Tempo 3.0's distributors write every span to Kafka; tempo-distributed 3.x fails the render without `ingest.kafka.address`.",
    fix: "Set `tempo.kafka.address` to an existing broker (`host:9092`), or add `kafka: { deploy: strimzi }` to the definition.",
  },
  {
    id: "tempo/minio-dev-only",
    severity: "warning",
    title: "The bundled MinIO is for development only",
    checks: "`storage.backend: minio` in a Tempo spec.",
    why: "The chart's MinIO subchart is a single unreplicated pod.",
    fix: "Use real object storage in production.",
  },
  {
    id: "tempo/storage-credentials-missing",
    severity: "error",
    title: "Object storage without credentials",
    checks: "A Tempo spec with s3/gcs/azure storage names where its credentials come from.",
    why: "Tempo's start-up ListObjects call fails and the pods crash-loop.",
    fix: "Reference the Secret holding the credentials.",
  },

  {
    id: "tempo/ingestion-burst-below-rate",
    severity: "warning",
    title: "An ingestion burst below the rate limit",
    checks: "`ingestion.burstSizeBytes` ≥ `ingestion.rateLimitBytes` in a Tempo spec.",
    why: "A batch larger than the burst is always refused.",
    fix: "Raise the burst to at least the rate.",
  },
  {
    id: "tempo/remote-write-tenant",
    severity: "info",
    title: "Which tenant the metrics-generator writes as",
    checks: "A Tempo spec's remote write and multitenancy settings.",
    why: "The datasource reading the metrics must use the same tenant.",
    fix: "Use the same X-Scope-OrgID on the metrics datasource.",
  },
  {
    id: "tempo/tenant-without-multitenancy",
    severity: "warning",
    title: "A per-tenant block that never matches",
    checks: "Per-tenant overrides in a Tempo spec with multitenancy off.",
    why: "With multitenancy off every trace belongs to `single-tenant`: other tenant blocks are never used.",
    fix: "Turn multitenancy on, or key the block `single-tenant`.",
  },
  {
    id: "tempo/gateway-disabled",
    severity: "warning",
    title: "A Tempo install without its gateway",
    checks: "A Tempo spec whose datasources or receivers expect the gateway while it is disabled.",
    why: "URLs that point at the gateway Service resolve to nothing.",
    fix: "Enable the gateway or point at the query-frontend/distributor Services.",
  },

  ...(
    [
      [
        "argocd/destination",
        "An Application destination with both or neither of `server` and `name`",
        "Argo CD refuses the Application.",
      ],
      [
        "argocd/sources",
        "An Application with neither `source` nor `sources`, or both",
        "Argo CD ignores `source` when `sources` is set, or has nothing to sync.",
      ],
      [
        "argocd/ref-with-chart",
        "A `ref` source that also sets `chart`",
        "The values source is rendered as a chart instead of providing files.",
      ],
      [
        "argocd/values-ref",
        "A `$ref/…` value file that names no ref source, or is not at the start",
        "Argo CD cannot find the values file and the sync fails.",
      ],
      [
        "argocd/helm-values-ignored",
        "A Helm source that sets both `values` and `valuesObject`",
        "Argo CD passes only `valuesObject` to Helm: everything in `values` is silently ignored.",
      ],
      ["argocd/sync-option", "A `syncOptions` entry Argo CD does not know", "Argo CD ignores it silently."],
      [
        "argocd/managed-namespace-metadata",
        "`managedNamespaceMetadata` without `CreateNamespace=true`",
        "It has no effect.",
      ],
      [
        "argocd/sync-wave",
        "A sync-wave annotation that is not an integer",
        "Argo CD treats it as 0 and the ordering is lost.",
      ],
      ["argocd/unknown-field", "A field Argo CD's CRD does not declare", "The API server drops it silently."],
      ["argocd/crd-schema", "A value that does not match Argo CD's CRD schema", "The API server rejects the object."],
      ["argocd/schema", "An Argo CD object that does not match the model", "The object cannot be generated."],
      [
        "kustomize/namespace-with-applications",
        "A kustomization with Argo CD objects sets `namespace:`",
        "It moves the Applications out of Argo CD's namespace, where Argo CD no longer sees them.",
      ],
      ["kustomize/helm-charts", "`helmCharts` in a kustomization", "Argo CD renders it only with `--enable-helm`."],
      [
        "kustomize/missing-resource",
        "A kustomization entry names a file that is not in the bundle",
        "`kustomize build` fails.",
      ],
      [
        "kustomize/schema",
        "A Kustomization or Component that does not match the kustomize schema",
        "`kustomize build` fails.",
      ],
      ["kustomize/unknown-field", "A field kustomize does not know", "`kustomize build` fails."],
      ["k8s/dns-name", "A name that is not a valid DNS-1123 label or subdomain", "The API server rejects the object."],
      ["k8s/label", "An invalid label or annotation", "The API server rejects the object."],
      ["k8s/schema", "A core object that does not match its schema", "The API server rejects the object."],
      [
        "k8s/unknown-field",
        "A field a core object or a Strimzi custom resource does not have",
        "The API server drops it or rejects the object.",
      ],
      [
        "k8s/crd-schema",
        "A Strimzi Kafka, KafkaNodePool or KafkaTopic that does not match its CRD schema",
        "The API server rejects the object (a `null` is dropped), and the broker the bundle declares is not created.",
      ],
      [
        "k8s/not-an-object",
        "Not a Kubernetes object (no `apiVersion`/`kind`)",
        "kustomize and Argo CD cannot apply it.",
      ],
    ] as const
  ).map(
    ([id, title, why]): FlatRuleDocs => ({
      id,
      severity: WARNINGS.has(id) ? "warning" : "error",
      title,
      checks: `Reported by @lgtm-gitops/kustomize on the generated Kustomize and Argo CD objects: ${title[0]?.toLowerCase()}${title.slice(1)}.`,
      why,
      fix: "Correct the object as the message says (generated bundles are fixed in the cluster definition, then regenerated).",
    }),
  ),
];

/** Documentation-only catalogue entries for ids reported outside values linting. */
export const EXTERNAL_RULES: readonly Rule[] = DOCS.map((d) => documentedRule(d, () => []));
