import { decodeMessageRecord, decodeMessageRecords, decodeOffsetMessageId } from '@rocketmq-ts/model';
import {
  createRequest,
  QueryMessageRequestHeader,
  QueryMessageResponseHeader,
  RequestCode,
  ResponseCode,
  UNIQUE_KEY_QUERY_FIELD,
  ViewMessageRequestHeader,
} from '@rocketmq-ts/protocol';
import { beforeEach, describe, expect, it } from 'vitest';

import { FakeConnection } from '../testing/consumer-fakes';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { QueryMessageProcessor } from './query-message.processor';

describe('Broker > processors > QUERY_MESSAGE and VIEW_MESSAGE_BY_ID', () => {
  let store: InMemoryMessageStore;
  let processor: QueryMessageProcessor;

  beforeEach(async () => {
    store = new InMemoryMessageStore();
    processor = new QueryMessageProcessor(store);
    await store.putMessage(fixtureMessage({ topic: 'T', keys: 'order-1 order-2', uniqKey: 'UNIQ1', body: 'first' }));
    await store.putMessage(fixtureMessage({ topic: 'T', keys: 'order-2', uniqKey: 'UNIQ2', body: 'second' }));
    await store.putMessage(fixtureMessage({ topic: 'U', keys: 'order-1', body: 'other topic' }));
  });

  const query = (key: string, extra: Record<string, string> = {}) =>
    processor.handle(
      new FakeConnection(),
      createRequest(RequestCode.QUERY_MESSAGE, {
        extFields: {
          ...QueryMessageRequestHeader.encode({ topic: 'T', key, maxNum: 32, beginTimestamp: 0, endTimestamp: Number.MAX_SAFE_INTEGER }),
          ...extra,
        },
      }),
    );

  it('finds messages of the topic by one of their keys, with the index position in the header', async () => {
    const response = await query('order-2');
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['first', 'second']);
    expect(QueryMessageResponseHeader.decode(response.extFields).indexLastUpdatePhyoffset).toBe(store.getMaxPhyOffset());
  });

  it('finds a message by UNIQ_KEY when the client marks a unique-key query', async () => {
    const response = await query('UNIQ2', { [UNIQUE_KEY_QUERY_FIELD]: 'true' });
    expect(decodeMessageRecords(response.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['second']);
  });

  it('answers QUERY_NOT_FOUND for an unknown key', async () => {
    expect((await query('missing')).code).toBe(ResponseCode.QUERY_NOT_FOUND);
  });

  it('returns exactly the record at the offset decoded from an offsetMsgId, SYSTEM_ERROR when absent', async () => {
    const put = await store.putMessage(fixtureMessage({ topic: 'T', body: 'viewed' }));
    const { physicalOffset } = decodeOffsetMessageId(put.appendResult?.msgIds[0] ?? '');
    const view = (offset: number) =>
      processor.handle(
        new FakeConnection(),
        createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: ViewMessageRequestHeader.encode({ offset }) }),
      );
    const found = await view(physicalOffset);
    expect(decodeMessageRecord(found.body ?? Buffer.alloc(0)).body.toString()).toBe('viewed');
    const missing = await view(physicalOffset + 1);
    expect([missing.code, missing.remark]).toEqual([
      ResponseCode.SYSTEM_ERROR,
      `can not find message by the offset, ${physicalOffset + 1}`,
    ]);
  });
});
