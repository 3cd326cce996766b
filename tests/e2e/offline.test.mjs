// Offline after one visit (README.md "Offline"): the service worker keeps every file of the build,
// so the playground reloads, plays and exports with the network gone; a new deploy is offered
// with a Reload button, never forced; an export whose tools cannot load says so.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { finish, launch } from './support/browser.mjs';
import { playToEnd } from './support/player.mjs';
import { withRelay } from './support/relay.mjs';
import { COLD_START, PATIENCE, eventually, expectText, ready } from './support/wait.mjs';

// Hosted under a sub-path, as on a GitHub Pages project site.
const APP = 'docs/live-demo/';

/** A test with a watched browser that accepts downloads, the app served by a relay. */
function offlineTest(name, body) {
  return test(name, { timeout: 120_000 + COLD_START }, async () => {
    const session = await launch({ acceptDownloads: true });
    let error;
    try {
      await withRelay(session, (relay) => body(session, relay));
    } catch (err) {
      error = err;
    }
    await finish(session, name, error);
  });
}

async function download(page, file) {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [saved] = await Promise.all([
    page.waitForEvent('download', { timeout: PATIENCE }),
    page.getByTestId(`export-${file}`).click(),
  ]);
  assert.equal(saved.suggestedFilename(), file);
  return readFile(await saved.path(), 'utf8');
}

/** Waits until a service worker serves the page (it claims the page on its first visit). */
function controlled(page) {
  return page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: PATIENCE,
  });
}

offlineTest('after one visit the playground reloads, plays and exports offline, and offers a new deploy', async ({ context, page }, relay) => {
  await page.goto(relay.url + APP);
  await ready(page);
  await controlled(page);

  // The Wi-Fi fails: the page's network is off, and so is the server.
  relay.down = true;
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  await page.getByTestId('node-process-clicks').waitFor();
  await playToEnd(page);
  // Gallery files (and lessons) are kept as files too, for the panels that fetch them.
  const gallery = await page.evaluate(() => fetch('gallery/index.json').then((r) => r.json()));
  assert.equal(gallery[1].file, 'kinesis-dlq.json');

  // The tools worker was never started online: its hashed files come from the cache.
  const template = JSON.parse(await download(page, 'template.json'));
  assert.ok(Object.values(template.Resources).some((r) => r.Type === 'AWS::Kinesis::Stream'));
  assert.equal(await page.getByTestId('tools-error').count(), 0);
  assert.equal(await page.getByTestId('update-status').innerText(), '');
  await page.getByTestId('export-menu').locator('summary').click();
  await page.getByTestId('export-template.json').waitFor({ state: 'hidden' });

  // Back online, with a new build deployed: the page offers it and waits for the learner.
  relay.deploy = 1;
  relay.down = false;
  await context.setOffline(false);
  const status = page.getByTestId('update-status');
  await expectText(status, /A new version is ready\. Reload to use it\./);
  await page.evaluate(() => { window.notReloadedYet = true; });
  await page.getByRole('button', { name: 'Reload', exact: true }).click();
  await eventually(() => page.evaluate(() => window.notReloadedYet === undefined), (reloaded) => reloaded);
  await ready(page);
  await controlled(page);
  await expectText(status, '');
});

offlineTest('an export whose tools cannot load says which file failed', async ({ page }, relay) => {
  relay.missing = /\/tools/;
  await page.goto(relay.url + APP);
  await ready(page);
  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();
  await page.getByTestId('export-template.yaml').click();
  const error = page.getByTestId('tools-error');
  await expectText(error, /Exports and imports are not available: their tools could not be loaded \(tools_loader-[0-9a-f]{16}\.js\)\./);
  await expectText(error, /Check your connection/);
  // Said again in the language chosen afterwards.
  await page.getByTestId('language-select').selectOption('ko');
  await expectText(error, /내보내기와 가져오기를 사용할 수 없습니다\. 필요한 도구를 불러오지 못했습니다 \(tools_loader-[0-9a-f]{16}\.js\)\./);
  // The next attempt tries again, and says so again.
  await error.getByRole('button', { name: '닫기' }).click();
  await error.waitFor({ state: 'detached' });
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  await page.getByTestId('export-main.tf').click();
  await expectText(error, /tools_loader-[0-9a-f]{16}\.js/);
});
