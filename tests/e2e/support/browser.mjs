// Shared browser harness for the end-to-end tests and the benchmark.
//
// Launches Debian's /usr/bin/chromium through playwright-core with a fresh,
// temporary profile, and watches the page: every console error or warning, every
// uncaught page error and every request that leaves the app's own origin is recorded.
// `finish` fails the test when either list is not empty and keeps a screenshot
// of the page in tests/e2e/artifacts/ when the test failed.

import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { COLD_START, ready } from './wait.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(HERE, '..', 'artifacts');

/** The served app, always ending in "/" (set by `cargo xtask test`). */
export const BASE_URL = withSlash(process.env.BASE_URL ?? 'http://127.0.0.1:8080/');

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Requests the app may make: its own files, and in-memory data:/blob: URLs. */
export function isOwnRequest(url) {
  return url.startsWith(BASE_URL) || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * Launches Chromium with a fresh profile and opens one page that is watched.
 * Options: `viewport`, `locale`, `colorScheme`, `reducedMotion` (Playwright context options).
 */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const session = { context, page, profile, consoleProblems: [], foreignRequests: [] };
  watch(session);
  return session;
}

// The lists are looked up on `session` at each event, so a test may replace them
// (e.g. filter out an error it provoked on purpose) and still record later ones.
function watch(session) {
  const { context, page } = session;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      session.consoleProblems.push(`console.${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => session.consoleProblems.push(`uncaught: ${err.message}`));
  context.on('request', (request) => {
    const url = request.url();
    if (!isOwnRequest(url)) session.foreignRequests.push(`${request.method()} ${url}`);
  });
}

/** Navigates to a path relative to BASE_URL (default: the app's start page). */
export async function open(session, path = '') {
  await session.page.goto(new URL(path, BASE_URL).href, { waitUntil: 'load' });
  return session.page;
}

/**
 * Ends a test: screenshot when it failed (or when the page logged errors or left
 * its origin), browser closed, then the console/network checks are asserted.
 */
export async function finish(session, testName, error) {
  const clean = session.consoleProblems.length === 0 && session.foreignRequests.length === 0;
  try {
    if (error || !clean) await screenshot(session.page, testName);
  } finally {
    await session.context.close().catch(() => {});
    await rm(session.profile, { recursive: true, force: true }).catch(() => {});
  }
  const seen = { consoleProblems: session.consoleProblems, foreignRequests: session.foreignRequests };
  if (error) {
    if (!clean) console.error(`also seen during "${testName}": ${JSON.stringify(seen, null, 2)}`);
    throw error;
  }
  assert.deepEqual(
    seen,
    { consoleProblems: [], foreignRequests: [] },
    `the page logged console errors or warnings, or made requests outside ${BASE_URL}`,
  );
}

async function screenshot(page, testName) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${fileName(testName)}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  console.error(`screenshot saved: ${file}`);
}

export function fileName(testName) {
  return testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'test';
}

/**
 * Runs `action(page)` in a fresh watched browser once the app is ready (`[data-ready="true"]`),
 * ends the session as `finish` does, and resolves with what `action` returned. For benchmarks,
 * which measure one run per browser.
 */
export async function inReadyApp(testName, action) {
  const session = await launch();
  let error;
  let result;
  try {
    await open(session);
    await ready(session.page);
    result = await action(session.page);
  } catch (err) {
    error = err;
  }
  await finish(session, testName, error);
  return result;
}

/**
 * A node:test case with a watched browser:
 *   browserTest('name', async ({ page }) => { ... })
 * The page has already navigated to BASE_URL (or `options.path`) and the app is ready, styles
 * applied (`ready: false` skips that wait, for a page that never becomes ready); `finish` runs
 * whatever happens. The time limit leaves room for a cold first load.
 */
export function browserTest(name, body, options = {}) {
  return test(name, { timeout: options.timeout ?? 60_000 + COLD_START }, async () => {
    const session = await launch(options.browser);
    let error;
    try {
      await open(session, options.path ?? '');
      if (options.ready !== false) await ready(session.page);
      await body(session);
    } catch (err) {
      error = err;
    }
    await finish(session, name, error);
  });
}
