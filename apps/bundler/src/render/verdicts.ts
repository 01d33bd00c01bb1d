// Verdicts: what validation concluded about a rendered unit (one cluster's bundle, or bootstrap/), keyed by a
// content hash of everything the validation read: the tool's build, the output directory, the definition (its
// bytes and its parsed value) and every rendered file's path and bytes. A unit whose key matches a verdict is not
// validated again: its render is byte-identical to one that passed. The files are still rendered and compared in
// full, so `check` and `generate` see any drift; only the checks that cannot change their answer are skipped.
//
// Across runs, verdicts live in `<out>/.lgtm-gitops.verdicts` (a dot-file: never scanned, never generated, ignored
// by git), written by `generate` only and only with the built CLI, whose build fingerprint is part of every key.
// The file is untrusted input: anything malformed is dropped, an entry can only match inputs that hash the same,
// and only error-free verdicts are ever recorded or accepted (an entry claiming an error is dropped).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { writeFileAtomic } from "../output/files.js";

/** Name of the verdict file inside the output directory. */
export const VERDICT_FILE = ".lgtm-gitops.verdicts";

const FORMAT = "lgtm-gitops verdicts 1";
/** A verdict file larger than this is ignored (a fleet of 10,000 clusters writes a few MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;
const UNIT = /^[a-z0-9][-a-z0-9]{0,62}$/;

/** What validation concluded about one rendered unit; `diagnostics` are its warnings (never an error). */
export interface Verdict {
  /** Cluster name, or `bootstrap`. */
  readonly unit: string;
  /** Hash of the unit's inputs before rendering: a render may be checked against the store only when it is known. */
  readonly pre: string;
  /** Hash of {@link pre} and every rendered file. */
  readonly key: string;
  readonly diagnostics: readonly Diagnostic[];
}

function sha256(parts: readonly string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p.length}:`).update(p);
  return h.digest("hex");
}

/** The verdicts of one run: those loaded from earlier runs, and those this run used or recorded. */
export class VerdictStore {
  readonly #byKey = new Map<string, Verdict>();
  readonly #pres = new Set<string>();
  readonly #used = new Map<string, Verdict>();
  /** Stands in for the fingerprint of an unbuilt run: its keys match nothing another run wrote. */
  readonly salt: string;
  /** Units whose key matched a verdict in this run (for tests and figures). */
  hits = 0;

  /**
   * @param fingerprint the build of the tool (changes with any change of code or data); `undefined` for an
   *   unbuilt run (from source), whose verdicts are only good within the run
   * @param outDir the output directory (part of every key)
   */
  constructor(
    readonly fingerprint: string | undefined,
    readonly outDir: string,
    earlier: Iterable<Verdict> = [],
    /** @default a random one; worker threads get their run's, so that their keys are the run's keys */
    salt: string = randomUUID(),
  ) {
    this.salt = salt;
    for (const v of earlier) this.#add(v);
  }

  #add(v: Verdict): void {
    this.#byKey.set(v.key, v);
    this.#pres.add(v.pre);
  }

  /** The pre-render key of a unit from its inputs (strings: kind, name, file, source hash, parsed definition, …). */
  preKey(inputs: readonly string[]): string {
    return sha256([FORMAT, this.fingerprint ?? this.salt, process.version, path.resolve(this.outDir), ...inputs]);
  }

  /** The key of a render: the pre-render key plus every file (path and bytes), in the given order. */
  static key(pre: string, files: Iterable<readonly [string, string]>): string {
    const parts = [pre];
    for (const [rel, content] of files) parts.push(rel, content);
    return sha256(parts);
  }

  /** True when some earlier render of these inputs passed: worth rendering without the checks to compare. */
  knows(pre: string): boolean {
    return this.#pres.has(pre);
  }

  /** The verdict of exactly this render, if it passed before; it is kept for the next run. */
  lookup(key: string): Verdict | undefined {
    const v = this.#byKey.get(key);
    if (v) {
      this.#used.set(v.unit, v);
      this.hits++;
    }
    return v;
  }

  /** Records a render that passed validation (no error); renders with errors are never recorded. */
  record(v: Verdict): void {
    if (v.diagnostics.some((d) => d.severity === "error")) return;
    this.#add(v);
    this.#used.set(v.unit, v);
  }

  /** A verdict a worker thread of this run used or recorded. */
  adopt(v: Verdict): void {
    if (v.diagnostics.some((d) => d.severity === "error")) return;
    this.#add(v);
    this.#used.set(v.unit, v);
  }

  /** Every verdict known (before rendering: those of earlier runs, to hand to worker threads). */
  earlier(): Verdict[] {
    return [...this.#byKey.values()];
  }

  /** Verdicts used or recorded in this run. */
  used(): Verdict[] {
    return [...this.#used.values()];
  }

  /**
   * What the next run should know: this run's verdicts, plus earlier ones of units this run did not render
   * (`rendered` = the units this run rendered; a unit rendered without a verdict — an error — is dropped).
   */
  retained(rendered: ReadonlySet<string>): Verdict[] {
    const out = new Map(this.#used);
    for (const v of this.#byKey.values()) if (!rendered.has(v.unit) && !out.has(v.unit)) out.set(v.unit, v);
    return [...out.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  }
}

/** A diagnostic read back from the file, or `undefined` when it is not one we could have written. */
function diagnosticFrom(x: unknown): Diagnostic | undefined {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return undefined;
  const d = x as Record<string, unknown>;
  if (typeof d.ruleId !== "string" || typeof d.message !== "string") return undefined;
  if (d.severity !== "warning" && d.severity !== "info") return undefined;
  if (!Array.isArray(d.path) || !d.path.every((s) => typeof s === "string" || Number.isInteger(s))) return undefined;
  const out: Record<string, unknown> = {
    ruleId: d.ruleId,
    severity: d.severity,
    path: d.path,
    message: d.message,
  };
  for (const k of ["fix", "file"] as const) {
    if (d[k] === undefined) continue;
    if (typeof d[k] !== "string") return undefined;
    out[k] = d[k];
  }
  for (const k of ["line", "column"] as const) {
    if (d[k] === undefined) continue;
    if (!Number.isInteger(d[k]) || (d[k] as number) < 1) return undefined;
    out[k] = d[k];
  }
  return out as unknown as Diagnostic;
}

/** Parses the verdict file's text; every line that is not exactly one we write is dropped. */
export function parseVerdicts(text: string, fingerprint: string): Verdict[] {
  const lines = text.split("\n");
  if (lines[0] !== `${FORMAT} ${fingerprint}`) return [];
  const out: Verdict[] = [];
  for (const line of lines.slice(1)) {
    const [unit, pre, key, json, ...rest] = line.split("\t");
    if (rest.length > 0 || unit === undefined || pre === undefined || key === undefined || json === undefined) continue;
    if (!UNIT.test(unit) || !HEX64.test(pre) || !HEX64.test(key)) continue;
    let list: unknown;
    try {
      list = JSON.parse(json);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    const diagnostics = list.map(diagnosticFrom);
    if (diagnostics.some((d) => d === undefined)) continue;
    out.push({ unit, pre, key, diagnostics: diagnostics as Diagnostic[] });
  }
  return out;
}

/** The verdict file's text. */
export function formatVerdicts(fingerprint: string, verdicts: readonly Verdict[]): string {
  const lines = [`${FORMAT} ${fingerprint}`];
  for (const v of verdicts) lines.push([v.unit, v.pre, v.key, JSON.stringify(v.diagnostics)].join("\t"));
  return `${lines.join("\n")}\n`;
}

/** Set by scripts/bundle.mjs in the bundled CLI; not defined in tsc's output or when run from source. */
declare const LGTM_GITOPS_BUNDLED: boolean;

/**
 * The build fingerprint of the running CLI (`dist/build-info.json`, written with the bundle), or `undefined` when
 * the CLI does not run from its bundle (from source, or tsc's unbundled output): then verdicts last one run.
 */
export function buildFingerprint(packageDir: string): string | undefined {
  if (typeof LGTM_GITOPS_BUNDLED !== "boolean") return undefined;
  try {
    const info = JSON.parse(fs.readFileSync(path.join(packageDir, "dist/build-info.json"), "utf8")) as {
      fingerprint?: unknown;
    };
    return typeof info.fingerprint === "string" && HEX64.test(info.fingerprint) ? info.fingerprint : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The verdicts of earlier runs for `outDir` (none when the file is missing, unreadable, too large, of another
 * build, or when there is no build fingerprint).
 */
export function loadVerdicts(outDir: string, fingerprint: string | undefined): VerdictStore {
  if (fingerprint === undefined) return new VerdictStore(undefined, outDir);
  let text: string;
  try {
    const file = path.join(outDir, VERDICT_FILE);
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return new VerdictStore(fingerprint, outDir);
    text = fs.readFileSync(file, "utf8");
  } catch {
    return new VerdictStore(fingerprint, outDir);
  }
  return new VerdictStore(fingerprint, outDir, parseVerdicts(text, fingerprint));
}

/**
 * Writes the verdicts the next run should know ({@link VerdictStore.retained}) to `<outDir>/.lgtm-gitops.verdicts`
 * when they changed. Called by `generate` with the output lock held, after the bundles are written. Nothing is
 * written without a build fingerprint.
 */
export function saveVerdicts(store: VerdictStore, rendered: ReadonlySet<string>): void {
  if (store.fingerprint === undefined) return;
  const file = path.join(store.outDir, VERDICT_FILE);
  const text = formatVerdicts(store.fingerprint, store.retained(rendered));
  try {
    if (fs.readFileSync(file, "utf8") === text) return;
  } catch {
    // not there yet
  }
  writeFileAtomic(file, text);
}
