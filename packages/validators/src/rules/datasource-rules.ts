import { chartDescriptor } from "@lgtm-gitops/charts";
import {
  checkDatasourceEntries,
  checkProvisioningDocument,
  type KnownDatasource,
  knownDatasources,
} from "@lgtm-gitops/datasources";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { getPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import {
  documentedRule,
  type FlatRuleDocs,
  type LintedDocument,
  positioned,
  type Rule,
  type RuleContext,
} from "../engine.js";
import { type DatasourceEntry, grafanaInstances } from "../model.js";

function known(e: DatasourceEntry): KnownDatasource[] {
  const k = knownDatasources([e.value])[0];
  return k ? [{ ...k, chart: e.providedBy ?? e.doc.file }] : [];
}

const memo = new WeakMap<RuleContext, Diagnostic[]>();

/** A place that provisions datasources into one Grafana: a provisioning document or a plain list. */
interface Unit {
  readonly doc: LintedDocument;
  readonly base: PathSegments;
  readonly kind: "document" | "list";
  readonly entries: unknown;
}

/**
 * All datasource findings of all Grafanas, computed once per lint run by `@lgtm-gitops/datasources`.
 * Every provisioning unit of one Grafana (all files of the same chart) is checked with the units before it
 * (and the chart's own datasources) counting for uniqueness and defaults, and all other units resolvable for
 * links: each duplicate is reported once, and a link to a uid defined in another file resolves.
 */
function datasourceFindings(ctx: RuleContext): Diagnostic[] {
  const cached = memo.get(ctx);
  if (cached) return cached;
  const out: Diagnostic[] = [];
  for (const g of grafanaInstances(ctx)) {
    const units: Unit[] = [];
    for (const doc of g.docs) {
      const provisioning = [...g.prefix, "datasources", "datasources.yaml"];
      const pd = getPath(doc.values, provisioning);
      if (pd !== undefined && pd !== null) units.push({ doc, base: provisioning, kind: "document", entries: pd });
      const extra = chartDescriptor(g.chart).additionalDatasources;
      if (extra !== undefined) {
        const list = getPath(doc.values, extra);
        if (Array.isArray(list)) units.push({ doc, base: extra, kind: "list", entries: list });
      }
    }
    const provided = g.datasources.filter((e) => e.providedBy).flatMap(known);
    const identities = units.map((u) =>
      knownDatasources(u.kind === "document" ? getPath(u.entries, ["datasources"]) : u.entries),
    );
    units.forEach((u, n) => {
      const chartProvided = [...provided, ...identities.slice(0, n).flat()];
      const resolvable = identities.slice(n + 1).flat();
      const found =
        u.kind === "document"
          ? checkProvisioningDocument(u.entries, { basePath: u.base, escaping: "helm", chartProvided, resolvable })
          : checkDatasourceEntries(u.entries as unknown[], {
              basePath: u.base,
              escaping: "helm",
              chartProvided,
              resolvable,
            });
      for (const d of found) out.push(positioned(u.doc, d));
    });
  }
  memo.set(ctx, out);
  return out;
}

const SPECS: readonly FlatRuleDocs[] = [
  {
    id: "datasource/dangling-uid",
    severity: "error",
    title: "A datasource link points at a uid no datasource has",
    checks:
      "Every uid reference (`tracesToLogsV2`, `tracesToMetrics`, `serviceMap`, `lokiSearch`, `tracesToProfiles`, Loki `derivedFields`, Prometheus `exemplarTraceIdDestinations`, `alertmanagerUid`, correlations) against the datasources of the same Grafana, across all its documents and including the ones the chart provisions itself (kube-prometheus-stack `prometheus`/`alertmanager`, lgtm-distributed `loki`/`prom`/`tempo`). An entry without `uid` is found under the uid Grafana derives from its name (`P` + sha256).",
    why: "Grafana gives a datasource without `uid` a generated one, so `datasourceUid: loki` links to nothing: trace-to-logs buttons, the service map and span metrics silently do nothing.",
    fix: "Give the target datasource that `uid` (e.g. `uid: loki` on the Loki entry), or point the link at an existing uid.",
  },
  {
    id: "datasource/wrong-type-uid",
    severity: "error",
    title: "A datasource link points at a datasource of the wrong type",
    checks:
      "The referenced datasource's type is one the link accepts (traces-to-logs → a logs type such as `loki`; traces-to-metrics and service map → `prometheus`; derived fields and exemplars → a tracing type).",
    why: "Grafana offers the link but the query is written for another backend: it fails or returns nothing.",
    fix: "Point the link at a datasource of the right type.",
  },
  {
    id: "datasource/duplicate-name",
    severity: "error",
    title: "Two datasources have the same name in one organisation",
    checks: "Names are unique per `orgId` across every file of one Grafana and the chart's own datasources.",
    why: "Grafana provisions by `(orgId, name)`: the second entry overwrites the first, or provisioning fails when the uids differ.",
    fix: "Rename one of them, or remove the duplicate.",
  },
  {
    id: "datasource/duplicate-uid",
    severity: "error",
    title: "Two datasources have the same uid in one organisation",
    checks:
      "uids (explicit or derived from the name) are unique per `orgId` across every file of one Grafana and the chart's own datasources.",
    why: "Grafana refuses to provision the second one (`data source with the same uid already exists`) and the pod's provisioning fails.",
    fix: "Give each datasource its own uid.",
  },
  {
    id: "datasource/multiple-defaults",
    severity: "error",
    title: "More than one default datasource",
    checks:
      "At most one `isDefault: true` per organisation, counting chart-provided datasources (kube-prometheus-stack's `Prometheus` is the default unless `grafana.sidecar.datasources.isDefaultDatasource: false`; lgtm-distributed's `Mimir`).",
    why: "Grafana refuses to start provisioning with `datasource.yaml config is invalid. Only one datasource per organization can be marked as default`.",
    fix: "Keep `isDefault: true` on one datasource only (or switch the chart's off).",
  },
  {
    id: "datasource/invalid-uid",
    severity: "error",
    title: "A datasource uid Grafana does not accept",
    checks: "uids match `^[a-zA-Z0-9_-]{1,40}$`.",
    why: "Grafana rejects or rewrites other uids, breaking every link to them.",
    fix: "Use letters, digits, `-` and `_` only, at most 40 characters.",
  },
  {
    id: "datasource/api-version",
    severity: "error",
    title: "A provisioning document without `apiVersion: 1`",
    checks:
      'Datasource provisioning documents (a provisioning file, the Grafana chart\'s `datasources."datasources.yaml"`) declare `apiVersion: 1` (missing is a warning, any other value an error).',
    why: "Without it Grafana reads the deprecated v0 format with snake_case keys: `jsonData`, `secureJsonData` and the links in them are ignored.",
    fix: "Set `apiVersion: 1`.",
  },
  {
    id: "datasource/invalid-entry",
    severity: "error",
    title: "A datasource entry Grafana cannot provision",
    checks: "The shape of each entry (name, type, access, url, field types) against Grafana's provisioning format.",
    why: "An invalid entry makes Grafana skip it or fail provisioning.",
    fix: "Correct the field the message names.",
  },
  {
    id: "datasource/header-gap",
    severity: "error",
    title: "Custom HTTP headers are not numbered contiguously from 1",
    checks: "`jsonData.httpHeaderName1…N` have no gaps.",
    why: "Grafana stops reading headers at the first missing number: the headers after the gap (often `X-Scope-OrgID`) are never sent.",
    fix: "Renumber the headers 1, 2, 3, … with matching `secureJsonData.httpHeaderValueN`.",
  },
  {
    id: "datasource/header-missing-value",
    severity: "warning",
    title: "A custom header has a name but no value",
    checks: "Each `jsonData.httpHeaderNameN` has a `secureJsonData.httpHeaderValueN`.",
    why: "Grafana sends the header empty; a tenant header without a value is rejected by Tempo, Loki and Mimir.",
    fix: "Add `secureJsonData.httpHeaderValueN`.",
  },
  {
    id: "datasource/header-value-in-jsondata",
    severity: "error",
    title: "A header value is written in jsonData",
    checks: "No `jsonData.httpHeaderValueN`.",
    why: "Grafana reads header values only from `secureJsonData`: the header is sent without a value.",
    fix: "Move `httpHeaderValueN` to `secureJsonData`.",
  },
  {
    id: "datasource/literal-header-value",
    severity: "error",
    title: "A header value is written literally in the values",
    checks: "`secureJsonData.httpHeaderValueN` holds a literal rather than an environment reference.",
    why: "Header values are often credentials (Authorization) and end up in Git.",
    fix: "Use `$__env{VAR}` and provide the variable from a Secret, unless the value is a public tenant id.",
  },
  {
    id: "datasource/literal-secret",
    severity: "error",
    title: "A datasource secret is written literally in the values",
    checks:
      "`secureJsonData` secrets (passwords, tokens, TLS keys) hold a literal rather than an environment reference (warning), and the removed plaintext `password`/`basicAuthPassword` fields (error).",
    why: "The secret ends up in Git and in the Helm release.",
    fix: "Use `$__env{VAR}` with the variable from a Secret (`envFromSecret`).",
  },
  {
    id: "datasource/unescaped-dollar",
    severity: "error",
    title: "A `$` that Grafana will expand as an environment variable",
    checks:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference written in documentation
      "Strings of provisioned datasources with `$name` or `${name}` that are not meant as environment references (e.g. `$__interval` in a query, `$1` in a regex).",
    why: "Grafana expands environment variables in provisioning files: `$1` becomes empty and the link or query breaks.",
    fix: "Write `$$` for a literal dollar.",
  },
  {
    id: "datasource/deprecated-field",
    severity: "warning",
    title: "A deprecated datasource field",
    checks:
      "Fields Grafana replaced (`tracesToLogs` v1 → `tracesToLogsV2`, `lokiSearch`, string `timeRangeForTags`, …).",
    why: "Deprecated fields are migrated on the fly or ignored by newer Grafana versions.",
    fix: "Use the field the message names.",
  },
  {
    id: "datasource/url-path",
    severity: "warning",
    title: "A datasource URL with a suspicious path or port",
    checks:
      "Tempo URLs with a path suffix or a port other than 3200 for the in-cluster query-frontend; Mimir URLs without `/prometheus`.",
    why: 'Grafana then calls the wrong endpoint: "Tempo echo endpoint returned status 404", or Mimir\'s API answers 404.',
    fix: "Use the URL the message suggests.",
  },
  {
    id: "datasource/missing-url",
    severity: "error",
    title: "A datasource URL that cannot be derived",
    checks:
      "The `lgtm()` preset of @lgtm-gitops/datasources derives the Loki and Mimir URLs from the install; a tempo-distributed install has neither.",
    why: "Without a URL the Loki or Mimir datasource cannot be provisioned, and Tempo's links to it dangle.",
    fix: "Pass `lokiUrl` / `mimirUrl` to the preset.",
  },
  {
    id: "datasource/unsupported-field",
    severity: "warning",
    title: "A field the target cannot express",
    checks:
      "Datasource options that the chosen output (chart values, provisioning file, GrafanaDatasource CR) cannot carry.",
    why: "The option would be dropped silently.",
    fix: "Choose another output or drop the option.",
  },
  {
    id: "datasource/invalid-env-name",
    severity: "error",
    title: "An invalid environment variable name for a secret",
    checks: "Environment variable names generated or given for secure values match `[A-Za-z_][A-Za-z0-9_]*`.",
    why: "Grafana cannot expand the reference and sends it literally.",
    fix: "Use a valid name.",
  },
  {
    id: "datasource/env-unsupported-target",
    severity: "error",
    title: "Secrets from environment variables are not possible for this output",
    checks: "Secure values taken from Secrets require an output that can mount them.",
    why: "The datasource would reference a variable that is never set.",
    fix: "Choose a chart output or give the value another way.",
  },
  {
    id: "datasource/env-conflict",
    severity: "error",
    title: "Two secure values claim one environment variable",
    checks: "Each environment variable is bound to one Secret key.",
    why: "One of the datasources gets the other's credential.",
    fix: "Give the secure values distinct variable names.",
  },
];

/** The `datasource/*` rules reported by `@lgtm-gitops/datasources` (run here on every Grafana's datasources). */
export const DATASOURCE_RULES: readonly Rule[] = SPECS.map((s) =>
  documentedRule(s, (ctx) => datasourceFindings(ctx).filter((d) => d.ruleId === s.id)),
);
