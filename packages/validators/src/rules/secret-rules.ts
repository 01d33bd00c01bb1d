import { componentPrefix, gatewaysOf, type NginxGateway } from "@lgtm-gitops/charts";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { getPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import { finding, type LintedDocument, type Rule } from "../engine.js";

/** True for a string that really holds a secret in the file: non-empty, not a template, not an env/file reference. */
export function isLiteralSecret(v: unknown): v is string {
  if (typeof v !== "string" || v.trim() === "") return false;
  return !/\{\{|\$\{|\$__env\{|\$__file\{|^\$[A-Z_][A-Z0-9_]*$/.test(v);
}

interface SecretPlace {
  readonly path: PathSegments;
  readonly what: string;
  readonly fix: string;
}

/** `name` writes a path of the document the way the user edits it (see `LintedDocument.name`). */
type Namer = (path: PathSegments) => string;

function grafanaPlaces(prefix: PathSegments, name: Namer): SecretPlace[] {
  const admin = (key: string) => name([...prefix, "admin", key]);
  const adminFix = `Create a Secret with keys \`admin-user\` and \`admin-password\` (e.g. with External Secrets or Sealed Secrets) and set \`${admin("existingSecret")}: <name>\` (with \`${admin("userKey")}\`/\`${admin("passwordKey")}\`); remove \`adminPassword\`.`;
  return [
    {
      path: [...prefix, "adminPassword"],
      what: "the Grafana admin password",
      fix: adminFix,
    },
    {
      path: [...prefix, "grafana.ini", "security", "admin_password"],
      what: "the Grafana admin password",
      fix: adminFix,
    },
    {
      path: [...prefix, "grafana.ini", "database", "password"],
      what: "the Grafana database password",
      fix: `Load it from a Secret: \`${name([...prefix, "envFromSecret"])}\` and \`password: $__env{GF_DATABASE_PASSWORD}\`.`,
    },
    {
      path: [...prefix, "smtp", "password"],
      what: "the Grafana SMTP password",
      fix: `Use \`${name([...prefix, "smtp", "existingSecret"])}\`.`,
    },
  ];
}

function gatewayPlaces(g: NginxGateway, name: Namer): SecretPlace[] {
  if (g.basicAuth === undefined) return [];
  const base = g.basicAuth.path;
  const fix = `Create a Secret holding \`.htpasswd\` and set \`${name([...base, "existingSecret"])}: <name>\`; remove the password${g.basicAuth.rehashedOnRender ? " (the chart's htpasswd template also re-hashes on every render, which Argo CD shows as drift)" : ""}.`;
  return [
    { path: [...base, "password"], what: `the ${g.label} basic-auth password`, fix },
    { path: [...base, "htpasswd"], what: `the ${g.label} htpasswd`, fix },
  ];
}

/** Where a document's chart takes passwords: its Grafana's (when it installs one) and its gateways' basic auth. */
function placesFor(doc: LintedDocument): SecretPlace[] {
  const grafana = componentPrefix(doc.chart, "grafana");
  const name: Namer = (p) => doc.name(p);
  return [
    ...(grafana ? grafanaPlaces(grafana, name) : []),
    ...gatewaysOf(doc.chart).flatMap((g) => gatewayPlaces(g, name)),
  ];
}

export const secretPlaintext: Rule = {
  id: "secret/plaintext",
  severity: "error",
  title: "A password is committed in plain text",
  docs: {
    checks:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference written in documentation
      "Literal values (not `{{ }}` templates, not `$__env{…}`/`${…}` references) of the Grafana admin password (`adminPassword`, `grafana.ini.security.admin_password`), Grafana database/SMTP passwords, and gateway basic-auth passwords/htpasswd of Tempo and Loki. Datasource passwords are reported by `datasource/literal-secret`, credentials inside Tempo configuration (S3 keys, remote_write basic_auth) by `tempo/literal-secret`.",
    why: "Values files live in Git and in the Helm release Secret: anyone who can read the repository has the password. Argo CD renders with `helm template`, so chart-generated passwords and htpasswd hashes also change on every render.",
    fix: "Keep the secret in a Kubernetes Secret (External Secrets, Sealed Secrets, SOPS) and point the chart at it: `grafana.admin.existingSecret`, `gateway.basicAuth.existingSecret`, or `$__env{VAR}` with `envFromSecret` for datasources.",
  },
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const doc of ctx.documents) {
      for (const p of placesFor(doc)) {
        const v = getPath(doc.values, p.path);
        if (!isLiteralSecret(v)) continue;
        out.push(
          finding(this, doc, p.path, {
            message: `${p.what[0]?.toUpperCase()}${p.what.slice(1)} is committed in plain text (\`${doc.name(p.path)}\`): anyone who can read this repository can log in.`,
            fix: p.fix,
          }),
        );
      }
    }
    return out;
  },
};
