/**
 * Semantic versions and the constraint syntax Helm uses for `dependencies[].version`
 * (Masterminds/semver v3): `^`, `~`, comparison operators, `x`/`*` wildcards, `a - b` ranges, AND by
 * space or comma, OR by `||`. As there, a constraint without a pre-release part never matches a
 * pre-release version (`^5.8.0` does not take `5.9.0-weekly.365`), and `^0.80.5` means `>=0.80.5 <0.81.0`.
 */

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: readonly string[];
}

const SEMVER_RE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses `1.2.3`, `v1.2.3`, `1.2` (as 1.2.0), `1.2.3-rc.1+meta`; undefined when not a version. */
export function parseSemVer(text: string): SemVer | undefined {
  const m = SEMVER_RE.exec(text.trim());
  if (m === null) return undefined;
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    pre: m[4] === undefined ? [] : m[4].split("."),
  };
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length; // a release sorts after its pre-releases
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (xn !== yn) return xn ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

/** Compares two version strings; unparsable strings sort first, by text. */
export function compareVersions(a: string, b: string): number {
  const x = parseSemVer(a);
  const y = parseSemVer(b);
  if (x === undefined || y === undefined) {
    if (x !== undefined) return 1;
    if (y !== undefined) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareSemVer(x, y);
}

type Op = "=" | ">" | ">=" | "<" | "<=";
interface Comparator {
  readonly op: Op;
  readonly v: SemVer;
}

const v3 = (major: number, minor: number, patch: number, pre: readonly string[] = []): SemVer => ({
  major,
  minor,
  patch,
  pre,
});

/** One constraint term (`^1.2.3`, `>=1.0`, `1.2.x`) as comparators that must all hold. */
function termComparators(term: string): Comparator[] {
  const m = /^(\^|~>?|>=|<=|>|<|=|!=)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z.-]+))?$/.exec(
    term,
  );
  if (m === null) throw new Error(`unsupported version constraint term: ${term}`);
  const op = m[1] ?? "";
  const wild = (s: string | undefined): boolean => s === undefined || /^[xX*]$/.test(s);
  if (wild(m[2])) return op === "<" ? [{ op: "<", v: v3(0, 0, 0) }] : [];
  const major = Number(m[2]);
  const minorWild = wild(m[3]);
  const patchWild = wild(m[4]);
  const minor = minorWild ? 0 : Number(m[3]);
  const patch = patchWild ? 0 : Number(m[4]);
  const pre = m[5] === undefined ? [] : m[5].split(".");
  const base = v3(major, minor, patch, pre);
  switch (op) {
    case "^":
      if (major > 0 || minorWild)
        return [
          { op: ">=", v: base },
          { op: "<", v: v3(major + 1, 0, 0) },
        ];
      return [
        { op: ">=", v: base },
        { op: "<", v: v3(0, minor + 1, 0) },
      ];
    case "~":
    case "~>":
      if (minorWild)
        return [
          { op: ">=", v: base },
          { op: "<", v: v3(major + 1, 0, 0) },
        ];
      return [
        { op: ">=", v: base },
        { op: "<", v: v3(major, minor + 1, 0) },
      ];
    case "":
    case "=":
      if (minorWild)
        return [
          { op: ">=", v: base },
          { op: "<", v: v3(major + 1, 0, 0) },
        ];
      if (patchWild)
        return [
          { op: ">=", v: base },
          { op: "<", v: v3(major, minor + 1, 0) },
        ];
      return [{ op: "=", v: base }];
    case "!=":
      throw new Error(`unsupported version constraint term: ${term}`);
    default:
      return [{ op: op as Op, v: base }];
  }
}

/** A parsed constraint: OR of ANDs. */
export interface Constraint {
  readonly text: string;
  readonly any: readonly (readonly Comparator[])[];
}

export function parseConstraint(text: string): Constraint {
  const any = text.split("||").map((alt) => {
    const s = alt.trim().replace(/\s*-\s+/g, " - ");
    const hyphen = /^(\S+) - (\S+)$/.exec(s);
    if (hyphen !== null)
      return [...termComparators(`>=${hyphen[1]}`), ...termComparators(`<=${hyphen[2]}`)] as Comparator[];
    return s
      .replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, "$1")
      .split(/[\s,]+/)
      .filter((t) => t !== "")
      .flatMap(termComparators);
  });
  return { text, any };
}

function holds(c: Comparator, v: SemVer): boolean {
  const d = compareSemVer(v, c.v);
  switch (c.op) {
    case "=":
      return d === 0;
    case ">":
      return d > 0;
    case ">=":
      return d >= 0;
    case "<":
      return d < 0;
    case "<=":
      return d <= 0;
  }
}

/** Whether `version` satisfies the constraint (pre-releases only when the constraint names one). */
export function satisfies(version: string, constraint: string | Constraint): boolean {
  const c = typeof constraint === "string" ? parseConstraint(constraint) : constraint;
  const v = parseSemVer(version);
  if (v === undefined) return false;
  return c.any.some((all) => {
    if (v.pre.length > 0 && !all.some((x) => x.v.pre.length > 0)) return false;
    return all.every((x) => holds(x, v));
  });
}

/** The highest of `versions` that satisfies the constraint, or undefined. */
export function maxSatisfying(versions: Iterable<string>, constraint: string): string | undefined {
  const c = parseConstraint(constraint);
  let best: string | undefined;
  for (const v of versions) if (satisfies(v, c) && (best === undefined || compareVersions(v, best) > 0)) best = v;
  return best;
}
