// Browser benchmark: 1,000 tokens in flight (fixtures/tokens-1000.json; issue 5's budget: at
// least 60 frames per second, the 95th-percentile frame at most 16.7 ms).
//
// The scenario uploads 1,000 objects at time 0 to four buckets, each notifying its own function.
// Every event at the current step's virtual time travels its link as a token, so at the last step
// of time 0 about 1,000 tokens are on the four links at once. A link draws its tokens as one
// `<path class="token" data-tokens="N">` of N circles, moved by one requestAnimationFrame loop
// (src/components/tokens.rs): a burst leaves its node over 0.4 s and each token takes 0.6 s.
//
// Each run starts Chromium with a fresh profile, loads the app, opens the scenario through the
// header's "Open file…" input, seeks (the scrubber's `input` event) to the step around
// BENCH_STEP (default 3000, the last event of time 0) with the most tokens (the last such step)
// and checks there are at least 1,000 and that they move. Then a recorder in the page timestamps
// every requestAnimationFrame for BENCH_MS (default 2000) ms while the tokens animate; every
// BENCH_RESTEP_MS (default 600) ms it steps back one step or forward again in turn (each step
// draws its tokens anew and restarts them, so they never stop during the measurement). The frame
// time is the interval between two animation frames; budget 16.7 ms at the p95 over every frame
// of every run. The intervals around a step and the others are printed too. At 60 Hz the frame
// timestamps are 16.6–16.8 ms apart, so 16.7–16.8 ms can read OVER by hundredths of a
// millisecond; the intervals over 25 ms (a 60 Hz frame missed) are printed as well.
//
//   BASE_URL=http://127.0.0.1:PORT/ BENCH_RUNS=10 node tests/e2e/bench/tokens.mjs
// (`cargo xtask bench-browser` builds dist/, serves it and sets both.)

import { join } from 'node:path';
import { inReadyApp } from '../support/browser.mjs';
import { FIXTURES } from './make-fixtures.mjs';
import { ascending, median, percentile, printLoad, report } from './stats.mjs';

const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '10', 10);
const STEP = Number.parseInt(process.env.BENCH_STEP ?? '3000', 10);
const MEASURE_MS = Number.parseInt(process.env.BENCH_MS ?? '2000', 10);
/** Shorter than a burst's animation (1 s): the tokens are always moving. */
const RESTEP_MS = Number.parseInt(process.env.BENCH_RESTEP_MS ?? '600', 10);
const FRAME_BUDGET_MS = 16.7;
const MIN_TOKENS = 1000;
const FIXTURE = join(FIXTURES, 'tokens-1000.json');

const CLOCK = '.player .clock span';

// Runs in the page: seeks to a step, resolves with the number of tokens once the clock shows
// it and that frame has been rendered.
const SEEK = async ([clockSelector, step]) => {
  const scrubber = document.querySelector('[data-testid="scrubber"]');
  const clock = document.querySelector(clockSelector);
  const shows = () => clock.textContent.startsWith(`Step ${step} of `);
  scrubber.value = String(step);
  scrubber.dispatchEvent(new Event('input', { bubbles: true }));
  scrubber.dispatchEvent(new Event('change', { bubbles: true }));
  const deadline = performance.now() + 10_000;
  while (!shows()) {
    if (performance.now() > deadline) throw new Error(`step ${step} never shown: ${clock.textContent}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return [...document.querySelectorAll('[data-testid="canvas"] path.token')].reduce(
    (sum, path) => sum + Number(path.dataset.tokens),
    0,
  );
};


// Runs in the page: whether the tokens move (the first link's tokens, within 200 ms).
const MOVES = async () => {
  const token = () => document.querySelector('[data-testid="canvas"] path.token');
  const a = token().getAttribute('d');
  await new Promise((resolve) => setTimeout(resolve, 200));
  return token().getAttribute('d') !== a;
};

// Runs in the page: timestamps every animation frame for `ms` milliseconds, stepping between
// `step - 1` and `step` every `every` ms. Resolves with the intervals, whether a step was
// rendered in each, and the token counts seen after each step.
const RECORD = ([ms, every, step]) =>
  new Promise((resolve) => {
    const scrubber = document.querySelector('[data-testid="scrubber"]');
    const tokens = () =>
      [...document.querySelectorAll('[data-testid="canvas"] path.token')].reduce(
        (sum, path) => sum + Number(path.dataset.tokens),
        0,
      );
    const frames = [];
    const counts = [];
    let stepped = false;
    let at = step;
    const start = performance.now();
    let lastStep = start;
    const frame = (now) => {
      frames.push({ now, stepped });
      if (stepped) counts.push(tokens());
      stepped = false;
      if (now - start >= ms) {
        const intervals = [];
        for (let i = 1; i < frames.length; i += 1) {
          // A step's script runs before the first frame that sees it (flag set) and its style,
          // layout and paint of the new circles after that frame's callbacks: both intervals.
          const stepped = frames[i].stepped || frames[i - 1].stepped;
          intervals.push({ ms: frames[i].now - frames[i - 1].now, stepped });
        }
        resolve({ intervals, counts });
        return;
      }
      if (now - lastStep >= every) {
        lastStep = now;
        at = at === step ? step - 1 : step;
        // From a task, as the scrubber's own input events arrive.
        setTimeout(() => {
          scrubber.value = String(at);
          scrubber.dispatchEvent(new Event('input', { bubbles: true }));
          stepped = true;
        }, 0);
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

async function measureOnce() {
  return inReadyApp('bench-tokens', async (page) => {
    await page.getByTestId('open-file').setInputFiles(FIXTURE);
    await page.waitForFunction(
      (step) => Number(document.querySelector('[data-testid="scrubber"]')?.max ?? 0) >= step,
      STEP,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(300);
    // The last step with the most tokens, near STEP.
    let best = { step: STEP, tokens: -1 };
    for (let step = STEP - 3; step <= STEP + 3; step += 1) {
      const tokens = await page.evaluate(SEEK, [CLOCK, step]);
      if (tokens >= best.tokens) best = { step, tokens };
    }
    if (best.tokens < MIN_TOKENS) {
      throw new Error(`at most ${best.tokens} tokens near step ${STEP}; expected ${MIN_TOKENS}`);
    }
    const tokens = await page.evaluate(SEEK, [CLOCK, best.step]);
    await page.waitForTimeout(200);
    const moves = await page.evaluate(MOVES);
    if (!moves) throw new Error('the tokens do not move');
    await page.waitForTimeout(600);
    const recorded = await page.evaluate(RECORD, [MEASURE_MS, RESTEP_MS, best.step]);
    return { step: best.step, tokens, moves, ...recorded };
  });
}

printLoad('at start');
const all = [];
const stepFrames = [];
const plainFrames = [];
let tokens = Infinity;
let step = 0;
for (let run = 1; run <= RUNS; run += 1) {
  const result = await measureOnce();
  step = result.step;
  tokens = Math.min(tokens, result.tokens, ...result.counts);
  const ms = result.intervals.map((i) => i.ms);
  all.push(...ms);
  stepFrames.push(...result.intervals.filter((i) => i.stepped).map((i) => i.ms));
  plainFrames.push(...result.intervals.filter((i) => !i.stepped).map((i) => i.ms));
  const sorted = ascending(ms);
  console.log(
    `run ${String(run).padStart(2)}: ${result.tokens} tokens at step ${result.step} ` +
      `(${Math.min(...result.counts)}–${Math.max(...result.counts)} after each re-step); ` +
      `${ms.length} frames: median ${median(sorted).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
  );
}
report(
  `frame interval with ${tokens} tokens in flight (step ${step}), over ${all.length} frames`,
  all,
  FRAME_BUDGET_MS,
);
const line = (what, samples) => {
  const sorted = ascending(samples);
  return `${what} ${samples.length}: median ${median(sorted).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
};
const over = all.filter((ms) => ms > 25).length;
console.log(
  `  ${line('intervals around a step (the tokens drawn anew)', stepFrames)}; ` +
    `${line('other intervals', plainFrames)}; ${over} of ${all.length} intervals over 25 ms ` +
    `(${((1000 * all.length) / all.reduce((sum, ms) => sum + ms, 0)).toFixed(1)} frames per second)`,
);
printLoad('at end');
