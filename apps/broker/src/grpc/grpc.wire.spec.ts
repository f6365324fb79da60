import * as grpc from '@grpc/grpc-js';
import { Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeMessageRecords, encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, PopMessageRequestHeader, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTopic, waitFor } from '@rocketmq-ts/testing';

import { PopReviveService } from '../pop/pop-revive-service';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { GrpcLifecycle } from './grpc.providers';

// The gRPC endpoint through the official Node client (rocketmq-client-nodejs from npm) against the
// in-process broker over real HTTP/2 (docs/grpc-and-pop.md#grpc-endpoint): producer → SimpleConsumer
// receive/ack, change invisible duration, never-acked redelivery (the broker's ManualClock passes the
// invisible time, the spec runs the revive pass), and messages crossing between gRPC and remoting.
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const INVISIBLE_MS = 15_000;

describe('Broker > gRPC endpoint > rocketmq-client-nodejs', () => {
  let broker: InProcessBroker;
  let endpoints: string;
  let producer: Producer;
  let remoting: RemotingClient;
  const consumers: SimpleConsumer[] = [];

  const consumer = async (group: string, topic: string): Promise<SimpleConsumer> => {
    const simple = new SimpleConsumer({
      endpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, '*']]),
      awaitDuration: 5000,
      logger: silent,
    });
    await simple.startup();
    consumers.push(simple);
    return simple;
  };
  const receiveAll = async (simple: SimpleConsumer, count: number) => {
    const seen: Awaited<ReturnType<SimpleConsumer['receive']>> = [];
    await waitFor(
      async () => {
        seen.push(...(await simple.receive(32, INVISIBLE_MS)));
        return seen.length >= count;
      },
      { timeoutMs: 30_000, reason: `${count} messages received` },
    );
    return seen;
  };
  const revive = async () => {
    broker.clock.advance(INVISIBLE_MS + 1);
    return broker.app.get(PopReviveService).reviveOnce();
  };

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { enableGrpcServer: true, grpcServerPort: 0, reviveInterval: 3_600_000 } });
    endpoints = `127.0.0.1:${broker.app.get(GrpcLifecycle).endpoint.port}`;
    const target = { brokerAddr: broker.address, brokerName: 'broker-a', namesrvAddrs: [] };
    for (const topic of ['GrpcNormal', 'GrpcChange', 'GrpcNeverAck', 'GrpcCross']) await createTopic(target, topic, 4);
    producer = new Producer({ endpoints, namespace: '', logger: silent, topics: ['GrpcNormal'] });
    await producer.startup();
    remoting = new RemotingClient();
  }, 60_000);

  afterAll(async () => {
    for (const simple of consumers) await simple.shutdown();
    await producer?.shutdown();
    await remoting?.close();
    await broker?.stop();
  });

  it('sends with the Node producer and receives + acks with the SimpleConsumer; acked messages do not come back', async () => {
    const simple = await consumer('GrpcGroupNormal', 'GrpcNormal');
    const receipts = [];
    for (const body of ['n0', 'n1', 'n2'])
      receipts.push(await producer.send({ topic: 'GrpcNormal', tag: 'TagA', keys: [`k-${body}`], body: Buffer.from(body) }));
    const received = await receiveAll(simple, 3);
    expect(received.map((m) => m.body.toString()).sort()).toEqual(['n0', 'n1', 'n2']);
    expect(received.map((m) => m.messageId).sort()).toEqual(receipts.map((r) => r.messageId).sort());
    expect(received.every((m) => m.tag === 'TagA' && !m.corrupted && m.deliveryAttempt === 1)).toBe(true);
    for (const message of received) await simple.ack(message);
    expect(await revive()).toBe(0);
    expect(await simple.receive(32, INVISIBLE_MS)).toEqual([]);
  }, 60_000);

  it('redelivers after changeInvisibleDuration, with deliveryAttempt 2', async () => {
    const simple = await consumer('GrpcGroupChange', 'GrpcChange');
    await producer.send({ topic: 'GrpcChange', body: Buffer.from('c0') });
    const [message] = await receiveAll(simple, 1);
    if (message === undefined) throw new Error('nothing received');
    await simple.changeInvisibleDuration(message, 2 * INVISIBLE_MS);
    expect(await revive()).toBe(0);
    expect(await revive()).toBe(1);
    const [again] = await receiveAll(simple, 1);
    expect(again?.body.toString()).toBe('c0');
    expect(again?.deliveryAttempt).toBe(2);
    if (again !== undefined) await simple.ack(again);
  }, 60_000);

  it('redelivers a message never acked once its invisible time is over', async () => {
    const simple = await consumer('GrpcGroupNever', 'GrpcNeverAck');
    await producer.send({ topic: 'GrpcNeverAck', body: Buffer.from('never') });
    await receiveAll(simple, 1);
    expect(await revive()).toBe(1);
    const [again] = await receiveAll(simple, 1);
    expect(again?.body.toString()).toBe('never');
    expect(again?.deliveryAttempt).toBe(2);
  }, 60_000);

  it('carries messages across protocols: remoting send → gRPC receive, gRPC send → remoting pop', async () => {
    const properties = encodeMessageProperties({ TAGS: 'X', UNIQ_KEY: 'REMOTING00000000000000000000000001', WAIT: 'true' });
    const header = {
      producerGroup: 'PG',
      topic: 'GrpcCross',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 1,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties,
    };
    const sent = await remoting.invoke(
      broker.address,
      createRequest(RequestCode.SEND_MESSAGE_V2, {
        extFields: SendMessageRequestHeaderV2.encodeFromV1(header),
        body: Buffer.from('from-remoting'),
        language: 'JAVA',
      }),
      5000,
    );
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    const simple = await consumer('GrpcGroupCross', 'GrpcCross');
    const [fromRemoting] = await receiveAll(simple, 1);
    expect(fromRemoting?.body.toString()).toBe('from-remoting');
    expect(fromRemoting?.messageId).toBe('REMOTING00000000000000000000000001');

    const receipt = await producer.send({ topic: 'GrpcCross', tag: 'Y', body: Buffer.from('from-grpc') });
    const pop = PopMessageRequestHeader.encode({
      consumerGroup: 'RemotingPopGroup',
      topic: 'GrpcCross',
      queueId: -1,
      maxMsgNums: 32,
      invisibleTime: 60_000,
      pollTime: 3000,
      bornTime: Date.now(),
      initMode: 0,
      order: false,
    });
    const bodies = new Map<string, string>();
    await waitFor(
      async () => {
        const response = await remoting.invoke(
          broker.address,
          createRequest(RequestCode.POP_MESSAGE, { extFields: pop, language: 'JAVA' }),
          10_000,
        );
        if (response.code === ResponseCode.SUCCESS)
          for (const record of decodeMessageRecords(response.body ?? Buffer.alloc(0))) bodies.set(record.body.toString(), record.topic);
        return bodies.has('from-grpc');
      },
      { timeoutMs: 20_000, reason: 'the gRPC-sent message popped over remoting' },
    );
    expect(bodies.get('from-grpc')).toBe('GrpcCross');
    expect(receipt.messageId).toHaveLength(34);
  }, 60_000);

  it('answers CLIENT_ID_REQUIRED without x-mq-client-id, and survives a body that is not protobuf', async () => {
    const client = new grpc.Client(endpoints, grpc.credentials.createInsecure());
    try {
      const raw = (path: string, bytes: Buffer, metadata: grpc.Metadata) =>
        new Promise<{ error: grpc.ServiceError | null; body: Buffer | undefined }>((resolve) =>
          client.makeUnaryRequest(
            path,
            (b: Buffer) => b,
            (b: Buffer) => b,
            bytes,
            metadata,
            (error, body) => resolve({ error, body }),
          ),
        );
      const noId = await raw('/apache.rocketmq.v2.MessagingService/Heartbeat', Buffer.alloc(0), new grpc.Metadata());
      expect(noId.error).toBeNull();
      // field 1 (status) → field 1 (code) = 40017 CLIENT_ID_REQUIRED, varint-encoded
      expect(noId.body?.includes(Buffer.from([0x08, 0xd1, 0xb8, 0x02]))).toBe(true);
      const metadata = new grpc.Metadata();
      metadata.set('x-mq-client-id', 'spec@1');
      const garbage = await raw('/apache.rocketmq.v2.MessagingService/SendMessage', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), metadata);
      expect(garbage.error?.code).toBe(grpc.status.INTERNAL);
      const unknown = await raw('/apache.rocketmq.v2.MessagingService/NoSuchMethod', Buffer.alloc(0), metadata);
      expect(unknown.error?.code).toBe(grpc.status.UNIMPLEMENTED);
      const route = await raw('/apache.rocketmq.v2.MessagingService/QueryRoute', Buffer.alloc(0), metadata);
      expect(route.error).toBeNull();
    } finally {
      client.close();
    }
  });
});
