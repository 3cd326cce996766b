// Every gallery scenario opens, validates and plays to its end in the browser, in both languages.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';

browserTest('every gallery scenario opens and plays to the end without an error', async ({ page }) => {
  const select = page.getByTestId('scenario-select');
  await select.waitFor({ timeout: 15_000 });
  const count = await select.locator('option').count();
  assert.ok(count >= 10, `the gallery lists the brief's scenarios and the lessons (${count})`);
  for (let i = 0; i < count; i += 1) {
    await select.selectOption({ index: i });
    const scrubber = page.getByTestId('scrubber');
    const max = await scrubber.getAttribute('max');
    assert.ok(Number(max) > 0, `scenario ${i} has events`);
    await scrubber.fill(max);
    await page.getByText('End of run.').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('no-findings').count(), 1, `scenario ${i} is a configuration AWS accepts`);
  }
});

browserTest('the lessons read in Korean too', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  const titles = await page.getByTestId('scenario-select').locator('option').allInnerTexts();
  assert.ok(titles.includes('재귀 루프 감지가 폭주하는 체인을 멈춥니다'), titles.join(' | '));
  await page.getByTestId('scenario-select').selectOption({ label: '재귀 루프 감지가 폭주하는 체인을 멈춥니다' });
  const scrubber = page.getByTestId('scrubber');
  await scrubber.fill(await scrubber.getAttribute('max'));
  assert.match(await page.getByTestId('event-log').innerText(), /재귀 루프 감지: 같은 요청 체인에서 17번째 호출이므로 Lambda가 ping 호출을 중단했습니다/);
});
