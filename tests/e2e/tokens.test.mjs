// Tokens on the canvas: every event of the current instant travels its link, so a burst of
// uploads shows as many tokens at once, leaving one after the other, and the link says how many.
// A link draws its tokens as one `path.token` of `data-tokens` circles.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { eventually, stepForward } from './support/wait.mjs';

/** Resolves after the page has drawn `count` more animation frames. */
const frames = (page, count) =>
  page.evaluate((count) => new Promise((resolve) => {
    const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(count);
  }), count);

const BURST = {
  version: 1,
  functions: [{ FunctionName: 'thumbnail' }],
  buckets: [{ BucketName: 'uploads', LambdaFunctionConfigurations: [{ LambdaFunctionArn: 'thumbnail' }] }],
  inputs: Array.from({ length: 40 }, (_, i) => ({ type: 'putObject', at: 0, Bucket: 'uploads', Key: `photos/${i}.jpg` })),
};

/** The tokens a link shows, and where each circle is (from the path's `M x,y` moves). */
const tokensOn = (link) =>
  link.evaluate((g) => {
    const path = g.querySelector('.token');
    if (!path) return { count: 0, places: [] };
    const places = [...path.getAttribute('d').matchAll(/M(-?[\d.]+),(-?[\d.]+)/g)].map((m) => `${m[1]},${m[2]}`);
    return { count: Number(path.dataset.tokens), places };
  });

browserTest('a burst of forty uploads at one instant travels as forty tokens, one after the other', async ({ page }) => {
  await page.getByTestId('open-file').setInputFiles({
    name: 'burst.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(BURST)),
  });
  await page.getByTestId('node-thumbnail').waitFor();
  const link = page.getByTestId('link-uploads-thumbnail');
  let most = 0;
  for (let i = 0; i < 120 && most < 40; i += 1) {
    await stepForward(page);
    most = Math.max(most, (await tokensOn(link)).count);
  }
  assert.equal(most, 40);
  assert.match(await link.locator('text').textContent(), /×40/);
  // Mid-way the burst is a stream: the forty circles are drawn, at different places.
  await eventually(() => tokensOn(link), ({ places }) => {
    assert.equal(places.length, 40);
    assert.ok(new Set(places).size > 10, `the tokens are spread along the link: ${places.join(' ')}`);
  });
});

browserTest('a token travels along its link when its step is shown, however late in the session', async ({ page }) => {
  // Well after the canvas was created: the animation must still start from the link's beginning.
  await frames(page, 60);
  const link = page.getByTestId('link-images-resize-image');
  for (let i = 0; i < 10 && (await link.locator('.token').count()) === 0; i += 1) {
    await stepForward(page);
  }
  const token = link.locator('.token').first();
  const where = () => token.evaluate((c) => { const r = c.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y)]; });
  const start = await where();
  await eventually(where, (later) => assert.notDeepEqual(later, start, `the token moved: ${start} → ${later}`));
});

browserTest(
  'with reduced motion no token travels: the active link alone shows where the step went',
  async ({ page }) => {
    const link = page.getByTestId('link-images-resize-image');
    for (let i = 0; i < 10 && (await link.locator('.token').count()) === 0; i += 1) {
      await stepForward(page);
    }
    await link.and(page.locator('.active')).waitFor();
    const token = link.locator('.token');
    assert.equal(await token.isVisible(), false);
    const before = await token.getAttribute('d');
    // Fifteen frames: an animation, if one ran, would have moved them.
    await frames(page, 15);
    assert.equal(await token.getAttribute('d'), before, 'the tokens stay where they were drawn');
  },
  { browser: { reducedMotion: 'reduce' } },
);
