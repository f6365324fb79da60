import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  decodeMessageRecords,
  decodeOffsetMessageId,
  encodeBatchBody,
  encodeMessageProperties,
  formatSocketAddress,
  MessageConst,
  parseMessageProperties,
} from '@rocketmq-ts/model';
import {
  createRequest,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { MESSAGE_STORE } from '../broker.tokens';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { RecordingNamesrv } from '../testing/recording-namesrv';
import { waitFor } from '@rocketmq-ts/testing';

// SEND over TCP against the in-process broker: V1/V2/batch, the msgId decoding back to our store
// host and offset, auto-create from TBW102 (and the re-register it triggers), and every refusal
// leaving the store's offsets untouched.
const TIMEOUT_MS = 5000;

function sendHeader(topic: string, overrides: Partial<SendMessageRequestHeader> = {}): SendMessageRequestHeader {
  return {
    producerGroup: 'PG',
    topic,
    defaultTopic: 'TBW102',
    defaultTopicQueueNums: 4,
    queueId: 0,
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    flag: 0,
    properties: encodeMessageProperties({ TAGS: 'TagA', KEYS: 'k1', UNIQ_KEY: 'AC11000100002A9F0000000000000001', WAIT: 'true' }),
    ...overrides,
  };
}

describe('Broker > wire > send', () => {
  let broker: InProcessBroker;
  let namesrv: RecordingNamesrv;
  let client: RemotingClient;
  let store: MessageStore;

  const send = (code: number, extFields: Record<string, string>, body: Buffer): Promise<RemotingCommand> =>
    client.invoke(broker.address, createRequest(code, { extFields, body, language: 'JAVA' }), TIMEOUT_MS);
  const sendV2 = (topic: string, body = Buffer.from('hello'), overrides: Partial<SendMessageRequestHeader> = {}) =>
    send(RequestCode.SEND_MESSAGE_V2, SendMessageRequestHeaderV2.encodeFromV1(sendHeader(topic, overrides)), body);

  beforeAll(async () => {
    namesrv = new RecordingNamesrv();
    const namesrvAddr = await namesrv.start();
    broker = await startInProcessBroker({ overrides: { namesrvAddr, maxMessageSize: 1024 } });
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
    client = new RemotingClient();
    await waitFor(() => namesrv.latest(), { timeoutMs: TIMEOUT_MS, reason: 'first REGISTER_BROKER' });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
    await namesrv.stop();
  });

  it('registers with the name server at start: TBW102, the cluster and broker-name topics', () => {
    const registration = namesrv.latest();
    expect(registration?.brokerAddr).toBe(broker.address);
    expect(registration?.topics).toEqual(expect.arrayContaining(['TBW102', 'DefaultCluster', 'broker-a', 'SELF_TEST_TOPIC']));
    expect(registration?.bodyCrc32).toBeGreaterThan(0);
  });

  it('stores a V2 send, answers msgId/queueId/queueOffset + MSG_REGION/TRACE_ON, and the msgId decodes to our store host', async () => {
    const first = await sendV2('TopicV2');
    const second = await sendV2('TopicV2');
    expect(first.code).toBe(ResponseCode.SUCCESS);
    const header = SendMessageResponseHeader.decode(second.extFields);
    expect(header).toMatchObject({
      queueId: 0,
      queueOffset: 1,
      regionId: 'DefaultRegion',
      traceOn: true,
      transactionId: 'AC11000100002A9F0000000000000001',
    });
    const id = decodeOffsetMessageId(header.msgId);
    expect(formatSocketAddress(id.storeHost)).toBe(broker.address);
    const record = await store.lookMessageByOffset(id.physicalOffset);
    const [decoded] = decodeMessageRecords(record ?? Buffer.alloc(0));
    expect(decoded?.topic).toBe('TopicV2');
    expect(parseMessageProperties(decoded?.properties ?? '').get(MessageConst.PROPERTY_CLUSTER)).toBe('DefaultCluster');
  });

  it('creates an unknown topic from TBW102 with min(requested, 8) queues and re-registers it at once', async () => {
    expect((await sendV2('AutoCreated')).code).toBe(ResponseCode.SUCCESS);
    await waitFor(() => namesrv.latest()?.topics.includes('AutoCreated'), {
      timeoutMs: TIMEOUT_MS,
      reason: 'REGISTER_BROKER carrying AutoCreated',
    });
    const routed = await sendV2('AutoCreated', Buffer.from('x'), { queueId: 3 });
    expect(routed.code).toBe(ResponseCode.SUCCESS);
    const outOfRange = await sendV2('AutoCreated', Buffer.from('x'), { queueId: 4 });
    expect(outOfRange.code).toBe(ResponseCode.INVALID_PARAMETER);
  });

  it('accepts GO-style SEND_MESSAGE (10) with long names and picks a queue for queueId -1', async () => {
    const response = await send(
      RequestCode.SEND_MESSAGE,
      SendMessageRequestHeader.encode(sendHeader('TopicGo', { queueId: -1, properties: 'TAGS\u0001a\u0002' })),
      Buffer.from('go'),
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const header = SendMessageResponseHeader.decode(response.extFields);
    expect(header.queueId).toBeGreaterThanOrEqual(0);
    expect(header.queueId).toBeLessThan(4);
    // No UNIQ_KEY from the producer: the broker made one and reports it as transactionId.
    expect(header.transactionId).toMatch(/^[0-9A-F]{32}$/);
  });

  it('stores a batch as consecutive records with comma-joined msgIds', async () => {
    const body = encodeBatchBody(
      [0, 1, 2].map((index) => ({
        flag: 0,
        body: Buffer.from(`m${index}`),
        properties: encodeMessageProperties({ UNIQ_KEY: `AC11000100002A9F000000000000000${index}` }),
      })),
    );
    const extFields = SendMessageRequestHeaderV2.encodeFromV1(sendHeader('TopicBatch', { batch: true, properties: undefined }));
    const response = await send(RequestCode.SEND_BATCH_MESSAGE, extFields, body);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const header = SendMessageResponseHeader.decode(response.extFields);
    expect(header.msgId.split(',')).toHaveLength(3);
    expect(header.queueOffset).toBe(0);
    // The consume queue is written by the dispatcher after the append is acknowledged: wait for it.
    await waitFor(() => store.getMaxOffsetInQueue('TopicBatch', 0) === 3, {
      timeoutMs: TIMEOUT_MS,
      reason: 'the batch dispatched to the consume queue',
    });
  });

  it('refuses bad input without touching the store', async () => {
    const maxBefore = store.getMaxOffsetInQueue('TopicV2', 0);
    const physicalBefore = store.getMaxPhyOffset();
    const tooLarge = await sendV2('TopicV2', Buffer.alloc(1025));
    expect([tooLarge.code, tooLarge.remark]).toEqual([
      ResponseCode.MESSAGE_ILLEGAL,
      'the message body size 1025 is over the max value 1024',
    ]);
    const illegal = await sendV2('Topic With Spaces');
    expect(illegal.code).toBe(ResponseCode.INVALID_PARAMETER);
    expect(illegal.remark).toContain('characters outside');
    const long = await sendV2('T'.repeat(128));
    expect([long.code, long.remark]).toEqual([ResponseCode.INVALID_PARAMETER, 'topic name is 128 bytes long; the limit is 127']);
    const system = await sendV2('SCHEDULE_TOPIC_XXXX');
    expect(system.code).toBe(ResponseCode.NO_PERMISSION);
    expect(store.getMaxOffsetInQueue('TopicV2', 0)).toBe(maxBefore);
    expect(store.getMaxPhyOffset()).toBe(physicalBefore);
    expect(illegal.extFields).toMatchObject({ MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' });
  });
});
