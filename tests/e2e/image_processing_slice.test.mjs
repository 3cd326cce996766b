// The first vertical slice, as a new user does it: the image-processing scenario plays to its
// success destination; made to fail, it shows three attempts with the real retry waits and the
// failure record arriving at the SNS topic, whose exact JSON the inspector shows.

import assert from 'node:assert/strict';
import { browserTest, BASE_URL } from './support/browser.mjs';
import { logText, playToEnd } from './support/player.mjs';
import { atStep, expectAttribute, expectFocus, expectText, expectTitle, pressAndWait, ready, stepForward } from './support/wait.mjs';

async function receivedRecord(page, nodeName) {
  await page.getByTestId(`node-${nodeName}`).click();
  const body = page.getByTestId('inspector').getByTestId('received-body').first();
  await body.waitFor();
  return JSON.parse(await body.innerText());
}

browserTest('pressing Play shows the upload reach the SQS success destination', async ({ page }) => {
  await playToEnd(page);
  const log = await logText(page);
  assert.match(log, /The object uploads\/cat\.jpg was uploaded to the bucket images\./);
  assert.match(log, /S3 invokes functions asynchronously/);
  assert.match(log, /condition=Success, so the record goes to the OnSuccess destination image-metadata\./);
  assert.equal(await page.getByTestId('node-image-metadata').getAttribute('data-status'), 'succeeded');

  const record = await receivedRecord(page, 'image-metadata');
  assert.equal(record.requestContext.condition, 'Success');
  assert.equal(record.requestContext.approximateInvokeCount, 1);
  assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-2:123456789012:function:resize-image:$LATEST');
  assert.deepEqual(Object.keys(record), ['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
  assert.equal('functionError' in record.responseContext, false);
});

browserTest('a failing function retries after 1 and 2 minutes and its record reaches the SNS topic', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await playToEnd(page);
  const log = await logText(page);
  assert.match(log, /resize-image started attempt 1\/3\./);
  assert.match(log, /attempt 2 runs in 1 min\./);
  assert.match(log, /attempt 3 runs in 2 min\./);
  assert.match(log, /T\+01:00\.850 resize-image started attempt 2\/3/);
  assert.match(log, /T\+03:01\.700 resize-image started attempt 3\/3/);
  assert.match(log, /condition=RetriesExhausted, so the record goes to the OnFailure destination image-alerts\./);
  assert.equal(await page.getByTestId('node-image-metadata').getAttribute('data-status'), 'idle');

  const record = await receivedRecord(page, 'image-alerts');
  assert.equal(record.requestContext.condition, 'RetriesExhausted');
  assert.equal(record.requestContext.approximateInvokeCount, 3);
  assert.equal(record.responseContext.functionError, 'Unhandled');
  assert.equal(record.requestPayload.Records[0].s3.object.key, 'uploads/cat.jpg');
});

browserTest('stepping back and forward returns to the same screen', async ({ page }) => {
  for (let i = 1; i <= 5; i += 1) await pressAndWait(page, 'ArrowRight', i);
  const narration = await page.getByTestId('narration').innerText();
  const time = await page.getByTestId('virtual-time').innerText();
  await pressAndWait(page, 'ArrowRight', 6);
  assert.notEqual(await page.getByTestId('narration').innerText(), narration, 'step 6 reads differently');
  await pressAndWait(page, 'ArrowLeft', 5);
  assert.equal(await page.getByTestId('narration').innerText(), narration);
  assert.equal(await page.getByTestId('virtual-time').innerText(), time);
});

browserTest('the interface switches to Korean and remembers it after a reload', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  const heading = page.getByRole('heading', { level: 1 });
  await expectText(heading, 'Lambda Destinations 플레이그라운드');
  await expectAttribute(page.locator('html'), 'lang', 'ko');
  await page.reload();
  await ready(page);
  await expectText(page.getByRole('heading', { level: 1 }), 'Lambda Destinations 플레이그라운드');
  await page.getByRole('button', { name: '한 단계 앞으로' }).click();
  await atStep(page, 1);
  await expectText(page.getByTestId('narration'), /버킷 images에 업로드되었습니다/);
});

browserTest('the tab\'s title follows the interface language, both ways', async ({ page }) => {
  await expectTitle(page, 'Lambda Destinations Playground');
  await page.getByTestId('language-select').selectOption('ko');
  await expectTitle(page, 'Lambda Destinations 플레이그라운드');
  await page.getByTestId('language-select').selectOption('en');
  await expectTitle(page, 'Lambda Destinations Playground');
});

browserTest('Korean narration says durations in Korean units and picks each particle', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  await expectAttribute(page.locator('html'), 'lang', 'ko');
  // Not "850 ms", "image-metadata(으)로", "30 s": the Korean way.
  await stepForward(page, 4);
  await expectText(page.getByTestId('narration'), 'resize-image 시도 1이 850ms 만에 성공했습니다.');
  await stepForward(page);
  await expectText(page.getByTestId('narration'), /OnSuccess 대상인 image-metadata로 보냅니다/);
  await stepForward(page, 4);
  await expectText(page.getByTestId('narration'), /가시성 제한 시간 30초 동안 숨겨집니다/);
});

browserTest('every diagram node has an accessible name that reads as a sentence', async ({ page }) => {
  const node = page.getByTestId('node-resize-image');
  const name = await node.getAttribute('aria-label');
  // It begins with what the node shows (WCAG 2.5.3), then reads as a sentence.
  assert.match(name, /^resize-image idle, Lambda function resize-image, invoked asynchronously by S3 bucket images, on success sends to SQS queue image-metadata, on failure sends to SNS topic image-alerts/);
  await node.focus();
  await page.keyboard.press('Enter');
  await expectText(page.getByTestId('inspector'), /arn:aws:lambda:us-east-2:123456789012:function:resize-image/);
});

browserTest('a crash shows the recovery panel with the scenario to download, never a blank page', async (session) => {
  const { page } = session;
  await page.goto(new URL('?drill=panic', BASE_URL).href);
  const panel = page.getByTestId('recovery-panel');
  await expectText(panel, /Something went wrong/);
  const link = panel.getByRole('link', { name: 'Download the scenario' });
  assert.equal(await link.getAttribute('download'), 'scenario.json');
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  const scenario = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(scenario.version, 1);
  assert.equal(scenario.functions[0].FunctionName, 'resize-image');
  // The drill's own panic is expected; anything else still fails the test.
  session.consoleProblems = session.consoleProblems.filter((e) => !/recovery drill|unreachable|RuntimeError/.test(e));
});

browserTest('a reload brings back the failing behaviour, the added upload and the step', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  await page.getByTestId('node-images').click();
  await page.getByText('Send something here').click();
  await page.getByTestId('send-key').fill('uploads/dog.jpg');
  await page.getByTestId('send-submit').click();
  await page.getByTestId('clear-added').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 1; i <= 4; i += 1) await pressAndWait(page, 'ArrowRight', i);
  const narration = await page.getByTestId('narration').innerText();
  // Autosave runs right after the screen updates; wait for it as a person would wait a moment.
  await page.waitForFunction(() => (localStorage.getItem('ldp.session') ?? '').includes('"step":4'));
  await page.reload();
  await ready(page);
  await atStep(page, 4);
  assert.equal(await page.getByTestId('narration').innerText(), narration);
  await playToEnd(page);
  const log = await logText(page);
  assert.match(log, /uploads\/dog\.jpg was uploaded/);
  assert.equal((log.match(/RetriesExhausted\)\./g) ?? []).length, 2, 'both uploads still fail after the reload');
});

browserTest('the inspector shows the AWS CLI command for the selected function in the brief\'s form', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  const cli = page.getByTestId('aws-cli');
  await cli.locator('summary').click();
  const text = await expectText(cli, /aws lambda put-function-event-invoke-config \\\n\s+--function-name resize-image/);
  assert.match(text, /--destination-config '\{"OnSuccess":\{"Destination":"arn:aws:sqs:us-east-2:123456789012:image-metadata"\},"OnFailure":\{"Destination":"arn:aws:sns:us-east-2:123456789012:image-alerts"\}\}'/);
});

browserTest('a scenario saved as a file opens again, and a broken file is refused without losing the current one', async ({ page }) => {
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('behaviour-select').selectOption('fail');
  const download = page.waitForEvent('download');
  await page.getByTestId('save-file').click();
  const saved = await (await download).path();
  const { readFile, writeFile } = await import('node:fs/promises');
  const text = await readFile(saved, 'utf8');
  assert.equal(JSON.parse(text).functions[0].behavior.outcome.type, 'error');

  const broken = `${saved}.broken.json`;
  await writeFile(broken, text.replace('"FunctionName": "resize-image"', '"FunctionNme": "resize-image"'));
  await page.getByTestId('open-file').setInputFiles(broken);
  const error = await expectText(page.getByTestId('open-error'), /unknown field `FunctionNme`/);
  assert.match(error, /functions\[0\]\.FunctionNme/);
  assert.match(error, /Your current scenario is unchanged\./);
  assert.equal(await page.getByTestId('node-resize-image').count(), 1);

  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  await page.getByTestId('open-file').setInputFiles(saved);
  await page.getByTestId('node-resize-image').waitFor();
  const last = Number(await page.getByTestId('scrubber').getAttribute('max'));
  await page.getByTestId('scrubber').fill(String(last));
  await atStep(page, last);
  assert.match(await logText(page), /RetriesExhausted/);
});

browserTest('the diagram has a text outline that reads every node as a sentence', async ({ page }) => {
  const outline = page.getByTestId('outline');
  await outline.locator('summary').click();
  await outline.locator('li').first().waitFor();
  const items = await outline.locator('li').allInnerTexts();
  assert.equal(items.length, 5);
  assert.ok(items.some((i) => /^SQS queue image-metadata, receives the success records of Lambda function resize-image, is read by an event source mapping that invokes Lambda function store-metadata/.test(i)), items.join('\n'));
});

browserTest('arrow keys move focus across the diagram and Enter opens a node, by keyboard alone', async ({ page }) => {
  const bucket = page.getByTestId('node-images');
  await bucket.focus();
  await page.keyboard.press('ArrowRight');
  await expectFocus(page, 'node-resize-image');
  await page.keyboard.press('ArrowDown');
  await expectFocus(page, 'node-image-alerts');
  await page.keyboard.press('Enter');
  await expectText(page.getByTestId('inspector'), /SNS topic: image-alerts/);
  assert.equal(await page.getByTestId('narration').innerText(), 'Press Play to start the simulation.', 'arrows on a node do not step the player');
});
