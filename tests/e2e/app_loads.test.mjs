// Smoke test: the release build opens in a real browser, shows its title,
// becomes interactive, and stays quiet (no console errors, no foreign requests).

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';

browserTest('the playground opens with its title and no console errors', async ({ page }) => {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor({ state: 'visible' });
  assert.match(await heading.innerText(), /Lambda Destinations Playground/);
  assert.match(await page.title(), /Lambda Destinations Playground/);
  await page.locator('[data-ready="true"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('html').getAttribute('lang') !== null, true, 'html has a lang');
});
