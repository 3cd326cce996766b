// Browser benchmark: scrubbing a run of about 100,000 events (fixtures/player-100k.json).
//
// Each run starts Chromium with a fresh profile, loads the app, opens the scenario through the
// header's "Open file…" input and then seeks BENCH_SEEKS times (default 20) to a random step
// (the same seeded steps every time): the scrubber (`<input type=range>`) gets the step as its
// value and an `input` event, as dragging its thumb does. A seek lasts until the player's clock
// says "Step N of M" and that frame has been rendered (a message posted from the next
// requestAnimationFrame callback runs after the frame's style, layout and paint).
// Budget 100 ms, median and p95 over every seek of every run. The time to open the run is
// printed too (no budget).
//
//   BASE_URL=http://127.0.0.1:PORT/ BENCH_RUNS=10 node tests/e2e/bench/player-scrub.mjs
// (`cargo xtask bench-browser` builds dist/, serves it and sets both.)

import { join } from 'node:path';
import { inReadyApp } from '../support/browser.mjs';
import { FIXTURES } from './make-fixtures.mjs';
import { ascending, median, percentile, printLoad, report, seeded } from './stats.mjs';

const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '10', 10);
const SEEKS = Number.parseInt(process.env.BENCH_SEEKS ?? '20', 10);
const SEEK_BUDGET_MS = 100;
const FIXTURE = join(FIXTURES, 'player-100k.json');
/** The scenario's run must be about this long (the app stops a run at 200,000 events). */
const MIN_EVENTS = 90_000;
const MAX_EVENTS = 199_999;

const CLOCK = '.player .clock span';

// Runs in the page: resolves with the time from choosing the file until the player shows the
// new run ("Step 0 of M" with M >= min) in a rendered frame.
const WATCH_OPEN = ([clock, min]) => {
  window.__open = new Promise((resolve) => {
    addEventListener(
      'change',
      (event) => {
        if (event.target?.dataset?.testid !== 'open-file') return;
        const chosen = performance.now();
        const observer = new MutationObserver(() => {
          const max = Number(document.querySelector('[data-testid="scrubber"]')?.max ?? 0);
          if (max < min || !document.querySelector(clock)?.textContent.endsWith(` ${max}`)) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve({ ms: performance.now() - chosen, events: max });
            channel.port2.postMessage(null);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      { capture: true, once: true },
    );
  });
};

// Runs in the page: one seek, timed until the clock shows the step in a rendered frame.
const SEEK = async ([clockSelector, step]) => {
  const scrubber = document.querySelector('[data-testid="scrubber"]');
  const clock = document.querySelector(clockSelector);
  const shows = () => clock.textContent.startsWith(`Step ${step} of `);
  const start = performance.now();
  scrubber.value = String(step);
  scrubber.dispatchEvent(new Event('input', { bubbles: true }));
  scrubber.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((resolve, reject) => {
    if (shows()) return resolve();
    const timer = setTimeout(() => reject(new Error(`step ${step} never shown: ${clock.textContent}`)), 10_000);
    const observer = new MutationObserver(() => {
      if (!shows()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(clock, { subtree: true, childList: true, characterData: true });
  });
  const inDom = performance.now();
  const shown = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
  return { dom: inDom - start, shown: shown - start };
};

async function measureOnce(run) {
  return inReadyApp('bench-player-scrub', async (page) => {
    await page.evaluate(WATCH_OPEN, [CLOCK, MIN_EVENTS]);
    await page.getByTestId('open-file').setInputFiles(FIXTURE);
    const opened = await page.evaluate(() => window.__open);
    if (opened.events > MAX_EVENTS) throw new Error(`the run was capped at ${opened.events} events`);
    await page.waitForTimeout(300);
    const random = seeded(run);
    const seeks = [];
    for (let i = 0; i < SEEKS; i += 1) {
      const step = 1 + Math.floor(random() * opened.events);
      seeks.push(await page.evaluate(SEEK, [CLOCK, step]));
      await page.waitForTimeout(50);
    }
    return { opened, seeks };
  });
}

printLoad('at start');
const shown = [];
const inDom = [];
const opens = [];
let events = 0;
for (let run = 1; run <= RUNS; run += 1) {
  const { opened, seeks } = await measureOnce(run);
  events = opened.events;
  opens.push(opened.ms);
  shown.push(...seeks.map((s) => s.shown));
  inDom.push(...seeks.map((s) => s.dom));
  const sorted = ascending(seeks.map((s) => s.shown));
  console.log(
    `run ${String(run).padStart(2)}: opened ${opened.events} events in ${opened.ms.toFixed(1)} ms; ` +
      `${SEEKS} seeks: median ${median(sorted).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
  );
}
report(`seek in a ${events}-event run, over ${shown.length} seeks`, shown, SEEK_BUDGET_MS);
const dom = ascending(inDom);
console.log(
  `  of which until the DOM shows the step: median ${median(dom).toFixed(1)} ms, p95 ` +
    `${percentile(dom, 95).toFixed(1)} ms; opening the run: median ${median(ascending(opens)).toFixed(1)} ms`,
);
printLoad('at end');
