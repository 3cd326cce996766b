// Embedding, as a documentation page does it: the Embed dialog's iframe snippet pasted into a
// page served from another port shows the player at the chosen step, tells the host its height,
// and leaves the reader's own storage (diagram, named diagrams, language) alone.

import assert from 'node:assert/strict';
import { browserTest, BASE_URL } from './support/browser.mjs';
import { firstFrame, withHostPage } from './support/host.mjs';
import { atStep, eventually, expectAttribute, expectText, expectTitle, expectValueOf, ready, stepForward } from './support/wait.mjs';

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

/** Everything the page's origin keeps in the reader's browser, key by key. */
const readersStorage = (page) =>
  page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));

/** The keys ("local ldp.lang") that were added, removed or changed from `before` to `after`. */
function changedKeys(before, after) {
  const changed = [];
  for (const area of ['local', 'session']) {
    const keys = new Set([...Object.keys(before[area]), ...Object.keys(after[area])]);
    for (const key of keys) {
      if (before[area][key] !== after[area][key]) changed.push(`${area} ${key}`);
    }
  }
  return changed;
}

browserTest('an embed in Korean and dark leaves the reader\'s saved language, theme and diagrams as they were', async ({ page }) => {
  // The reader's own visit: English chosen, a diagram of their own autosaved and one kept by name.
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('node-image-metadata').click();
  await page.getByTestId('rename-input').fill('my-own-queue');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-my-own-queue').waitFor();
  await page.getByTestId('diagrams-menu').locator('summary').click();
  await page.getByTestId('diagram-name').fill('my lesson');
  await page.getByTestId('diagram-save').click();
  await page.getByTestId('diagram-open-my lesson').waitFor();
  await savedSession(page, 'my-own-queue');
  // The playground keeps no theme of its own (the system's, or `?theme=`), so every key the
  // origin stores is compared: a theme kept there would be too.
  const before = await eventually(() => readersStorage(page), (stored) => {
    assert.equal(stored.local['ldp.lang'], '"en"');
    assert.match(stored.local['ldp.diagrams'] ?? '', /my lesson/);
  });

  // An embed of the Kinesis lesson on a documentation page the reader visits, used: stepped,
  // and edited where the full view allows it.
  await page.goto(new URL('?embed=1&view=full&gallery=kinesis-dlq&lang=ko&theme=dark', BASE_URL).href);
  await ready(page);
  await expectAttribute(page.locator('html'), 'lang', 'ko');
  await expectAttribute(page.locator('html'), 'data-theme', 'dark');
  await stepForward(page, 2);
  await page.getByTestId('node-clickstream-failures').click();
  await page.getByTestId('rename-input').fill('embed-edit');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-embed-edit').waitFor();

  // Leaving the embed (which would run a waiting autosave) for a blank page of the same origin
  // that runs no app: what the origin keeps is what the reader had.
  const blank = new URL('blank-page-of-the-same-origin', BASE_URL).href;
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title><link rel="icon" href="data:,">' }));
  await page.goto(blank);
  assert.deepEqual(changedKeys(before, await readersStorage(page)), [], 'the embed changed what the reader keeps');

  // And the reader's next visit is theirs: English, their diagram, their named diagram.
  await page.goto(BASE_URL);
  await ready(page);
  await expectAttribute(page.locator('html'), 'lang', 'en');
  await expectTitle(page, 'Lambda Destinations Playground');
  await page.getByTestId('node-my-own-queue').waitFor();
  await page.getByTestId('diagrams-menu').locator('summary').click();
  await page.getByTestId('diagram-open-my lesson').waitFor();
});

browserTest('an embed without a language speaks the browser\'s, not the one the reader saved', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  await eventually(() => readersStorage(page), (stored) => assert.equal(stored.local['ldp.lang'], '"ko"'));
  await page.goto(new URL('?embed=1&view=player', BASE_URL).href);
  await ready(page);
  await page.getByTestId('player-step-forward').waitFor();
  await expectAttribute(page.locator('html'), 'lang', 'en');
  await expectText(page.getByTestId('narration'), 'Press Play to start the simulation.');
});

/** Where the player's step counter and narration end, and how tall the frame is. */
const playerInFrame = (frame) =>
  frame.evaluate(() => {
    const bottom = (id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect().bottom;
    return { frame: window.innerHeight, width: window.innerWidth, counter: bottom('step-counter'), narration: bottom('narration') };
  });

// The first lesson, and one whose diagram is tall for its width.
const lessons = [
  { name: 'the first lesson', title: null },
  { name: 'a tall diagram', title: 'SQS source: retries by visibility timeout, then the queue\'s own DLQ', node: 'orders-dlq' },
];
for (const lesson of lessons) {
  browserTest(`the Embed dialog's snippet shows the step counter and narration of ${lesson.name} in a 720 px column`, async (session) => {
    const { page } = session;
    if (lesson.title) {
      await page.getByTestId('scenario-select').selectOption({ label: lesson.title });
      await page.getByTestId(`node-${lesson.node}`).waitFor();
    }
    await page.getByTestId('embed-open').click();
    const snippet = await expectValueOf(page.getByTestId('embed-snippet'), /^<iframe src="[^"]*view=player[^"]*"/);
    // No script that sizes the frame: the snippet's own height is all the reader gets.
    const host = `<!doctype html><html><head><meta charset="utf-8"><title>Docs</title></head>
<body style="margin:0"><main style="width:720px">${snippet}</main></body></html>`;
    await withHostPage(session, host, async (url) => {
      await page.goto(url);
      const frame = await firstFrame(page);
      await ready(frame);
      await expectText(frame.getByTestId('step-counter'), /^Step 0 of \d+$/);
      await eventually(() => playerInFrame(frame), (shown) => {
        assert.equal(shown.width, 720);
        assert.ok(shown.counter <= shown.frame, `the step counter ends at ${shown.counter} px, in a frame ${shown.frame} px tall`);
        assert.ok(shown.narration <= shown.frame, `the narration ends at ${shown.narration} px, in a frame ${shown.frame} px tall`);
      });
    });
  });
}
