// Lessons as a learner meets them: open one from the list, follow its steps by pointer or by
// keyboard alone, read the checklist the simulator checks after every change, see what the run
// did instead of a wrong answer, take a hint or the solution (and undo it), come back after a
// reload, open a deep link in Korean, and follow a lesson embedded in another site's page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations } from './support/axe.mjs';
import { BASE_URL, browserTest, finish, launch, open } from './support/browser.mjs';
import { addFromPalette, DRIVERS, tabTo } from './support/editor.mjs';
import { firstFrame, withHostPage } from './support/host.mjs';
import { eventually, expectAttribute, expectFocus, expectText, expectValueOf, ready } from './support/wait.mjs';

const LESSON = 'on-failure-basics';

/** The checklist lines of the step shown, once the simulator has checked them. */
const items = (page) => page.getByTestId('lesson-item');

/** Waits until every line of the step's checklist is ticked, and the step says it passed. */
async function stepPasses(page) {
  await page.getByTestId('lesson-passed').waitFor();
  await eventually(() => items(page).evaluateAll((lines) => lines.map((l) => l.dataset.passed)), (passed) => {
    assert.ok(passed.length > 0, 'the checklist has lines');
    assert.ok(passed.every((p) => p === 'true'), `every line is ticked: ${passed}`);
  });
}

/** Opens the lesson from the header's list and starts its first step. */
async function openLesson(page) {
  await page.getByTestId('lessons-open').click();
  await page.getByTestId(`lesson-${LESSON}`).click();
  await page.getByTestId('lesson-panel').waitFor();
  await page.getByTestId('lesson-start').click();
  await expectText(page.getByTestId('lesson-step-title'), 'Make it fail');
}

browserTest('a learner completes the OnFailure lesson by pointer, each step ticked by the simulator', async ({ page }) => {
  const drive = DRIVERS.pointer;
  await openLesson(page);
  await expectAttribute(items(page).first(), 'data-passed', 'false');
  await expectText(items(page).first(), /At least 3 failed attempts at resize-image/);

  await drive.behaviour(page, 'resize-image', 'fail');
  await stepPasses(page);
  await expectText(page.getByTestId('lesson-passed'), /RetriesExhausted/);
  await page.getByTestId('lesson-next').click();

  await expectText(page.getByTestId('lesson-step-title'), 'Alert at once');
  await drive.setting(page, 'resize-image', 'EventInvokeConfig-MaximumRetryAttempts', 0);
  await stepPasses(page);
  await page.getByTestId('lesson-next').click();

  await expectText(page.getByTestId('lesson-step-title'), 'Keep failures in a queue');
  await addFromPalette(page, 'queue', 'image-failures');
  await drive.link(page, 'resize-image', 'image-failures', 'on-failure');
  // The function already sends OnFailure to image-alerts: the playground asks before replacing it.
  await expectText(page.getByTestId('replace-question'), /resize-image already sends OnFailure to image-alerts; replace it with image-failures\?/);
  await page.getByTestId('replace-confirm').click();
  await stepPasses(page);
  await expectText(page.getByTestId('lesson-passed'), /Lesson complete/);
});

browserTest('a learner completes the retries lesson with the keyboard alone', async ({ page }) => {
  const drive = DRIVERS.keyboard;
  const next = async (title) => {
    await stepPasses(page);
    await tabTo(page, 'lesson-next', { back: true });
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('lesson-step-title'), title);
  };
  await tabTo(page, 'lessons-open');
  await page.keyboard.press('Enter');
  // The list arrives once every lesson file has been read.
  await page.getByTestId('lesson-list').waitFor();
  await tabTo(page, 'lesson-retries-and-waits', { max: 40 });
  await page.keyboard.press('Enter');
  await page.getByTestId('lesson-panel').waitFor();
  await tabTo(page, 'lesson-start');
  await page.keyboard.press('Enter');
  // The new step's heading takes the focus, so reading starts there.
  await expectFocus(page, 'lesson-step-title');
  await expectText(page.getByTestId('lesson-step-title'), 'Bring back the retries');

  await drive.setting(page, 'notify-crm', 'EventInvokeConfig-MaximumRetryAttempts', 2);
  await next('One retry, an answer within 2 minutes');
  await drive.setting(page, 'notify-crm', 'EventInvokeConfig-MaximumRetryAttempts', 1);
  await next('A timeout is an error too');
  await drive.behaviour(page, 'notify-crm', 'timeout');
  await stepPasses(page);
  await expectText(page.getByTestId('lesson-passed'), /Next lesson/);
  await expectText(page.getByTestId('lesson-step-button').last(), /^3 ✓/);
});

browserTest('a wrong answer shows what the run did instead, and the step it points at opens in the player', async ({ page }) => {
  await page.goto(new URL(`?lesson=${LESSON}&step=3`, BASE_URL).href);
  await ready(page);
  await expectText(page.getByTestId('lesson-step-title'), 'Keep failures in a queue');
  await addFromPalette(page, 'queue', 'image-failures');
  // A dead-letter queue instead of the OnFailure destination.
  await DRIVERS.pointer.link(page, 'resize-image', 'image-failures', 'dlq');
  // The link is not the destination asked for, and the record went where the destination is.
  await expectText(items(page).first(), /OnFailure destination goes to the topic image-alerts now/);
  await expectAttribute(items(page).first(), 'data-passed', 'false');
  const delivery = items(page).nth(1);
  await expectText(delivery, /The run had none\. Closest in the run: Step \d+: The topic image-alerts received/);
  await expectAttribute(delivery, 'data-passed', 'false');
  const show = delivery.getByTestId('lesson-show-step').first();
  const label = await show.textContent();
  const step = Number(label.match(/\d+/)[0]);
  await show.click();
  await expectText(page.getByTestId('step-counter'), new RegExp(` ${step} `));
});

browserTest('a hint at a time, then the solution as one change that undo takes back', async ({ page }) => {
  await openLesson(page);
  await page.getByTestId('lesson-hint').click();
  await expectText(page.getByTestId('lesson-hints'), /inspector/);
  await page.getByTestId('lesson-hint').click();
  await expectText(page.getByTestId('lesson-hints'), /Choose Fail/);
  assert.equal(await page.getByTestId('lesson-hint').count(), 0, 'no hint is left to reveal');

  await page.getByTestId('lesson-show-solution').click();
  await page.getByTestId('lesson-confirm').waitFor();
  await page.getByTestId('lesson-apply-solution').click();
  await stepPasses(page);
  await page.getByTestId('lesson-solution-used').waitFor();

  await page.getByTestId('undo').click();
  await expectAttribute(items(page).first(), 'data-passed', 'false');
  await expectText(items(page).first(), /The run had none/);
});

browserTest('progress survives a reload: the lesson reopens at its step with the passed step ticked', async ({ page }) => {
  await openLesson(page);
  await DRIVERS.pointer.behaviour(page, 'resize-image', 'fail');
  await stepPasses(page);
  await page.getByTestId('lesson-next').click();
  await expectText(page.getByTestId('lesson-step-title'), 'Alert at once');
  await eventually(() => page.evaluate((id) => localStorage.getItem(`ldp.lesson.${id}`) ?? '', LESSON), (kept) => assert.match(kept, /"step":1/));

  await page.reload();
  await ready(page);
  await expectText(page.getByTestId('lesson-step-title'), 'Alert at once');
  await expectText(page.getByTestId('lesson-step-button').first(), /^1 ✓/);
  // The learner's own diagram came back too: the function still fails.
  await page.getByTestId('node-resize-image').click();
  await expectValueOf(page.getByTestId('behaviour-select'), 'fail');
});

browserTest('a deep link opens the lesson at its step, in Korean, with the diagram as that step begins', async ({ page }) => {
  await page.goto(new URL(`?lesson=${LESSON}&step=2&lang=ko`, BASE_URL).href);
  await ready(page);
  await expectText(page.getByTestId('lesson-step-title'), '바로 알리기');
  await expectText(page.getByTestId('lesson-panel'), /3단계 중 2단계/);
  await expectText(items(page).first(), /resize-image의 MaximumRetryAttempts 값이 0입니다/);
  // Step 1's solution is in place: the function fails, so the alert already reaches the topic.
  await expectAttribute(items(page).nth(2), 'data-passed', 'false');
  await expectText(items(page).nth(2), /실행에서/);
});

browserTest('an embedded lesson posts the learner\'s progress to a host page of another origin', async (session) => {
  const { page } = session;
  const src = new URL(`?embed=1&lesson=${LESSON}&step=1`, BASE_URL).href;
  const host = `<!doctype html><html><head><meta charset="utf-8"><title>Workshop</title></head><body>
<iframe src="${src}" title="Lesson" style="width: 1200px; height: 900px"></iframe>
<script>
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'lambda-destinations-playground:lesson-progress') {
      document.body.dataset.progress = JSON.stringify(event.data);
    }
  });
</script></body></html>`;
  await withHostPage(session, host, async (url) => {
    await page.goto(url);
    const frame = await firstFrame(page);
    await ready(frame);
    await expectText(frame.getByTestId('lesson-step-title'), 'Make it fail');
    await frame.getByTestId('lesson-show-solution').click();
    await frame.getByTestId('lesson-apply-solution').click();
    await frame.getByTestId('lesson-passed').waitFor();
    await eventually(() => page.evaluate(() => document.body.dataset.progress ?? ''), (progress) => {
      assert.ok(progress, 'the host page heard from the lesson');
      const message = JSON.parse(progress);
      assert.equal(message.lesson, LESSON);
      assert.deepEqual(message.passed, ['make-it-fail']);
      assert.deepEqual(message.solutionUsed, ['make-it-fail']);
    });
    assert.equal(await page.evaluate(() => localStorage.getItem('ldp.lesson')), null, 'an embed keeps nothing in the reader\'s storage');
  });
});

for (const [name, query, colorScheme] of [['English, light', '', 'light'], ['Korean, dark', '&lang=ko&theme=dark', 'dark']]) {
  browserTest(`an open lesson with a failing line, a hint and a passed step has no WCAG 2.1 A or AA violation (${name})`, async ({ page }) => {
    await page.goto(new URL(`?lesson=${LESSON}&step=3${query}`, BASE_URL).href);
    await ready(page);
    await page.getByTestId('lesson-item-detail').first().waitFor();
    await page.getByTestId('lesson-hint').click();
    await page.getByTestId('lesson-hints').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByTestId('lesson-show-solution').click();
    await page.getByTestId('lesson-apply-solution').click();
    await stepPasses(page);
    assert.deepEqual(await axeViolations(page), []);
  }, { browser: { colorScheme } });
}

browserTest('the presenter\'s keys drive the lesson and the speaker notes window follows it', async ({ page, context }) => {
  await page.goto(new URL(`?lesson=${LESSON}&step=1&present`, BASE_URL).href);
  await ready(page);
  await expectText(page.getByTestId('lesson-step-title'), 'Make it fail');
  const [notes] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByTestId('lesson-notes-window').click(),
  ]);
  await ready(notes);
  await expectText(notes.getByTestId('notes-step'), 'Step 1 of 3 · Make it fail');
  await expectText(notes.getByTestId('notes-text'), /Ask the room how many times/);

  // H shows the next hint, in the lesson and in the notes window.
  await page.getByTestId('lesson-step-title').focus();
  await page.keyboard.press('h');
  await page.getByTestId('lesson-hints').waitFor();
  await expectText(notes.locator('li.shown').first(), /Click resize-image/);
  // S asks before it shows the solution; N goes on once the step has passed.
  await page.keyboard.press('s');
  await page.getByTestId('lesson-apply-solution').click();
  await page.getByTestId('lesson-passed').waitFor();
  await page.getByTestId('lesson-step-title').focus();
  await page.keyboard.press('n');
  await expectText(page.getByTestId('lesson-step-title'), 'Alert at once');
  await expectText(notes.getByTestId('notes-step'), 'Step 2 of 3 · Alert at once');
  await page.keyboard.press('p');
  await expectText(notes.getByTestId('notes-step'), 'Step 1 of 3 · Make it fail');
});

browserTest('the room link carries the lesson, step and language, with its QR code', async ({ page }) => {
  await page.goto(new URL(`?lesson=${LESSON}&step=2&lang=ko`, BASE_URL).href);
  await ready(page);
  await page.getByTestId('lesson-room-link').click();
  await page.getByTestId('room-qr').locator('svg').waitFor();
  const link = await page.getByTestId('room-link').innerText();
  const url = new URL(link);
  assert.equal(url.searchParams.get('lesson'), LESSON);
  assert.equal(url.searchParams.get('step'), '2');
  assert.equal(url.searchParams.get('lang'), 'ko');
  await page.goto(link);
  await ready(page);
  await expectText(page.getByTestId('lesson-step-title'), '바로 알리기');
});

browserTest('progress saved as a file opens in another browser, and a file that is not progress is refused with the reason', async ({ page }) => {
  await openLesson(page);
  await page.getByTestId('lesson-show-solution').click();
  await page.getByTestId('lesson-apply-solution').click();
  await stepPasses(page);
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('lesson-list').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('progress-save').click()]);
  const saved = await readFile(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(saved).lessons[LESSON].passed, ['make-it-fail']);

  // Another browser: nothing kept yet, then the file.
  const other = await launch();
  try {
    await open(other);
    await ready(other.page);
    await other.page.getByTestId('lessons-open').click();
    await other.page.getByTestId('lesson-list').waitFor();
    await other.page.getByTestId('progress-open').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something else"}') });
    await expectText(other.page.getByTestId('progress-message'), /is not saved lesson progress \(`format` is not/);
    await other.page.getByTestId('progress-open').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
    await expectText(other.page.getByTestId('progress-message'), /restored: 1\./);
    await expectText(other.page.getByTestId(`lesson-${LESSON}`), /1 of 3 steps done/);
  } finally {
    await finish(other, 'progress-file-other-browser', undefined);
  }
});
