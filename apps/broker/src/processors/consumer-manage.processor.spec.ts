import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock } from '@rocketmq-ts/base';
import {
  createRequest,
  GetEarliestMsgStoretimeResponseHeader,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicQueueRequestHeader,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { atomicJsonConfigFile } from '../offsets/json-config-file';
import { FakeConnection, FakeSubscriptionGroups, FakeTopicConfigs } from '../testing/consumer-fakes';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { ConsumerManageProcessor, QUERY_OFFSET_NOT_FOUND_REMARK } from './consumer-manage.processor';

describe('Broker > processors > consumer offsets (14, 15, 29-32)', () => {
  let dir: string;
  let clock: ManualClock;
  let store: InMemoryMessageStore;
  let topics: FakeTopicConfigs;
  let groups: FakeSubscriptionGroups;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-consumer-manage-'));
    clock = new ManualClock();
    store = new InMemoryMessageStore(clock);
    topics = new FakeTopicConfigs();
    topics.add('T');
    groups = new FakeSubscriptionGroups();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const newOffsets = () =>
    new ConsumerOffsetManager({ file: atomicJsonConfigFile(join(dir, 'consumerOffset.json')), persistIntervalMs: 60_000 });
  const newProcessor = (offsets: ConsumerOffsetManager) => new ConsumerManageProcessor(offsets, topics, groups, store);

  async function call(processor: ConsumerManageProcessor, code: number, extFields: Record<string, string>): Promise<RemotingCommand> {
    return processor.handle(new FakeConnection(), createRequest(code, { extFields }));
  }

  const query = (processor: ConsumerManageProcessor, queueId = 0, setZeroIfNotFound?: boolean) =>
    call(
      processor,
      RequestCode.QUERY_CONSUMER_OFFSET,
      QueryConsumerOffsetRequestHeader.encode({ consumerGroup: 'G', topic: 'T', queueId, setZeroIfNotFound }),
    );
  const update = (processor: ConsumerManageProcessor, commitOffset: number, topic = 'T', queueId = 0) =>
    call(
      processor,
      RequestCode.UPDATE_CONSUMER_OFFSET,
      UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: 'G', topic, queueId, commitOffset }),
    );

  it('answers SUCCESS/0 for a brand-new queue, QUERY_NOT_FOUND once its head is gone or when asked not to default', async () => {
    const processor = newProcessor(newOffsets());
    const fresh = await query(processor);
    expect([fresh.code, OffsetResponseHeader.decode(fresh.extFields).offset]).toEqual([ResponseCode.SUCCESS, 0]);
    expect((await query(processor, 0, false)).code).toBe(ResponseCode.QUERY_NOT_FOUND);
    store.truncateQueueHead('T', 1, 10);
    const moved = await query(processor, 1);
    expect([moved.code, moved.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, QUERY_OFFSET_NOT_FOUND_REMARK]);
  });

  it('commits, queries, and keeps the offset across a restart', async () => {
    const offsets = newOffsets();
    const processor = newProcessor(offsets);
    expect((await update(processor, 42)).code).toBe(ResponseCode.SUCCESS);
    expect(OffsetResponseHeader.decode((await query(processor)).extFields).offset).toBe(42);
    await offsets.shutdown();

    const restarted = newOffsets();
    await restarted.load();
    expect(OffsetResponseHeader.decode((await query(newProcessor(restarted))).extFields).offset).toBe(42);
  });

  it("accepts ali-ons' -1 without overwriting a real offset, and refuses unknown topics and queues", async () => {
    const processor = newProcessor(newOffsets());
    await update(processor, 5);
    expect((await update(processor, -1)).code).toBe(ResponseCode.SUCCESS);
    expect(OffsetResponseHeader.decode((await query(processor)).extFields).offset).toBe(5);
    expect((await update(processor, 1, 'nope')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect((await update(processor, 1, 'T', 9)).code).toBe(ResponseCode.INVALID_PARAMETER);
    groups.autoCreate = false;
    groups.table.clear();
    expect((await update(processor, 1)).code).toBe(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST);
  });

  it('answers max (next offset to write), min, search by time and earliest store time', async () => {
    const processor = newProcessor(newOffsets());
    const firstStoreMs = clock.nowMs();
    for (let i = 0; i < 3; i++) {
      await store.putMessage(fixtureMessage({ topic: 'T' }));
      clock.advance(1_000);
    }
    const queue = TopicQueueRequestHeader.encode({ topic: 'T', queueId: 0 });
    expect(OffsetResponseHeader.decode((await call(processor, RequestCode.GET_MAX_OFFSET, queue)).extFields).offset).toBe(3);
    expect(OffsetResponseHeader.decode((await call(processor, RequestCode.GET_MIN_OFFSET, queue)).extFields).offset).toBe(0);
    const search = SearchOffsetRequestHeader.encode({ topic: 'T', queueId: 0, timestamp: firstStoreMs + 1_500 });
    expect(OffsetResponseHeader.decode((await call(processor, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, search)).extFields).offset).toBe(2);
    const earliest = await call(processor, RequestCode.GET_EARLIEST_MSG_STORETIME, queue);
    expect(GetEarliestMsgStoretimeResponseHeader.decode(earliest.extFields).timestamp).toBe(firstStoreMs);
  });
});
