// Poster embeds as a documentation page's reader meets them: a page of another origin with five
// posters, forbidding inline scripts, loads nothing of the playground's code until a poster's
// Play is pressed (by keyboard here), which puts the live player in its place at the step the
// author chose, keeps the page where it was and gives the player the focus; and plain links on a
// page written in Markdown become posters in the page's language.

import assert from 'node:assert/strict';
import { axeViolations } from './support/axe.mjs';
import { BASE_URL, browserTest } from './support/browser.mjs';
import { firstFrame, withHostPage } from './support/host.mjs';
import { atStep, eventually, expectValueOf, ready, stepForward } from './support/wait.mjs';

const ORIGIN = new URL(BASE_URL).origin;

/** A page that forbids inline scripts and styles and allows only the playground's origin. */
function strictPage(body) {
  const policy = `default-src 'none'; script-src ${ORIGIN}; style-src ${ORIGIN}; img-src data:; frame-src ${ORIGIN}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>Docs</title></head><body><main><h1>Lambda destinations, explained</h1>${body}</main></body></html>`;
}

/** The app's own code requested so far: its scripts and WebAssembly, not the poster's files. */
function appCode(requests) {
  return requests.filter((url) => /\.wasm$/.test(url) || /\/(playground|tools)[^/]*\.js$/.test(url));
}

browserTest('a page with five posters loads no wasm until Play, and Play by keyboard opens the player at the step', async (session) => {
  const { page } = session;
  await stepForward(page, 3);
  await page.getByTestId('embed-open').click();
  const poster = await expectValueOf(
    page.getByTestId('embed-poster'),
    /^<div class="lambda-playground-poster" data-src="[^"]*view=player[^"]*#v1\.[A-Za-z0-9_-]+\.3"[\s\S]*<img src="data:image\/svg\+xml,[\s\S]*embed\.js" defer><\/script>$/,
  );
  const body = Array.from({ length: 5 }, (_, i) => `<h2>Part ${i + 1}</h2><p>Some prose.</p>${poster}`).join('\n');
  await withHostPage(session, strictPage(body), async (url) => {
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    const plays = page.getByRole('button', { name: /^Play: Image processing/ });
    await plays.nth(4).waitFor();
    assert.equal(await plays.count(), 5);
    assert.match(await page.locator('.lambda-playground-picture').first().getAttribute('alt'), /^Diagram: .*Lambda function resize-image, invoked asynchronously by S3 bucket images/);
    assert.deepEqual(appCode(requests), [], 'nothing of the app loads before a press');

    await page.keyboard.press('Tab');
    // The focus moves once the key is handled: wait for it, do not read at once.
    await eventually(
      () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
      (focused) => assert.match(focused, /^Play: Image processing/),
    );
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.press('Enter');
    const frame = await firstFrame(page);
    await ready(frame);
    await atStep(frame, 3);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'IFRAME', 'the player has the focus');
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page stays where it was');
    assert.ok(appCode(requests).some((u) => u.endsWith('.wasm')), 'Play loads the player');
    assert.equal(await plays.count(), 4, 'the other posters wait');
  });
});

browserTest('plain links become posters in the page\'s language, and Play opens them as players', async (session) => {
  const { page } = session;
  const html = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>문서</title></head><body><main>
<h1>Kinesis 실패 처리</h1>
<p><a class="lambda-playground" href="${BASE_URL}?gallery=kinesis-dlq">Kinesis 파이프라인</a></p>
<script src="${BASE_URL}embed.js" defer></script></main></body></html>`;
  await withHostPage(session, html, async (url) => {
    await page.goto(url);
    const play = page.getByRole('button', { name: '재생: Kinesis 파이프라인' });
    await play.waitFor();
    assert.deepEqual(await axeViolations(page, { preload: false }), []);
    await play.click();
    const frame = await firstFrame(page);
    await ready(frame);
    const src = new URL(await page.locator('iframe').getAttribute('src'));
    assert.equal(src.searchParams.get('gallery'), 'kinesis-dlq');
    assert.equal(src.searchParams.get('embed'), '1');
    assert.equal(src.searchParams.get('view'), 'player');
    assert.equal(src.searchParams.get('lang'), 'ko');
    assert.equal(await page.locator('iframe').getAttribute('title'), 'Kinesis 파이프라인');
  });
});
