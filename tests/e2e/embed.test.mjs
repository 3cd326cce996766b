// Embedding, as a documentation page does it: the Embed dialog's iframe snippet pasted into a
// page served from another port shows the player at the chosen step, tells the host its height,
// and leaves the reader's own saved diagram alone.

import assert from 'node:assert/strict';
import { browserTest, BASE_URL } from './support/browser.mjs';
import { firstFrame, withHostPage } from './support/host.mjs';
import { atStep, eventually, expectAttribute, expectText, expectValueOf, ready, stepForward } from './support/wait.mjs';

/** The reader's autosaved session once it includes `text` (the autosave follows the screen). */
const savedSession = (page, text) =>
  eventually(() => page.evaluate(() => localStorage.getItem('ldp.session') ?? ''), (saved) => assert.ok(saved.includes(text)));

function hostPage(snippet) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Docs</title></head><body>
<h1>How destinations work</h1>
${snippet}
<script>
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'lambda-destinations-playground:height') {
      document.body.dataset.height = String(event.data.height);
      document.querySelector('iframe').style.height = event.data.height + 'px';
    }
  });
</script></body></html>`;
}

browserTest('the iframe snippet works in a page from another origin and leaves the saved diagram alone', async (session) => {
  const { page } = session;
  // The reader's own diagram, autosaved.
  await page.getByTestId('node-image-metadata').click();
  await page.getByTestId('rename-input').fill('my-own-queue');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-my-own-queue').waitFor();
  await savedSession(page, 'my-own-queue');

  // A trainer's embed of the Kinesis lesson at step 5.
  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  await page.getByTestId('node-process-clicks').waitFor();
  await stepForward(page, 5);
  const narration = await page.getByTestId('narration').innerText();
  await page.getByTestId('embed-open').click();
  await page.getByTestId('embed-view').selectOption('player');
  const snippet = await expectValueOf(
    page.getByTestId('embed-snippet'),
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/[^"]*\?embed=1&amp;view=player&amp;lang=en#v1\.[A-Za-z0-9_-]+\.5"/,
  );
  // The trainer's own session goes back to the reader's diagram before the embed is opened.
  await page.keyboard.press('Escape');
  await page.getByTestId('embed-dialog').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  await page.getByTestId('node-my-own-queue').waitFor();
  const before = await savedSession(page, 'my-own-queue');

  await withHostPage(session, hostPage(snippet), async (url) => {
    await page.goto(url);
    const frame = await firstFrame(page);
    await ready(frame);
    await expectText(frame.getByTestId('narration'), narration);
    assert.equal(await frame.getByTestId('palette-function').count(), 0, 'the player view has no palette');
    assert.equal(await frame.getByTestId('scenario-select').count(), 0, 'the page chrome is hidden');
    await page.waitForFunction(() => Number(document.body.dataset.height) > 300);
    // A step in the embed; leaving the page would save it (autosave runs on pagehide) if the
    // embed wrote to the reader's storage.
    await frame.getByTestId('player-step-forward').click();
    await atStep(frame, 6);

    await page.goto(BASE_URL);
    await ready(page);
    await page.getByTestId('node-my-own-queue').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('ldp.session')), before);
  });
});

browserTest('a gallery lesson embeds by name, in Korean and dark, at a given step', async ({ page }) => {
  await page.goto(new URL('?embed=1&view=player&gallery=kinesis-dlq&lang=ko&theme=dark&step=3', BASE_URL).href);
  await ready(page);
  await expectAttribute(page.locator('html'), 'data-theme', 'dark');
  await expectAttribute(page.locator('html'), 'lang', 'ko');
  await page.getByTestId('node-clickstream').waitFor();
  await expectAttribute(page.getByTestId('open-full'), 'href', /#v1\.[A-Za-z0-9_-]+\.3$/);
});
