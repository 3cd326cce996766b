// The same release build works at the root, under a sub-path of a host's site, and in an iframe.

import assert from 'node:assert/strict';
import { browserTest, BASE_URL } from './support/browser.mjs';

const SUB_PATH = `${BASE_URL}docs/live-demo/`;

browserTest('the playground works under a sub-path of a site', async ({ page }) => {
  await page.goto(SUB_PATH);
  await page.getByTestId('node-resize-image').waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.match(await page.getByTestId('narration').innerText(), /uploads\/cat\.jpg was uploaded/);
});

browserTest('the playground works inside an iframe of another page', async ({ page }) => {
  await page.setContent(`<h1>Docs page</h1><iframe title="Lambda Destinations Playground" src="${SUB_PATH}" width="1200" height="800"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('node-resize-image').waitFor({ timeout: 15_000 });
  await frame.getByRole('button', { name: 'Step forward' }).click();
  assert.match(await frame.getByTestId('narration').innerText(), /uploads\/cat\.jpg was uploaded/);
});
