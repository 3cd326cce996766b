// The same release build works at the root, under a sub-path of a host's site, and in an iframe.

import { browserTest, BASE_URL } from './support/browser.mjs';
import { firstFrame, withHostPage } from './support/host.mjs';
import { atStep, expectText, ready } from './support/wait.mjs';

const SUB_PATH = `${BASE_URL}docs/live-demo/`;

browserTest('the playground works under a sub-path of a site', async ({ page }) => {
  await page.goto(SUB_PATH);
  await ready(page);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await atStep(page, 1);
  await expectText(page.getByTestId('narration'), /uploads\/cat\.jpg was uploaded/);
});

// The host page is a page of its own. (Written over the app's page with setContent, it raced the
// app's start, which could then mount into the host page instead of the iframe.)
browserTest('the playground works inside an iframe of another page', async (session) => {
  const { page } = session;
  const host = `<!doctype html><title>Docs</title><h1>Docs page</h1><iframe title="Lambda Destinations Playground" src="${SUB_PATH}" width="1200" height="800"></iframe>`;
  await withHostPage(session, host, async (url) => {
    await page.goto(url);
    const frame = await firstFrame(page);
    await ready(frame);
    await frame.getByTestId('node-resize-image').waitFor();
    await frame.getByRole('button', { name: 'Step forward' }).click();
    await atStep(frame, 1);
    await expectText(frame.getByTestId('narration'), /uploads\/cat\.jpg was uploaded/);
  });
});
