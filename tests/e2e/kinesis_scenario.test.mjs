// The brief's second scenario: a Kinesis stream read by an event source mapping whose failed
// batch blocks the shard, is retried, then recorded to the OnFailure queue.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { pressAndWait, stepForward } from './support/wait.mjs';

async function openKinesis(page) {
  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  await page.getByTestId('node-process-clicks').waitFor();
}

browserTest('a bad record blocks the shard, is retried, and its batch metadata reaches the OnFailure queue', async ({ page }) => {
  await openKinesis(page);
  await page.getByTestId('speed-select').selectOption('16');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByText('End of run.').waitFor({ timeout: 30_000 });
  const log = (await page.getByTestId('event-log').innerText()).replace(/\s+/g, ' ');
  assert.match(log, /The mapping read 3 records from shard 0 and invokes the function synchronously\./);
  assert.match(log, /The batch failed and shard 0 is blocked: nothing behind it is processed\. Retry 1 runs in 1 s\./);
  assert.match(log, /The mapping discards 3 records and moves on: MaximumRetryAttempts ran out after 3 invocations \(RetryAttemptsExhausted\)\./);

  await page.getByTestId('node-clickstream-failures').click();
  const body = page.getByTestId('received-body').first();
  await body.waitFor();
  const record = JSON.parse(await body.innerText());
  assert.deepEqual(Object.keys(record), ['requestContext', 'responseContext', 'version', 'timestamp', 'KinesisBatchInfo']);
  assert.equal(record.requestContext.condition, 'RetryAttemptsExhausted');
  assert.equal(record.requestContext.approximateInvokeCount, 3);
  assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-2:123456789012:function:process-clicks');
  assert.equal(record.KinesisBatchInfo.batchSize, 3);
  assert.equal(record.KinesisBatchInfo.shardId, 'shardId-000000000000');
  assert.equal(record.KinesisBatchInfo.streamArn, 'arn:aws:kinesis:us-east-2:123456789012:stream/clickstream');
});

browserTest('the Kinesis run steps forward and back to the same states', async ({ page }) => {
  await openKinesis(page);
  const snapshot = async () => ({
    narration: await page.getByTestId('narration').innerText(),
    time: await page.getByTestId('virtual-time').innerText(),
    mapping: await page.getByTestId('node-process-clicks').getAttribute('data-status'),
    queue: await page.getByTestId('node-clickstream-failures').getAttribute('aria-label'),
  });
  const seen = [];
  for (let i = 0; i < 16; i += 1) {
    await pressAndWait(page, 'ArrowRight', i + 1);
    seen.push(await snapshot());
  }
  for (let i = 14; i >= 0; i -= 1) {
    await pressAndWait(page, 'ArrowLeft', i + 1);
    assert.deepEqual(await snapshot(), seen[i], `step ${i + 1} looks the same going back`);
  }
});

browserTest('a failure record shows, side by side, what a dead-letter queue would have received', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('speed-select').selectOption('16');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByText('End of run.').waitFor({ timeout: 30_000 });
  await page.getByTestId('node-image-alerts').click();
  const counterpart = page.getByTestId('dlq-counterpart');
  await counterpart.locator('summary').click();
  await counterpart.locator('pre').nth(1).waitFor();
  const [body, attributes] = await counterpart.locator('pre').allInnerTexts();
  assert.equal(JSON.parse(body).Records[0].s3.object.key, 'uploads/cat.jpg');
  const attrs = JSON.parse(attributes);
  assert.equal(attrs.ErrorCode.StringValue, '200');
  assert.equal(attrs.ErrorMessage.StringValue, 'Simulated failure');
});

browserTest('a blocked shard shows its IteratorAge growing on the stream', async ({ page }) => {
  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  const stream = page.getByTestId('node-clickstream');
  await stream.waitFor();
  const ages = [];
  const forward = page.getByTestId('player-step-forward');
  for (let i = 0; i < 200 && (await forward.isEnabled()); i += 1) {
    await stepForward(page);
    const text = await stream.locator('.node-badge').allTextContents();
    const age = text.find((t) => t.startsWith('IteratorAge '));
    if (age) ages.push(age);
  }
  assert.ok(ages.length > 0, 'the stream shows IteratorAge while records wait');
  assert.ok(new Set(ages).size > 1, `it changes as the records wait: ${[...new Set(ages)].join(', ')}`);
});
