/**
 * Go `time.Duration` text, the only duration syntax Tempo accepts (`time.ParseDuration`):
 * a sequence of decimal numbers with a unit (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), e.g. `24h`, `1h30m`, `300ms`,
 * or the bare `0`. There is no `d` unit: `7d` makes Tempo exit at start-up.
 */
const GO_DURATION = /^(?:0|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** True when `text` is a duration Go's `time.ParseDuration` accepts. */
export function isGoDuration(text: string): boolean {
  return GO_DURATION.test(text);
}

/**
 * Prometheus `model.Duration` text (`model.ParseDuration`), which Tempo uses for per-tenant limits such as
 * `compaction.block_retention` and `read.max_search_duration`: units `y w d h m s ms` in that order, each once,
 * integers only (`14d`, `1w2d`, `336h`), or `0`.
 */
const MODEL_DURATION = /^(?:0|(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$/;

/** True when `text` is a duration Prometheus' `model.ParseDuration` accepts. */
export function isModelDuration(text: string): boolean {
  return text !== "" && MODEL_DURATION.test(text);
}

/** Milliseconds in a Go duration, or `undefined` when the text is not one. */
export function durationToMs(text: string): number | undefined {
  if (!isGoDuration(text)) return undefined;
  if (text === "0") return 0;
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] ?? 1);
  return total;
}

/** A suggestion for a duration Tempo rejects (`7d` → `168h`), or `undefined`. */
export function suggestDuration(text: string): string | undefined {
  const days = /^(\d+)\s*d(?:ays?)?$/i.exec(text.trim());
  if (days) return `${Number(days[1]) * 24}h`;
  // Any other Prometheus duration (`2w`, `1d12h`, `1y`): the same span in Go units.
  if (isModelDuration(text) && text !== "0") {
    const MODEL_MS: Record<string, number> = {
      y: 365 * 86_400_000,
      w: 7 * 86_400_000,
      d: 86_400_000,
      h: 3_600_000,
      m: 60_000,
      s: 1000,
      ms: 1,
    };
    let ms = 0;
    for (const m of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) ms += Number(m[1]) * (MODEL_MS[m[2] as string] ?? 0);
    const h = Math.floor(ms / 3_600_000);
    const rest = ms - h * 3_600_000;
    const go = `${h > 0 ? `${h}h` : ""}${rest > 0 ? `${rest / 60_000 >= 1 && rest % 60_000 === 0 ? `${rest / 60_000}m` : `${rest / 1000}s`}` : ""}`;
    if (go !== "" && go !== text) return go;
  }
  const plain = /^(\d+)$/.exec(text.trim());
  if (plain && plain[1] !== "0") return `${plain[1]}s`;
  const spaced = text.replace(/\s+/g, "").toLowerCase();
  if (spaced !== text && isGoDuration(spaced)) return spaced;
  return undefined;
}

/** Kubernetes resource quantity (`100m`, `2`, `512Mi`, `1.5Gi`, `1e3`). */
const QUANTITY = /^[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

/** True when `text` is a Kubernetes resource quantity. */
export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

const QUANTITY_FACTOR: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/**
 * The numeric value of a quantity (bytes for memory, cores for CPU), or `undefined` when it is not one (a
 * non-finite number, text that is not a quantity).
 */
export function quantityValue(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  if (!isQuantity(text)) return undefined;
  const m = /^[+]?((?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(text);
  if (!m) return undefined;
  const suffix = m[2] ?? "";
  if (/^[eE][+-]?\d+$/.test(suffix)) return Number(m[1]) * 10 ** Number(suffix.slice(1));
  const factor = Object.hasOwn(QUANTITY_FACTOR, suffix) ? QUANTITY_FACTOR[suffix] : undefined;
  return factor === undefined ? undefined : Number(m[1]) * factor;
}
