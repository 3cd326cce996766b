// First-run guidance, as a new learner meets it: the open scenario says what it teaches, an empty
// or input-less diagram says what to do next, a run ends on where its results went, and a second
// destination on the same side asks before it replaces the first.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { addFromPalette, DRIVERS } from './support/editor.mjs';
import { playToEnd } from './support/player.mjs';
import { expectAttribute, expectCount, expectFocus, expectText } from './support/wait.mjs';

browserTest('the open scenario says what it teaches, one line that opens to the whole text', async ({ page }) => {
  const about = page.getByTestId('scenario-about');
  await expectText(about.locator('summary'), /^What this scenario shows: An upload to the images bucket invokes resize-image asynchronously\.$/);
  await about.locator('summary').click();
  await expectAttribute(about, 'open', '');
  await expectText(page.getByTestId('scenario-description'), /on failure the record goes to the image-alerts topic/);
});

browserTest('the scenario\'s description follows the page\'s language', async ({ page }) => {
  await expectText(page.getByTestId('scenario-about').locator('summary'), /^이 시나리오에서 볼 내용: images 버킷에 업로드하면 resize-image가 비동기로 호출됩니다\.$/);
}, { path: '?lang=ko' });

browserTest('an empty diagram says what to do, and a diagram with nothing sent in points to sending something', async ({ page }) => {
  const narration = page.getByTestId('narration');
  await expectText(narration, 'Press Play to start the simulation.');
  await page.getByTestId('new-empty').click();
  await page.getByTestId('empty-canvas').waitFor();
  await expectText(narration, /^Nothing to play yet\. Add a function from the palette, link a client or a source to it, then send something in/);
  await addFromPalette(page, 'function', 'resize-image');
  await expectText(narration, /^Nothing is sent in yet: .*Send something here.*Invoke panel/);
});

browserTest('a run ends on where its results went, after the end of the run', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await playToEnd(page);
  await expectText(page.getByTestId('run-summary'), 'Where results went: 1 delivered to image-alerts through OnFailure.');
  await page.getByTestId('player-step-back').click();
  await expectCount(page.getByTestId('run-summary'), 0);
});

browserTest('the end of a run suggests what to try next, and its button does it and plays again', async ({ page }) => {
  await playToEnd(page);
  await expectText(page.getByTestId('run-summary'), 'Where results went: 1 delivered to image-metadata through OnSuccess.');
  const tryIt = page.getByTestId('try-it');
  await expectText(tryIt, 'Try this: make resize-image fail and play again');
  assert.equal(await tryIt.getAttribute('title'), 'Its record then goes to image-alerts through OnFailure.');
  await tryIt.click();
  await expectText(page.getByTestId('run-summary'), 'Where results went: 1 delivered to image-alerts through OnFailure.');
  await expectCount(page.getByTestId('what-to-try'), 0);
});

browserTest('a second OnFailure asks before it replaces the first: Escape keeps it, Replace by keyboard replaces it as one change', async ({ page }) => {
  await addFromPalette(page, 'topic', 'image-failures');
  const linkTo = async () => {
    const port = await page.getByTestId('port-resize-image').boundingBox();
    const target = await page.getByTestId('node-image-failures').boundingBox();
    await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('link-kind-on-failure').click();
  };
  const dialog = page.getByTestId('replace-dialog');
  await linkTo();
  await expectText(page.getByTestId('replace-question'),
    'resize-image already sends OnFailure to image-alerts; replace it with image-failures?');
  await expectFocus(page, 'replace-confirm');
  // The dialog is modal and named by its title; Tab stays in it.
  assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'replace-cancel');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'replace-confirm');
  await page.keyboard.press('Escape');
  await expectCount(dialog, 0);
  await expectFocus(page, 'node-resize-image');
  await page.getByTestId('link-resize-image-image-alerts').waitFor();
  await expectCount(page.getByTestId('link-resize-image-image-failures'), 0);

  await linkTo();
  await expectFocus(page, 'replace-confirm');
  await page.keyboard.press('Enter');
  await page.getByTestId('link-resize-image-image-failures').waitFor();
  await expectCount(page.getByTestId('link-resize-image-image-alerts'), 0);
  await expectFocus(page, 'node-resize-image');
  await page.getByTestId('undo').click();
  await page.getByTestId('link-resize-image-image-alerts').waitFor();
  await expectCount(page.getByTestId('link-resize-image-image-failures'), 0);
});

browserTest('Enter in the rename field gives the focus back to the renamed node', async ({ page }) => {
  await page.getByTestId('node-image-alerts').click();
  const input = page.getByTestId('rename-input');
  await input.fill('ops-alerts');
  await input.press('Enter');
  await page.getByTestId('node-ops-alerts').waitFor();
  await expectFocus(page, 'node-ops-alerts');
});

browserTest('a link made by keyboard gives the focus back to the node it started from', async ({ page }) => {
  await addFromPalette(page, 'queue', 'resize-dlq');
  await DRIVERS.keyboard.link(page, 'resize-image', 'resize-dlq', 'dlq');
  await page.getByTestId('link-resize-image-resize-dlq').waitFor();
  await expectFocus(page, 'node-resize-image');
  // A link made at once, from the dialog's list of targets, too.
  await addFromPalette(page, 'function', 'thumbnail');
  await DRIVERS.keyboard.link(page, 'images', 'thumbnail');
  await page.getByTestId('link-images-thumbnail').waitFor();
  await expectFocus(page, 'node-images');
});

browserTest('in Korean, the end of a run and the question before a replacement pick each particle', async ({ page }) => {
  await page.getByTestId('speed-select').selectOption('16');
  await page.getByTestId('player-play').click();
  await expectText(page.getByTestId('run-summary'), '결과가 간 곳: image-metadata에 OnSuccess로 1건 도착.');
  await expectText(page.getByTestId('try-it'), '해 보기: resize-image 함수를 실패시키고 다시 재생');
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('player-play').click();
  await expectText(page.getByTestId('run-summary'), '결과가 간 곳: image-alerts에 OnFailure로 1건 도착.');
  await addFromPalette(page, 'topic', 'image-failures');
  await DRIVERS.pointer.link(page, 'resize-image', 'image-failures', 'on-failure');
  await expectText(page.getByTestId('replace-question'), 'resize-image는 이미 OnFailure를 image-alerts로 보냅니다. image-failures로 바꿀까요?');
  await page.getByTestId('replace-cancel').click();
  await expectFocus(page, 'node-resize-image');
}, { path: '?lang=ko' });
