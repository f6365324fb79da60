import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type MessageExt, Producer, PushConsumer } from '@rocketmq-ts/client';
import { uniqueName, useProcessHygiene, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import { ADMIN, BROKER_GROUPS, type ConsoleCluster, ConsoleClient, startConsoleCluster, waitForBrokers } from './support/console-cluster';

useProcessHygiene({ beforeEach, afterAll });

/** Debian's chromium package; never a downloaded browser (docs/console.md#tests). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Kept by CI as artifacts. */
const SCREENSHOTS = join(WORKSPACE_ROOT, 'tmp', 'console-e2e');

/**
 * The web UI in a real Chromium against a real cluster: an operator logs in, sees both broker
 * groups, creates a topic, sends a message, finds it by key, watches a group's lag drop while a
 * consumer runs, and resends a dead letter. Any page error, console error (other than an expected
 * 4xx fetch) or 5xx answer fails the test; every step leaves a screenshot.
 */
describe('console web UI in Chromium', () => {
  let cluster: ConsoleCluster;
  let api: ConsoleClient;
  let browser: Browser;
  let page: Page;
  let producer: Producer;
  const consumers: PushConsumer[] = [];
  const problems: string[] = [];
  const topic = uniqueName('ui_topic');
  const group = uniqueName('ui_group');
  const dlqGroup = uniqueName('ui_dlq');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cluster = await startConsoleCluster();
    api = new ConsoleClient(cluster.baseUrl);
    await api.login(ADMIN.user, ADMIN.password);
    await waitForBrokers(api, BROKER_GROUPS.length);
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: uniqueName('ui_producer') });
    await producer.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A fetch answered 4xx is logged by Chromium as a console error; those are expected states (a group with no member yet).
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of 4'))
        problems.push(`console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
    });
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer?.shutdown();
    await browser?.close();
  });

  beforeEach((context) => {
    context.onTestFailed(async () => {
      if (page !== undefined) await shot(`failed-${context.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
    });
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function startConsumer(
    consumerGroup: string,
    listener: (message: MessageExt) => void | Promise<void>,
    maxReconsumeTimes?: number,
    onTopic = topic,
  ): Promise<PushConsumer> {
    const consumer = new PushConsumer({
      namesrvAddr: cluster.namesrvAddr,
      consumerGroup,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      ...(maxReconsumeTimes === undefined ? {} : { maxReconsumeTimes }),
    });
    consumer.subscribe(onTopic, '*');
    consumer.onMessage(listener);
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  it('logs in and sees both broker groups', async () => {
    await page.goto(cluster.baseUrl);
    // Required fields' names end in ' *' (Mantine's asterisk): match by role and name prefix.
    await page.getByRole('textbox', { name: 'User' }).fill(ADMIN.user);
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await shot('01-login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`${ADMIN.user} (admin)`).waitFor();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByLabel('Broker groups', { exact: true }).filter({ hasText: '2' }).waitFor({ timeout: 20_000 });
    await shot('02-dashboard');
    await page
      .getByRole('link', { name: 'Cluster' })
      .or(page.getByText('Cluster', { exact: true }))
      .first()
      .click();
    for (const brokerName of BROKER_GROUPS) await page.getByRole('cell', { name: brokerName, exact: true }).waitFor();
    await shot('03-cluster');
    expect(problems).toEqual([]);
  });

  it('creates a topic, sends a message from the UI and finds it by key', async () => {
    await page.goto(`${cluster.baseUrl}/#/topics`);
    await page.getByLabel('New topic', { exact: true }).fill(topic);
    await page.getByLabel('Queues', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Create topic' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Topic ${topic} created` })
      .waitFor();
    await shot('04-topic-created');

    await waitFor(async () => (await api.get(`/api/v1/topics/${topic}/route`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 300,
      reason: 'route of the new topic',
    });
    await page.goto(`${cluster.baseUrl}/#/topics/${topic}`);
    await page.getByRole('tab', { name: 'Send message' }).click();
    const key = uniqueName('uikey');
    await page.getByLabel('Tag', { exact: true }).fill('UiTag');
    await page.getByLabel('Keys', { exact: true }).fill(key);
    await page.getByLabel('Body', { exact: true }).fill('{"sentFrom":"the browser"}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'SEND_OK' }).waitFor();
    await shot('05-message-sent');

    await page.goto(`${cluster.baseUrl}/#/messages`);
    await page.getByLabel('Topic', { exact: true }).fill(topic);
    await page.getByLabel('Key', { exact: true }).fill(key);
    // Each try gives the answer time to render: isVisible() looks once, at once, and under load the
    // table had not drawn the first answer when the next click asked again.
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click({ timeout: 5_000 });
        return page
          .getByRole('cell', { name: key })
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeoutMs: 60_000, intervalMs: 500, reason: 'message found by key in the UI' },
    );
    await page.getByRole('table', { name: 'messages' }).getByRole('row').filter({ hasText: key }).getByRole('button').first().click();
    await page.getByText('"sentFrom": "the browser"').waitFor();
    await shot('06-message-found-by-key');
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it("shows a consumer group's lag dropping as a consumer runs", async () => {
    // A first run commits offsets, so the group has progress to show; then a backlog builds up.
    const warmup = await startConsumer(group, () => undefined);
    await producer.send({ topic, body: 'warm-up' });
    await waitFor(
      async () => ((await api.get(`/api/v1/consumer-groups/${group}/progress`)).body as { diffTotal?: number }).diffTotal === 0,
      { timeoutMs: 60_000, intervalMs: 500, reason: 'warm-up consumed' },
    );
    await warmup.shutdown();
    for (let i = 0; i < 30; i += 1) await producer.send({ topic, body: `backlog ${i}` });

    await page.goto(`${cluster.baseUrl}/#/groups/${group}`);
    const lag = page.getByLabel('total lag', { exact: true });
    await waitFor(async () => /Lag ([1-9]\d*)/.test((await lag.textContent()) ?? ''), {
      timeoutMs: 30_000,
      intervalMs: 500,
      reason: 'a backlog shown as lag',
    });
    const before = Number(/Lag (\d+)/.exec((await lag.textContent()) ?? '')?.[1]);
    expect(before).toBeGreaterThanOrEqual(30);
    await shot('07-group-lag-before');

    await startConsumer(group, () => new Promise((resolve) => setTimeout(resolve, 20)));
    await waitFor(async () => (await lag.textContent()) === 'Lag 0', {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'the lag drops to 0 on the page, without a reload',
    });
    await shot('08-group-lag-after');
    expect(problems).toEqual([]);
  });

  it('resends a dead letter from the DLQ page', async () => {
    // A topic of its own, so the group's DLQ holds just this message (on the shared topic it would start from the backlog).
    const dlqTopic = uniqueName('ui_dlq_topic');
    expect((await api.post('/api/v1/topics', { topic: dlqTopic, readQueueNums: 1, writeQueueNums: 1 })).status).toBe(201);
    await waitFor(async () => (await api.get(`/api/v1/topics/${dlqTopic}/route`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 300,
      reason: 'route of the DLQ test topic',
    });
    const key = uniqueName('uidead');
    const failing = await startConsumer(
      dlqGroup,
      () => {
        throw new Error('refused, so that it dies');
      },
      0,
      dlqTopic,
    );
    await producer.send({ topic: dlqTopic, body: 'dead letter from the UI test', keys: key });
    await waitFor(
      async () =>
        ((await api.get(`/api/v1/consumer-groups/${dlqGroup}/dlq/messages`)).body as { items?: Array<{ keys: string[] }> }).items?.some(
          (item) => item.keys.includes(key),
        ) === true,
      { timeoutMs: 90_000, intervalMs: 1000, reason: 'the message in the DLQ' },
    );
    await failing.shutdown();
    const received: MessageExt[] = [];
    await startConsumer(
      dlqGroup,
      (message) => {
        received.push(message);
      },
      undefined,
      dlqTopic,
    );

    await page.goto(`${cluster.baseUrl}/#/dlq/${dlqGroup}`);
    const row = page.getByRole('row').filter({ hasText: key });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await shot('09-dlq');
    await page.getByRole('button', { name: 'Resend selected (1)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `1 resent to ${dlqGroup}` })
      .waitFor();
    await shot('10-dlq-resent');
    await waitFor(() => received.some((message) => message.keys.includes(key)), {
      timeoutMs: 60_000,
      intervalMs: 250,
      reason: 'the resent message consumed',
    });
    expect(received.find((message) => message.keys.includes(key))?.topic).toBe(dlqTopic);
    expect(problems).toEqual([]);
  });
});
