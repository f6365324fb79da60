import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type MessageExt, Producer, PushConsumer } from '@rocketmq-ts/client';
import { uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';

import {
  ADMIN,
  BROKER_GROUPS,
  CLUSTER,
  type ConsoleCluster,
  ConsoleClient,
  startConsoleCluster,
  VIEWER,
  waitForBrokers,
} from './support/console-cluster';

useProcessHygiene({ beforeEach, afterAll });

/**
 * console-api over HTTP against a real cluster (one name server, masters broker-a and broker-b):
 * every resource, the way a script or the web UI uses it, with the 400/401/403/404 answers.
 */
describe('console-api over HTTP', () => {
  let cluster: ConsoleCluster;
  let admin: ConsoleClient;
  let viewer: ConsoleClient;
  const topic = uniqueName('console_api_t');
  const group = uniqueName('console_api_g');
  const producerGroup = uniqueName('console_api_p');
  let producer: Producer;
  const consumers: PushConsumer[] = [];

  beforeAll(async () => {
    cluster = await startConsoleCluster();
    admin = new ConsoleClient(cluster.baseUrl);
    viewer = new ConsoleClient(cluster.baseUrl);
    expect((await admin.login(ADMIN.user, ADMIN.password)).status).toBe(200);
    expect((await viewer.login(VIEWER.user, VIEWER.password)).status).toBe(200);
    await waitForBrokers(admin, BROKER_GROUPS.length);
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup });
    await producer.start();
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer?.shutdown();
  });

  async function startConsumer(
    consumerGroup: string,
    listener: (message: MessageExt) => void,
    maxReconsumeTimes?: number,
  ): Promise<PushConsumer> {
    const consumer = new PushConsumer({
      namesrvAddr: cluster.namesrvAddr,
      consumerGroup,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      ...(maxReconsumeTimes === undefined ? {} : { maxReconsumeTimes }),
    });
    consumer.subscribe(topic, '*');
    consumer.onMessage(listener);
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  it('refuses without a session (401), a wrong password (401), a mutation without the CSRF header (403), a viewer mutation (403)', async () => {
    const anonymous = new ConsoleClient(cluster.baseUrl);
    expect((await anonymous.get('/api/v1/clusters')).status).toBe(401);
    expect((await anonymous.get('/api/v1/session')).status).toBe(401);
    const wrong = await anonymous.login(ADMIN.user, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect((await anonymous.login('nobody', 'whatever')).status).toBe(401);

    const noCsrf = await admin.request('POST', '/api/v1/topics', { topic: 'NeverCreated' }, { 'x-csrf-token': '' });
    expect(noCsrf.status).toBe(403);
    expect((noCsrf.body as { code: string }).code).toBe('CSRF_TOKEN_INVALID');
    const forged = await admin.request('POST', '/api/v1/topics', { topic: 'NeverCreated' }, { 'x-csrf-token': 'forged-token-value' });
    expect(forged.status).toBe(403);

    const byViewer = await viewer.post('/api/v1/topics', { topic: 'NeverCreated' });
    expect(byViewer.status).toBe(403);
    expect((byViewer.body as { code: string }).code).toBe('ROLE_FORBIDDEN');
    expect((await viewer.delete(`/api/v1/consumer-groups/${group}`)).status).toBe(403);
    expect((await viewer.put('/api/v1/namesrv/kv/NS/k', { value: 'v' })).status).toBe(403);
    // Nothing reached the brokers: the topic does not exist.
    expect((await admin.get('/api/v1/topics/NeverCreated/route')).status).toBe(404);

    const me = await viewer.get('/api/v1/session');
    expect(me.body).toMatchObject({ user: VIEWER.user, role: 'viewer', loginDisabled: false });
  });

  it('serves the OpenAPI document and the web UI with a strict CSP', async () => {
    const docs = await admin.get('/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    const paths = Object.keys((docs.body as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/v1/clusters',
      '/api/v1/topics',
      '/api/v1/topics/{topic}/messages',
      '/api/v1/consumer-groups/{group}/dlq/resends',
      '/api/v1/namesrv/kv/{namespace}',
    ])
      expect(paths).toContain(path);
    expect((await admin.get('/api/docs')).status).toBe(200);
    const index = await admin.get('/');
    expect(index.status).toBe(200);
    expect(String(index.body)).toContain('<div id="root">');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await admin.get('/api/v1/health')).body).toEqual({ status: 'UP' });
  });

  it('lists both broker groups with runtime info and config; updates a config key; 404 for an address outside the cluster, 400 for a malformed one', async () => {
    const clusters = (await admin.get('/api/v1/clusters')).body as {
      clusters: Array<{ name: string; brokers: Array<{ brokerName: string; addr: string; version: string }> }>;
    };
    expect(clusters.clusters.map((one) => one.name)).toEqual([CLUSTER]);
    expect(clusters.clusters[0]?.brokers.map((broker) => broker.brokerName).sort()).toEqual([...BROKER_GROUPS]);
    const addr = cluster.brokerAddrs[0] as string;
    const runtime = (await viewer.get(`/api/v1/brokers/${addr}/runtime`)).body as { entries: Record<string, string> };
    expect(runtime.entries['brokerVersionDesc']).toBeTruthy();
    const config = (await viewer.get(`/api/v1/brokers/${addr}/config`)).body as { entries: Record<string, string> };
    expect(config.entries['brokerName']).toBe('broker-a');
    const updated = await admin.put(`/api/v1/brokers/${addr}/config`, { entries: { maxMessageSize: '2097152' } });
    expect(updated.status).toBe(200);
    expect((updated.body as { entries: Record<string, string> }).entries['maxMessageSize']).toBe('2097152');
    expect((await admin.put(`/api/v1/brokers/${addr}/config`, { entries: { listenPort: '1' } })).status).toBe(403);
    expect((await admin.put(`/api/v1/brokers/${addr}/config`, { entries: { maxMessageSize: 'lots' } })).status).toBe(400);
    expect((await admin.put(`/api/v1/brokers/${addr}/config`, { entries: { 'bad key\n': 'x' } })).status).toBe(400);
    expect((await admin.get('/api/v1/brokers/10.255.255.1:10911/config')).status).toBe(404);
    expect((await admin.get('/api/v1/brokers/not-an-address/config')).status).toBe(400);
  });

  it('creates, lists (filtered, paged), routes, updates and reports a topic; 400 for bad input, 404 for unknown', async () => {
    const created = await admin.post('/api/v1/topics', { topic, readQueueNums: 2, writeQueueNums: 2 });
    expect(created.status).toBe(201);
    expect((created.body as { brokers: string[] }).brokers.sort()).toEqual([...cluster.brokerAddrs].sort());
    await waitFor(async () => (await admin.get(`/api/v1/topics/${topic}/route`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 300,
      reason: 'route of the new topic',
    });
    const route = (await admin.get(`/api/v1/topics/${topic}/route`)).body as {
      queueDatas: Array<{ brokerName: string; readQueueNums: number }>;
    };
    expect(route.queueDatas.map((data) => data.brokerName).sort()).toEqual([...BROKER_GROUPS]);

    const page = (await viewer.get(`/api/v1/topics?q=${topic}&kind=normal&limit=1`)).body as {
      items: Array<{ name: string }>;
      total: number;
    };
    expect(page).toMatchObject({ total: 1, items: [{ name: topic, kind: 'normal' }] });
    const firstPage = (await viewer.get('/api/v1/topics?kind=all&limit=1')).body as { total: number; nextOffset?: number };
    expect(firstPage.total).toBeGreaterThan(1);
    expect(firstPage.nextOffset).toBe(1);

    expect((await admin.put(`/api/v1/topics/${topic}`, { readQueueNums: 4, writeQueueNums: 4 })).status).toBe(200);
    await waitFor(async () => ((await admin.get(`/api/v1/topics/${topic}/status`)).body as { queues?: unknown[] }).queues?.length === 8, {
      timeoutMs: 30_000,
      intervalMs: 300,
      reason: '4 queues on each broker',
    });

    for (const [path, why] of [
      ['/api/v1/topics/bad%20name/status', 'space in a name'],
      [`/api/v1/topics/${'x'.repeat(200)}/route`, 'name too long'],
      ['/api/v1/topics?limit=100000', 'huge page'],
      ['/api/v1/topics?kind=weird', 'unknown kind'],
    ] as const) {
      const answer = await viewer.get(path);
      expect(answer.status, why).toBe(400);
      expect((answer.body as { errors: unknown[] }).errors.length, why).toBeGreaterThan(0);
    }
    expect((await admin.post('/api/v1/topics', { topic: 'a/b' })).status).toBe(400);
    expect((await admin.post('/api/v1/topics', { topic: uniqueName('t'), perm: 7 })).status).toBe(400);
    expect((await admin.post('/api/v1/topics', { topic: uniqueName('t'), surprise: true })).status).toBe(400);
    expect((await admin.request('POST', '/api/v1/topics', '{"topic":', {})).status).toBe(400);
    expect((await viewer.get(`/api/v1/topics/${uniqueName('missing')}/status`)).status).toBe(404);
    expect((await admin.put(`/api/v1/topics/${uniqueName('missing')}`, {})).status).toBe(404);
  });

  it('sends a test message and finds it by key, by time range, by queue and offset and by id, with its properties and body preview', async () => {
    const key = uniqueName('key');
    const sent = await admin.post(`/api/v1/topics/${topic}/messages`, {
      body: JSON.stringify({ order: 42, item: 'rocket' }),
      tags: 'TagA',
      keys: [key],
      properties: { origin: 'console-e2e' },
    });
    expect(sent.status).toBe(201);
    const { msgId, brokerName, queueId, queueOffset } = sent.body as {
      msgId: string;
      brokerName: string;
      queueId: number;
      queueOffset: number;
    };

    const byKey = await waitFor(
      async () => {
        const answer = await viewer.get(`/api/v1/topics/${topic}/messages?key=${key}`);
        return answer.status === 200
          ? (answer.body as { items: Array<{ msgId: string; tags: string; keys: string[]; bodyPreview: string }> })
          : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 300, reason: 'message indexed by key' },
    );
    expect(byKey.items).toEqual([
      expect.objectContaining({ msgId, tags: 'TagA', keys: [key], bodyPreview: '{"order":42,"item":"rocket"}' }),
    ]);

    const byTime = (await viewer.get(`/api/v1/topics/${topic}/messages?begin=${Date.now() - 600_000}&end=${Date.now() + 60_000}&limit=50`))
      .body as { items: Array<{ msgId: string }> };
    expect(byTime.items.map((item) => item.msgId)).toContain(msgId);
    const byOffset = (
      await viewer.get(`/api/v1/topics/${topic}/messages?brokerName=${brokerName}&queueId=${queueId}&offset=${queueOffset}`)
    ).body as { items: Array<{ msgId: string }> };
    expect(byOffset.items.map((item) => item.msgId)).toEqual([msgId]);

    const detail = (await viewer.get(`/api/v1/messages/${msgId}?topic=${topic}`)).body as {
      properties: Record<string, string>;
      body: { text: string; json: string; hex: string };
    };
    expect(detail.properties).toMatchObject({ TAGS: 'TagA', KEYS: key, origin: 'console-e2e' });
    expect(JSON.parse(detail.body.json)).toEqual({ order: 42, item: 'rocket' });
    expect(detail.body.hex.startsWith('00000000  7b 22 6f 72 64 65 72')).toBe(true);

    expect((await viewer.get('/api/v1/messages/not-hex-at-all')).status).toBe(400);
    expect((await viewer.get(`/api/v1/messages/${'0'.repeat(32)}?topic=${topic}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/topics/${topic}/messages?key=${uniqueName('absent')}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/topics/${topic}/messages?offset=3`)).status).toBe(400);
    expect((await admin.post(`/api/v1/topics/${topic}/messages`, { body: 'x'.repeat(1024 * 1024 + 1) })).status).toBe(400);
    expect((await admin.post(`/api/v1/topics/${topic}/messages`, { body: '' })).status).toBe(400);
  });

  it('creates a group; shows its lag dropping as a consumer runs, its clients, resets and skips offsets; producers by group', async () => {
    expect((await admin.post('/api/v1/consumer-groups', { group, retryMaxTimes: 3 })).status).toBe(201);
    expect(
      ((await viewer.get(`/api/v1/consumer-groups/${group}`)).body as { config: { retryMaxTimes: number } }).config.retryMaxTimes,
    ).toBe(3);
    expect((await admin.put(`/api/v1/consumer-groups/${group}`, { retryMaxTimes: 5 })).status).toBe(200);
    expect(
      ((await viewer.get(`/api/v1/consumer-groups/${group}`)).body as { config: { retryMaxTimes: number } }).config.retryMaxTimes,
    ).toBe(5);
    for (let i = 0; i < 20; i += 1) await producer.send({ topic, body: `backlog-${i}`, keys: 'backlog' });

    const received: MessageExt[] = [];
    const consumer = await startConsumer(group, (message) => {
      received.push(message);
    });
    await waitFor(
      async () => {
        const progress = (await viewer.get(`/api/v1/consumer-groups/${group}/progress`)).body as { diffTotal?: number; queues?: unknown[] };
        // 8 queues of the topic, plus the group's %RETRY% queues once the consumer has created them.
        return progress.queues !== undefined && progress.queues.length >= 8 && progress.diffTotal === 0;
      },
      { timeoutMs: 60_000, intervalMs: 500, reason: 'lag drops to 0 as the consumer commits' },
    );
    expect(received.length).toBeGreaterThanOrEqual(21);

    const list = (await viewer.get(`/api/v1/consumer-groups?q=${group}`)).body as { items: Array<{ group: string; lag: number }> };
    expect(list.items).toEqual([expect.objectContaining({ group, lag: 0 })]);
    const clients = (await viewer.get(`/api/v1/consumer-groups/${group}/connections`)).body as {
      connections: Array<{ clientId: string; language: string }>;
      subscriptions: Array<{ topic: string }>;
    };
    expect(clients.connections.length).toBe(1);
    expect(clients.subscriptions.map((sub) => sub.topic)).toContain(topic);
    const consumersOfTopic = (await viewer.get(`/api/v1/topics/${topic}/consumer-groups`)).body as { items: Array<{ group: string }> };
    expect(consumersOfTopic.items.map((item) => item.group)).toContain(group);

    const producers = await viewer.get(`/api/v1/producers?group=${producerGroup}&topic=${topic}`);
    expect(producers.status).toBe(200);
    expect((producers.body as { connections: unknown[] }).connections.length).toBeGreaterThan(0);
    expect((await viewer.get(`/api/v1/producers?group=${uniqueName('nobody')}&topic=${topic}`)).status).toBe(404);

    // Back to the start: every message is replayed, then consumed again.
    await consumer.shutdown();
    const reset = await admin.post(`/api/v1/consumer-groups/${group}/offset-resets`, { topic, timestamp: 0 });
    expect(reset.status).toBe(200);
    const lagAfterReset = ((await viewer.get(`/api/v1/consumer-groups/${group}/progress`)).body as { diffTotal: number }).diffTotal;
    expect(lagAfterReset).toBeGreaterThanOrEqual(21);
    const skipped = await admin.post(`/api/v1/consumer-groups/${group}/skip-accumulated`, { topic });
    expect(skipped.status).toBe(200);
    expect(((await viewer.get(`/api/v1/consumer-groups/${group}/progress`)).body as { diffTotal: number }).diffTotal).toBe(0);

    expect((await admin.post(`/api/v1/consumer-groups/${group}/offset-resets`, { topic })).status).toBe(400);
    expect(
      (await admin.post(`/api/v1/consumer-groups/${group}/offset-resets`, { topic: uniqueName('missing'), to: 'latest' })).status,
    ).toBe(404);
    expect((await viewer.get(`/api/v1/consumer-groups/${uniqueName('missing')}`)).status).toBe(404);
    expect((await viewer.get('/api/v1/consumer-groups/bad*group/progress')).status).toBe(400);
  });

  it('browses a group DLQ and resends a dead letter to the group, which then consumes it', async () => {
    const dlqGroup = uniqueName('console_dlq_g');
    const key = uniqueName('poison');
    const failing = await startConsumer(
      dlqGroup,
      () => {
        throw new Error('this handler refuses every message');
      },
      0,
    );
    const { msgId } = await producer.send({ topic, body: 'poison pill', keys: key });
    const dead = await waitFor(
      async () => {
        const page = (await viewer.get(`/api/v1/consumer-groups/${dlqGroup}/dlq/messages`)).body as {
          items?: Array<{ msgId: string; keys: string[] }>;
          total?: number;
        };
        return page.items?.find((item) => item.keys.includes(key));
      },
      { timeoutMs: 90_000, intervalMs: 1000, reason: `the poison message in %DLQ%${dlqGroup}` },
    );
    await failing.shutdown();

    const received: MessageExt[] = [];
    await startConsumer(dlqGroup, (message) => {
      received.push(message);
    });
    const resent = await admin.post(`/api/v1/consumer-groups/${dlqGroup}/dlq/resends`, { msgIds: [dead.msgId] });
    expect(resent.status).toBe(200);
    expect((resent.body as { results: Array<{ ok: boolean }> }).results).toEqual([
      expect.objectContaining({ msgId: dead.msgId, ok: true }),
    ]);
    await waitFor(() => received.some((message) => message.keys.includes(key)), {
      timeoutMs: 60_000,
      intervalMs: 250,
      reason: 'the resent dead letter consumed',
    });
    const again = received.find((message) => message.keys.includes(key)) as MessageExt;
    expect(again.topic).toBe(topic);
    expect(again.body.toString()).toBe('poison pill');
    expect(msgId).toBeTruthy();

    expect(((await viewer.get(`/api/v1/consumer-groups/${uniqueName('no_dlq')}/dlq/messages`)).body as { total: number }).total).toBe(0);
    expect((await admin.post(`/api/v1/consumer-groups/${dlqGroup}/dlq/resends`, { msgIds: [] })).status).toBe(400);
    expect(
      (await admin.post(`/api/v1/consumer-groups/${dlqGroup}/dlq/resends`, { msgIds: Array.from({ length: 101 }, () => '0'.repeat(32)) }))
        .status,
    ).toBe(400);
  });

  it('reads and writes the name server KV config', async () => {
    const namespace = 'ORDER_TOPIC_CONFIG';
    expect((await admin.put(`/api/v1/namesrv/kv/${namespace}/${topic}`, { value: 'broker-a:4;broker-b:4' })).status).toBe(200);
    expect(((await viewer.get(`/api/v1/namesrv/kv/${namespace}`)).body as { entries: Record<string, string> }).entries[topic]).toBe(
      'broker-a:4;broker-b:4',
    );
    expect((await admin.delete(`/api/v1/namesrv/kv/${namespace}/${topic}`)).status).toBe(204);
    expect(
      ((await viewer.get(`/api/v1/namesrv/kv/${namespace}`)).body as { entries: Record<string, string> }).entries[topic],
    ).toBeUndefined();
    expect((await viewer.get('/api/v1/namesrv/kv/bad%20namespace')).status).toBe(400);
  });

  it('keeps chart series of broker TPS and group lag', async () => {
    const series = await waitFor(
      async () => {
        const body = (await viewer.get('/api/v1/metrics/series')).body as {
          brokers: Record<string, unknown[]>;
          groups: Record<string, unknown[]>;
        };
        return Object.keys(body.brokers).length === 2 && body.groups[group] !== undefined ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1000, reason: 'both brokers and the group sampled' },
    );
    expect(Object.keys(series.brokers).sort()).toEqual(['broker-a/0', 'broker-b/0']);
  });

  it('deletes the group and the topic (then 404), and logs out', async () => {
    expect((await admin.delete(`/api/v1/consumer-groups/${group}`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/consumer-groups/${group}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/topics/${topic}`)).status).toBe(200);
    await waitFor(async () => (await viewer.get(`/api/v1/topics/${topic}/route`)).status === 404, {
      timeoutMs: 30_000,
      intervalMs: 500,
      reason: 'topic gone from the route',
    });
    expect((await admin.delete(`/api/v1/topics/${topic}`)).status).toBe(404);
    expect((await viewer.delete('/api/v1/session')).status).toBe(204);
    expect((await viewer.get('/api/v1/clusters')).status).toBe(401);
  });
});
