import { deflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { encodeMessageProperties, encodeMessageRecord, MessageSysFlag } from '@rocketmq-ts/model';

import { decodePullBody, decodeStoredMessages } from './message-decoder';

const CONTEXT = { brokerName: 'broker-a', consumerGroup: 'G', minOffset: 0, maxOffset: 9 };

function record(fields: {
  topic: string;
  body: Buffer;
  sysFlag?: number;
  properties: Record<string, string>;
  queueOffset?: number;
  reconsumeTimes?: number;
}): Buffer {
  return encodeMessageRecord({
    queueId: 1,
    flag: 0,
    queueOffset: fields.queueOffset ?? 3,
    physicalOffset: 4096,
    sysFlag: fields.sysFlag ?? 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: { ip: Uint8Array.of(10, 0, 0, 1), port: 50_000 },
    storeTimestamp: 1_700_000_000_100,
    storeHost: { ip: Uint8Array.of(127, 0, 0, 1), port: 10_911 },
    reconsumeTimes: fields.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
    body: fields.body,
    topic: fields.topic,
    properties: encodeMessageProperties(fields.properties),
  });
}

describe('Client > consumer > decodePullBody', () => {
  it('decodes concatenated records: ids, tags, keys, hosts, offsets and the pull bounds', () => {
    const body = Buffer.concat([
      record({ topic: 'T', body: Buffer.from('one'), properties: { UNIQ_KEY: 'AABB', TAGS: 'TagA', KEYS: 'k1 k2' } }),
      record({ topic: 'T', body: Buffer.from('two'), properties: {}, queueOffset: 4 }),
    ]);
    const [first, second] = decodePullBody(body, CONTEXT);
    expect(first).toMatchObject({
      topic: 'T',
      tags: 'TagA',
      keys: ['k1', 'k2'],
      msgId: 'AABB',
      brokerName: 'broker-a',
      queueId: 1,
      queueOffset: 3,
      commitLogOffset: 4096,
    });
    expect(first).toMatchObject({
      bornHost: '10.0.0.1:50000',
      storeHost: '127.0.0.1:10911',
      offsetMsgId: '7F00000100002A9F0000000000001000',
    });
    expect(first?.properties).toMatchObject({ MIN_OFFSET: '0', MAX_OFFSET: '9' });
    expect(second).toMatchObject({ tags: undefined, keys: [], msgId: second?.offsetMsgId, queueOffset: 4 });
    expect(second?.body.toString()).toBe('two');
  });

  it('inflates zlib bodies and clears the COMPRESSED bit; keeps an undecodable body as stored', () => {
    const text = 'compressed '.repeat(100);
    const [inflated, broken] = decodePullBody(
      Buffer.concat([
        record({ topic: 'T', body: deflateSync(Buffer.from(text)), sysFlag: MessageSysFlag.COMPRESSED, properties: {} }),
        record({ topic: 'T', body: Buffer.from('not zlib'), sysFlag: MessageSysFlag.COMPRESSED, properties: {} }),
      ]),
      CONTEXT,
    );
    expect(inflated?.body.toString()).toBe(text);
    expect((inflated?.sysFlag ?? 0) & MessageSysFlag.COMPRESSED).toBe(0);
    expect(broken?.body.toString()).toBe('not zlib');
    expect((broken?.sysFlag ?? 0) & MessageSysFlag.COMPRESSED).toBe(MessageSysFlag.COMPRESSED);
  });

  it('shows a message of the group retry topic under its original topic', () => {
    const [retried] = decodePullBody(
      record({ topic: '%RETRY%G', body: Buffer.from('r'), properties: { RETRY_TOPIC: 'Orders' }, reconsumeTimes: 2 }),
      CONTEXT,
    );
    expect(retried).toMatchObject({ topic: 'Orders', reconsumeTimes: 2 });
    const [other] = decodePullBody(
      record({ topic: '%RETRY%Other', body: Buffer.from('r'), properties: { RETRY_TOPIC: 'Orders' } }),
      CONTEXT,
    );
    expect(other?.topic).toBe('%RETRY%Other');
  });
});

describe('Client > consumer > decodeStoredMessages (admin tools)', () => {
  it('keeps records as stored: retry topic, no pull bounds, bodies copied out of the response', () => {
    const response = record({ topic: '%RETRY%G', body: Buffer.from('stored'), properties: { RETRY_TOPIC: 'Orders', TAGS: 'TagA' } });
    const [message] = decodeStoredMessages(response, 'broker-a');
    expect(message).toMatchObject({
      topic: '%RETRY%G',
      tags: 'TagA',
      brokerName: 'broker-a',
      properties: { RETRY_TOPIC: 'Orders', TAGS: 'TagA' },
    });
    expect(message?.properties).not.toHaveProperty('MIN_OFFSET');
    response.fill(0);
    expect(message?.body.toString()).toBe('stored');
  });

  it('inflates zlib bodies as the consumer does', () => {
    const [message] = decodeStoredMessages(
      record({ topic: 'T', body: deflateSync(Buffer.from('zipped')), sysFlag: MessageSysFlag.COMPRESSED, properties: {} }),
      'broker-a',
    );
    expect(message?.body.toString()).toBe('zipped');
    expect((message?.sysFlag ?? 0) & MessageSysFlag.COMPRESSED).toBe(0);
  });
});
