// The editor, as a learner uses it: the brief's two scenarios drawn from an empty canvas, once
// with the pointer and once with the keyboard alone, run, and checked at each destination; links
// AWS refuses are refused with AWS's message; undo and reload bring back exactly what was there.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { addFromPalette, build, received } from './support/editor.mjs';
import { eventually, expectCount, expectFocus, expectText, ready } from './support/wait.mjs';

const IMAGE_PROCESSING = [
  ['add', 'bucket', 'images'],
  ['add', 'function', 'resize-image'],
  ['add', 'queue', 'image-metadata'],
  ['add', 'topic', 'image-alerts'],
  ['link', 'images', 'resize-image'],
  ['link', 'resize-image', 'image-metadata', 'on-success'],
  ['link', 'resize-image', 'image-alerts', 'on-failure'],
  ['send', 'images', 'uploads/cat.jpg'],
];

const KINESIS_WITH_DLQ = [
  ['add', 'kinesisStream', 'clicks'],
  ['add', 'function', 'process-clicks'],
  ['add', 'queue', 'clicks-failures'],
  ['link', 'clicks', 'process-clicks'],
  ['link', 'process-clicks', 'clicks-failures', 'mapping-on-failure'],
  ['setting', 'process-clicks', 'MaximumRetryAttempts', 2],
  ['behaviour', 'process-clicks', 'fail'],
  ['send', 'clicks', 'user-7', '{"page":"/cart"}'],
];

for (const driver of ['pointer', 'keyboard']) {
  browserTest(`the image scenario drawn from an empty canvas by ${driver} sends its success record to the queue`, async ({ page }) => {
    await build(page, driver, IMAGE_PROCESSING);
    const [record] = await received(page, 'image-metadata');
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestContext.functionArn, 'arn:aws:lambda:us-east-2:123456789012:function:resize-image:$LATEST');
    assert.equal(record.requestPayload.Records[0].s3.object.key, 'uploads/cat.jpg');
    assert.equal(await page.getByTestId('node-image-alerts').getAttribute('data-status'), 'idle');
  }, { timeout: 120_000 });

  browserTest(`the Kinesis scenario drawn from an empty canvas by ${driver} sends the failed batch to the mapping's OnFailure queue`, async ({ page }) => {
    await build(page, driver, KINESIS_WITH_DLQ);
    const [message] = await received(page, 'clicks-failures');
    assert.equal(message.requestContext.condition, 'RetryAttemptsExhausted');
    assert.equal(message.requestContext.approximateInvokeCount, 3);
    assert.equal(message.KinesisBatchInfo.batchSize, 1);
    assert.equal(message.KinesisBatchInfo.streamArn, 'arn:aws:kinesis:us-east-2:123456789012:stream/clicks');
  }, { timeout: 120_000 });
}

browserTest('a function linked to itself is refused with the Lambda API message', async ({ page }) => {
  const port = await page.getByTestId('port-resize-image').boundingBox();
  const node = await page.getByTestId('node-resize-image').boundingBox();
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(node.x + 40, node.y + 30, { steps: 6 });
  await page.mouse.up();
  const dialog = page.getByTestId('link-dialog');
  await expectText(
    dialog.getByTestId('refused-on-success'),
    /An error occurred \(InvalidParameterValueException\) when calling the PutFunctionEventInvokeConfig operation: You can't specify the function as a destination for itself\./,
  );
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'node-resize-image');
});

browserTest("the brief's OnFailure on an SQS mapping is refused with AWS's message and a redrive policy is offered instead", async ({ page }) => {
  await page.getByTestId('new-empty').click();
  await page.getByTestId('empty-canvas').waitFor();
  for (const [kind, name] of [['queue', 'orders'], ['function', 'process-orders'], ['queue', 'orders-dlq']]) {
    await addFromPalette(page, kind, name);
  }
  await page.getByTestId('node-orders').click();
  await page.getByTestId('node-orders').focus();
  await page.keyboard.press('l');
  await page.getByTestId('target-process-orders').click();
  await page.getByTestId('link-orders-process-orders').waitFor();

  await page.getByTestId('node-process-orders').focus();
  await page.keyboard.press('l');
  await page.getByTestId('target-orders-dlq').click();
  await expectText(page.getByTestId('refused-mapping-on-failure'), /Unsupported DestinationConfig parameter for given event source mapping type\./);
  // The async destinations stay available as alternatives.
  await page.getByTestId('link-kind-on-failure').waitFor();
  await page.getByTestId('dialog-close').click();
  await page.getByTestId('link-dialog').waitFor({ state: 'detached' });

  await page.getByTestId('node-orders').focus();
  await page.keyboard.press('l');
  await page.getByTestId('target-orders-dlq').click();
  await page.getByTestId('link-orders-orders-dlq').waitFor();
  assert.equal(await page.getByTestId('link-orders-orders-dlq').getAttribute('data-kind'), 'redrive');
});

browserTest('undo, redo and reload bring back exactly what was drawn', async ({ page }) => {
  await page.getByTestId('new-empty').click();
  await page.getByTestId('empty-canvas').waitFor();
  await page.getByTestId('palette-function').click();
  await page.getByTestId('node-function-1').waitFor();
  await page.getByTestId('palette-queue').click();
  await page.getByTestId('node-queue-1').waitFor();
  await page.getByTestId('node-function-1').focus();
  await page.keyboard.press('l');
  await page.getByTestId('target-queue-1').click();
  await page.getByTestId('link-kind-dlq').waitFor();
  await page.getByTestId('link-kind-dlq').click();
  await page.getByTestId('link-function-1-queue-1').waitFor();
  await page.getByTestId('outline').locator('summary').click();
  await page.getByTestId('outline').locator('li').first().waitFor();
  const drawn = await page.getByTestId('outline').innerText();
  assert.match(drawn, /function-1.*queue-1/s);

  await page.getByTestId('node-queue-1').focus();
  await page.keyboard.press('Delete');
  await page.getByTestId('node-queue-1').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('link-function-1-queue-1').count(), 0);

  await page.keyboard.press('Control+z');
  await page.getByTestId('link-function-1-queue-1').waitFor();
  await expectText(page.getByTestId('outline'), drawn);
  await page.keyboard.press('Control+Shift+z');
  await page.getByTestId('node-queue-1').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  await page.getByTestId('node-queue-1').waitFor();

  // Moved with the keyboard (the node keeps focus from one move to the next), then reloaded:
  // the same nodes, links and places.
  const [x, y] = (await page.getByTestId('node-queue-1').getAttribute('transform')).match(/-?[\d.]+/g).map(Number);
  await page.getByTestId('node-queue-1').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="node-queue-1"]')?.getAttribute('transform') === expected,
    // Two 20-unit steps right, on the 20-unit grid.
    `translate(${Math.round(x / 20) * 20 + 40},${Math.round(y / 20) * 20})`,
  );
  await expectFocus(page, 'node-queue-1');
  const placed = await page.getByTestId('node-queue-1').getAttribute('transform');
  await page.reload();
  await ready(page);
  await page.getByTestId('node-queue-1').waitFor();
  await page.getByTestId('outline').locator('summary').click();
  await page.getByTestId('outline').locator('li').first().waitFor();
  assert.equal(await page.getByTestId('outline').innerText(), drawn);
  assert.equal(await page.getByTestId('node-queue-1').getAttribute('transform'), placed);
});

browserTest('a renamed resource keeps its links, and a name AWS rejects is refused next to the field', async ({ page }) => {
  await page.getByTestId('node-image-metadata').click();
  const input = page.getByTestId('rename-input');
  await input.fill('bad name!');
  await input.press('Enter');
  await expectText(page.getByTestId('rename-error'), /InvalidParameterValue/);
  await page.getByTestId('node-image-metadata').waitFor();

  await input.fill('thumbnails');
  await input.press('Enter');
  await page.getByTestId('node-thumbnails').waitFor();
  await page.getByTestId('link-resize-image-thumbnails').waitFor();
  await page.getByTestId('aws-cli').locator('summary').click();
  await expectText(page.getByTestId('aws-cli'), /--queue-name thumbnails/);
});

browserTest('the shortcut sheet opens with ? and closes with Escape', async ({ page }) => {
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expectText(sheet, /Ctrl\+Z/);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
});

browserTest('a diagram saved under a name comes back after a new canvas and a reload', async ({ page }) => {
  await page.getByTestId('node-image-metadata').click();
  await page.getByTestId('rename-input').fill('named-queue');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-named-queue').waitFor();
  await page.getByTestId('diagrams-menu').locator('summary').click();
  await page.getByTestId('diagram-name').fill('lesson a');
  await page.getByTestId('diagram-save').click();
  await page.getByTestId('diagram-open-lesson a').waitFor();
  await page.getByTestId('diagrams-menu').locator('summary').click();

  await page.getByTestId('new-empty').click();
  await page.getByTestId('empty-canvas').waitFor();
  await page.reload();
  await ready(page);
  await page.getByTestId('empty-canvas').waitFor();
  await page.getByTestId('diagrams-menu').locator('summary').click();
  await page.getByTestId('diagram-open-lesson a').click();
  await page.getByTestId('node-named-queue').waitFor();
  await page.getByTestId('link-resize-image-named-queue').waitFor();

  await page.getByTestId('diagram-delete-lesson a').click();
  await page.getByTestId('diagram-open-lesson a').waitFor({ state: 'detached' });
});

browserTest('dragging a node moves it and its links, snapped to the grid, and undo puts it back', async ({ page }) => {
  const node = page.getByTestId('node-image-alerts');
  const before = await node.getAttribute('transform');
  const path = page.getByTestId('link-resize-image-image-alerts').locator('.edge');
  const pathBefore = await path.getAttribute('d');
  const box = await node.boundingBox();
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 140, { steps: 12 });
  await page.mouse.up();
  await page.waitForFunction((b) => document.querySelector('[data-testid="node-image-alerts"]').getAttribute('transform') !== b, before);
  const after = await node.getAttribute('transform');
  assert.match(after, /^translate\(\d+0,\d+0\)$/, 'snapped to the 20 px grid');
  assert.notEqual(await path.getAttribute('d'), pathBefore, 'the link follows');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((b) => document.querySelector('[data-testid="node-image-alerts"]').getAttribute('transform') === b, before);
  assert.equal(await path.getAttribute('d'), pathBefore, 'the link is back where it was');
  await page.reload();
  await ready(page);
  await node.waitFor();
  assert.equal(await node.getAttribute('transform'), before, 'the undone move stays undone after a reload');
});

browserTest('two fingers pinch to zoom and move together to pan', async ({ page }) => {
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  const viewBox = async () => (await canvas.getAttribute('viewBox')).split(' ').map(Number);
  const before = await viewBox();
  // Touch pointers on an empty part of the background (bottom right), as a tablet sends them.
  const fire = (type, id, x, y) => canvas.evaluate((svg, [type, id, x, y]) => {
    svg.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: x, clientY: y, button: 0, bubbles: true }));
  }, [type, id, x, y]);
  const y = box.y + box.height - 30;
  const x = box.x + box.width - 200;
  await fire('pointerdown', 1, x, y);
  await fire('pointerdown', 2, x + 100, y);
  for (let i = 1; i <= 5; i += 1) await fire('pointermove', 2, x + 100 + i * 20, y);
  const zoomed = await eventually(viewBox, (v) =>
    assert.ok(v[2] < before[2] * 0.6 && v[2] > before[2] * 0.4, `spreading the fingers twice as far about halves the visible width: ${before} → ${v}`));
  for (let i = 1; i <= 5; i += 1) {
    await fire('pointermove', 1, x - i * 10, y);
    await fire('pointermove', 2, x + 200 - i * 10, y);
  }
  await eventually(viewBox, (v) => assert.ok(v[0] > zoomed[0], `moving both fingers left pans right: ${zoomed} → ${v}`));
  await fire('pointerup', 2, x + 150, y);
  await fire('pointerup', 1, x - 50, y);
  // The fingers lifted, a click works again: the whole diagram, then a node of it.
  await page.getByTestId('fit-view').click();
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('inspector').waitFor();
});

browserTest('a hostile resource name is drawn as text, never as markup', async ({ page }) => {
  const name = '<img src=x onerror="window.pwned=1">&amp;';
  const scenario = { version: 1, functions: [{ FunctionName: name }] };
  await page.getByTestId('open-file').setInputFiles({
    name: 'hostile.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  const node = page.getByTestId(`node-${name}`);
  await node.waitFor();
  assert.equal(await page.getByTestId('canvas').locator('.node-name').textContent(), '<img src=x oner…');
  assert.equal(await page.getByTestId('canvas').locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // It is dragged and refocused like any other node: its name never goes into a CSS selector.
  const before = await node.getAttribute('transform');
  const box = await node.boundingBox();
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 70, { steps: 4 });
  await eventually(() => node.getAttribute('transform'), (during) => assert.notEqual(during, before, 'the node follows the pointer while dragged'));
  await page.mouse.up();
  await node.focus();
  await page.keyboard.press('f');
  await page.getByTestId('menu-fault-fail-next').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('menu-fault-fail-next').waitFor({ state: 'detached' });
  await expectFocus(page, `node-${name}`);
});

browserTest('Space plays and pauses; held down, a drag on a node pans the canvas instead', async ({ page }) => {
  const canvas = page.getByTestId('canvas');
  const node = page.getByTestId('node-resize-image');
  // Pressed and released alone: play, then pause.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await page.getByTestId('player-pause').waitFor();
  await page.keyboard.press(' ');
  await page.getByTestId('player-play').waitFor();

  // Held while dragging a node: the view moves, the node stays, and nothing plays.
  const before = { viewBox: await canvas.getAttribute('viewBox'), node: await node.getAttribute('transform') };
  const box = await node.boundingBox();
  await page.keyboard.down(' ');
  await page.mouse.move(box.x + 90, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y - 40, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  const [x0, y0] = before.viewBox.split(' ').map(Number);
  await eventually(async () => (await canvas.getAttribute('viewBox')).split(' ').map(Number), ([x, y]) =>
    assert.ok(x > x0 && y > y0, `dragging left and up shows what is right and below: ${before.viewBox} → ${x} ${y}`));
  assert.equal(await node.getAttribute('transform'), before.node);
  // Keys are handled in order: once the speed nudged by the next key shows, the released Space
  // has been handled too.
  const speed = page.getByTestId('speed-select');
  const speedBefore = await speed.inputValue();
  await page.keyboard.press('+');
  await eventually(() => speed.inputValue(), (value) => assert.notEqual(value, speedBefore));
  assert.equal(await page.getByTestId('player-play').count(), 1, 'releasing Space after a pan does not play');
});
