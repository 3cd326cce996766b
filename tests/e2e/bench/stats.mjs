// What every browser benchmark prints: the machine's load, medians and p95s, and a verdict
// against a budget.

import { cpus, loadavg } from 'node:os';

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(sorted) {
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
}

export function ascending(samples) {
  return [...samples].sort((a, b) => a - b);
}

/** `within` or `OVER` a budget in milliseconds. */
export function verdict(ms, budget) {
  return ms <= budget ? 'within' : 'OVER';
}

/** One result line: "<what>: median X ms, p95 Y ms (budget B ms: median within, p95 OVER)". */
export function report(what, samples, budget) {
  const sorted = ascending(samples);
  const [mid, p95] = [median(sorted), percentile(sorted, 95)];
  console.log(
    `${what}: median ${mid.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
      `(budget ${budget} ms: median ${verdict(mid, budget)}, p95 ${verdict(p95, budget)})`,
  );
  return { median: mid, p95 };
}

/** Other work on the machine skews the numbers: say how busy it was. */
export function printLoad(when) {
  const [load1] = loadavg();
  console.log(`${cpus().length} CPUs, load average ${load1.toFixed(2)} ${when}`);
}

/** A small seeded generator (LCG), so every run of a benchmark seeks to the same steps. */
export function seeded(seed) {
  let state = (seed >>> 0) || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
