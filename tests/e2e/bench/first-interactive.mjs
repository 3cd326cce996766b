// Browser benchmark: milliseconds from navigation start to the first moment an
// element with data-ready="true" exists, in headless Chromium with a fresh
// profile (cold cache) per run. Prints every run, the median and the p95.
//
//   BASE_URL=http://127.0.0.1:PORT/ BENCH_RUNS=10 node tests/e2e/bench/first-interactive.mjs
// (`cargo xtask bench-browser` builds dist/, serves it and sets both.)

import { launch, open, finish } from '../support/browser.mjs';
import { OBSERVER } from './ready.mjs';
import { printLoad, report } from './stats.mjs';

const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '10', 10);
const BUDGET_MS = 400;

async function measureOnce() {
  const session = await launch();
  let error;
  let ms;
  try {
    await session.page.addInitScript(OBSERVER);
    await open(session);
    const handle = await session.page.waitForFunction(() => window.__firstInteractive, null, {
      timeout: 30_000,
      polling: 50,
    });
    ms = await handle.jsonValue();
  } catch (err) {
    error = err;
  }
  await finish(session, 'bench-first-interactive', error);
  return ms;
}

printLoad('at start');

const samples = [];
for (let i = 1; i <= RUNS; i += 1) {
  const ms = await measureOnce();
  samples.push(ms);
  console.log(`run ${String(i).padStart(2)}: ${ms.toFixed(1)} ms`);
}
report(`first interactive over ${RUNS} cold runs`, samples, BUDGET_MS);
