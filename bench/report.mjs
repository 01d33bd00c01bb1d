// Figures → table and target verdicts for bench/run.mjs.

/**
 * One measured figure, as written to bench/results.json (the first six fields are the comparable shape).
 * @typedef {object} Result
 * @property {string} name generate-cold | generate-unchanged | check | lint-tutorial | lint-5mb | cli-start | kustomize-build
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
 * Checks the targets of the performance issue against the figures. Fleet targets are judged at 1,000 clusters
 * only; without that size the figure at the largest size measured is shown and the verdict is left open.
 * @param {Result[]} results
 * @returns {Verdict[]}
 */
export function verdicts(results) {
  const sizes = [...new Set(results.filter((r) => r.clusters !== null).map((r) => /** @type {number} */ (r.clusters)))];
  sizes.sort((a, b) => a - b);
  const big = sizes.includes(1000) ? 1000 : (sizes.at(-1) ?? null);
  const judged = big === 1000;
  const at = big === null ? "" : judged ? "" : ` at ${num(big)} clusters (the target is for 1,000)`;
  /** @param {boolean} ok */
  const verdict = (ok) => (judged ? ok : null);
  /** @type {Verdict[]} */
  const out = [];
  const cold = find(results, "generate-cold", big);
  out.push({
    target: "generate 1,000 clusters ≤ 10 s",
    figure: cold ? `median ${num(cold.median_ms)} ms${at}` : "not measured",
    met: cold ? verdict(cold.median_ms <= 10_000) : null,
  });
  const kz = find(results, "kustomize-build", big);
  out.push({
    target: "generate ≥ 5× faster than kubectl kustomize building the same bundles",
    figure:
      cold && kz
        ? `kustomize ${num(kz.median_ms)} ms / generate ${num(cold.median_ms)} ms = ${num(kz.median_ms / cold.median_ms, 1)}×${at}`
        : "not measured",
    met: cold && kz ? verdict(kz.median_ms / cold.median_ms >= 5) : null,
  });
  const same = find(results, "generate-unchanged", big);
  out.push({
    target: "no-change generate rewrites no file",
    figure: same ? `${num(same.rewritten_files ?? 0)} of ${num(same.files ?? 0)} files rewritten${at}` : "not measured",
    met: same ? same.rewritten_files === 0 : null,
  });
  out.push({
    target: "no-change generate ≤ 50% of a cold one",
    figure:
      same && cold
        ? `${num((100 * same.median_ms) / cold.median_ms)}% (${num(same.median_ms)} ms vs ${num(cold.median_ms)} ms)${at}`
        : "not measured",
    met: same && cold ? verdict(same.median_ms <= 0.5 * cold.median_ms) : null,
  });
  const check = find(results, "check", big);
  out.push({
    target: "check of 1,000 clusters ≤ 5 s",
    figure: check ? `median ${num(check.median_ms)} ms${at}` : "not measured",
    met: check ? verdict(check.median_ms <= 5_000) : null,
  });
  const tut = find(results, "lint-tutorial", null);
  out.push({
    target: "lint of the tutorial files end to end ≤ 400 ms",
    figure: tut ? `median ${num(tut.median_ms)} ms` : "not measured",
    met: tut ? tut.median_ms <= 400 : null,
  });
  const rss = results.filter((r) => r.clusters === big && r.name !== "kustomize-build" && r.peak_rss_mb !== null);
  const peak = rss.length > 0 ? Math.max(...rss.map((r) => /** @type {number} */ (r.peak_rss_mb))) : null;
  const worst = rss.find((r) => r.peak_rss_mb === peak);
  out.push({
    target: "peak RSS ≤ 400 MB at 1,000 clusters",
    figure: peak === null ? "not measured" : `${num(peak)} MB (${worst?.name})${at}`,
    met: peak === null ? null : verdict(peak <= 400),
  });
  const c100 = find(results, "generate-cold", 100);
  const c10 = find(results, "generate-cold", 10);
  const c1000 = find(results, "generate-cold", 1000);
  if (c10 && c100 && c1000) {
    // Marginal cost: the fixed start-up cost cancels out.
    const m1 = (c100.median_ms - c10.median_ms) / 90;
    const m2 = (c1000.median_ms - c100.median_ms) / 900;
    out.push({
      target: "cost per cluster flat from 100 to 1,000 (marginal ms/cluster 100→1,000 ≤ 1.25× that of 10→100)",
      figure: `${num(m1, 2)} ms/cluster (10→100), ${num(m2, 2)} ms/cluster (100→1,000)`,
      met: m2 <= 1.25 * m1,
    });
  } else
    out.push({ target: "cost per cluster flat from 100 to 1,000", figure: "needs sizes 10, 100, 1000", met: null });
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
