import { Consumer, Message, type OnsOptions, Producer } from 'ali-ons';
import urllib from 'urllib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { freePort, rejectionOf, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import {
  type RunningBroker,
  type RunningNamesrv,
  startJavaBroker,
  startNamesrv,
  waitForBrokerInCluster,
  waitForTopicRoute,
} from './support/cluster';
import { type FakeBroker, registerFakeBroker } from './support/fake-broker';
import { createTopicOnBroker } from './support/namesrv-queries';
import { unique, useProcessHygiene } from './support/suite-hooks';

/**
 * ali-ons logs through console by default; keep what it says and show it only if a test fails
 * (a new group's %RETRY% topic is missing until the broker creates it: expected, noisy warnings).
 */
const onsLog: string[] = [];
const onsLogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (...args: unknown[]) => onsLog.push(`WARN ${args.map(String).join(' ')}`),
  error: (...args: unknown[]) => onsLog.push(`ERROR ${args.map(String).join(' ')}`),
};

describe('Interop > ali-ons 3.12 against our namesrv', () => {
  useProcessHygiene();
  let namesrv: RunningNamesrv;
  const closers: (() => Promise<void>)[] = [];
  let anyFailed = false;

  beforeEach((context) => {
    context.onTestFailed(() => {
      anyFailed = true;
    });
  });

  function onsOptions(extra: Partial<OnsOptions>): OnsOptions {
    return { nameSrv: namesrv.address, httpclient: urllib, logger: onsLogger, ...extra };
  }

  async function producer(group: string): Promise<Producer> {
    const created = new Producer(onsOptions({ producerGroup: group }));
    created.on('error', (error: Error) => onsLog.push(`producer error: ${error.message}`));
    closers.push(() => created.close());
    await created.ready();
    return created;
  }

  beforeAll(async () => {
    namesrv = await withLogsOnFailure(() => startNamesrv());
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Producer.defaultProducer?.close().catch(() => undefined);
    if (anyFailed && onsLog.length > 0) process.stderr.write(`ali-ons said:\n${onsLog.join('\n')}\n`);
  });

  describe('route resolution (broker registered by hand with REGISTER_BROKER)', () => {
    let fake: FakeBroker;
    const topic = unique('ons_route');

    beforeAll(async () => {
      const unusedPort = await freePort();
      fake = await registerFakeBroker(namesrv.port, {
        clusterName: 'OnsCluster',
        brokerName: unique('fake_broker'),
        brokerAddr: `127.0.0.1:${unusedPort}`,
        topics: [
          { name: topic, readQueueNums: 3, writeQueueNums: 2, perm: 6 },
          { name: 'TBW102', readQueueNums: 8, writeQueueNums: 8, perm: 7 },
        ],
      });
      closers.push(() => fake.connection.close());
    });

    it("resolves the registered topic's broker and queues through ali-ons's MQClient", async () => {
      const ons = await producer(unique('ons_route_producer'));
      const route = await ons._mqClient.getTopicRouteInfoFromNameServer(topic, 3000);
      expect(route?.brokerDatas).toEqual([expect.objectContaining({ brokerName: fake.brokerName, brokerAddrs: { '0': fake.brokerAddr } })]);
      expect(route?.queueDatas).toEqual([
        expect.objectContaining({ brokerName: fake.brokerName, perm: 6, readQueueNums: 3, writeQueueNums: 2 }),
      ]);
    });

    it('resolves the default topic TBW102 the way ali-ons does before auto-creating a topic', async () => {
      const ons = await producer(unique('ons_default_producer'));
      const route = await ons._mqClient.getDefaultTopicRouteInfoFromNameServer('TBW102', 3000);
      expect(route?.queueDatas).toEqual([
        expect.objectContaining({ brokerName: fake.brokerName, perm: 7, readQueueNums: 8, writeQueueNums: 8 }),
      ]);
    });

    it('reports an unknown topic as an error, not as an empty route', async () => {
      const ons = await producer(unique('ons_missing_producer'));
      const error = await rejectionOf(ons._mqClient.getTopicRouteInfoFromNameServer(unique('ons_missing'), 3000));
      expect(error.message).toMatch(/17|TOPIC_NOT_EXIST|No topic route info/i);
    });
  });

  describe('send and consume through the Apache broker, routes from our namesrv', () => {
    let broker: RunningBroker;
    const topic = unique('ons_java');
    const count = 10;

    beforeAll(async () => {
      await withLogsOnFailure(async () => {
        broker = await startJavaBroker(namesrv.address, { brokerName: unique('broker'), clusterName: 'InteropCluster' });
        await waitForBrokerInCluster(namesrv.port, broker);
        await createTopicOnBroker(broker.port, topic, { read: 4, write: 4 });
        await waitForTopicRoute(namesrv.port, topic, broker.brokerName);
      });
    });

    it('sends with an ali-ons Producer and receives every message with an ali-ons Consumer', async () => {
      const ons = await producer(unique('ons_producer'));
      const sentIds: string[] = [];
      for (let i = 0; i < count; i++) {
        const message = new Message(topic, 'ons', `ali-ons message ${i}`);
        const result = await ons.send(message);
        expect(result.sendStatus).toBe('SEND_OK');
        expect(result.messageQueue.brokerName).toBe(broker.brokerName);
        sentIds.push(result.msgId);
      }

      const received = new Map<string, string>();
      const consumer = new Consumer(onsOptions({ consumerGroup: unique('ons_group'), consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }));
      consumer.on('error', (error: Error) => onsLog.push(`consumer error: ${error.message}`));
      closers.push(() => consumer.close());
      consumer.subscribe(topic, '*', async (message: Message) => {
        received.set(message.msgId, message.body.toString('utf8'));
      });
      await consumer.ready();
      await waitFor(() => received.size >= count, {
        timeoutMs: 90_000,
        intervalMs: 250,
        reason: `ali-ons consumer received ${count} messages of ${topic} (has ${received.size})`,
      });
      expect(new Set(received.keys())).toEqual(new Set(sentIds));
      expect([...received.values()].sort()).toEqual(Array.from({ length: count }, (_, i) => `ali-ons message ${i}`).sort());
    });
  });
});
