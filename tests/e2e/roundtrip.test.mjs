// Export then import, as a learner takes a diagram out and brings it back: the AWS CLI script the
// playground exports, pasted into its import box, gives back the same diagram.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserTest } from './support/browser.mjs';

async function shape(page) {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('[data-testid="canvas"] [data-testid^="node-"]')]
      .map((n) => `${n.getAttribute('data-testid')} ${[...n.classList].find((c) => c.startsWith('kind-'))}`)
      .sort(),
    links: [...document.querySelectorAll('[data-testid="canvas"] [data-testid^="link-"]')]
      .map((l) => `${l.getAttribute('data-testid')} ${l.getAttribute('data-kind')}`)
      .sort(),
  }));
}

for (const lesson of [0, 1, 4]) {
  browserTest(`gallery lesson ${lesson} exported as an AWS CLI script and imported again is the same diagram`, async ({ page }) => {
    const gallery = page.getByTestId('scenario-select');
    await gallery.selectOption({ index: lesson });
    // The lesson's own first function, by its name in the gallery file.
    const first = await page.evaluate(async (index) => {
      const { file } = (await (await fetch('gallery/index.json')).json())[index];
      return (await (await fetch(`gallery/${file}`)).json()).functions[0].FunctionName;
    }, lesson);
    await page.getByTestId(`node-${first}`).waitFor();
    const before = await shape(page);
    await page.getByTestId('export-menu').locator('summary').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-deploy.sh').click()]);
    const script = await readFile(await file.path(), 'utf8');
    await page.getByTestId('export-menu').locator('summary').click();

    await page.getByTestId('new-empty').click();
    await page.getByTestId('empty-canvas').waitFor();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill(script);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await page.getByTestId(`node-${first}`).waitFor();
    assert.deepEqual(await shape(page), before);
  }, { browser: { acceptDownloads: true } });
}
