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
