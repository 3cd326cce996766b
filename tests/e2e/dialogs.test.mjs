// Dialogs and menus as a keyboard user meets them: each dialog keeps the focus inside while Tab
// goes round, Escape closes it, and the focus goes back to what opened it; the header's menus
// close on Escape and on a click outside.

import assert from 'node:assert/strict';
import { BASE_URL, browserTest } from './support/browser.mjs';
import { eventually, expectFocus, focusedTestId, ready } from './support/wait.mjs';

/**
 * Presses Tab `times` times and checks the focus stays in `dialog`. Each press is read once the
 * focus has moved; in a dialog with one control (where it cannot move), once the page has drawn
 * the next frame after the key.
 */
async function tabStaysIn(page, dialog, times) {
  const controls = await dialog.locator('button:visible, input:visible, select:visible, textarea:visible, summary:visible').count();
  for (let i = 0; i < times; i += 1) {
    await page.evaluate(() => { window.__focusBeforeTab = document.activeElement; });
    await page.keyboard.press('Tab');
    if (controls > 1) await page.waitForFunction(() => document.activeElement !== window.__focusBeforeTab);
    else await page.evaluate(() => new Promise((resolve) => { requestAnimationFrame(() => resolve()); }));
    const inside = await dialog.evaluate((d) => d.contains(document.activeElement));
    assert.ok(inside, `Tab ${i + 1} keeps the focus in the dialog (now on ${await focusedTestId(page) || 'an element without a test id'})`);
  }
}

const DIALOGS = [
  ['Share', 'share-open', 'share-dialog'],
  ['Embed', 'embed-open', 'embed-dialog'],
  ['Import', 'import-open', 'import-dialog'],
  ['Keyboard shortcuts', 'shortcuts', 'shortcut-sheet'],
];

for (const [name, opener, testId] of DIALOGS) {
  browserTest(`the ${name} dialog keeps the focus in, closes on Escape and gives the focus back`, async ({ page }) => {
    await page.getByTestId(opener).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId(testId);
    await dialog.waitFor();
    await eventually(() => dialog.evaluate((d) => d.contains(document.activeElement)), (inside) => assert.ok(inside, 'the dialog has the focus'));
    await tabStaysIn(page, dialog, 12);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(page, opener);
  });
}

browserTest('the Lessons dialog keeps the focus in, closes on Escape and gives the focus back', async ({ page }) => {
  await page.getByTestId('lessons-open').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('lessons-dialog');
  // The list is written once the tools worker has read every lesson.
  await dialog.getByTestId('lesson-list').waitFor();
  await eventually(() => dialog.evaluate((d) => d.contains(document.activeElement)), (inside) => assert.ok(inside, 'the dialog has the focus'));
  await tabStaysIn(page, dialog, 20);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'lessons-open');
});

browserTest('a lesson\'s room link dialog keeps the focus in, closes on Escape and gives the focus back', async ({ page }) => {
  await page.goto(`${BASE_URL}?lesson=on-failure-basics&step=1`);
  await ready(page);
  await page.getByTestId('lesson-room-link').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('room-link-dialog');
  await dialog.getByTestId('room-qr').waitFor();
  await tabStaysIn(page, dialog, 6);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'lesson-room-link');
});

browserTest('the link dialog, opened with L on a node, keeps the focus in and gives it back to the node', async ({ page }) => {
  await page.getByTestId('node-resize-image').focus();
  await page.keyboard.press('l');
  const dialog = page.getByTestId('link-dialog');
  await dialog.waitFor();
  await tabStaysIn(page, dialog, 8);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'node-resize-image');
});

browserTest('a dialog makes the page behind inert: Enter and the shortcuts do not reach the diagram', async ({ page }) => {
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.waitFor();
  const before = await page.getByTestId('scrubber').inputValue();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('scrubber').inputValue(), before, 'the arrow key pressed in the dialog did not step the player');
  assert.equal(await page.getByTestId('canvas').evaluate((c) => c.closest('[inert]') === null), true);
});

for (const menu of ['export-menu', 'diagrams-menu']) {
  browserTest(`the ${menu === 'export-menu' ? 'Export' : 'My diagrams'} menu closes on Escape and on a click outside`, async ({ page }) => {
    const details = page.getByTestId(menu);
    const summary = details.locator('summary');
    await summary.click();
    await eventually(() => details.getAttribute('open'), (open) => assert.notEqual(open, null, 'open'));
    await page.keyboard.press('Escape');
    await eventually(() => details.getAttribute('open'), (open) => assert.equal(open, null, 'closed by Escape'));
    assert.equal(await summary.evaluate((s) => s === document.activeElement), true, 'the focus is back on the menu');

    await summary.click();
    await eventually(() => details.getAttribute('open'), (open) => assert.notEqual(open, null, 'open again'));
    await page.getByTestId('narration').click();
    await eventually(() => details.getAttribute('open'), (open) => assert.equal(open, null, 'closed by a click outside'));
  });
}
