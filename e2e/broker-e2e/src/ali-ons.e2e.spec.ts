import { Consumer, Message, type OnsOptions, Producer } from 'ali-ons';
import urllib from 'urllib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MessageConst, parseMessageProperties } from '@rocketmq-ts/model';
import { pullRecords, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import { type RunningBroker, type RunningNamesrv, startBroker, startNamesrv, waitForTopicRoute } from './support/cluster';
import { maxOffsetOf } from './support/remoting-queries';
import { unique, useProcessHygiene } from './support/suite-hooks';

/** 10,000 by default; BROKER_E2E_MESSAGES lowers it for a quick local run. */
const MESSAGE_COUNT = Number(process.env['BROKER_E2E_MESSAGES'] ?? 10_000);
/** Sends in flight at once: the producer's connection is pipelined, the broker's send lane is wide. */
const SEND_CONCURRENCY = 64;

/** ali-ons logs through console by default; keep its warnings and errors, print them only on failure. */
const onsLog: string[] = [];
const onsLogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (...args: unknown[]) => onsLog.push(`WARN ${args.map(String).join(' ')}`),
  error: (...args: unknown[]) => onsLog.push(`ERROR ${args.map(String).join(' ')}`),
};

describe('Broker > e2e > ali-ons 3.12', () => {
  useProcessHygiene();
  let namesrv: RunningNamesrv;
  let broker: RunningBroker;
  const closers: (() => Promise<void>)[] = [];
  let failed = false;

  /** Route polls and rebalances every second (ali-ons defaults: 30 s and 10 s) keep the suite short. */
  function onsOptions(extra: Partial<OnsOptions>): OnsOptions {
    return {
      nameSrv: namesrv.address,
      httpclient: urllib,
      logger: onsLogger,
      pollNameServerInteval: 1_000,
      rebalanceInterval: 1_000,
      ...extra,
    };
  }

  async function producer(): Promise<Producer> {
    const created = new Producer(onsOptions({ producerGroup: unique('ons_producer') }));
    created.on('error', (error: Error) => onsLog.push(`producer error: ${error.message}`));
    closers.push(() => created.close());
    await created.ready();
    return created;
  }

  /**
   * ali-ons 3.12 cannot auto-create a topic on first send as the Java client does: it throws on
   * TOPIC_NOT_EXIST instead of falling back to TBW102's route (lib/producer/mq_producer.js
   * tryToFindTopicPublishInfo). Its client API's createTopic asks the broker to create the topic
   * from the TBW102 template (UPDATE_AND_CREATE_TOPIC), which is how ali-ons users create one.
   */
  async function createTopic(ons: Producer, topic: string): Promise<void> {
    const config = {
      topicName: topic,
      readQueueNums: 4,
      writeQueueNums: 4,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
    };
    await ons._mqClient.createTopic(broker.address, 'TBW102', config, 3_000);
    await waitForTopicRoute(namesrv, topic, broker.brokerName);
  }

  async function consumer(
    options: Partial<OnsOptions>,
    topic: string,
    handler: (message: Message) => Promise<void | symbol>,
  ): Promise<Consumer> {
    const created = new Consumer(onsOptions({ consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', ...options }));
    created.on('error', (error: Error) => onsLog.push(`consumer error: ${error.message}`));
    closers.push(() => created.close());
    created.subscribe(topic, '*', handler);
    await created.ready();
    return created;
  }

  beforeAll(async () => {
    await withLogsOnFailure(async () => {
      namesrv = await startNamesrv();
      // `1s 1s 1s`: every retry (level 3 + reconsumeTimes, capped at the last level) waits one second.
      broker = await startBroker(namesrv, unique('ons_broker'), { messageDelayLevel: '1s 1s 1s' });
    });
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Producer.defaultProducer?.close().catch(() => undefined);
    if (failed && onsLog.length > 0) process.stderr.write(`ali-ons said:\n${onsLog.slice(-200).join('\n')}\n`);
  });

  it(`delivers ${MESSAGE_COUNT} messages exactly once across a clustering group of two, and all of them to each broadcasting instance`, async (context) => {
    context.onTestFailed(() => {
      failed = true;
    });
    const topic = unique('ons_bulk');
    const clusteringGroup = unique('ons_clustering');
    const broadcastGroup = unique('ons_broadcast');
    const clustering = [new Map<string, number>(), new Map<string, number>()];
    const broadcast = [new Set<string>(), new Set<string>()];
    const count = (received: Map<string, number>) => async (message: Message) => {
      received.set(message.msgId, (received.get(message.msgId) ?? 0) + 1);
    };
    const ons = await producer();
    await createTopic(ons, topic);
    // Separate instance names make separate ali-ons clients (clientId ip@instanceName).
    const members: Consumer[] = [];
    for (const [index, received] of clustering.entries()) {
      members.push(await consumer({ consumerGroup: clusteringGroup, instanceName: `clustering${index}` }, topic, count(received)));
    }
    for (const [index, received] of broadcast.entries()) {
      await consumer(
        { consumerGroup: broadcastGroup, instanceName: `broadcast${index}`, isBroadcast: true },
        topic,
        async (message) => void received.add(message.msgId),
      );
    }
    // Nothing is sent until the two members split the 4 queues between them: no queue changes
    // hands while messages flow, so none can be consumed twice.
    const queuesOf = (member: Consumer) =>
      [...member.processQueueTable.values()].filter((entry) => entry.messageQueue.topic === topic).length;
    await waitFor(() => members.every((member) => queuesOf(member) === 2), {
      timeoutMs: 60_000,
      intervalMs: 250,
      reason: `the clustering members split ${topic}'s 4 queues 2 + 2 (have ${members.map(queuesOf).join(' + ')})`,
    });

    const sentIds = new Set<string>();
    for (let start = 0; start < MESSAGE_COUNT; start += SEND_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SEND_CONCURRENCY, MESSAGE_COUNT - start) }, async (_, offset) => {
        const index = start + offset;
        const message = new Message(topic, `tag${index % 4}`, `ali-ons bulk ${index}`);
        message.keys = [`bulk-${index}`];
        const result = await ons.send(message);
        if (result.sendStatus !== 'SEND_OK') throw new Error(`send ${index}: ${result.sendStatus}`);
        sentIds.add(result.msgId);
      });
      await Promise.all(batch);
    }
    expect(sentIds.size).toBe(MESSAGE_COUNT);

    const clusteringIds = () => new Set(clustering.flatMap((received) => [...received.keys()]));
    const clusteringDistinct = () => clusteringIds().size;
    await waitFor(() => clusteringDistinct() >= MESSAGE_COUNT && broadcast.every((received) => received.size >= MESSAGE_COUNT), {
      timeoutMs: 240_000,
      intervalMs: 500,
      reason: `clustering ${clusteringDistinct()}/${MESSAGE_COUNT}, broadcasting ${broadcast.map((received) => received.size).join('+')} of ${MESSAGE_COUNT} each`,
    });
    const deliveries = clustering.flatMap((received) => [...received.values()]).reduce((sum, times) => sum + times, 0);
    expect(clusteringIds()).toEqual(sentIds);
    expect(deliveries).toBe(MESSAGE_COUNT);
    expect(clustering.every((received) => received.size > 0)).toBe(true);
    for (const received of broadcast) expect(received).toEqual(sentIds);
  });

  it('redelivers a message the consumer asks to retry after the delay level, then parks it in %DLQ%<group> when retries run out', async (context) => {
    context.onTestFailed(() => {
      failed = true;
    });
    const topic = unique('ons_retry');
    const group = unique('ons_retry_group');
    const maxReconsumeTimes = 2;
    const deliveries: Array<{ reconsumeTimes: number; body: string; topic: string }> = [];
    const ons = await producer();
    await createTopic(ons, topic);
    await consumer({ consumerGroup: group, maxReconsumeTimes }, topic, async (message) => {
      deliveries.push({ reconsumeTimes: message.reconsumeTimes, body: message.body.toString('utf8'), topic: message.topic });
      if (message.reconsumeTimes === 0) return Consumer.ACTION_RETRY;
      // ali-ons 3.12 drops a handler's return value for messages from %RETRY% (its retry-topic
      // wrapper awaits the handler without returning), so a redelivery asks for retry by throwing.
      throw new Error(`retry please (attempt ${message.reconsumeTimes})`);
    });
    const message = new Message(topic, 'retry', 'please retry me');
    message.keys = ['retry-key'];
    const sent = await ons.send(message);

    await waitFor(() => deliveries.length >= maxReconsumeTimes + 1, {
      timeoutMs: 120_000,
      intervalMs: 250,
      reason: `${maxReconsumeTimes + 1} deliveries (have ${deliveries.length})`,
    });
    expect(deliveries.map((delivery) => delivery.reconsumeTimes)).toEqual([0, 1, 2]);
    expect(deliveries.every((delivery) => delivery.body === 'please retry me' && delivery.topic === topic)).toBe(true);

    const dlq = `%DLQ%${group}`;
    await waitFor(async () => (await maxOffsetOf(broker.port, dlq, 0)) >= 1, { timeoutMs: 30_000, reason: `the message in ${dlq}` });
    const [dead] = await pullRecords(broker.address, dlq, 0, 0, unique('dlq_reader'));
    const properties = parseMessageProperties(dead?.properties ?? '');
    expect(dead?.body.toString('utf8')).toBe('please retry me');
    expect(dead?.reconsumeTimes).toBe(maxReconsumeTimes + 1);
    expect(properties.get(MessageConst.PROPERTY_RETRY_TOPIC)).toBe(topic);
    expect(properties.get(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID)).toBe(sent.msgId);
    expect(deliveries).toHaveLength(maxReconsumeTimes + 1);
  });
});
