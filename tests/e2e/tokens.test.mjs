// Tokens on the canvas: every event of the current instant travels its link, so a burst of
// uploads shows as many tokens at once, and the link says how many.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';

const BURST = {
  version: 1,
  functions: [{ FunctionName: 'thumbnail' }],
  buckets: [{ BucketName: 'uploads', LambdaFunctionConfigurations: [{ LambdaFunctionArn: 'thumbnail' }] }],
  inputs: Array.from({ length: 40 }, (_, i) => ({ type: 'putObject', at: 0, Bucket: 'uploads', Key: `photos/${i}.jpg` })),
};

browserTest('a burst of forty uploads at one instant travels as forty tokens', async ({ page }) => {
  await page.getByTestId('open-file').setInputFiles({
    name: 'burst.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(BURST)),
  });
  await page.getByTestId('node-thumbnail').waitFor({ timeout: 15_000 });
  let most = 0;
  for (let i = 0; i < 120 && most < 40; i += 1) {
    await page.getByTestId('player-step-forward').click();
    most = Math.max(most, await page.getByTestId('link-uploads-thumbnail').locator('.token').count());
  }
  assert.equal(most, 40);
  assert.match(await page.getByTestId('link-uploads-thumbnail').locator('text').textContent(), /×40/);
});

browserTest('a token travels along its link when its step is shown, however late in the session', async ({ page }) => {
  await page.getByTestId('node-resize-image').waitFor({ timeout: 15_000 });
  // Well after the canvas was created: the animation must still start from the link's beginning.
  await page.waitForTimeout(1500);
  const link = page.getByTestId('link-images-resize-image');
  for (let i = 0; i < 10 && (await link.locator('.token').count()) === 0; i += 1) {
    await page.getByTestId('player-step-forward').click();
  }
  const token = link.locator('.token').first();
  const where = () => token.evaluate((c) => { const r = c.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y)]; });
  const start = await where();
  await page.waitForTimeout(250);
  const later = await where();
  assert.notDeepEqual(later, start, `the token moved: ${start} → ${later}`);
});
