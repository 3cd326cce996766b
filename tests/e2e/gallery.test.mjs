// Every gallery scenario opens, validates and plays to its end in the browser, in both languages.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { atStep, eventually, expectCount, expectText } from './support/wait.mjs';

browserTest('every gallery scenario opens and plays to the end without an error', async ({ page }) => {
  const select = page.getByTestId('scenario-select');
  const count = await select.locator('option').count();
  assert.ok(count >= 10, `the gallery lists the brief's scenarios and the lessons (${count})`);
  for (let i = 0; i < count; i += 1) {
    await select.selectOption({ index: i });
    // The previous scenario was left at its end, so step 0 shows once this one has opened.
    await atStep(page, 0);
    const scrubber = page.getByTestId('scrubber');
    const max = await scrubber.getAttribute('max');
    assert.ok(Number(max) > 0, `scenario ${i} has events`);
    await scrubber.fill(max);
    await atStep(page, Number(max));
    await page.getByText('End of run.').waitFor();
    await expectCount(page.getByTestId('no-findings'), 1, { message: `scenario ${i} is a configuration AWS accepts` });
  }
});

browserTest('the lessons read in Korean too', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  const title = '재귀 루프 감지가 폭주하는 체인을 멈춥니다';
  await eventually(
    () => page.getByTestId('scenario-select').locator('option').allInnerTexts(),
    (titles) => assert.ok(titles.includes(title), titles.join(' | ')),
  );
  await page.getByTestId('scenario-select').selectOption({ label: title });
  await page.getByTestId('node-ping').waitFor();
  const scrubber = page.getByTestId('scrubber');
  const max = Number(await scrubber.getAttribute('max'));
  await scrubber.fill(String(max));
  await atStep(page, max);
  await expectText(page.getByTestId('event-log'), /재귀 루프 감지: 같은 요청 체인에서 17번째 호출이므로 Lambda가 ping 호출을 중단했습니다/);
});
