// The gallery's EventBridge lesson as a learner plays it: an EventBridge rule with anything-but
// routes a function's failure records by detail.responsePayload.errorType.

import assert from 'node:assert/strict';
import { browserTest } from './support/browser.mjs';
import { logText, playToEnd } from './support/player.mjs';
import { atStep, expectCount, expectText } from './support/wait.mjs';

const LESSON = 'EventBridge destination: route failures by error type';

/** Selects a node and waits until the inspector shows it. */
async function inspect(page, name) {
  await page.getByTestId(`node-${name}`).click();
  await expectText(page.getByTestId('inspector').locator('h2'), new RegExp(`: ${name}$`));
}

browserTest('a failing function\'s records reach the on-call queue through the anything-but rule, and none reaches triage', async ({ page }) => {
  await page.getByTestId('scenario-select').selectOption({ label: LESSON });
  await page.getByTestId('node-oncall').waitFor();
  await atStep(page, 0);

  // Make score-lead fail every time: its errorType becomes Error, which is not ValueError.
  await inspect(page, 'score-lead');
  await page.getByTestId('behaviour-select').selectOption('fail');
  await playToEnd(page);
  assert.match(await logText(page), /2 rules on results matched the event\./);

  await inspect(page, 'oncall');
  const bodies = page.getByTestId('received-body');
  await expectCount(bodies, 3, { message: 'one record per invoke' });
  for (const text of await bodies.allInnerTexts()) {
    const event = JSON.parse(text);
    assert.equal(event.source, 'lambda');
    assert.equal(event['detail-type'], 'Lambda Function Invocation Result - Failure');
    assert.equal(event.detail.requestContext.condition, 'RetriesExhausted');
    assert.equal(event.detail.responsePayload.errorType, 'Error');
  }

  // The rule that matches errorType ValueError exactly routes nothing now.
  await inspect(page, 'triage');
  await page.getByTestId('nothing-received').waitFor();
});
