// Exports as a learner gets them: the diagram on screen, downloaded as a CloudFormation template,
// a Terraform configuration and an AWS CLI script, each following the edits just made.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserTest } from './support/browser.mjs';

async function download(page, file) {
  const menu = page.getByTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`export-${file}`).click(),
  ]);
  assert.equal(saved.suggestedFilename(), file);
  return readFile(await saved.path(), 'utf8');
}

browserTest('the CloudFormation export carries the destinations drawn on the canvas', async ({ page }) => {
  const template = JSON.parse(await download(page, 'template.json'));
  const configs = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig');
  assert.equal(configs.length, 1);
  assert.deepEqual(configs[0].Properties.DestinationConfig, {
    OnSuccess: { Destination: { 'Fn::GetAtt': ['ImageMetadataQueue', 'Arn'] } },
    OnFailure: { Destination: { Ref: 'ImageAlertsTopic' } },
  });
  assert.match(await download(page, 'template.yaml'), /Type: AWS::Lambda::EventInvokeConfig/);
}, { browser: { acceptDownloads: true } });

browserTest('a rename on the canvas shows up in the Terraform and CLI exports', async ({ page }) => {
  await page.getByTestId('node-image-metadata').click();
  await page.getByTestId('rename-input').fill('thumbnails-done');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-thumbnails-done').waitFor();
  const terraform = await download(page, 'main.tf');
  assert.match(terraform, /resource "aws_sqs_queue" "[^"]+" \{\n\s+name\s*= "thumbnails-done"/);
  assert.doesNotMatch(terraform, /image-metadata/);
  const script = await download(page, 'deploy.sh');
  assert.match(script, /aws lambda put-function-event-invoke-config/);
  assert.match(script, /arn:aws:sqs:us-east-2:123456789012:thumbnails-done/);
}, { browser: { acceptDownloads: true } });

browserTest('the SVG picture opens again as the same diagram, and the PNG is a real image', async ({ page }) => {
  await page.getByTestId('node-image-metadata').click();
  await page.getByTestId('rename-input').fill('pictured-queue');
  await page.getByTestId('rename-input').press('Enter');
  await page.getByTestId('node-pictured-queue').waitFor();

  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-diagram.svg').click()]);
  const svg = await readFile(await svgFile.path(), 'utf8');
  assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<metadata id="ldp-scenario">/);
  assert.match(svg, /data-testid="node-pictured-queue"/);
  assert.doesNotMatch(svg, /class="port"/);
  // The page's styles travel with the picture (read from its style sheets, both files).
  assert.match(svg, /<style><!\[CDATA\[[\s\S]*--accent:[\s\S]*\.node[\s\S]*\]\]><\/style>/);

  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-diagram.png').click()]);
  const png = await readFile(await pngFile.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 5_000, `a PNG of the diagram, not an empty one (${png.length} bytes)`);

  await page.getByTestId('scenario-select').selectOption({ index: 1 });
  await page.getByTestId('node-pictured-queue').waitFor({ state: 'detached' });
  await page.getByTestId('open-file').setInputFiles(await svgFile.path());
  await page.getByTestId('node-pictured-queue').waitFor();
  await page.getByTestId('link-resize-image-pictured-queue').waitFor();
}, { browser: { acceptDownloads: true } });
