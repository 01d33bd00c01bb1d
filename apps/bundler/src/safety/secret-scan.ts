import { type Diagnostic, formatPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type Scalar } from "yaml";

/** Rule id of every finding of {@link scanForSecrets}. */
export const SECRET_RULE_ID = "secret/plaintext-credential";

/** Files to scan: relative path (as shown in diagnostics) → text. */
export type ScannedFiles = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Scanning stops looking at a file past this many characters (generated files are far smaller). */
export const MAX_SCANNED_CHARS = 4 * 1024 * 1024;

const GENERIC_FIX =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference, not a template
  "Keep the credential in a Kubernetes Secret (External Secrets, Sealed Secrets, SOPS) and reference it: the chart's `existingSecret` (with its `*Key` fields), an env var `valueFrom.secretKeyRef` expanded as `${VAR}` in Tempo config, or `$__env{VAR}`/`$__file{…}` in Grafana. Then rotate the credential: it has been exposed.";

/** Key names (lower-case, only letters and digits) whose literal value is a credential, by suffix. */
const SENSITIVE_SUFFIXES = [
  "password",
  "passwd",
  "passphrase",
  "secretkey",
  "secretaccesskey",
  "accesskey",
  "accesskeyid",
  "accountkey",
  "apikey",
  "apitoken",
  "authtoken",
  "bearertoken",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "token",
  "clientsecret",
  "sastoken",
  "privatekey",
  "htpasswd",
] as const;

/** Whole key names (normalised) that hold a credential. */
const SENSITIVE_EXACT = new Set(["secret", "sharedsecret", "hmacsecret", "jwtsecret", "sas", "pwd"]);

/**
 * Normalised key names that hold the *name* of a credential (a Secret name, a key inside a Secret, a file path),
 * not the credential: `passwordKey`, `passwordSecretKey`, `existingSecret…`, `bearerTokenFile`, `tokenUrl`, ….
 */
const REFERENCE_KEY =
  /(password|passwd|user|username|token|apikey|accesskey|accountkey)(secret)?(key|keyname|ref|name)$|secret(keyname|keyref|name|ref)$|^existingsecret|existingsecret$|keyref$|(file|filepath|path|dir|url|uri|endpoint|enabled|mode|type|length|ttl|expiry|expiration|header|headername|policy|env|envvar|configmap|source|format)$/;

/** Kind of credential a key name suggests, for the message. */
function kindOfKey(norm: string): string {
  if (norm.includes("htpasswd")) return "htpasswd entry";
  if (norm.includes("privatekey")) return "private key";
  if (norm.includes("accountkey") || norm === "sas" || norm.includes("sastoken")) return "Azure storage key";
  if (norm.includes("secretkey") || norm.includes("accesskey") || norm.includes("secretaccesskey"))
    return "object-storage access key";
  if (norm.includes("clientsecret")) return "OAuth client secret";
  if (norm.includes("apikey")) return "API key";
  if (norm.includes("token")) return "token";
  if (norm.includes("pass") || norm === "pwd") return "password";
  return "secret";
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Answers of {@link isSensitiveKey} by key: the same few hundred keys recur in every file of a fleet. */
const sensitiveKeyCache = new Map<string, boolean>();

/** True when a key's literal value would be a credential. */
export function isSensitiveKey(key: string): boolean {
  let known = sensitiveKeyCache.get(key);
  if (known === undefined) {
    known = computeSensitiveKey(key);
    if (sensitiveKeyCache.size < 10_000) sensitiveKeyCache.set(key, known);
  }
  return known;
}

function computeSensitiveKey(key: string): boolean {
  const norm = normaliseKey(key);
  if (norm === "") return false;
  if (REFERENCE_KEY.test(norm)) return false;
  return SENSITIVE_EXACT.has(norm) || SENSITIVE_SUFFIXES.some((s) => norm.endsWith(s));
}

/**
 * True when a value is a reference or placeholder, not a credential: `${VAR}`, `$VAR`, `$__env{…}`, `$__file{…}`,
 * `$(cmd)`, Helm templates `{{ … }}`, `<placeholder>`, `…`, `***`, and empty strings.
 */
export function isReferenceValue(value: string): boolean {
  const rest = value
    .replace(/\$__(env|file|vault)\{[^}]*\}/g, "")
    .replace(/\$\{[^}]*\}/g, "")
    .replace(/\{\{[\s\S]*?\}\}/g, "")
    .replace(/\$\([^)]*\)/g, "")
    .replace(/^\$[A-Za-z_][A-Za-z0-9_]*$/, "")
    .trim();
  if (rest === "") return true;
  if (/^<[^<>]*>$/.test(rest)) return true;
  if (/^(…|\.\.\.|\*+|x{3,}|-+|none|null|~)$/i.test(rest)) return true;
  return false;
}

interface ShapeHit {
  readonly kind: string;
  readonly index: number;
  readonly fix?: string;
}

const SHAPES: ReadonlyArray<{ readonly kind: string; readonly re: RegExp; readonly fix?: string }> = [
  {
    kind: "private key",
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
    fix: "Mount the key from a Secret (a volume or `secretKeyRef`); never commit it. Revoke it: it has been exposed.",
  },
  { kind: "GCS service-account key", re: /"private_key"\s*:\s*"[^"\s]{8,}/g },
  {
    kind: "AWS access key id",
    re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
    fix: "Give the S3 credentials through a Secret (`storage.credentials.secretName` in the definition), or better an IAM role (IRSA) with no key at all. Deactivate this key: it has been exposed.",
  },
  {
    kind: "htpasswd entry",
    re: /(?:^|[\s"'>|])[^\s:"'{}]+:(?:\$apr1\$|\$2[aby]\$\d\d\$|\{SHA\}|\$[156]\$)[^\s"']{8,}/gm,
    fix: "Put the htpasswd file in a Secret and set the gateway's `basicAuth.existingSecret`.",
  },
  { kind: "Azure storage key", re: /AccountKey=[A-Za-z0-9+/]{20,}={0,2}/g },
  { kind: "Azure SAS token", re: /[?&]sig=[A-Za-z0-9%+/]{20,}/g },
  { kind: "JSON Web Token", re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "GitHub token", re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g },
  { kind: "GitLab token", re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: "Grafana service-account token", re: /\bglsa_[A-Za-z0-9]{32}_[0-9a-f]{8}\b/g },
  { kind: "Slack token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
];

/** A password inside a URL (`scheme://user:password@host`); `${VAR}` and `$(…)` passwords are references. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]+):([^\s@/'"]+)@/gi;

function shapeHits(text: string): ShapeHit[] {
  const hits: ShapeHit[] = [];
  for (const s of SHAPES) {
    s.re.lastIndex = 0;
    for (let m = s.re.exec(text); m !== null; m = s.re.exec(text)) {
      hits.push({ kind: s.kind, index: m.index, ...(s.fix ? { fix: s.fix } : {}) });
      if (m[0].length === 0) s.re.lastIndex++;
    }
  }
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
    const password = m[2] ?? "";
    if (!isReferenceValue(password))
      hits.push({
        kind: "password in a URL",
        index: m.index,
        fix: "Remove the user:password from the URL; use the client's basic-auth settings with the password from a Secret.",
      });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/**
 * `key: value` / `key=value` / `"key": "value"` pairs inside free text (Markdown, embedded config). A value may hold
 * `${VAR}` / `$__env{VAR}` references whole (so `secret_key: ${S3_SECRET_KEY}` is seen as the reference it is).
 */
const TEXT_PAIR =
  /(["']?)([A-Za-z0-9_.-]*[A-Za-z0-9])\1[ \t]*[:=][ \t]*(["']?)((?:\$(?:__[a-z]+)?\{[^\s{}]*\}|[^\s"'`,;)\]}])+)\3/g;

function pairHits(text: string): ShapeHit[] {
  const hits: ShapeHit[] = [];
  TEXT_PAIR.lastIndex = 0;
  for (let m = TEXT_PAIR.exec(text); m !== null; m = TEXT_PAIR.exec(text)) {
    const key = m[2] ?? "";
    const value = m[4] ?? "";
    if (!isSensitiveKey(key) || isReferenceValue(value)) continue;
    // `password: |` / `password: >-` open a block scalar: its content is scanned line by line anyway.
    if (/^[|>][-+]?\d*$/.test(value)) continue;
    // Flow collections, anchors, aliases and tags (`secret: {}`, `token: *ref`) are not literal credentials.
    if (/^[{[&*!]/.test(value)) continue;
    hits.push({ kind: kindOfKey(normaliseKey(key)), index: m.index });
  }
  return hits;
}

interface Located {
  readonly line: number;
  readonly column: number;
}

function makeDiagnostic(
  file: string,
  kind: string,
  where: Located,
  path: PathSegments,
  detail: string,
  fix: string | undefined,
): Diagnostic {
  return {
    ruleId: SECRET_RULE_ID,
    severity: "error",
    // A copy: the walk pushes and pops one shared array.
    path: [...path],
    message: `a plaintext ${kind} would be committed${detail}: anyone who can read this repository could use it`,
    fix: fix ?? GENERIC_FIX,
    file,
    line: where.line,
    column: where.column,
  };
}

/** 1-based line and column of `index` in `text`. */
function positionIn(text: string, index: number): Located {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** Scans free text (Markdown, unparsable YAML): credential shapes and `key: value` pairs with credential keys. */
function scanText(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  for (const hit of [...shapeHits(text), ...pairHits(text)].sort((a, b) => a.index - b.index)) {
    const pos = positionIn(text, hit.index);
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    out.push(makeDiagnostic(file, hit.kind, pos, [], "", hit.fix));
  }
  return out;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = (key as Scalar).value;
    return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
  }
  return undefined;
}

/** Scans parsed YAML: every `key: value` with a credential key and a literal value, every value with a credential shape. */
function scanYaml(file: string, text: string): Diagnostic[] | undefined {
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch {
    return undefined;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.some((d) => d.errors.length > 0)) return undefined;
  const out: Diagnostic[] = [];
  const flagged = new Set<number>();
  const at = (offset: number | undefined): Located => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  // `- name: GF_SECURITY_ADMIN_PASSWORD` + `value: admin123`: an env var holding a credential literally.
  const envVarWithLiteral = (
    node: { items: ReadonlyArray<{ key: unknown; value: unknown }> },
    path: (string | number)[],
  ) => {
    const get = (k: string) => node.items.find((p) => keyText(p.key) === k)?.value;
    const name = get("name");
    const value = get("value");
    if (!isScalar(name) || !isScalar(value) || typeof name.value !== "string") return;
    if (!isSensitiveKey(name.value)) return;
    const v = value.value;
    if ((typeof v !== "string" && typeof v !== "number") || isReferenceValue(String(v))) return;
    const start = (value as Node).range?.[0];
    if (flagged.has(start ?? -1)) return;
    flagged.add(start ?? -1);
    const pathText = formatPath([...path, "value"]);
    out.push(
      makeDiagnostic(
        file,
        kindOfKey(normaliseKey(name.value)),
        at(start),
        [...path, "value"],
        ` in env var \`${name.value}\` at \`${pathText}\``,
        "Use `valueFrom.secretKeyRef` (name and key of an existing Secret) instead of `value`.",
      ),
    );
  };
  const visit = (node: unknown, path: (string | number)[], key: string | undefined, depth: number): void => {
    if (depth > 200) return;
    if (isMap(node)) {
      envVarWithLiteral(node, path);
      for (const pair of node.items) {
        const k = keyText(pair.key);
        // One path array for the whole walk (pushed and popped): it is only read when there is a finding.
        path.push(k ?? "?");
        visit(pair.value, path, k, depth + 1);
        path.pop();
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        path.push(i);
        visit(item, path, key, depth + 1);
        path.pop();
      });
      return;
    }
    if (!isScalar(node)) return;
    const scalar = node as Scalar;
    const value = scalar.value;
    const start = (node as Node).range?.[0];
    if (key !== undefined && (typeof value === "string" || typeof value === "number") && isSensitiveKey(key)) {
      const s = String(value);
      if (!isReferenceValue(s) && !flagged.has(start ?? -1)) {
        flagged.add(start ?? -1);
        // The path text is built only for a finding: most scalars hold nothing.
        const pathText = formatPath(path);
        out.push(makeDiagnostic(file, kindOfKey(normaliseKey(key)), at(start), path, ` at \`${pathText}\``, undefined));
        return;
      }
    }
    if (typeof value !== "string") return;
    // Shapes anywhere in the string, and `key: value` pairs inside multi-line strings (embedded config files).
    const hits = [...shapeHits(value), ...(value.includes("\n") ? pairHits(value) : [])];
    const first = hits.sort((a, b) => a.index - b.index)[0];
    if (first && !flagged.has(start ?? -1)) {
      flagged.add(start ?? -1);
      const pathText = formatPath(path);
      out.push(makeDiagnostic(file, first.kind, at(start), path, ` at \`${pathText}\``, first.fix));
    }
  };
  for (const doc of list) visit(doc.contents, [], undefined, 0);
  // Comments are committed too: scan them as text.
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const hash = line.search(/(^|\s)#/);
    if (hash === -1) return;
    const comment = line.slice(hash);
    const hits = [...shapeHits(comment), ...pairHits(comment)];
    const first = hits.sort((a, b) => a.index - b.index)[0];
    if (!first) return;
    const pos = { line: i + 1, column: hash + 1 + first.index };
    if (out.some((d) => d.line === pos.line)) return;
    out.push(makeDiagnostic(file, first.kind, pos, [], " in a comment", first.fix));
  });
  return out;
}

/** A mapping key at the start of a line (`key:`, `- "key":`) and what follows it on that line. */
const KEY_LINE = /^[ \t]*(?:-[ \t]+)*(["']?)([^\s"'#:{}[\],][^"'#:{}[\],]*?)\1[ \t]*:(?:[ \t]+([^\n]*))?$/gm;

/** For `- name: X_PASSWORD` at `at`: true when a sibling `value:` (same list item) is not a reference. */
function envValueIsLiteral(text: string, at: number): boolean {
  const lines = text.slice(text.lastIndexOf("\n", at) + 1).split("\n", 40);
  const first = lines[0] ?? "";
  const itemIndent = first.search(/\S/);
  const keyIndent = first.replace(/^(\s*-\s+).*$/, "$1").length;
  for (const line of lines.slice(1)) {
    const indent = line.search(/\S/);
    if (indent === -1) continue;
    if (indent <= itemIndent || indent < keyIndent) break;
    const v = /^\s*value:\s*(.*)$/.exec(line);
    if (v && indent === keyIndent) {
      const value = (v[1] ?? "")
        .replace(/\s+#.*$/, "")
        .trim()
        .replace(/^["']|["']$/g, "");
      return value === "" || /^[|>]/.test(value) || !isReferenceValue(value);
    }
  }
  // `name:` not first in its list item (so `value:` may come before it): let the full scan decide.
  return !/^\s*-\s/.test(first);
}

/**
 * Cheap pre-check of a YAML file: true when some line has a credential key whose value is not visibly a
 * reference (or is on the next lines), an env var named like a credential, a credential shape, or a
 * `key: value` pair with a credential key. Only such files are parsed; a false here means the full scan
 * would find nothing either.
 */
function mightHoldCredential(text: string): boolean {
  if (shapeHits(text).length > 0 || pairHits(text).length > 0) return true;
  KEY_LINE.lastIndex = 0;
  for (let m = KEY_LINE.exec(text); m !== null; m = KEY_LINE.exec(text)) {
    const key = m[2] ?? "";
    const rest = (m[3] ?? "").replace(/\s+#.*$/, "").trim();
    if (key === "name" && isSensitiveKey(rest.replace(/^["']|["']$/g, "")) && envValueIsLiteral(text, m.index))
      return true;
    if (!isSensitiveKey(key)) continue;
    if (rest === "" || /^[|>&*!]/.test(rest)) return true;
    if (!isReferenceValue(rest.replace(/^["']|["']$/g, ""))) return true;
  }
  return false;
}

/**
 * Scans files about to be written (values, Applications, READMEs, …) for plaintext credentials.
 * YAML files are parsed and every value checked by its key (`password`, `secret_key`, `token`, `adminPassword`,
 * `htpasswd`, …, but not `passwordKey`, `existingSecret`, `secretKeyRef` names) and by its shape (private keys,
 * AWS key ids, htpasswd lines, service-account JSON, Azure keys, JWTs, tokens, passwords in URLs); other files are
 * scanned as text. References (`${VAR}`, `$__env{…}`, `$__file{…}`, `{{ … }}`, `<placeholder>`) are not findings.
 * Never throws; returns one `secret/plaintext-credential` error per finding, sorted by file and line, and never
 * repeats the credential itself.
 */
export function scanForSecrets(files: ScannedFiles): Diagnostic[] {
  const entries: [string, string][] =
    files instanceof Map ? [...(files as ReadonlyMap<string, string>)] : Object.entries(files);
  const out: Diagnostic[] = [];
  for (const [file, full] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof full !== "string") continue;
    const text = full.length > MAX_SCANNED_CHARS ? full.slice(0, MAX_SCANNED_CHARS) : full;
    const isYaml = /\.ya?ml$/i.test(file) || /\.json$/i.test(file);
    let found: Diagnostic[] | undefined;
    // Most generated files hold nothing that looks like a credential: parse only those that might.
    if (isYaml && !mightHoldCredential(text)) continue;
    try {
      found = isYaml ? scanYaml(file, text) : undefined;
    } catch {
      found = undefined;
    }
    out.push(...(found ?? scanText(file, text)));
  }
  return out.sort((a, b) =>
    a.file === b.file
      ? (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
      : (a.file ?? "") < (b.file ?? "")
        ? -1
        : 1,
  );
}
