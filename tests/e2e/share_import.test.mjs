// Links and pastes, as trainers and learners use them: a shared link opens the same run at the
// same step in a fresh browser; the brief's two CLI commands import into a diagram whose refused
// mapping destination is marked on its link and fixed in one click; bad input says why and
// keeps the diagram.

import assert from 'node:assert/strict';
import { browserTest, launch, finish } from './support/browser.mjs';
import { eventually, expectText, expectValueOf, ready, stepForward } from './support/wait.mjs';

const BRIEF_COMMANDS = `aws lambda put-function-event-invoke-config \\
    --function-name my-function \\
    --destination-config '{"OnSuccess":{"Destination": "arn:aws:sqs:us-east-2:123456789012:destination"},"OnFailure":{"Destination": "arn:aws:sns:us-east-2:123456789012:destination"}}'

aws lambda create-event-source-mapping \\
    --function-name my-function \\
    --event-source-arn arn:aws:sqs:us-east-2:123456789012:source-queue \\
    --destination-config '{"OnFailure":{"Destination": "arn:aws:sqs:us-east-2:123456789012:destination-queue"}}'
`;

async function importText(page, text) {
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-submit').click();
}

browserTest("the brief's two commands import into a diagram, and the refused mapping destination is fixed with a redrive policy", async ({ page }) => {
  await importText(page, BRIEF_COMMANDS);
  await page.getByTestId('node-my-function').waitFor();
  assert.equal(await page.locator('[data-testid="node-destination"].kind-queue').count(), 1);
  assert.equal(await page.locator('[data-testid="node-destination"].kind-topic').count(), 1);
  assert.equal(await page.getByTestId('link-source-queue-my-function').getAttribute('data-kind'), 'mapping');

  const refused = page.getByTestId('link-my-function-destination-queue');
  assert.equal(await refused.getAttribute('data-refused'), 'true');
  assert.match(await refused.getAttribute('aria-label'), /Unsupported DestinationConfig parameter for given event source mapping type\./);
  assert.match(await page.getByTestId('findings').innerText(), /Unsupported DestinationConfig parameter for given event source mapping type\./);

  await page.getByTestId('fix-redrive').click();
  await page.getByTestId('link-source-queue-destination-queue').waitFor();
  assert.equal(await page.getByTestId('link-source-queue-destination-queue').getAttribute('data-kind'), 'redrive');
  assert.equal(await page.getByTestId('link-my-function-destination-queue').count(), 0);
  await page.getByTestId('no-findings').waitFor();

  await page.keyboard.press('Control+z');
  await page.getByTestId('link-my-function-destination-queue').waitFor();
});

browserTest('a broken paste names the place and keeps the current diagram', async ({ page }) => {
  await importText(page, '{\n  "Resources": {\n    "Queue": {"Type": "AWS::SQS::Queue",');
  await expectText(page.getByTestId('import-error'), /line \d+, column \d+/);
  await page.keyboard.press('Escape');
  await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('node-resize-image').waitFor();
});

browserTest('a shared link opens the same scenario at the same step in a fresh browser profile', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('node-resize-image').focus();
  await stepForward(page, 6);
  const narration = await page.getByTestId('narration').innerText();
  const time = await page.getByTestId('virtual-time').innerText();
  await page.getByTestId('share-open').click();
  const link = await expectValueOf(page.getByTestId('share-link'), /#v1\.[A-Za-z0-9_-]+\.6$/);

  const other = await launch();
  let error;
  try {
    await other.page.goto(link);
    await ready(other.page);
    await other.page.getByTestId('node-resize-image').waitFor();
    await expectText(other.page.getByTestId('narration'), narration);
    await expectText(other.page.getByTestId('virtual-time'), time);
    await eventually(() => new URL(other.page.url()).hash, (hash) => assert.equal(hash, '', 'the link is not opened again on reload'));
  } catch (e) {
    error = e;
  }
  await finish(other, 'shared link in a fresh profile', error);
});

browserTest('a truncated link says why and keeps the diagram', async ({ page }) => {
  await page.goto(new URL('#v1.eJzLSM3JyQcABiwCFQ', page.url()).href);
  await page.reload();
  await ready(page);
  await expectText(page.getByTestId('link-error'), /could not be opened/);
  await page.getByTestId('node-resize-image').waitFor();
});

browserTest('a 10 MB paste is refused with its size and keeps the current diagram', async ({ page }) => {
  await page.getByTestId('import-open').click();
  const huge = 'aws lambda invoke --function-name f out.json\n'.repeat(230_000);
  await page.getByTestId('import-text').evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, huge);
  await page.getByTestId('import-submit').click();
  await expectText(page.getByTestId('import-error'), /^Could not open The text is \d+ bytes; at most \d+ bytes are imported\./);
  await page.keyboard.press('Escape');
  await page.getByTestId('node-resize-image').waitFor();
}, { timeout: 120_000 });
