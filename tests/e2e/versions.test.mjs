// Versions and aliases as a learner sets them up: publish a version of resize-image, create the
// alias live on it, give the alias its own OnFailure destination, invoke through the alias, and
// read in the failure record the alias's qualifier and the version that ran. The diagram draws
// the alias's destination, and removing it there removes it from the alias only.

import assert from 'node:assert/strict';
import { axeViolations } from './support/axe.mjs';
import { browserTest } from './support/browser.mjs';
import { received } from './support/editor.mjs';
import { playToEnd } from './support/player.mjs';
import { eventually, expectCount, expectText, expectValueOf } from './support/wait.mjs';

const ALERTS = 'arn:aws:sns:us-east-2:123456789012:image-alerts';
const RESIZE = 'arn:aws:lambda:us-east-2:123456789012:function:resize-image';

/**
 * Publishes version 1 of resize-image and creates the alias live on it, in the inspector;
 * resolves with the inspector's Versions and aliases section.
 */
async function publishAndAlias(page) {
  await page.getByTestId('node-resize-image').click();
  const versions = page.getByTestId('versions');
  await versions.getByTestId('version-publish').click();
  await expectText(versions.getByTestId('version-1'), 'Version 1');
  await versions.getByTestId('alias-name').fill('live');
  await versions.getByTestId('alias-version').selectOption('1');
  await versions.getByTestId('alias-create').click();
  await expectText(versions.getByTestId('alias-live'), /^Alias live → version 1/);
  return versions;
}

browserTest('a record of an invoke through an alias shows the alias and the version that ran', async ({ page }) => {
  const versions = await publishAndAlias(page);
  // The alias has no destination of its own until one is set on it.
  await expectValueOf(versions.getByTestId('alias-0-onfailure'), '');
  await versions.getByTestId('alias-0-onfailure').selectOption(ALERTS);
  // The diagram draws the alias's destination beside $LATEST's, labelled with the alias.
  const aliasLink = page.getByTestId('link-resize-image-image-alerts-live');
  await eventually(() => aliasLink.textContent(), (text) => assert.match(text, /OnFailure \(live\)/));
  assert.match(await aliasLink.getAttribute('aria-label'), /resize-image:live → .*image-alerts/);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('invoke-function').selectOption({ label: 'resize-image' });
  await page.getByTestId('invoke-qualifier').selectOption('live');
  await page.getByTestId('invoke-type').selectOption('Event');
  await page.getByTestId('invoke-send').click();
  await expectText(page.getByTestId('invoke-response'), 'HTTP 202 (Event accepted)');
  await playToEnd(page);

  // What the topic received: each invocation record (an SNS message carries it as its text).
  const records = (await received(page, 'image-alerts'))
    .map((r) => (typeof r.Message === 'string' ? JSON.parse(r.Message) : r));
  const arns = records.map((r) => r.requestContext.functionArn);
  assert.ok(arns.includes(`${RESIZE}:$LATEST`), `the upload's own record, unqualified: ${arns}`);
  const throughAlias = records.find((r) => r.requestContext.functionArn === `${RESIZE}:live`);
  assert.ok(throughAlias, `a record through the alias: ${arns}`);
  assert.equal(throughAlias.responseContext.executedVersion, '1');
  assert.equal(throughAlias.requestContext.condition, 'RetriesExhausted');
});

browserTest('an alias\'s destination is drawn on the diagram, and removing it there leaves $LATEST\'s', async ({ page }) => {
  const versions = await publishAndAlias(page);
  await versions.getByTestId('alias-0-onfailure').selectOption(ALERTS);
  await page.getByTestId('link-resize-image-image-alerts-live').waitFor();

  await page.getByTestId('unlink-resize-image-image-alerts-on-failure-live').click();
  await page.getByTestId('link-resize-image-image-alerts-live').waitFor({ state: 'detached' });
  await expectValueOf(versions.getByTestId('alias-0-onfailure'), '');
  // $LATEST's own OnFailure destination, drawn before the alias had one, is still there.
  await page.getByTestId('link-resize-image-image-alerts').waitFor();
  await expectCount(page.getByTestId('unlink-resize-image-image-alerts-on-failure'), 1);
});
