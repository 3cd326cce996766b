// On a phone (390×844, touch: `pointer: coarse`) every control of the header, the palette and edit
// buttons, the diagram's zoom buttons and folds, the lesson panel and the player is at least 44 px
// each way, as WCAG 2.5.5 asks, with the file menu closed and open; nothing of the header is cut
// off at the right edge; and the
// player's live region stays quiet while playing, then says where playback stopped.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { eventually, expectText } from './support/wait.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const CONTROLS = [
  '.header button', '.header select', '.header summary', '.header .button',
  '.player button', '.player select', '.player input',
  '.toolbar button', '.view-controls button', '.stage summary',
  '.lesson-panel button', '.lesson-panel input',
].join(', ');

/** Header controls whose right edge is past the window's, as "test id or text". */
function cutOff(page) {
  return page.evaluate(() => [...document.querySelectorAll('.header button, .header select, .header summary')]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > document.documentElement.clientWidth + 0.5;
    })
    .map((element) => element.dataset.testid ?? element.textContent.trim().slice(0, 30)));
}

/** The controls on screen that are smaller than 44 × 44 px, as "test id or text: w×h". */
function tooSmall(page) {
  return page.evaluate((selector) => [...document.querySelectorAll(selector)]
    .map((element) => ({ element, box: element.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
    .map(({ element, box }) =>
      `${element.dataset.testid ?? element.textContent.trim().slice(0, 30)}: ${Math.round(box.width)}×${Math.round(box.height)}`),
  CONTROLS);
}

for (const [label, path] of [['in English', ''], ['in Korean with a lesson open', '?lesson=on-failure-basics&lang=ko']]) {
  browserTest(`on a phone every control is at least 44 px each way and none is cut off, ${label}`, async ({ page }) => {
    assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the phone is a touch screen');
    if (path.includes('lesson')) await page.getByTestId('lesson-step-title').waitFor();
    assert.deepEqual(await tooSmall(page), []);
    assert.deepEqual(await cutOff(page), []);
    await page.getByTestId('file-menu-toggle').tap();
    await page.getByTestId('save-file').waitFor();
    assert.deepEqual(await tooSmall(page), []);
  }, { browser: PHONE, path });
}

browserTest('the live region is quiet while playing and says the step reached when playback pauses', async ({ page }) => {
  const live = page.getByTestId('narration-live');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.getByTestId('player-step-forward').click();
  await expectText(live, /uploads\/cat\.jpg was uploaded/);
  await page.getByTestId('player-play').click();
  await expectText(live, '');
  // Visible narration goes on while the live region stays empty.
  await expectText(page.getByTestId('narration'), /resize-image/);
  assert.equal(await live.innerText(), '');
  await page.getByTestId('player-pause').click();
  const said = await eventually(() => live.innerText(), (text) => text.length > 0);
  assert.equal(said, await page.getByTestId('narration').innerText());
});
