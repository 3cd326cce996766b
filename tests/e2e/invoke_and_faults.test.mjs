// Invoking from the panel and injecting faults mid-run, as a learner would.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { logText, playToEnd } from './support/player.mjs';
import { expectAttribute, expectCount, expectFocus, expectText, pressAndWait, stepForward } from './support/wait.mjs';

browserTest('a synchronous invoke returns the error to the caller and explains why no destination fired', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('invoke-function').selectOption({ label: 'resize-image' });
  await page.getByTestId('invoke-type').selectOption('RequestResponse');
  await page.getByTestId('invoke-send').click();
  const response = await expectText(page.getByTestId('invoke-response'), /^HTTP 200, X-Amz-Function-Error: Unhandled/);
  assert.match(response, /"errorType": "Error"/);
  await playToEnd(page);
  assert.match(await logText(page), /No destination fired for resize-image: the call was synchronous \(RequestResponse\), and destinations apply to asynchronous invocations only\./);
});

browserTest('an asynchronous invoke is answered 202 and a DryRun runs nothing', async ({ page }) => {
  await page.getByTestId('invoke-type').selectOption('Event');
  await page.getByTestId('invoke-send').click();
  await expectText(page.getByTestId('invoke-response'), 'HTTP 202 (Event accepted)');
  await page.getByTestId('invoke-type').selectOption('DryRun');
  await page.getByTestId('invoke-send').click();
  await expectText(page.getByTestId('invoke-response'), 'HTTP 204 (DryRun)');
});

browserTest('a malformed payload is refused with its line and column and the text is kept', async ({ page }) => {
  const payload = page.getByTestId('invoke-payload');
  await payload.fill('{"orderId": 12,\n  oops}');
  await page.getByTestId('invoke-send').click();
  await expectText(page.getByTestId('invoke-error'), /The payload is not valid JSON, so nothing was sent \(line 2, column 3\)/);
  assert.equal(await payload.inputValue(), '{"orderId": 12,\n  oops}');
  assert.equal(await page.getByTestId('clear-added').count(), 0, 'nothing was added to the timeline');
});

browserTest('deleting the success queue mid-run drops the record and keeps the steps already seen', async ({ page }) => {
  await stepForward(page, 3);
  const seen = await logText(page);
  await page.getByTestId('node-image-metadata').click();
  await page.getByText('Inject a fault from this step').click();
  await page.getByTestId('fault-delete').click();
  await page.getByTestId('clear-added').waitFor();
  assert.equal(await logText(page), seen, 'the past is unchanged');
  await playToEnd(page);
  const log = await logText(page);
  assert.match(log, /Delivery to image-metadata failed: the target was deleted\. The record is dropped and DestinationDeliveryFailures goes up\./);
  await page.getByTestId('node-resize-image').click();
  await expectText(page.getByTestId('counters'), /DestinationDeliveryFailures\s+1/);
});

browserTest('the event log can show only failures or only the selected resource', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await playToEnd(page);
  await page.getByTestId('log-filter').selectOption('failures');
  const failures = page.getByTestId('event-log').locator('li');
  await expectCount(failures, 4, { message: 'three failed attempts and RetriesExhausted' });
  await page.getByTestId('node-image-alerts').click();
  await page.getByTestId('log-filter').selectOption('selected');
  const lines = await expectText(page.getByTestId('event-log'), /The topic image-alerts received the body through its OnFailure destination\./);
  assert.doesNotMatch(lines, /started attempt/);
});

browserTest('uploading another object from the inspector invokes the function again', async ({ page }) => {
  await page.getByTestId('node-images').click();
  await page.getByText('Send something here').click();
  await page.getByTestId('send-key').fill('uploads/dog.jpg');
  await page.getByTestId('send-submit').click();
  await playToEnd(page);
  const log = await logText(page);
  assert.match(log, /The object uploads\/dog\.jpg was uploaded to the bucket images\./);
  assert.equal((log.match(/condition=Success, so the record goes to the OnSuccess destination image-metadata\./g) ?? []).length, 2);
  await page.getByTestId('node-image-metadata').click();
  await expectCount(page.getByTestId('received-body'), 2);
});

browserTest('a record explains its fields and the current request lights up its path', async ({ page }) => {
  await page.getByTestId('speed-select').selectOption('16');
  for (let i = 1; i <= 6; i += 1) await pressAndWait(page, 'ArrowRight', i);
  await expectText(page.getByTestId('narration'), /received the body through its OnSuccess destination/);
  for (const name of ['images', 'resize-image', 'image-metadata']) {
    await expectAttribute(page.getByTestId(`node-${name}`), 'class', /on-path/, { message: `${name} is on the path` });
  }
  assert.doesNotMatch(await page.getByTestId('node-image-alerts').getAttribute('class'), /on-path/);
  await page.getByTestId('node-image-metadata').click();
  const notes = page.getByTestId('field-notes');
  await notes.locator('summary').click();
  const text = await expectText(notes, /requestContext\.approximateInvokeCount/);
  assert.match(text, /statusCode is 200 even when the function failed/);
});

browserTest('compare mode shows the same failure going nowhere, to OnFailure, and to the mapping destination', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('compare-button').click();
  const sync = await expectText(page.getByTestId('compare-Synchronous'), /No destination fired for resize-image: the call was synchronous/);
  const async = await expectText(page.getByTestId('compare-Asynchronous'), /Received: image-alerts/);
  const esm = await expectText(page.getByTestId('compare-EventSourceMapping'), /Received: image-alerts/);
  assert.match(sync, /No destination received anything\./);
  assert.match(async, /attempt 2 runs in 1 min/);
  assert.match(async, /Received: image-alerts ← OnFailure/);
  assert.match(esm, /The mapping read 1 record from shard 0/);
  assert.match(esm, /MaximumRetryAttempts ran out after 3 invocations \(RetryAttemptsExhausted\)/);
  assert.match(esm, /Received: image-alerts ← EventSourceMapping OnFailure/);
});

browserTest('a kept run shows where a fault made the runs part and which destination lost its record', async ({ page }) => {
  await stepForward(page, 3);
  await page.getByTestId('keep-run').click();
  await expectText(page.getByTestId('kept-parts'), 'The runs are the same.');
  await page.getByTestId('node-resize-image').click();
  await page.getByText('Inject a fault from this step').click();
  await page.getByTestId('fault-revoke').click();
  await expectText(page.getByTestId('kept-parts'), /^The runs part at step \d+\.$/);
  await expectText(page.getByTestId('kept-deliveries'), /image-metadata\s+1\s+0/);
});

browserTest('a fault chosen from the node menu, by pointer or by F, enters the timeline at the current step', async ({ page }) => {
  await page.getByTestId('node-image-metadata').click({ button: 'right' });
  await page.getByTestId('fault-menu').waitFor();
  await page.getByTestId('menu-fault-delete').click();
  await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
  await page.getByTestId('clear-added').waitFor();
  await playToEnd(page);
  assert.match(await logText(page), /Delivery to image-metadata failed: the target was deleted\./);

  await page.getByTestId('player-reset').click();
  await page.getByTestId('node-resize-image').focus();
  await page.keyboard.press('f');
  await page.getByTestId('fault-menu').waitFor();
  await expectFocus(page, 'menu-fault-fail-next');
  await page.keyboard.press('ArrowDown');
  await expectFocus(page, 'menu-fault-timeout-next');
  await page.keyboard.press('Escape');
  await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
  await expectFocus(page, 'node-resize-image');
});
