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
  await page.getByTestId('node-resize-image').waitFor({ timeout: 15_000 });
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
