// Figures → table and target verdicts for bench/run.mjs.

/**
 * One measured figure, as written to bench/results.json (the first six fields are the comparable shape).
 * @typedef {object} Result
 * @property {string} name generate-cold | generate-unchanged | check | kustomize-build (synthetic fleets);
 *   example-generate-cold | example-generate | example-check | example-pnpm-generate | example-kustomize (the
 *   repository's fleet); lint-tutorial | lint-5mb | cli-start | node-e-0
 * @property {number | null} clusters fleet size, null for figures that do not depend on one
 * @property {number} runs
 * @property {number} min_ms
 * @property {number} median_ms
 * @property {number | null} peak_rss_mb largest peak RSS over the runs (per process), null when not measured
 * @property {number} [per_cluster_ms] median_ms / clusters
 * @property {number | null} [cpu_ms] median user + system CPU time (less sensitive than wall time to other load)
 * @property {number} [rewritten_files] generate-unchanged: files whose inode, mtime or ctime changed, all runs
 * @property {number} [files] files in the output directory
 * @property {number} [builds] kustomize-build: `kubectl kustomize` processes per run
 * @property {number} [sampled_builds] kustomize-build: builds actually run when sampling (the figure is extrapolated)
 * @property {string} [note]
 */

/**
 * @param {number | null | undefined} x
 * @param {number} [digits]
 * @returns {string}
 */
function num(x, digits = 0) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Formats the results as an aligned text table.
 * @param {Result[]} results
 * @returns {string}
 */
export function table(results) {
  const head = ["figure", "clusters", "runs", "min ms", "median ms", "ms/cluster", "CPU ms", "peak RSS MB", "note"];
  const rows = results.map((r) => [
    r.name,
    r.clusters === null ? "–" : num(r.clusters),
    String(r.runs),
    num(r.min_ms),
    num(r.median_ms),
    r.per_cluster_ms === undefined ? "–" : num(r.per_cluster_ms, 2),
    num(r.cpu_ms),
    num(r.peak_rss_mb),
    r.note ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * @typedef {object} Verdict
 * @property {string} target
 * @property {string} figure what was measured
 * @property {boolean | null} met null when the figure was not measured in this run
 */

/**
 * @param {Result[]} results
 * @param {string} name
 * @param {number | null} clusters
 * @returns {Result | undefined}
 */
function find(results, name, clusters) {
  return results.find((r) => r.name === name && r.clusters === clusters);
}

/**
 * Checks the targets of the performance issue (issue 17) against the figures: the example fleet end to end,
 * 1,000 clusters, 10,000 clusters (cost per cluster flat), lint of the tutorial. A figure not measured in this run
 * leaves its verdict open.
 * @param {Result[]} results
 * @returns {Verdict[]}
 */
export function verdicts(results) {
  /** @type {Verdict[]} */
  const out = [];
  const ms = (/** @type {Result} */ r) => `median ${num(r.median_ms)} ms (min ${num(r.min_ms)})`;
  /**
   * @param {string} target
   * @param {Result | undefined} r
   * @param {(r: Result) => boolean} ok
   * @param {(r: Result) => string} [figure]
   */
  const add = (target, r, ok, figure = ms) =>
    out.push({ target, figure: r ? figure(r) : "not measured", met: r ? ok(r) : null });
  const exGen = find(results, "example-generate", results.find((r) => r.name === "example-generate")?.clusters ?? null);
  const exClusters = exGen?.clusters ?? null;
  const exCheck = find(results, "example-check", exClusters);
  const exKz = find(results, "example-kustomize", exClusters);
  add("example fleet: generate (no change) ≤ 300 ms end to end", exGen, (r) => r.median_ms <= 300);
  add("example fleet: check ≤ 300 ms end to end", exCheck, (r) => r.median_ms <= 300);
  out.push({
    target: "example fleet: generate ≥ 1.5× faster than kubectl kustomize of its bundles",
    figure:
      exGen && exKz
        ? `kustomize ${num(exKz.median_ms)} ms / generate ${num(exGen.median_ms)} ms = ${num(exKz.median_ms / exGen.median_ms, 2)}×`
        : "not measured",
    met: exGen && exKz ? exKz.median_ms / exGen.median_ms >= 1.5 : null,
  });
  const cold = find(results, "generate-cold", 1000);
  const same = find(results, "generate-unchanged", 1000);
  const check = find(results, "check", 1000);
  add("1,000 clusters: cold generate ≤ 3 s", cold, (r) => r.median_ms <= 3000);
  add("1,000 clusters: no-change generate ≤ 1.5 s", same, (r) => r.median_ms <= 1500);
  add("1,000 clusters: check ≤ 1.5 s", check, (r) => r.median_ms <= 1500);
  add(
    "1,000 clusters: no-change generate rewrites no file",
    same,
    (r) => r.rewritten_files === 0,
    (r) => `${num(r.rewritten_files ?? 0)} of ${num(r.files ?? 0)} files rewritten`,
  );
  const big = results.filter((r) => r.clusters === 1000 && !/kustomize/.test(r.name) && r.peak_rss_mb !== null);
  const peak = big.length > 0 ? Math.max(...big.map((r) => /** @type {number} */ (r.peak_rss_mb))) : null;
  out.push({
    target: "1,000 clusters: peak RSS ≤ 300 MB",
    figure: peak === null ? "not measured" : `${num(peak)} MB (${big.find((r) => r.peak_rss_mb === peak)?.name})`,
    met: peak === null ? null : peak <= 300,
  });
  for (const name of ["generate-cold", "check"]) {
    const at = (/** @type {number} */ n) => find(results, name, n);
    const [a, b, c] = [at(100), at(1000), at(10000)];
    if (a && b && c) {
      // Marginal cost per cluster (the fixed start-up cost cancels out).
      const m1 = (b.median_ms - a.median_ms) / 900;
      const m2 = (c.median_ms - b.median_ms) / 9000;
      out.push({
        target: `10,000 clusters: ${name} cost per cluster flat (marginal 1,000→10,000 ≤ 1.25× that of 100→1,000)`,
        figure: `${num(m1, 2)} ms/cluster (100→1,000), ${num(m2, 2)} ms/cluster (1,000→10,000); ${num(c.median_ms)} ms at 10,000`,
        met: m2 <= 1.25 * m1,
      });
    } else
      out.push({
        target: `10,000 clusters: ${name} cost per cluster flat`,
        figure: "needs sizes 100, 1000, 10000",
        met: null,
      });
  }
  const tut = find(results, "lint-tutorial", null);
  const node = find(results, "node-e-0", null);
  add(
    "lint of the tutorial files ≤ 200 ms end to end",
    tut,
    (r) => r.median_ms <= 200,
    (r) =>
      `${ms(r)}${node ? `; node -e 0: median ${num(node.median_ms)} ms, ratio ${num(r.median_ms / node.median_ms, 1)}×` : ""}`,
  );
  return out;
}

/**
 * @param {Verdict[]} vs
 * @returns {string}
 */
export function verdictLines(vs) {
  return vs.map((v) => `${v.met === null ? "  ?  " : v.met ? " met " : " MISS"}  ${v.target}: ${v.figure}`).join("\n");
}

/**
 * The results and the target verdicts as Markdown (for docs/performance.md).
 * @param {Result[]} results
 * @returns {string}
 */
export function markdown(results) {
  const cell = (/** @type {number | null | undefined} */ x, digits = 0) => num(x, digits);
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.clusters === null ? "–" : cell(r.clusters)} | ${r.runs} | ${cell(r.min_ms)} | ${cell(r.median_ms)} | ${r.per_cluster_ms === undefined ? "–" : cell(r.per_cluster_ms, 2)} | ${cell(r.cpu_ms)} | ${cell(r.peak_rss_mb)} | ${r.note ?? ""} |`,
  );
  const vs = verdicts(results).map(
    (v) => `| ${v.target} | ${v.figure} | ${v.met === null ? "not measured" : v.met ? "met" : "**not met**"} |`,
  );
  return [
    "| figure | clusters | runs | min ms | median ms | ms/cluster | CPU ms | peak RSS MB | note |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --- |",
    ...rows,
    "",
    "| target | measured | verdict |",
    "| --- | --- | --- |",
    ...vs,
  ].join("\n");
}
