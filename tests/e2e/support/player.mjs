// What a learner does with the player, shared by the end-to-end specs.

/** Plays the run at 16× until the log says it ended. */
export async function playToEnd(page) {
  await page.getByTestId('speed-select').selectOption('16');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByText('End of run.').waitFor({ timeout: 30_000 });
}

/** The event log as one line of text. */
export async function logText(page) {
  return (await page.getByTestId('event-log').innerText()).replace(/\s+/g, ' ');
}
