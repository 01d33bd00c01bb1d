import { findCredentials } from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath } from "@lgtm-gitops/diagnostics";
import { finding, type Rule, type RuleContext } from "../engine.js";
import { DATASOURCE_RULES } from "./datasource-rules.js";
import { secretPlaintext } from "./secret-rules.js";
import { TEMPO_CONFIG_RULES } from "./tempo-config-rules.js";

/** Rules that already report some literal credentials with a chart-specific fix: a path they report is not repeated. */
const MORE_SPECIFIC: readonly string[] = [
  "secret/plaintext",
  "tempo/literal-secret",
  "datasource/literal-secret",
  "datasource/literal-header-value",
];

/**
 * `secret/plaintext-credential`: a credential written literally in a values document, found from what each field
 * means to its chart (`@lgtm-gitops/charts` `CREDENTIAL_FIELDS`: grafana.ini secrets, `envRenderSecret`, credential
 * env vars, datasource `secureJsonData`, Alertmanager receiver secrets, Tempo/Loki/Mimir storage keys, …) and from
 * credential shapes (a password in a URL, private keys, tokens). The same table drives `generate`, which refuses to
 * write such a file. Messages name the field and the kind, never the value.
 */
export const secretPlaintextCredential: Rule = {
  id: "secret/plaintext-credential",
  severity: "error",
  title: "A credential is written in plain text",
  docs: {
    checks:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the reference syntax the docs name
      'Every value of a credential-bearing field of the document\'s chart (the table in `@lgtm-gitops/charts` `CREDENTIAL_FIELDS`): grafana.ini keys Grafana itself treats as secret (`*password*`, `*secret*`, `cookie_secret`, `client_secret`, `secret_key`, …, also through `tpl` literals such as `{{ "…" }}`), every `envRenderSecret` value, `env` variables whose name means a credential (`GF_*PASS*`, `*_SECRET*`, `*_TOKEN`), datasource `secureJsonData`, Alertmanager receiver secrets (`api_url` of Slack, `url` of webhooks, `routing_key`, `service_key`, `auth_password`, `auth_secret`, `http_config` credentials, …), Tempo/Loki/Mimir object-storage keys, gateway basic auth, MinIO root passwords; any Kubernetes EnvVar whose name means a credential; and, anywhere, values shaped like a credential (a password in a URL, private keys, cloud and SaaS tokens). `generate` runs the same check on every values file it writes, and scans all other output too. References (`${VAR}`, `$__env{…}`, `$__file{…}`, Helm templates that do not print a literal) are not findings.',
    why: "Values files are committed to Git and copied into the Helm release Secret: anyone who can read the repository (or its history, forever) can use the credential. Argo CD syncs whatever is committed.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the reference syntax the docs name
    fix: "Keep the credential in a Kubernetes Secret (External Secrets, Sealed Secrets, SOPS, `kubectl create secret`) and point the chart at it — the fix of each finding names the chart's way (`existingSecret`, `envFromSecret`, `*_file` fields, `${VAR}` with `-config.expand-env`). Then rotate the credential: it has been exposed.",
  },
  run(ctx: RuleContext): Diagnostic[] {
    const found = ctx.documents.flatMap((doc) => findCredentials(doc.chart, doc.values).map((f) => ({ doc, f })));
    if (found.length === 0) return [];
    // Values a more specific rule already reports as an error, with the chart's own fix: one finding per value.
    const covered = new Set<string>();
    const specific = [secretPlaintext, ...TEMPO_CONFIG_RULES, ...DATASOURCE_RULES].filter((r) =>
      MORE_SPECIFIC.includes(r.id),
    );
    for (const rule of specific)
      for (const d of rule.run(ctx))
        if (d.severity === "error") covered.add(`${d.file ?? ""}\u0000${formatPath(d.path)}`);
    const out: Diagnostic[] = [];
    for (const { doc, f } of found) {
      if (covered.has(`${doc.file}\u0000${formatPath(f.path)}`)) continue;
      out.push(
        finding(this, doc, f.path, {
          message: `a plaintext ${f.kind} is written at \`${formatPath(f.path)}\`: anyone who can read this file (it is committed to Git) can use it`,
          fix: f.fix,
        }),
      );
    }
    return out;
  },
};
