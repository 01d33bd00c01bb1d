import {
  credentialKindOfName,
  credentialName,
  credentialShapes,
  isCredentialReference,
  type ShapeHit,
} from "@lgtm-gitops/charts";
import { type Diagnostic, formatPath, type PathSegments } from "@lgtm-gitops/diagnostics";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, type Scalar } from "yaml";

/** Rule id of every finding of {@link scanForSecrets}. */
export const SECRET_RULE_ID = "secret/plaintext-credential";

/** Files to scan: relative path (as shown in diagnostics) → text. */
export type ScannedFiles = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

const GENERIC_FIX =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference, not a template
  "Keep the credential in a Kubernetes Secret (External Secrets, Sealed Secrets, SOPS) and reference it: the chart's `existingSecret` (with its `*Key` fields), an env var `valueFrom.secretKeyRef` expanded as `${VAR}` in Tempo config, or `$__env{VAR}`/`$__file{…}` in Grafana. Then rotate the credential: it has been exposed.";

/** True when a key's literal value would be a credential (its generic meaning: `@lgtm-gitops/charts` `credentialName`). */
export function isSensitiveKey(key: string): boolean {
  return credentialName(key);
}

/** Kind of credential a key name suggests, for the message. */
function kindOfKey(key: string): string {
  return credentialKindOfName(key);
}

/**
 * True when a value is a reference or placeholder, not a credential (`@lgtm-gitops/charts` `isCredentialReference`):
 * `${VAR}`, `$VAR`, `$__env{…}`, `$__file{…}`, `$(cmd)`, Helm templates that print no literal, `<placeholder>`, ….
 * `{{ "s3cret" }}` is a literal: charts render such values through `tpl`.
 */
export function isReferenceValue(value: string): boolean {
  return isCredentialReference(value);
}

function shapeHits(text: string): ShapeHit[] {
  return credentialShapes(text);
}

/**
 * `key: value` / `key=value` / `"key": "value"` pairs inside free text (Markdown, embedded config). A value may hold
 * `${VAR}` / `$__env{VAR}` references whole (so `secret_key: ${S3_SECRET_KEY}` is seen as the reference it is).
 */
const TEXT_PAIR =
  /(?<![A-Za-z0-9_.-])(["']?)([A-Za-z0-9_.-]{0,127}[A-Za-z0-9])\1[ \t]{0,16}[:=][ \t]{0,16}(["']?)((?:\$(?:__[a-z]+)?\{[^\s{}]{0,256}\}|[^\s"'`,;)\]}$]|\$(?![_{])){1,1024})\3/g;

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
    hits.push({ kind: kindOfKey(key), index: m.index });
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

/** Offsets where lines start in `text`, for {@link positionIn}. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `index` in a text whose line starts are `starts` (binary search). */
function positionIn(starts: readonly number[], index: number): Located {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
}

/** Scans free text (Markdown, unparsable YAML): credential shapes and `key: value` pairs with credential keys. */
function scanText(file: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  const starts = lineStarts(text);
  for (const hit of [...shapeHits(text), ...pairHits(text)].sort((a, b) => a.index - b.index)) {
    const pos = positionIn(starts, hit.index);
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
        kindOfKey(name.value),
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
        out.push(makeDiagnostic(file, kindOfKey(key), at(start), path, ` at \`${pathText}\``, undefined));
        return;
      }
    }
    if (typeof value !== "string") return;
    // Shapes anywhere in the string, and `key: value` / `key=value` pairs inside it (embedded config files,
    // connection strings such as `addr=…,password=…`, command-line flags).
    const hits = [...shapeHits(value), ...pairHits(value)];
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
const KEY_LINE = /^[ \t]*(?:-[ \t]+)*(["']?)([^\s"'#:{}[\],][^"'#:{}[\],\n]{0,255}?)\1[ \t]*:(?:[ \t]+([^\n]*))?$/gm;

/** For `- name: X_PASSWORD` at `at`: true when a sibling `value:` (same list item) is not a reference. */
function envValueIsLiteral(text: string, at: number): boolean {
  // A window of the next lines only: slicing the rest of a large file at every `name:` would be quadratic.
  const from = text.lastIndexOf("\n", at) + 1;
  const lines = text.slice(from, from + 16_384).split("\n", 40);
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
    // The whole file, whatever its size: every search below is linear in the text.
    const text = full;
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
