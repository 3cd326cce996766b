// Where the browser benchmarks' time goes: records a Chromium trace (the DevTools Performance
// panel's categories) while doing what editor-200.mjs, player-scrub.mjs or tokens.mjs measure, and prints
// the renderer main thread's time per trace event (self time: script, style, layout, paint...),
// per operation.
//
//   BASE_URL=http://127.0.0.1:PORT/ node tests/e2e/bench/trace.mjs editor|player|tokens [trace.json]
//
// With a file name the whole trace is kept too; open it in DevTools' Performance panel. The
// release build's wasm has no function names; for those, profile a build whose wasm keeps its
// name section (wasm-bindgen --keep-debug, wasm-opt -g).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, open, finish } from '../support/browser.mjs';
import { FIXTURES } from './make-fixtures.mjs';

const [which, keep] = process.argv.slice(2);
// CPU_PROFILE=1: a sampled CPU profile too, with self time per function (names need a wasm
// build that keeps its name section).
const PROFILE = process.env.CPU_PROFILE === '1';
if (!['editor', 'player', 'tokens'].includes(which)) {
  console.error('usage: node tests/e2e/bench/trace.mjs editor|player|tokens [trace.json]');
  process.exit(2);
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

async function traced(cdp, label, count, action) {
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: CATEGORIES },
  });
  await action();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const profile = PROFILE ? (await cdp.send('Profiler.stop')).profile : null;
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  if (keep) await writeFile(keep.replace(/(\.json)?$/, `-${label.replace(/\W+/g, '-')}.json`), text);
  summarize(JSON.parse(text), label, count);
  if (profile) {
    summarizeProfile(profile, count);
    if (keep) await writeFile(keep.replace(/(\.json)?$/, `-${label.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
}

/** Self time per function of a CPU profile (sampled), the 25 largest. */
function summarizeProfile(profile, count) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id).callFrame;
    const name = `${functionName || '(anonymous)'}${url ? ` ${url.split('/').pop()}` : ''}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const ms = (us) => (us / 1000 / count).toFixed(1).padStart(7);
  console.log('-- CPU profile, self time per function:');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${ms(us)} ms  ${name.slice(0, 140)}`);
  }
}

/** Self time of every complete event on the renderer's main thread, per operation. */
function summarize(trace, label, count) {
  const events = trace.traceEvents ?? trace;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  let busy = 0;
  for (const e of spans) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children += Math.min(e.dur, parent.end - e.ts);
    else busy += e.dur;
    const frame = { name: e.name, dur: e.dur, end: e.ts + e.dur, children: 0 };
    stack.push(frame);
    e.frame = frame;
  }
  for (const e of spans) {
    self.set(e.name, (self.get(e.name) ?? 0) + e.frame.dur - e.frame.children);
  }
  const ms = (us) => (us / 1000 / count).toFixed(1).padStart(7);
  console.log(`== ${label}: main thread busy ${ms(busy)} ms per operation (${count} operations)`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`${ms(us)} ms  ${name}`);
  }
}

const session = await launch();
let error;
try {
  const { page } = session;
  await open(session);
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  if (which === 'editor') {
    await traced(cdp, 'open 200 nodes', 1, async () => {
      await page.getByTestId('open-file').setInputFiles(join(FIXTURES, 'editor-200.json'));
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="canvas"] [data-testid^="node-"]').length === 200,
      );
      await page.waitForTimeout(500);
    });
    const box = await page.getByTestId('node-u02-worker').boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 2, y);
    await page.waitForTimeout(300);
    await traced(cdp, 'drag moves', 40, async () => {
      for (let i = 1; i <= 40; i += 1) await page.mouse.move(x + 2 + i * 1.5, y);
    });
    await traced(cdp, 'commit on pointerup', 1, async () => {
      await page.mouse.up();
      await page.waitForTimeout(500);
    });
  } else if (which === 'tokens') {
    await page.getByTestId('open-file').setInputFiles(join(FIXTURES, 'tokens-1000.json'));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="scrubber"]')?.max ?? 0) >= 3000);
    const seek = (step) =>
      page.evaluate(async (step) => {
        const scrubber = document.querySelector('[data-testid="scrubber"]');
        scrubber.value = String(step);
        scrubber.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return [...document.querySelectorAll('[data-testid="canvas"] path.token')].reduce(
          (sum, path) => sum + Number(path.dataset.tokens),
          0,
        );
      }, step);
    console.log(`${await seek(3000)} tokens at step 3000`);
    await page.waitForTimeout(700);
    await traced(cdp, 'steps between 2999 and 3000 (1,000 tokens drawn anew each)', 6, async () => {
      for (let i = 0; i < 6; i += 1) {
        await seek(i % 2 ? 3000 : 2999);
        await page.waitForTimeout(100);
      }
    });
    await seek(2999);
    await page.waitForTimeout(1100);
    // A step's tokens move for 1 s (0.4 s leaving, 0.6 s travelling): trace the first 0.5 s.
    await traced(cdp, '1,000 tokens moving, per 100 ms (no step)', 5, async () => {
      await seek(3000);
      await page.waitForTimeout(500);
    });
  } else {
    await page.getByTestId('open-file').setInputFiles(join(FIXTURES, 'player-100k.json'));
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="scrubber"]')?.max ?? 0) > 90_000,
      null,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(500);
    const steps = [51144, 17491, 92469, 871, 40685, 28337, 88500, 13693, 22473, 79012];
    await traced(cdp, 'seeks', steps.length, async () => {
      for (const step of steps) {
        await page.evaluate(async (step) => {
          const scrubber = document.querySelector('[data-testid="scrubber"]');
          scrubber.value = String(step);
          scrubber.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve) => setTimeout(resolve, 50));
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }, step);
      }
    });
  }
} catch (err) {
  error = err;
}
await finish(session, `bench-trace-${which}`, error);
