import { connect, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, encodeBatchBody, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  OffsetResponseHeader,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
} from '@rocketmq-ts/protocol';
import type { MessageStore } from '@rocketmq-ts/store';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { MESSAGE_STORE } from '../broker.tokens';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// Hostile or mistaken input over TCP: pulls and sends for queues that do not exist, a negative
// pull offset, headers that do not parse, and frames that are not frames. Each gets Java's answer
// (docs/remoting-protocol.md#requests-the-broker-serves), and none of them moves a single store offset. A negative send queueId
// is not an error (Java picks a random queue): send.wire.spec covers it.
const TOPIC = 'BadInputTopic';
const READ_QUEUES = 2;
const GROUP = 'BadInputGroup';

function lengthPrefixed(payload: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length, 0);
  return Buffer.concat([length, payload]);
}

/** A frame with a JSON header length word; the header text is whatever the case needs. */
function jsonFrame(headerText: string): Buffer {
  const header = Buffer.from(headerText);
  const word = Buffer.alloc(4);
  word.writeUInt32BE(header.length, 0);
  return lengthPrefixed(Buffer.concat([word, header]));
}

const MALFORMED_FRAMES: readonly { readonly name: string; readonly bytes: Buffer }[] = [
  { name: 'a header that is not JSON', bytes: jsonFrame('{"code":11,') },
  { name: 'a header length past the frame end', bytes: lengthPrefixed(Buffer.from([0, 0, 0x10, 0, 0x7b, 0x7d])) },
  { name: 'a frame length past the frame limit', bytes: Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]) },
  { name: 'an HTTP request', bytes: Buffer.from('GET / HTTP/1.1\r\nHost: broker\r\n\r\n') },
];

/** Resolves when the broker closes the socket; the socket never gets a reply to garbage. */
function sendRaw(port: number, bytes: Buffer): Promise<{ readonly repliedBytes: number }> {
  return new Promise((resolve, reject) => {
    let repliedBytes = 0;
    const socket: Socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => (repliedBytes += chunk.length));
    socket.on('error', () => undefined); // a reset is one way of being closed
    socket.on('close', () => resolve({ repliedBytes }));
    socket.once('timeout', () => reject(new Error('broker kept the connection open')));
    socket.setTimeout(5_000);
  });
}

describe('Broker > wire > bad input', () => {
  let broker: InProcessBroker;
  let store: MessageStore;
  let client: TestRemotingConnection;

  const call = (code: number, extFields: Record<string, string>, body?: Buffer): Promise<RemotingCommand> =>
    client.request(createRequest(code, { extFields, body, language: 'JAVA' }));
  const pullHeader = (overrides: Partial<PullMessageRequestHeader>): PullMessageRequestHeader => ({
    consumerGroup: GROUP,
    topic: TOPIC,
    queueId: 0,
    queueOffset: 0,
    maxMsgNums: 32,
    commitOffset: 0,
    suspendTimeoutMillis: 0,
    subscription: '*',
    subVersion: 0n,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
    ...overrides,
  });
  const pull = (overrides: Partial<PullMessageRequestHeader>) =>
    call(RequestCode.PULL_MESSAGE, PullMessageRequestHeader.encode(pullHeader(overrides)));
  const sendFields = (queueId: number, batch = false) =>
    SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'PG',
      topic: TOPIC,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag: 0,
      bornTimestamp: 1,
      flag: 0,
      batch,
      properties: batch ? undefined : encodeMessageProperties({ WAIT: 'true' }),
    });
  /** Every offset a write could move: the commit log's and each queue's. */
  const storeOffsets = () => [
    store.getMaxPhyOffset(),
    ...Array.from({ length: READ_QUEUES + 2 }, (_, queueId) => store.getMaxOffsetInQueue(TOPIC, queueId)),
  ];

  beforeAll(async () => {
    broker = await startInProcessBroker();
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
    client = await TestRemotingConnection.open(broker.remotingPort);
    const create = CreateTopicRequestHeader.encode({
      topic: TOPIC,
      defaultTopic: 'TBW102',
      readQueueNums: READ_QUEUES,
      writeQueueNums: READ_QUEUES,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      order: false,
    });
    expect((await call(RequestCode.UPDATE_AND_CREATE_TOPIC, create)).code).toBe(ResponseCode.SUCCESS);
    for (let i = 0; i < 3; i++)
      expect((await call(RequestCode.SEND_MESSAGE_V2, sendFields(0), Buffer.from(`m${i}`))).code).toBe(ResponseCode.SUCCESS);
    // The consume queue is dispatched after the reply (Java's reput service too): settle it first,
    // so "unchanged" below compares settled offsets.
    await waitFor(() => store.getMaxOffsetInQueue(TOPIC, 0) === 3, { timeoutMs: 5_000, reason: 'three messages dispatched to queue 0' });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  describe('pull', () => {
    it.each([
      ['past readQueueNums', READ_QUEUES],
      ['negative', -1],
    ])('answers INVALID_PARAMETER with a remark for a queueId %s, and commits nothing it carried', async (_name, queueId) => {
      const before = storeOffsets();
      const reply = await pull({
        queueId,
        commitOffset: 1,
        sysFlag: buildPullSysFlag({ commitOffset: true, suspend: true, subscription: true }),
      });
      expect(reply.code).toBe(ResponseCode.INVALID_PARAMETER);
      expect(reply.remark).toContain(`queueId[${queueId}] is illegal, topic:[${TOPIC}] topicConfig.readQueueNums:[${READ_QUEUES}]`);
      // Asked of the manager: QUERY_CONSUMER_OFFSET answers 0 for an uncommitted empty queue, as Java.
      expect(broker.app.get(ConsumerOffsetManager).queryOffset(GROUP, TOPIC, queueId)).toBe(-1);
      expect(storeOffsets()).toEqual(before);
    });

    it('moves a negative queueOffset to the queue minimum (PULL_OFFSET_MOVED), with all four offset fields', async () => {
      const before = storeOffsets();
      const reply = await pull({ queueOffset: -5 });
      expect([reply.code, reply.remark]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_TOO_SMALL']);
      expect(reply.extFields).toEqual({ suggestWhichBrokerId: '0', nextBeginOffset: '0', minOffset: '0', maxOffset: '3' });
      expect(reply.body).toBeUndefined();
      // An empty queue has no minimum to move to: offset 0, and still every field.
      const empty = await pull({ queueId: 1, queueOffset: -1 });
      expect([empty.code, empty.remark]).toEqual([ResponseCode.PULL_OFFSET_MOVED, 'NO_MESSAGE_IN_QUEUE']);
      expect(PullMessageResponseHeader.decode(empty.extFields)).toEqual({
        suggestWhichBrokerId: 0,
        nextBeginOffset: 0,
        minOffset: 0,
        maxOffset: 0,
      });
      expect(storeOffsets()).toEqual(before);
    });

    it('answers SYSTEM_ERROR naming the field for a queueId that is not an int, and keeps the connection', async () => {
      const fields = { ...PullMessageRequestHeader.encode(pullHeader({})), queueId: '2147483648' };
      const reply = await call(RequestCode.PULL_MESSAGE, fields);
      expect(reply.code).toBe(ResponseCode.SYSTEM_ERROR);
      expect(reply.remark).toContain('PullMessageRequestHeader.queueId');
      expect((await pull({})).code).toBe(ResponseCode.SUCCESS);
    });
  });

  describe('send', () => {
    it('answers INVALID_PARAMETER for a queueId past the topic queues, single or batch, without storing', async () => {
      const before = storeOffsets();
      const single = await call(RequestCode.SEND_MESSAGE_V2, sendFields(READ_QUEUES), Buffer.from('x'));
      expect([single.code, single.remark]).toEqual([
        ResponseCode.INVALID_PARAMETER,
        `request queueId[${READ_QUEUES}] is illegal, topic ${TOPIC} has ${READ_QUEUES} queues; producer group PG`,
      ]);
      const batchBody = encodeBatchBody([{ flag: 0, body: Buffer.from('b'), properties: encodeMessageProperties({}) }]);
      const batch = await call(RequestCode.SEND_BATCH_MESSAGE, sendFields(READ_QUEUES + 1, true), batchBody);
      expect(batch.code).toBe(ResponseCode.INVALID_PARAMETER);
      expect(storeOffsets()).toEqual(before);
    });

    it('answers SYSTEM_ERROR for a queueId that does not parse, without storing', async () => {
      const before = storeOffsets();
      const reply = await call(RequestCode.SEND_MESSAGE_V2, { ...sendFields(0), e: 'zero' }, Buffer.from('x'));
      expect(reply.code).toBe(ResponseCode.SYSTEM_ERROR);
      expect(reply.remark).toContain('SendMessageRequestHeaderV2.e: not an integer'); // e is V2's queueId
      expect(storeOffsets()).toEqual(before);
    });
  });

  describe('malformed frames', () => {
    it.each(MALFORMED_FRAMES.map((frame) => [frame.name, frame.bytes] as const))(
      'closes only the connection that sent %s',
      async (_name, bytes) => {
        const before = storeOffsets();
        const { repliedBytes } = await sendRaw(broker.remotingPort, bytes);
        expect(repliedBytes).toBe(0);
        const offset = await call(RequestCode.GET_MAX_OFFSET, { topic: TOPIC, queueId: '0' });
        expect([offset.code, OffsetResponseHeader.decode(offset.extFields).offset]).toEqual([ResponseCode.SUCCESS, 3]);
        expect(client.closed).toBe(false);
        expect(storeOffsets()).toEqual(before);
      },
    );
  });
});
