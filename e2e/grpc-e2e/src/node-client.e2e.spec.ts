import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { PushConsumer, Producer as RemotingProducer } from '@rocketmq-ts/client';
import { PermName } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  createSubscriptionGroupConfig,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
} from '@rocketmq-ts/protocol';
import {
  freePorts,
  type LocalBroker,
  type LocalNamesrv,
  remotingRequest,
  removeAfterSuite,
  restartLocalBroker,
  startLocalBroker,
  startLocalNamesrv,
  uniqueName,
  useProcessHygiene,
  waitFor,
} from '@rocketmq-ts/testing';

/**
 * Issue 17 with the official Node client (rocketmq-client-nodejs 1.0.8 from npm) against our name
 * server and broker as processes, the broker serving gRPC (enableGrpcServer) as the proxy does in
 * local mode (docs/grpc-and-pop.md#grpc-endpoint):
 *   - producer normal / FIFO (message group) / delay / transaction; SimpleConsumer receive → ack;
 *   - receive → change invisible duration → redelivered; never acked → redelivered after the
 *     invisible time; FIFO group order kept;
 *   - gRPC send → our remoting push consumer, remoting send → gRPC SimpleConsumer;
 *   - the broker SIGKILLed with received, un-acked messages: after the restart they come again.
 */
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const MIN_INVISIBLE_MS = 10_000;

type Received = Awaited<ReturnType<SimpleConsumer['receive']>>[number];

describe('gRPC endpoint > rocketmq-client-nodejs against our broker', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let namesrv: LocalNamesrv;
  let broker: LocalBroker;
  let endpoints: string;
  let producer: Producer;
  const closers: Array<() => Promise<void>> = [];

  async function createTopic(topic: string, type: 'NORMAL' | 'FIFO' | 'DELAY' | 'TRANSACTION'): Promise<void> {
    const extFields = CreateTopicRequestHeader.encode({
      topic,
      defaultTopic: 'TBW102',
      readQueueNums: 4,
      writeQueueNums: 4,
      perm: PermName.PERM_READ | PermName.PERM_WRITE,
      topicFilterType: 'SINGLE_TAG',
      order: false,
      attributes: `+message.type=${type}`,
    });
    const response = await remotingRequest(broker.port, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
    expect(response.code).toBe(ResponseCode.SUCCESS);
  }

  async function createGroup(group: string, fifo: boolean): Promise<void> {
    const body = SubscriptionGroupConfig.encode(createSubscriptionGroupConfig(group, { consumeMessageOrderly: fifo }));
    const response = await remotingRequest(broker.port, createRequest(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, { body }));
    expect(response.code).toBe(ResponseCode.SUCCESS);
  }

  async function simpleConsumer(group: string, topic: string): Promise<SimpleConsumer> {
    const consumer = new SimpleConsumer({
      endpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, '*']]),
      awaitDuration: 5000,
      logger: silent,
    });
    await consumer.startup();
    closers.push(() => consumer.shutdown());
    return consumer;
  }

  async function receive(
    consumer: SimpleConsumer,
    count: number,
    invisibleMs = MIN_INVISIBLE_MS * 3,
    timeoutMs = 60_000,
  ): Promise<Received[]> {
    const seen: Received[] = [];
    await waitFor(
      async () => {
        seen.push(...(await consumer.receive(32, invisibleMs)));
        return seen.length >= count;
      },
      { timeoutMs, reason: `${count} messages received` },
    );
    return seen;
  }

  beforeAll(async () => {
    namesrv = await startLocalNamesrv({ label: 'grpc-e2e-namesrv', logFile: true });
    removeAfterSuite(namesrv.dir);
    const [grpcPort] = (await freePorts(1)) as [number];
    broker = await startLocalBroker({
      label: 'grpc-e2e-broker',
      namesrvAddr: namesrv.addr,
      brokerName: 'grpc-broker',
      logFile: true,
      settings: { enableGrpcServer: 'true', grpcServerPort: String(grpcPort), reviveInterval: '200' },
    });
    removeAfterSuite(broker.dir);
    endpoints = `127.0.0.1:${grpcPort}`;
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  it('producer (normal) → SimpleConsumer receive → ack: all received once, none after the acks', async () => {
    const topic = uniqueName('GrpcNormal');
    await createTopic(topic, 'NORMAL');
    producer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await producer.startup();
    closers.push(() => producer.shutdown());
    const consumer = await simpleConsumer(uniqueName('GrpcNormalGroup'), topic);
    const bodies = Array.from({ length: 20 }, (_, i) => `normal-${i}`);
    for (const body of bodies) await producer.send({ topic, tag: 'A', keys: [body], body: Buffer.from(body) });
    const received = await receive(consumer, bodies.length);
    expect(received.map((m) => m.body.toString()).sort()).toEqual([...bodies].sort());
    for (const message of received) await consumer.ack(message);
    expect(await consumer.receive(32, MIN_INVISIBLE_MS)).toEqual([]);
  });

  it('FIFO: one message group is received in send order, batch after batch', async () => {
    const topic = uniqueName('GrpcFifo');
    const group = uniqueName('GrpcFifoGroup');
    await createTopic(topic, 'FIFO');
    await createGroup(group, true);
    const fifoProducer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await fifoProducer.startup();
    closers.push(() => fifoProducer.shutdown());
    const bodies = Array.from({ length: 30 }, (_, i) => `fifo-${i}`);
    for (const body of bodies) await fifoProducer.send({ topic, messageGroup: 'order-1', body: Buffer.from(body) });
    const consumer = await simpleConsumer(group, topic);
    const order: string[] = [];
    await waitFor(
      async () => {
        const batch = await consumer.receive(8, MIN_INVISIBLE_MS * 3);
        for (const message of batch) {
          order.push(message.body.toString());
          await consumer.ack(message);
        }
        return order.length >= bodies.length;
      },
      { timeoutMs: 60_000, reason: 'every FIFO message' },
    );
    expect(order).toEqual(bodies);
  });

  it('delay: a message sent with delay 3 s is received no earlier than its time', async () => {
    const topic = uniqueName('GrpcDelay');
    await createTopic(topic, 'DELAY');
    const delayProducer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await delayProducer.startup();
    closers.push(() => delayProducer.shutdown());
    const consumer = await simpleConsumer(uniqueName('GrpcDelayGroup'), topic);
    const due = Date.now() + 3000;
    await delayProducer.send({ topic, body: Buffer.from('later'), deliveryTimestamp: new Date(due) });
    const [message] = await receive(consumer, 1);
    const arrived = Date.now();
    expect(message?.body.toString()).toBe('later');
    expect(arrived).toBeGreaterThanOrEqual(due - 1000);
    if (message !== undefined) await consumer.ack(message);
  });

  it('transaction: a committed half message is delivered, a rolled-back one never', async () => {
    const topic = uniqueName('GrpcTx');
    await createTopic(topic, 'TRANSACTION');
    const txProducer = new Producer({
      endpoints,
      namespace: '',
      logger: silent,
      topics: [topic],
      checker: { check: async () => TransactionResolution.ROLLBACK },
    });
    await txProducer.startup();
    closers.push(() => txProducer.shutdown());
    const consumer = await simpleConsumer(uniqueName('GrpcTxGroup'), topic);
    const committed = txProducer.beginTransaction();
    await txProducer.send({ topic, body: Buffer.from('committed') }, committed);
    const rolledBack = txProducer.beginTransaction();
    await txProducer.send({ topic, body: Buffer.from('rolled-back') }, rolledBack);
    expect(await consumer.receive(32, MIN_INVISIBLE_MS)).toEqual([]);
    await committed.commit();
    await rolledBack.rollback();
    const [message] = await receive(consumer, 1);
    expect(message?.body.toString()).toBe('committed');
    if (message !== undefined) await consumer.ack(message);
    expect(await consumer.receive(32, MIN_INVISIBLE_MS)).toEqual([]);
  });

  it('receive → change invisible duration (2 s) → redelivered; never acked → redelivered after its invisible time', async () => {
    const topic = uniqueName('GrpcRedeliver');
    await createTopic(topic, 'NORMAL');
    const consumer = await simpleConsumer(uniqueName('GrpcRedeliverGroup'), topic);
    const anyProducer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await anyProducer.startup();
    closers.push(() => anyProducer.shutdown());
    await anyProducer.send({ topic, body: Buffer.from('changed') });
    await anyProducer.send({ topic, body: Buffer.from('ignored') });
    const first = await receive(consumer, 2, MIN_INVISIBLE_MS);
    const changed = first.find((m) => m.body.toString() === 'changed');
    if (changed === undefined) throw new Error('changed not received');
    await consumer.changeInvisibleDuration(changed, 2000);
    const started = Date.now();
    const again = await receive(consumer, 2, MIN_INVISIBLE_MS * 3, 40_000);
    const byBody = new Map(again.map((m) => [m.body.toString(), m]));
    expect(byBody.get('changed')?.deliveryAttempt).toBe(2);
    expect(byBody.get('ignored')?.deliveryAttempt).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_INVISIBLE_MS - 2000);
    for (const message of again) await consumer.ack(message);
  });

  it('crosses protocols: gRPC send → our remoting push consumer, remoting send → gRPC SimpleConsumer', async () => {
    const topic = uniqueName('GrpcCross');
    await createTopic(topic, 'NORMAL');
    const grpcProducer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await grpcProducer.startup();
    closers.push(() => grpcProducer.shutdown());
    const pushed: string[] = [];
    const push = new PushConsumer({
      namesrvAddr: namesrv.addr,
      consumerGroup: uniqueName('RemotingCrossGroup'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    push.subscribe(topic, '*');
    push.onMessage((message) => {
      pushed.push(message.body.toString());
    });
    await push.start();
    closers.push(() => push.shutdown());
    await grpcProducer.send({ topic, body: Buffer.from('grpc-to-remoting') });
    await waitFor(() => pushed.includes('grpc-to-remoting'), { timeoutMs: 60_000, reason: 'the remoting consumer got the gRPC message' });

    const remotingProducer = new RemotingProducer({ namesrvAddr: namesrv.addr, producerGroup: uniqueName('RemotingCrossPG') });
    await remotingProducer.start();
    closers.push(() => remotingProducer.shutdown());
    await remotingProducer.send({ topic, body: Buffer.from('remoting-to-grpc') });
    const consumer = await simpleConsumer(uniqueName('GrpcCrossGroup'), topic);
    const received = await receive(consumer, 2);
    expect(received.map((m) => m.body.toString()).sort()).toEqual(['grpc-to-remoting', 'remoting-to-grpc']);
  });

  it('the broker SIGKILLed with received, un-acked messages delivers them again after the restart', async () => {
    const topic = uniqueName('GrpcKill');
    await createTopic(topic, 'NORMAL');
    const killProducer = new Producer({ endpoints, namespace: '', logger: silent, topics: [topic] });
    await killProducer.startup();
    closers.push(() => killProducer.shutdown());
    const group = uniqueName('GrpcKillGroup');
    const consumer = await simpleConsumer(group, topic);
    const bodies = Array.from({ length: 10 }, (_, i) => `kill-${i}`);
    for (const body of bodies) await killProducer.send({ topic, body: Buffer.from(body) });
    const first = await receive(consumer, bodies.length, MIN_INVISIBLE_MS);
    for (const message of first.slice(0, 4)) await consumer.ack(message);
    const unacked = first.slice(4).map((m) => m.body.toString());

    broker.process.kill('SIGKILL');
    await broker.process.waitForExit({ timeoutMs: 15_000, reason: 'broker gone after SIGKILL' });
    broker = await restartLocalBroker(broker, { logFile: true });

    const seen = new Set<string>();
    await waitFor(
      async () => {
        for (const message of await consumer.receive(32, MIN_INVISIBLE_MS * 3).catch(() => [])) {
          seen.add(message.body.toString());
          await consumer.ack(message);
        }
        return unacked.every((body) => seen.has(body));
      },
      { timeoutMs: 90_000, reason: 'every un-acked message again after the restart' },
    );
    expect(unacked.filter((body) => !seen.has(body))).toEqual([]);
  });
});
