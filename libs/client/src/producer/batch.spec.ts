import { describe, expect, it } from 'vitest';

import { decodeBatchBody, MessageConst, parseMessageProperties } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { prepareBatch } from './batch';

let counter = 0;
const nextKey = (): string => `KEY${(counter += 1)}`;

describe('Client > Producer > batch encoding', () => {
  it('encodes each message with its own tags, keys, properties and UNIQ_KEY', () => {
    const batch = prepareBatch(
      [
        { topic: 'T', body: 'one', tags: 'A', keys: ['k1', 'k2'] },
        { topic: 'T', body: Buffer.from('two'), properties: { color: 'red' } },
      ],
      nextKey,
      1024,
    );
    const inner = decodeBatchBody(batch.body);
    expect(inner.map((message) => message.body.toString())).toEqual(['one', 'two']);
    const [first, second] = inner.map((message) => parseMessageProperties(message.properties));
    expect(first?.get(MessageConst.PROPERTY_TAGS)).toBe('A');
    expect(first?.get(MessageConst.PROPERTY_KEYS)).toBe('k1 k2');
    expect(second?.get('color')).toBe('red');
    expect([
      first?.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
      second?.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
    ]).toEqual(batch.uniqKeys);
    expect(parseMessageProperties(batch.properties)).toEqual(new Map([[MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'true']]));
  });

  it.each([
    ['no message', []],
    [
      'two topics',
      [
        { topic: 'T', body: 'a' },
        { topic: 'U', body: 'b' },
      ],
    ],
    ['a delay level', [{ topic: 'T', body: 'a', delayLevel: 1 }]],
    ['a retry topic', [{ topic: '%RETRY%G', body: 'a' }]],
    [
      'mixed WAIT settings',
      [
        { topic: 'T', body: 'a' },
        { topic: 'T', body: 'b', properties: { WAIT: 'false' } },
      ],
    ],
    ['an empty body', [{ topic: 'T', body: '' }]],
  ])('refuses a batch with %s as MESSAGE_ILLEGAL', (_case, messages) => {
    expect(() => prepareBatch(messages, nextKey, 1024)).toThrow(
      expect.objectContaining({ responseCode: ResponseCode.MESSAGE_ILLEGAL, retriable: false }),
    );
  });

  it('checks the encoded batch, not only each body, against maxMessageSize', () => {
    const messages = Array.from({ length: 4 }, () => ({ topic: 'T', body: Buffer.alloc(200) }));
    expect(() => prepareBatch(messages, nextKey, 800)).toThrow(/batch body size \d+ is over the max value 800/);
    expect(prepareBatch(messages, nextKey, 2_000).uniqKeys).toHaveLength(4);
  });
});
