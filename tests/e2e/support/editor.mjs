// Building a diagram as a learner does: one plan, two drivers. The pointer driver clicks, drags
// and types; the keyboard driver reaches every control with Tab and acts with Enter, letters and
// arrows only.

import assert from 'node:assert/strict';
import { expectCount, focusedTestId } from './wait.mjs';

/**
 * Presses Tab (or Shift+Tab) until the element with `testId` has the focus. Each press is
 * followed by a wait until the focus has left the element it was on, so a slow page is never
 * pressed past its target.
 */
export async function tabTo(page, testId, { max = 250, back = false } = {}) {
  for (let i = 0; i < max; i += 1) {
    if ((await focusedTestId(page)) === testId) return;
    await page.evaluate(() => { window.__focusBeforeTab = document.activeElement; });
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await page.waitForFunction(() => document.activeElement !== window.__focusBeforeTab);
  }
  assert.fail(`Tab never reached ${testId}`);
}

/** The nodes drawn on the canvas. */
export const canvasNodes = (page) => page.locator('[data-testid="canvas"] [data-testid^="node-"]');

/**
 * Adds a resource from the palette by pointer and names it: the rename field is filled once
 * the new node is drawn (before that, the field on screen is the previously selected node's).
 */
export async function addFromPalette(page, kind, name) {
  const before = await canvasNodes(page).count();
  await page.getByTestId(`palette-${kind}`).click();
  await expectCount(canvasNodes(page), before + 1);
  const input = page.getByTestId('rename-input');
  await input.fill(name);
  await input.press('Enter');
  await page.getByTestId(`node-${name}`).waitFor();
}

async function play(page, driver) {
  if (driver === 'pointer') {
    await page.getByTestId('speed-select').selectOption('16');
    await page.getByTestId('player-play').click();
  } else {
    await tabTo(page, 'speed-select');
    await page.keyboard.press('End');
    await tabTo(page, 'player-play');
    await page.keyboard.press('Enter');
  }
  await page.getByText('End of run.').waitFor({ timeout: 30_000 });
}

const pointer = {
  async start(page) {
    await page.getByTestId('new-empty').click();
    await page.getByTestId('empty-canvas').waitFor();
  },
  add: addFromPalette,
  async link(page, from, to, kind) {
    const port = await page.getByTestId(`port-${from}`).boundingBox();
    const target = await page.getByTestId(`node-${to}`).boundingBox();
    await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await page.mouse.up();
    if (kind) await page.getByTestId(`link-kind-${kind}`).click();
  },
  async select(page, name) {
    await page.getByTestId(`node-${name}`).click();
  },
  async setting(page, node, name, value) {
    await pointer.select(page, node);
    const input = page.getByTestId(`setting-${name}`);
    await input.fill(String(value));
    await input.press('Enter');
  },
  async behaviour(page, node, value) {
    await pointer.select(page, node);
    await page.getByTestId('behaviour-select').selectOption(value);
  },
  async send(page, node, key, body) {
    await pointer.select(page, node);
    await page.getByTestId('send-open').click();
    if (key !== undefined) await page.getByTestId('send-key').fill(key);
    if (body !== undefined) await page.getByTestId('send-body').fill(body);
    await page.getByTestId('send-submit').click();
  },
};

const keyboard = {
  async start(page) {
    await tabTo(page, 'new-empty');
    await page.keyboard.press('Enter');
    await page.getByTestId('empty-canvas').waitFor();
  },
  async add(page, kind, name) {
    await tabTo(page, `palette-${kind}`, { back: true });
    await page.keyboard.press('Enter');
    // The new node has the focus; the rename field is further on.
    await page.waitForFunction(() => document.activeElement?.classList.contains('node'));
    await tabTo(page, 'rename-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await page.getByTestId(`node-${name}`).waitFor();
  },
  async focusNode(page, name) {
    await tabTo(page, `node-${name}`, { back: true });
  },
  async link(page, from, to, kind) {
    await keyboard.focusNode(page, from);
    await page.keyboard.press('l');
    await page.getByTestId('link-dialog').waitFor();
    await tabTo(page, `target-${to}`, { max: 40 });
    await page.keyboard.press('Enter');
    if (kind) {
      await tabTo(page, `link-kind-${kind}`, { max: 40 });
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('link-dialog').waitFor({ state: 'detached' });
  },
  async select(page, name) {
    await keyboard.focusNode(page, name);
    await page.keyboard.press('Enter');
  },
  async setting(page, node, name, value) {
    await keyboard.select(page, node);
    await tabTo(page, `setting-${name}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(value));
    await page.keyboard.press('Tab');
  },
  async behaviour(page, node, value) {
    await keyboard.select(page, node);
    await tabTo(page, 'behaviour-select');
    const order = ['scripted', 'succeed', 'fail', 'timeout', 'throttle'];
    for (let i = 0; i < order.indexOf(value); i += 1) await page.keyboard.press('ArrowDown');
  },
  async send(page, node, key, body) {
    await keyboard.select(page, node);
    await tabTo(page, 'send-open');
    await page.keyboard.press('Enter');
    if (key !== undefined) {
      await tabTo(page, 'send-key');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(key);
    }
    if (body !== undefined) {
      await tabTo(page, 'send-body');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(body);
    }
    await tabTo(page, 'send-submit');
    await page.keyboard.press('Enter');
  },
};

export const DRIVERS = { pointer, keyboard };

/** Carries out a plan of steps with a driver, then plays the run to its end. */
export async function build(page, driverName, steps) {
  const driver = DRIVERS[driverName];
  await driver.start(page);
  for (const [step, ...args] of steps) await driver[step](page, ...args);
  await play(page, driverName);
}

/** The exact JSON records a node received, newest first. */
export async function received(page, name) {
  await page.getByTestId(`node-${name}`).click();
  const bodies = page.getByTestId('inspector').getByTestId('received-body');
  await bodies.first().waitFor();
  return Promise.all((await bodies.all()).map(async (b) => JSON.parse(await b.innerText())));
}
