// Recording a lesson as a workshop author does: the diagram on screen becomes the start, each
// step is the author's own edits, and the lesson is saved as a file whose checklists the
// simulator wrote from what changed. Nothing recorded is lost to a mistake in the form.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axeViolations } from './support/axe.mjs';
import { browserTest } from './support/browser.mjs';
import { DRIVERS } from './support/editor.mjs';
import { expectText, expectValueOf } from './support/wait.mjs';

const drive = DRIVERS.pointer;

/** Starts recording from the lesson list. */
async function startRecording(page) {
  await page.getByTestId('lessons-open').click();
  await page.getByTestId('lesson-list').waitFor();
  await page.getByTestId('record-start').click();
  await page.getByTestId('recorder').waitFor();
}

/** Ends the step once the recorder has seen the change, and waits until it is counted. */
async function endStep(page, recorded) {
  const button = page.getByTestId('record-step');
  await button.and(page.locator(':enabled')).waitFor();
  await button.click();
  await expectText(page.getByTestId('recorder-status'), new RegExp(`: ${recorded}\\b|${recorded}개`));
}

browserTest('an author records two steps and saves a lesson whose checklists come from the edits', async ({ page }) => {
  await startRecording(page);
  await expectText(page.getByTestId('recorder-status'), /Steps recorded: 0\. Change the diagram for step 1/);
  assert.equal(await page.getByTestId('record-step').isDisabled(), true, 'nothing to end before a change');

  await drive.behaviour(page, 'resize-image', 'fail');
  await endStep(page, 1);
  await drive.setting(page, 'resize-image', 'EventInvokeConfig-MaximumRetryAttempts', 0);
  await endStep(page, 2);

  await page.getByTestId('record-id').fill('fail-fast');
  await page.getByTestId('record-title-en').fill('Fail fast');
  await page.getByTestId('record-title-ko').fill('빨리 실패하기');
  await page.getByTestId('record-summary-en').fill('Turn retries off for a failing function.');
  await page.getByTestId('record-summary-ko').fill('실패하는 함수의 재시도를 끕니다.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-save').click()]);
  assert.equal(download.suggestedFilename(), 'fail-fast.json');
  const lesson = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(lesson.id, 'fail-fast');
  assert.deepEqual(lesson.title, { en: 'Fail fast', ko: '빨리 실패하기' });
  assert.equal(lesson.steps.length, 2);
  // Step 1: the failure the author chose, and where the run's records now go.
  assert.deepEqual(lesson.steps[0].solution.map((edit) => Object.keys(edit)[0]), ['set']);
  assert.ok(
    lesson.steps[0].goal.all.some((g) => g.events?.target === 'topic:image-alerts' && g.events?.via === 'onFailure'),
    JSON.stringify(lesson.steps[0].goal),
  );
  // Step 2: only what step 2 changed.
  assert.deepEqual(lesson.steps[1].goal.all[0], {
    setting: { of: 'function:resize-image', field: '/EventInvokeConfig/MaximumRetryAttempts', equals: 0 },
  });
  await expectText(page.getByTestId('record-saved'), /Saved fail-fast\.json: lesson check finds nothing to fix/);
  assert.deepEqual(await axeViolations(page), []);
});

browserTest('a mistake in the save form is named beside it and every recorded step is kept', async ({ page }) => {
  await startRecording(page);
  await drive.setting(page, 'resize-image', 'EventInvokeConfig-MaximumRetryAttempts', 1);
  await endStep(page, 1);
  await page.getByTestId('record-id').fill('My Lesson');
  await page.getByTestId('record-save').click();
  await expectText(page.getByTestId('record-error'), /“My Lesson” may only have lower-case letters/);
  await expectText(page.getByTestId('recorder-status'), /Steps recorded: 1/);

  // Stopping asks first when steps would be lost; keeping goes on recording.
  await page.getByTestId('record-stop').click();
  await expectText(page.locator('#record-stop-question'), /The 1 recorded steps are discarded; your diagram stays/);
  await page.getByTestId('record-keep').click();
  await expectText(page.getByTestId('recorder-status'), /Steps recorded: 1/);
  await page.getByTestId('record-stop').click();
  await page.getByTestId('record-discard').click();
  await page.getByTestId('recorder').waitFor({ state: 'detached' });
  // The diagram the author made stays.
  await drive.select(page, 'resize-image');
  await expectValueOf(page.getByTestId('setting-EventInvokeConfig-MaximumRetryAttempts'), '1');
});

browserTest('a Korean author reads the recorder and its errors in Korean', async ({ page }) => {
  await startRecording(page);
  await expectText(page.getByTestId('recorder-status'), /녹화한 단계: 0개/);
  await drive.setting(page, 'resize-image', 'EventInvokeConfig-MaximumRetryAttempts', 0);
  await endStep(page, 1);
  await page.getByTestId('record-title-en').fill('Only English');
  await page.getByTestId('record-summary-en').fill('Summary');
  await page.getByTestId('record-summary-ko').fill('요약');
  await page.getByTestId('record-save').click();
  await expectText(page.getByTestId('record-error'), /제목을 영어와 한국어로 모두 쓰세요/);
}, { path: '?lang=ko' });
