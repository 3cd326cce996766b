// Browser benchmark `load`: what a reader waits for and what crosses the network, with dist/
// served the two ways hosts send it (gzip, and Brotli), each run in a fresh headless Chromium
// whose network (and CPU) the DevTools protocol throttles.
//
// - first interactive of the full app and of the player-only build (`player.html`, as embeds
//   and posters load it) (navigation start -> the first `[data-ready="true"]`) on the "fast"
//   profile (10 Mbit/s, 40 ms round trip) and the "slow 4G" profile (1.6 Mbit/s, 150 ms round
//   trip, the CPU 4x slower). Budgets (issue 16): full app 900 ms fast, 3.5 s slow 4G; player
//   600 ms fast, 2.5 s slow 4G.
// - bytes over the wire (bodies as sent, with headers) for the first load of each, a page with
//   one poster, and a page with five posters before any press. Budget: five posters 0 bytes of
//   wasm and under 60 KB.
//
// The poster snippet comes from the app's own Embed dialog.
//
//   DIST=dist BENCH_RUNS=10 node tests/e2e/bench/load.mjs
// (`cargo xtask bench-browser --only load` builds dist/ and sets both.)

import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.mjs';
import { OBSERVER } from './ready.mjs';
import { printLoad, report } from './stats.mjs';

const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '10', 10);
const DIST = process.env.DIST ?? 'dist';
const PROFILES = {
  fast: { latency: 40, mbit: 10, cpu: 1 },
  'slow 4G': { latency: 150, mbit: 1.6, cpu: 4 },
};
/** What loads, where, and its first-interactive budgets per profile (issue 16). */
const TARGETS = [
  { name: 'full app', path: '', budgets: { fast: 900, 'slow 4G': 3_500 } },
  { name: 'player', path: 'player.html?embed=1&view=player', budgets: { fast: 600, 'slow 4G': 2_500 } },
];
const POSTERS_BUDGET = 60_000;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.webmanifest']);

/** `body` compressed with `encoding` (Brotli at quality 11, as pre-compressed files). */
function compress(body, encoding) {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    : gzipSync(body, { level: 9 });
}

/**
 * Serves DIST (and the poster pages) with one encoding. Every file is compressed before the
 * first request, as a host serves pre-compressed or cached files: compressing the app's wasm at
 * Brotli 11 takes seconds, which no reader waits for.
 */
async function serve(encoding, pages) {
  const cache = new Map();
  for (const name of await readdir(DIST)) {
    if (COMPRESSED.has(extname(name))) {
      cache.set(`/${name}:${encoding}`, compress(await readFile(join(DIST, name)), encoding));
    }
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const name = path.endsWith('/') ? `${path}index.html` : path;
    try {
      let body = pages[name] !== undefined ? Buffer.from(pages[name]) : null;
      if (body === null) {
        const file = normalize(join(DIST, name));
        if (!file.startsWith(normalize(DIST))) throw new Error('outside dist');
        body = await readFile(file);
      }
      const ext = extname(name);
      const key = `${name}:${encoding}`;
      if (COMPRESSED.has(ext) && !cache.has(key)) cache.set(key, compress(body, encoding));
      const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (COMPRESSED.has(ext)) {
        headers['content-encoding'] = encoding;
        body = cache.get(key);
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** A fresh Chromium, its page, and a DevTools session that counts bytes and wasm requests. */
async function fresh(profile) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  const wire = { bytes: 0, wasm: 0, urls: new Map() };
  cdp.on('Network.requestWillBeSent', (e) => wire.urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    wire.bytes += e.encodedDataLength;
    if (wire.urls.get(e.requestId)?.endsWith('.wasm')) wire.wasm += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  if (profile) {
    const bytesPerSecond = (profile.mbit * 1_000_000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  return { browser, page, wire };
}

/** Milliseconds to first interactive, and the bytes that crossed the network by then. */
async function loadApp(url, profile) {
  const { browser, page, wire } = await fresh(profile);
  try {
    await page.addInitScript(OBSERVER);
    await page.goto(url);
    const ms = await (await page.waitForFunction(() => window.__firstInteractive, null, { timeout: 120_000, polling: 50 })).jsonValue();
    return { ms, bytes: wire.bytes, wasm: wire.wasm };
  } finally {
    await browser.close();
  }
}

/** The bytes of a page of posters once every poster shows its Play button. */
async function loadPosters(url, count) {
  const { browser, page, wire } = await fresh(null);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('.lambda-playground-play').nth(count - 1).waitFor();
    await page.waitForLoadState('networkidle');
    return { bytes: wire.bytes, wasm: wire.wasm };
  } finally {
    await browser.close();
  }
}

/** The Embed dialog's poster snippet for the first gallery scenario. */
async function posterSnippet(url) {
  const { browser, page } = await fresh(null);
  try {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url);
    await page.locator('[data-ready="true"]').waitFor();
    await page.getByTestId('embed-open').click();
    const poster = page.getByTestId('embed-poster');
    await poster.waitFor();
    return await poster.inputValue();
  } finally {
    await browser.close();
  }
}

const posterPage = (snippet, count) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title></head><body><main>${
    Array.from({ length: count }, (_, i) => `<h2>Part ${i + 1}</h2><p>Some prose about destinations.</p>${snippet}`).join('\n')
  }</main></body></html>`;

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

printLoad('at start');
const pages = {};
const first = await serve('gzip', pages);
const snippet = (await posterSnippet(first.url)).replaceAll(first.url, './');
first.server.close();
pages['/__poster1.html'] = posterPage(snippet, 1);
pages['/__poster5.html'] = posterPage(snippet, 5);

const rows = [];
for (const encoding of ['gzip', 'br']) {
  const { server, url } = await serve(encoding, pages);
  try {
    for (const target of TARGETS) {
      for (const [name, profile] of Object.entries(PROFILES)) {
        const samples = [];
        let bytes = 0;
        for (let i = 1; i <= RUNS; i += 1) {
          const run = await loadApp(`${url}${target.path}`, profile);
          samples.push(run.ms);
          bytes = run.bytes;
          console.log(`${encoding}, ${target.name}, ${name}, run ${String(i).padStart(2)}: ${run.ms.toFixed(0)} ms, ${kb(run.bytes)}`);
        }
        const budget = target.budgets[name];
        const { median } = report(`${encoding}: ${target.name}, first interactive on ${name}`, samples, budget);
        rows.push([encoding, `${target.name}, first interactive (${name})`, `${median.toFixed(0)} ms`, `${budget} ms`]);
        if (name === 'fast') rows.push([encoding, `${target.name}, bytes to first interactive`, kb(bytes), '']);
      }
    }
    const one = await loadPosters(`${url}__poster1.html`, 1);
    const five = await loadPosters(`${url}__poster5.html`, 5);
    rows.push([encoding, 'one poster, bytes before a press', `${kb(one.bytes)} (wasm ${one.wasm})`, '']);
    rows.push([encoding, 'five posters, bytes before a press', `${kb(five.bytes)} (wasm ${five.wasm})`, `${kb(POSTERS_BUDGET)}, 0 wasm`]);
    console.log(`${encoding}: five posters before a press: ${kb(five.bytes)}, wasm ${five.wasm} bytes ` +
      `(budget ${kb(POSTERS_BUDGET)} and no wasm: ${five.bytes <= POSTERS_BUDGET && five.wasm === 0 ? 'within' : 'OVER'})`);
  } finally {
    server.close();
  }
}
console.log('\n| encoding | what | measured | budget |\n|---|---|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
printLoad('at end');
