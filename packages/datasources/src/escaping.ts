/**
 * Escaping rules per output. Grafana expands environment variables in every string of a provisioning
 * file (`$VAR`, `${VAR}`, `$__env{}`, `$__file{}`, `$__vault{}`) and turns `$$` into a literal `$`
 * (`pkg/services/provisioning/values/values.go`). Helm charts that pass values through `tpl`
 * (kube-prometheus-stack `additionalDataSources`, grafana chart `datasources`) also evaluate `{{`.
 * The grafana-operator sends values through Grafana's HTTP API, which expands nothing.
 */

/** How a string must be escaped for the place it is written to. */
export type Escaping = "helm" | "file" | "none";

/**
 * The Helm expression that renders a literal `{{`: a Go template raw string. It holds no quote or backslash,
 * so it survives whatever scalar style Helm's `toYaml` picks before `tpl` runs (go-yaml writes a string
 * holding a tab or another control character double-quoted, which would turn `{{ "{{" }}` into the
 * unparsable `{{ \"{{\" }}`).
 */
export const HELM_LITERAL_OPEN = "{{`{{`}}";

/** Escapes a literal string for a Grafana provisioning file: every `$` becomes `$$`. */
export function escapeForFile(value: string): string {
  return value.replaceAll("$", "$$$$");
}

/** Escapes a literal string for Helm values run through `tpl` that end up in a provisioning file. */
export function escapeForHelm(value: string): string {
  return escapeForFile(value).replaceAll("{{", HELM_LITERAL_OPEN);
}

/** Escapes a literal string for the given output. */
export function escapeFor(escaping: Escaping, value: string): string {
  if (escaping === "helm") return escapeForHelm(value);
  if (escaping === "file") return escapeForFile(value);
  return value;
}

/** What Helm's `tpl` makes of a string written by {@link escapeForHelm} (only our own escape is undone). */
export function unescapeHelm(value: string): string {
  return value.replaceAll(HELM_LITERAL_OPEN, "{{");
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL = "*#$@!?-0123456789";

/** True when `name` is a valid environment variable name. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** An environment reference `${NAME}`: the only form our emitters write for values Grafana must expand. */
export function envReference(name: string): `\${${string}}` {
  return `\${${name}}`;
}

/** The variable name when `value` is exactly one `${NAME}` reference, else `undefined`. */
export function parseEnvReference(value: string): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
  return m?.[1];
}

/** True when `value` is exactly one Grafana expander: `$__env{NAME}`, `$__file{path}` or `$__vault{path}`. */
export function isExpanderReference(value: string): boolean {
  return /^\$__(env|file|vault)\{[^}]+\}$/.test(value);
}

/** One place where Grafana would expand a `$` the author most likely meant literally. */
export interface UnescapedDollar {
  /** Index of the `$` in the string. */
  readonly index: number;
  /** The text Grafana would replace, e.g. `${__value.raw}` or `$__tags`. */
  readonly text: string;
}

/**
 * Finds `$` sequences Grafana's provisioning would expand although they are not meant as environment
 * references: Grafana variables (`${__value.raw}`, `$__tags`, `${__span.tags.x}`), `$1`, `$name`.
 * Accepted: `$$` (a literal `$`), `${NAME}` environment references, `$__env{}`/`$__file{}`/`$__vault{}`
 * expanders, and a `$` followed by nothing expandable (Grafana leaves it alone).
 */
export function findUnescapedDollars(value: string): UnescapedDollar[] {
  const found: UnescapedDollar[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] !== "$") {
      i++;
      continue;
    }
    const next = value[i + 1];
    if (next === "$") {
      i += 2;
      continue;
    }
    const rest = value.slice(i);
    const expander = /^\$__(env|file|vault)\{[^}]*\}/.exec(rest);
    if (expander) {
      i += expander[0].length;
      continue;
    }
    if (next === "{") {
      const close = rest.indexOf("}");
      const inner = close > 0 ? rest.slice(2, close) : rest.slice(2);
      const text = close > 0 ? rest.slice(0, close + 1) : rest;
      if (!(isEnvName(inner) && !inner.startsWith("__"))) found.push({ index: i, text });
      i += text.length;
      continue;
    }
    if (next !== undefined && (SPECIAL.includes(next) || /[A-Za-z_]/.test(next))) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*|.)/.exec(rest);
      const text = m?.[0] ?? rest.slice(0, 2);
      found.push({ index: i, text });
      i += text.length;
      continue;
    }
    i++;
  }
  return found;
}

/** Doubles only the `$` that {@link findUnescapedDollars} reports, leaving `$$` and env references alone. */
export function escapeBareDollars(value: string): string {
  const at = new Set(findUnescapedDollars(value).map((d) => d.index));
  let out = "";
  for (let i = 0; i < value.length; i++) out += at.has(i) ? "$$" : value[i];
  return out;
}

/**
 * What Grafana's provisioning makes of a string: `$$` → `$`, `$__env{X}`/`${X}`/`$X` → the variable
 * (empty when unset), `$__file{p}`/`$__vault{p}` → `files[p]` (empty when absent). Mirrors
 * `values.go` interpolateValue and Go's `os.Expand`; used by tests and by tools that preview output.
 */
export function expandLikeGrafana(
  value: string,
  env: Readonly<Record<string, string>> = {},
  files: Readonly<Record<string, string>> = {},
): string {
  return value
    .split("$$")
    .map((part) =>
      expandShell(
        part
          .replace(
            /\$__env\{([^}]*)\}/g,
            (_m, name: string) => (Object.hasOwn(env, name) ? env[name] : undefined) ?? "",
          )
          .replace(
            /\$__(file|vault)\{([^}]*)\}/g,
            (_m, _k, path: string) => (Object.hasOwn(files, path) ? files[path] : undefined) ?? "",
          ),
        env,
      ),
    )
    .join("$");
}

function expandShell(s: string, env: Readonly<Record<string, string>>): string {
  const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined) ?? "";
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c !== "$" || i + 1 >= s.length) {
      out += c;
      i++;
      continue;
    }
    const rest = s.slice(i + 1);
    if (rest.startsWith("{")) {
      const close = rest.indexOf("}");
      if (close < 0) {
        i += 2; // Go eats "${" on bad syntax
        continue;
      }
      out += lookup(rest.slice(1, close));
      i += close + 2;
      continue;
    }
    const first = rest[0] ?? "";
    if (SPECIAL.includes(first)) {
      out += lookup(first);
      i += 2;
      continue;
    }
    const m = /^[A-Za-z0-9_]+/.exec(rest);
    if (m) {
      out += lookup(m[0]);
      i += 1 + m[0].length;
      continue;
    }
    out += "$";
    i++;
  }
  return out;
}
