// The player-only build, as an embed's reader meets it: an embedded player's address loads
// `player.html` (the crate without its editor) instead of the full app, with no palette,
// settings forms or tools worker; it opens and plays every gallery scenario; and "Open in the
// playground" opens the full app on the same diagram, at the same step, in the same language.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_URL, browserTest, open } from './support/browser.mjs';
import { atStep, eventually, expectText, expectValueOf, ready, stepForward } from './support/wait.mjs';

/** The gallery's scenarios by file stem, as its index lists them. */
const GALLERY = JSON.parse(readFileSync(new URL('../../static/gallery/index.json', import.meta.url), 'utf8'))
  .map((entry) => entry.file.replace(/\.json$/, ''));

/** The files a page of dist/ names (`href="./x"`, `src="./x"`), as Trunk writes them. */
async function filesOf(page) {
  const html = await (await fetch(new URL(page, BASE_URL))).text();
  return [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]);
}

/** The files the page in `page` has loaded, by name. */
const loadedFiles = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));

browserTest('an embedded player\'s address opens the player-only build: no editor, no tools worker', async (session) => {
  const { page } = session;
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await open(session, '?embed=1&view=player&gallery=kinesis-dlq&lang=ko');
  await ready(page);
  assert.match(new URL(page.url()).pathname, /\/player\.html$/, 'the address moved to the player build');
  assert.equal(new URL(page.url()).searchParams.get('gallery'), 'kinesis-dlq', 'the query came along');

  const [app, player] = [await filesOf(''), await filesOf('player.html')];
  const appWasm = app.find((name) => name.endsWith('.wasm'));
  const playerWasm = player.find((name) => name.endsWith('.wasm'));
  assert.ok(appWasm && playerWasm && appWasm !== playerWasm, `two builds: ${appWasm}, ${playerWasm}`);
  const loaded = await loadedFiles(page);
  assert.ok(loaded.includes(playerWasm), `the player's wasm runs: ${loaded}`);
  assert.ok(!loaded.includes(appWasm), `the full app's does not: ${loaded}`);
  assert.deepEqual(requests.filter((url) => /\/tools/.test(url)), [], 'no tools worker');

  // Korean, as asked, and the diagram and player are there; the editor is not.
  await page.getByTestId('node-process-clicks').waitFor();
  await expectText(page.getByTestId('step-counter'), /^단계 0/);
  assert.equal(await page.getByTestId('palette-function').count(), 0, 'no palette');
  await page.getByTestId('node-process-clicks').click();
  await page.getByTestId('inspector').waitFor();
  assert.equal(await page.getByTestId('inspector').getByRole('combobox').count(), 1, 'the behaviour select is the only field');
  assert.equal(await page.getByTestId('rename-input').count(), 0, 'no rename field');
  assert.equal(await page.locator('.port').filter({ visible: true }).count(), 0, 'no ports to link from');

  // The shortcut sheet lists the player's keys, not the editor's or a lesson's.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await sheet.waitFor();
  const keys = await sheet.locator('kbd').allTextContents();
  assert.ok(keys.includes('Space') && keys.includes('[ ]'), `the player's keys: ${keys}`);
  assert.ok(!keys.includes('Delete') && !keys.includes('Ctrl+Z / Ctrl+Shift+Z') && !keys.includes('H'), `no editing or lesson keys: ${keys}`);
});

browserTest('an embedded lesson stays in the full app, even in the player view', async (session) => {
  const { page } = session;
  await open(session, '?embed=1&view=player&lesson=on-failure-basics&step=1');
  await ready(page);
  await page.getByTestId('lesson-panel').waitFor();
  assert.doesNotMatch(new URL(page.url()).pathname, /player\.html$/);
});

browserTest('the Embed dialog\'s player snippets and posters point at the player-only build', async (session) => {
  const { page } = session;
  await page.getByTestId('embed-open').click();
  await expectValueOf(page.getByTestId('embed-snippet'), /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/player\.html\?embed=1&amp;view=player&amp;lang=en#v1\./);
  await expectValueOf(page.getByTestId('embed-poster'), /data-src="http:\/\/127\.0\.0\.1:\d+\/player\.html\?embed=1&amp;view=player/);
  // The other views need the editor: they stay on the full app.
  await page.getByTestId('embed-view').selectOption('full');
  await expectValueOf(page.getByTestId('embed-snippet'), /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;view=full/);
});

browserTest('the player build opens every gallery scenario and plays it to the end', async (session) => {
  const { page } = session;
  assert.ok(GALLERY.length >= 8, `the gallery: ${GALLERY}`);
  for (const stem of GALLERY) {
    await open(session, `player.html?embed=1&view=player&gallery=${stem}`);
    await ready(page);
    await page.getByTestId('player-play').click();
    // Playing: the first step shows by itself.
    await eventually(() => page.getByTestId('scrubber').inputValue(), (step) => assert.ok(Number(step) >= 1, `${stem} plays`));
    const end = Number(await page.getByTestId('scrubber').getAttribute('max'));
    assert.ok(end > 1, `${stem} has a run`);
    await page.getByTestId('scrubber').focus();
    await page.getByTestId('scrubber').press('End');
    await atStep(page, end);
    await expectText(page.getByTestId('run-summary'), /\S/);
  }
});

browserTest('"Open in the playground" opens the full app on the same diagram, at the same step, in the same language', async (session) => {
  const { page } = session;
  await open(session, 'player.html?embed=1&view=player&gallery=sqs-redrive&lang=ko');
  await ready(page);
  await stepForward(page, 4);
  const narration = await page.getByTestId('narration').innerText();
  const href = await page.getByTestId('open-full').getAttribute('href');
  assert.doesNotMatch(new URL(href).pathname, /player\.html$/, href);
  await page.goto(href);
  await ready(page);
  await atStep(page, 4);
  await expectText(page.getByTestId('narration'), narration);
  assert.equal(await page.getByTestId('palette-function').count(), 1, 'the full app, with its editor');
  // The page's language is set once the app has read it: wait for it.
  await eventually(() => page.evaluate(() => document.documentElement.lang), (lang) => assert.equal(lang, 'ko'));
});
