// Waiting for the state a test checks, never for time.
//
// A page answers a key press, a click or a navigation when its main thread gets to it, which on
// a busy two-core machine can be well after Playwright's call has returned. So a test never reads
// the page right after acting on it: it waits until the page shows what should follow (the step
// the scrubber shows, a sentence, an attribute, the focus), with limits generous enough for a
// cold first load, and fails with the last thing it saw.

import assert from 'node:assert/strict';

/** How long a state may take to appear: a cold first load on a busy machine is slow. */
export const PATIENCE = 30_000;

/** Cold start: the first page load of a fresh browser compiles the app and builds caches. */
export const COLD_START = 60_000;

const POLL_MS = 50;

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Reads `read()` again and again until `check(value)` passes (it asserts, or returns false to
 * mean "not yet"), and resolves with that value. After `timeout` ms it fails with the last
 * assertion seen, so the message shows what the page showed instead.
 */
export async function eventually(read, check, { timeout = PATIENCE, message } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let failure;
    try {
      const value = await read();
      if (check(value) !== false) return value;
      failure = new assert.AssertionError({ message: message ?? `not yet: ${JSON.stringify(value)}`, actual: value });
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) {
      if (message && failure instanceof assert.AssertionError) failure.message = `${message}\n${failure.message}`;
      throw failure;
    }
    await pause(POLL_MS);
  }
}

/** Asserts `actual` against a string (equal) or a RegExp (match). */
function expectValue(actual, expected, message) {
  if (expected instanceof RegExp) assert.match(actual ?? '', expected, message);
  else assert.equal(actual, expected, message);
}

/** Waits until the locator's text equals `expected` (a string) or matches it (a RegExp); returns the text. */
export function expectText(locator, expected, options = {}) {
  return eventually(() => locator.innerText(), (text) => expectValue(text, expected, options.message), options);
}

/** Waits until the locator's text no longer matches `pattern`; returns the text. */
export function expectNoText(locator, pattern, options = {}) {
  return eventually(() => locator.innerText(), (text) => assert.doesNotMatch(text, pattern, options.message), options);
}

/** Waits until an attribute equals `expected` (a string or null) or matches it (a RegExp); returns it. */
export function expectAttribute(locator, name, expected, options = {}) {
  return eventually(() => locator.getAttribute(name), (value) => expectValue(value, expected, options.message), options);
}

/** Waits until the page's title (the tab's name) equals `expected` or matches it; returns it. */
export function expectTitle(page, expected, options = {}) {
  return eventually(() => page.title(), (title) => expectValue(title, expected, options.message), options);
}

/** Waits until the locator matches `count` elements. */
export function expectCount(locator, count, options = {}) {
  return eventually(() => locator.count(), (n) => assert.equal(n, count, options.message), options);
}

/** Waits until a form field's value equals or matches `expected`; returns it. */
export function expectValueOf(locator, expected, options = {}) {
  return eventually(() => locator.inputValue(), (value) => expectValue(value, expected, options.message), options);
}

/** The data-testid of the focused element ('' when it has none). */
export function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
}

/** Waits until the element with `testId` has the focus. */
export function expectFocus(page, testId, options = {}) {
  return eventually(() => focusedTestId(page), (id) => assert.equal(id, testId, options.message), options);
}

/**
 * Waits until the app in `target` (a page or a frame) is ready to use: it says so
 * (`data-ready="true"`), its style sheets are applied and its fonts are loaded.
 */
export async function ready(target, { timeout = COLD_START } = {}) {
  await target.waitForFunction(
    () =>
      document.querySelector('[data-ready="true"]') !== null &&
      [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet !== null) &&
      document.fonts.status === 'loaded',
    null,
    { timeout },
  );
}

/** The step the scrubber shows. */
export async function stepShown(page) {
  return Number(await page.getByTestId('scrubber').inputValue());
}

/** Waits until the scrubber shows `step`. */
export function atStep(page, step, options = {}) {
  return eventually(() => stepShown(page), (shown) => assert.equal(shown, step, options.message ?? `the scrubber shows step ${step}`), options);
}

/** Presses `key` (a player shortcut) and waits until the scrubber shows `step`. */
export async function pressAndWait(page, key, step) {
  await page.keyboard.press(key);
  await atStep(page, step);
}

/**
 * Steps forward `count` times with the Step forward button, each press once the previous one
 * shows, and resolves once the scrubber shows the last step.
 */
export async function stepForward(page, count = 1) {
  const button = page.getByTestId('player-step-forward');
  for (let i = 0; i < count; i += 1) {
    const from = await stepShown(page);
    await button.click();
    await atStep(page, from + 1);
  }
}
