// Writes the scenarios the browser benchmarks open (tests/e2e/bench/fixtures/):
//
//   editor-200.json   200 nodes and 300 links, laid out on a grid, with a short run
//   player-100k.json  a run of about 100,000 events (uploads fanned out to failing functions)
//   tokens-1000.json  1,000 uploads at the same instant, over four buckets and four functions
//
//   node tests/e2e/bench/make-fixtures.mjs
//
// The output is deterministic; the files are committed so the benchmarks measure the same input
// every time. Check them with:
//   cargo run -p engine --bin destinations -- validate tests/e2e/bench/fixtures/editor-200.json

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(HERE, 'fixtures');

const ACCOUNT = '123456789012';
const REGION = 'us-east-2';
const arn = {
  fn: (n) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${n}`,
  queue: (n) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${n}`,
  topic: (n) => `arn:aws:sns:${REGION}:${ACCOUNT}:${n}`,
  bus: (n) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${n}`,
  bucket: (n) => `arn:aws:s3:::${n}`,
  stream: (n) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${n}`,
};

/** A UUID that only depends on two numbers (mappings need stable ids). */
function uuid(unit, which) {
  const hex = (n, width) => n.toString(16).padStart(width, '0');
  return `b0000000-${hex(unit, 4)}-4000-8000-${hex(which, 12)}`;
}

function empty(title, seed) {
  return {
    version: 1,
    title: { en: title },
    account: ACCOUNT,
    region: REGION,
    seed,
    startTime: '2026-01-01T00:00:00.000Z',
    functions: [],
    queues: [],
    topics: [],
    eventBuses: [],
    buckets: [],
    kinesisStreams: [],
    eventSourceMappings: [],
    inputs: [],
    layout: {},
  };
}

/**
 * 20 units of 10 resources and 15 links each (the last unit has no links to a next one):
 * 200 nodes, 298 links of every kind. Unit u, with n = unit u+1:
 *
 *   u-uploads (S3) -notification-> u-ingest (λ) -OnSuccess-> u-ok (SQS) -mapping-> u-worker (λ)
 *   u-ingest -OnFailure-> u-alerts (SNS) -subscriptions-> u-worker, u-dlq
 *   u-ingest -DLQ-> u-dlq (SQS) <-redrive- u-ok
 *   u-clicks (Kinesis) -mapping-> u-stream (λ) -mapping OnFailure-> u-failed (S3)
 *   u-stream -OnFailure-> u-alerts;  u-bus (EventBridge) -rule-> u-worker -OnFailure-> u-bus
 *   u-worker -OnSuccess-> n-ok;  u-failed -notification-> n-ingest
 */
export function editorScenario({ units = 20 } = {}) {
  const s = empty('Benchmark: 200 resources, 300 links', 1);
  const name = (u, what) => `u${String(u).padStart(2, '0')}-${what}`;
  // Two units side by side per band of two rows: 10 columns, 20 rows of nodes.
  const place = (u, column, row) => {
    const x = 40 + ((u % 2) * 5 + column) * 240;
    const y = 40 + (Math.floor(u / 2) * 2 + row) * 130;
    return { x, y };
  };
  for (let u = 0; u < units; u += 1) {
    const last = u === units - 1;
    const n = (what) => name(u, what);
    const next = (what) => name(u + 1, what);
    s.buckets.push({
      BucketName: n('uploads'),
      LambdaFunctionConfigurations: [
        { LambdaFunctionArn: arn.fn(n('ingest')), Events: ['s3:ObjectCreated:*'], Prefix: 'in/' },
      ],
    });
    s.buckets.push({
      BucketName: n('failed'),
      ...(last
        ? {}
        : {
            LambdaFunctionConfigurations: [
              { LambdaFunctionArn: arn.fn(next('ingest')), Events: ['s3:ObjectCreated:*'], Prefix: 'retry/' },
            ],
          }),
    });
    s.functions.push({
      FunctionName: n('ingest'),
      Timeout: 30,
      DeadLetterConfig: { TargetArn: arn.queue(n('dlq')) },
      EventInvokeConfig: {
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnSuccess: { Destination: arn.queue(n('ok')) },
          OnFailure: { Destination: arn.topic(n('alerts')) },
        },
      },
      behavior: { errorRate: 0.3, durationMs: 400 },
    });
    s.functions.push({
      FunctionName: n('worker'),
      EventInvokeConfig: {
        MaximumRetryAttempts: 1,
        DestinationConfig: {
          ...(last ? {} : { OnSuccess: { Destination: arn.queue(next('ok')) } }),
          OnFailure: { Destination: arn.bus(n('bus')) },
        },
      },
      behavior: { durationMs: 80 },
    });
    s.functions.push({
      FunctionName: n('stream'),
      EventInvokeConfig: {
        DestinationConfig: { OnFailure: { Destination: arn.topic(n('alerts')) } },
      },
      behavior: { durationMs: 60 },
    });
    s.queues.push({
      QueueName: n('ok'),
      VisibilityTimeout: 30,
      RedrivePolicy: { deadLetterTargetArn: arn.queue(n('dlq')), maxReceiveCount: 3 },
    });
    s.queues.push({ QueueName: n('dlq') });
    s.topics.push({
      TopicName: n('alerts'),
      Subscriptions: [
        { Protocol: 'lambda', Endpoint: arn.fn(n('worker')) },
        { Protocol: 'sqs', Endpoint: arn.queue(n('dlq')) },
      ],
    });
    s.eventBuses.push({
      Name: n('bus'),
      Rules: [{ Name: 'failures', EventPattern: {}, Targets: [arn.fn(n('worker'))] }],
    });
    s.kinesisStreams.push({ StreamName: n('clicks'), ShardCount: 1 });
    s.eventSourceMappings.push({
      UUID: uuid(u, 1),
      EventSourceArn: arn.queue(n('ok')),
      FunctionName: n('worker'),
      BatchSize: 10,
    });
    s.eventSourceMappings.push({
      UUID: uuid(u, 2),
      EventSourceArn: arn.stream(n('clicks')),
      FunctionName: n('stream'),
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arn.bucket(n('failed')) } },
    });
    Object.assign(s.layout, {
      [arn.bucket(n('uploads'))]: place(u, 0, 0),
      [arn.fn(n('ingest'))]: place(u, 1, 0),
      [arn.queue(n('ok'))]: place(u, 2, 0),
      [arn.fn(n('worker'))]: place(u, 3, 0),
      [arn.bus(n('bus'))]: place(u, 4, 0),
      [arn.stream(n('clicks'))]: place(u, 0, 1),
      [arn.fn(n('stream'))]: place(u, 1, 1),
      [arn.topic(n('alerts'))]: place(u, 2, 1),
      [arn.queue(n('dlq'))]: place(u, 3, 1),
      [arn.bucket(n('failed'))]: place(u, 4, 1),
    });
    // A short run: one upload and one record per unit.
    s.inputs.push({ type: 'putObject', at: u * 1000, Bucket: n('uploads'), Key: `in/${u}.jpg`, Size: 1024 });
    s.inputs.push({
      type: 'putRecord',
      at: u * 1000 + 500,
      StreamName: n('clicks'),
      PartitionKey: `user-${u}`,
      Data: { page: '/home' },
    });
  }
  return s;
}

/**
 * One bucket notifies `ingest` (async, 30 % of attempts fail, two retries) for every upload;
 * its OnSuccess record goes to a topic that fans out to `fanout` functions (async, 30 % failing,
 * OnSuccess to a queue, OnFailure to a topic) and its OnFailure record to a queue.
 */
export function playerScenario({ uploads = 1250, fanout = 8 } = {}) {
  const s = empty('Benchmark: a run of about 100,000 events', 3);
  const async = (name, onSuccess, onFailure) => ({
    FunctionName: name,
    Timeout: 30,
    EventInvokeConfig: {
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnSuccess: { Destination: onSuccess },
        OnFailure: { Destination: onFailure },
      },
    },
    behavior: { errorRate: 0.3, durationMs: 200 },
  });
  s.buckets.push({
    BucketName: 'uploads',
    LambdaFunctionConfigurations: [{ LambdaFunctionArn: arn.fn('ingest'), Events: ['s3:ObjectCreated:*'] }],
  });
  s.functions.push(async('ingest', arn.topic('ingested'), arn.queue('ingest-failures')));
  s.queues.push({ QueueName: 'ingest-failures' }, { QueueName: 'results' });
  s.topics.push(
    {
      TopicName: 'ingested',
      Subscriptions: Array.from({ length: fanout }, (_, i) => ({
        Protocol: 'lambda',
        Endpoint: arn.fn(`step-${i + 1}`),
      })),
    },
    { TopicName: 'step-failures', Subscriptions: [{ Protocol: 'email', Endpoint: 'ops@example.com' }] },
  );
  for (let i = 1; i <= fanout; i += 1) {
    s.functions.push(async(`step-${i}`, arn.queue('results'), arn.topic('step-failures')));
  }
  Object.assign(s.layout, {
    [arn.bucket('uploads')]: { x: 40, y: 300 },
    [arn.fn('ingest')]: { x: 300, y: 300 },
    [arn.queue('ingest-failures')]: { x: 560, y: 560 },
    [arn.topic('ingested')]: { x: 560, y: 300 },
    [arn.queue('results')]: { x: 1080, y: 200 },
    [arn.topic('step-failures')]: { x: 1080, y: 440 },
  });
  for (let i = 1; i <= fanout; i += 1) {
    s.layout[arn.fn(`step-${i}`)] = { x: 820, y: 40 + (i - 1) * 90 };
  }
  // One upload every 3 seconds of virtual time.
  for (let i = 0; i < uploads; i += 1) {
    s.inputs.push({ type: 'putObject', at: i * 3000, Bucket: 'uploads', Key: `photos/${i}.jpg`, Size: 2048 });
  }
  return s;
}

/**
 * `buckets` buckets, each notifying its own function, and `uploads` uploads all at time 0,
 * shared out over the buckets: every upload's notification travels its bucket's link at the
 * same virtual instant, so once the player has stepped to that instant's last event about
 * `uploads` tokens are in flight at once, spread over `buckets` links.
 */
export function tokensScenario({ uploads = 1000, buckets = 4 } = {}) {
  const s = empty('Benchmark: 1,000 tokens in flight', 5);
  for (let b = 1; b <= buckets; b += 1) {
    s.buckets.push({
      BucketName: `uploads-${b}`,
      LambdaFunctionConfigurations: [{ LambdaFunctionArn: arn.fn(`resize-${b}`), Events: ['s3:ObjectCreated:*'] }],
    });
    s.functions.push({ FunctionName: `resize-${b}`, Timeout: 30, behavior: { durationMs: 200 } });
    Object.assign(s.layout, {
      [arn.bucket(`uploads-${b}`)]: { x: 40, y: 40 + (b - 1) * 160 },
      [arn.fn(`resize-${b}`)]: { x: 520, y: 40 + (b - 1) * 160 },
    });
  }
  for (let i = 0; i < uploads; i += 1) {
    s.inputs.push({
      type: 'putObject',
      at: 0,
      Bucket: `uploads-${(i % buckets) + 1}`,
      Key: `photos/${i}.jpg`,
      Size: 2048,
    });
  }
  return s;
}

/** The scenario as a file: indented, but one input per line to keep the big timeline short. */
function toText(scenario) {
  const { inputs, ...rest } = scenario;
  const head = JSON.stringify({ ...rest, inputs: [] }, null, 2);
  const lines = inputs.map((i) => `    ${JSON.stringify(i)}`).join(',\n');
  return `${head.replace('"inputs": []', `"inputs": [\n${lines}\n  ]`)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await mkdir(FIXTURES, { recursive: true });
  for (const [file, scenario] of [
    ['editor-200.json', editorScenario()],
    ['player-100k.json', playerScenario()],
    ['tokens-1000.json', tokensScenario()],
  ]) {
    const path = join(FIXTURES, file);
    await writeFile(path, toText(scenario));
    console.log(`wrote ${path}`);
  }
}
