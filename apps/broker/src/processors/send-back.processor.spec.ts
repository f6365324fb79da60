import { ManualClock } from '@rocketmq-ts/base';
import {
  decodeMessageRecord,
  type MessageRecordView,
  MessageConst,
  parseMessageProperties,
  RMQ_SYS_SCHEDULE_TOPIC,
} from '@rocketmq-ts/model';
import { ConsumerSendMsgBackRequestHeader, createRequest, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { beforeEach, describe, expect, it } from 'vitest';

import { ScheduleMessageService } from '../schedule/schedule-message-service';
import { FakeConnection, FakeSubscriptionGroups, FakeTopicConfigs } from '../testing/consumer-fakes';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { SendBackProcessor } from './send-back.processor';
import { standalonePut } from '../put/testing/standalone-put';

/** `messageDelayLevel = 1s 1s 1s`: every retry waits one second of the manual clock. */
const DELAY_LEVELS_MS = [1_000, 1_000, 1_000];

describe('Broker > processors > CONSUMER_SEND_MSG_BACK', () => {
  let clock: ManualClock;
  let store: InMemoryMessageStore;
  let topics: FakeTopicConfigs;
  let groups: FakeSubscriptionGroups;
  let schedule: ScheduleMessageService;
  let processor: SendBackProcessor;

  beforeEach(() => {
    clock = new ManualClock();
    store = new InMemoryMessageStore(clock);
    topics = new FakeTopicConfigs();
    topics.add('T');
    groups = new FakeSubscriptionGroups();
    schedule = new ScheduleMessageService({
      store,
      put: standalonePut(store),
      clock,
      delayLevelsMs: DELAY_LEVELS_MS,
      persistIntervalMs: 60_000,
      offsetFile: { path: 'memory', read: async () => undefined, write: async () => undefined },
    });
    processor = new SendBackProcessor(topics, groups, schedule, store, standalonePut(store), { brokerPermission: 6 });
  });

  async function sendBack(
    offset: number,
    overrides: Partial<ConsumerSendMsgBackRequestHeader> = {},
    version = 479,
  ): Promise<RemotingCommand> {
    const header: ConsumerSendMsgBackRequestHeader = { offset, group: 'G', delayLevel: 0, unitMode: false, originTopic: 'T', ...overrides };
    return processor.handle(
      new FakeConnection(),
      createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, { extFields: ConsumerSendMsgBackRequestHeader.encode(header), version }),
    );
  }

  async function lastOf(topic: string, queueId = 0): Promise<MessageRecordView | undefined> {
    const max = store.getMaxOffsetInQueue(topic, queueId);
    if (max === 0) return undefined;
    const result = await store.getMessage({
      group: 'spec',
      topic,
      queueId,
      offset: max - 1,
      maxMsgNums: 1,
      maxMsgBytes: 0,
      filter: undefined,
    });
    return result.messages[0] === undefined ? undefined : decodeMessageRecord(result.messages[0]);
  }

  /** Lets every delay level deliver what is due after one more delay. */
  async function afterDelay(): Promise<void> {
    clock.advance(1_000);
    for (let level = 1; level <= DELAY_LEVELS_MS.length; level++) await schedule.runLevel(level);
  }

  it('puts a failed message into %RETRY%<group> through its delay level, counting the reconsume, until the DLQ', async () => {
    const put = await store.putMessage(fixtureMessage({ topic: 'T', tags: 'A', keys: 'k', body: 'payload' }));
    let offset = put.appendResult?.wroteOffset ?? -1;
    const originId = put.appendResult?.msgIds[0];

    for (let attempt = 1; attempt <= 2; attempt++) {
      expect((await sendBack(offset, { maxReconsumeTimes: 2 })).code).toBe(ResponseCode.SUCCESS);
      const scheduled = await lastOf(RMQ_SYS_SCHEDULE_TOPIC, 2);
      expect(parseMessageProperties(scheduled?.properties ?? '').get(MessageConst.PROPERTY_REAL_TOPIC)).toBe('%RETRY%G');
      expect(store.getMaxOffsetInQueue('%RETRY%G', 0)).toBe(attempt - 1);

      await afterDelay();
      const retried = await lastOf('%RETRY%G');
      const properties = parseMessageProperties(retried?.properties ?? '');
      expect(retried?.body.toString()).toBe('payload');
      expect(retried?.reconsumeTimes).toBe(attempt);
      expect(properties.get(MessageConst.PROPERTY_RETRY_TOPIC)).toBe('T');
      expect(properties.get(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID)).toBe(originId);
      expect(properties.get(MessageConst.PROPERTY_TAGS)).toBe('A');
      offset = retried?.physicalOffset ?? -1;
    }

    expect((await sendBack(offset, { maxReconsumeTimes: 2 })).code).toBe(ResponseCode.SUCCESS);
    const dead = await lastOf('%DLQ%G');
    expect(dead?.reconsumeTimes).toBe(3);
    expect(parseMessageProperties(dead?.properties ?? '').has(MessageConst.PROPERTY_DELAY_TIME_LEVEL)).toBe(false);
    expect(topics.selectTopicConfig('%DLQ%G')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
  });

  it('sends straight to the DLQ on a negative delay level', async () => {
    const put = await store.putMessage(fixtureMessage({ topic: 'T' }));
    await sendBack(put.appendResult?.wroteOffset ?? -1, { delayLevel: -1 });
    expect(store.getMaxOffsetInQueue('%DLQ%G', 0)).toBe(1);
  });

  it("uses the group's retryMaxTimes when the client is older than 3.4.9", async () => {
    groups.table.set('G', { groupName: 'G', consumeEnable: true, consumeBroadcastEnable: true, retryMaxTimes: 0, retryQueueNums: 1 });
    const put = await store.putMessage(fixtureMessage({ topic: 'T' }));
    await sendBack(put.appendResult?.wroteOffset ?? -1, { maxReconsumeTimes: 5 }, 100);
    expect(store.getMaxOffsetInQueue('%DLQ%G', 0)).toBe(1);
  });

  it('drops the message for a group without retry queues, and fails for an unknown offset', async () => {
    groups.table.set('G', { groupName: 'G', consumeEnable: true, consumeBroadcastEnable: true, retryMaxTimes: 16, retryQueueNums: 0 });
    const put = await store.putMessage(fixtureMessage({ topic: 'T' }));
    expect((await sendBack(put.appendResult?.wroteOffset ?? -1)).code).toBe(ResponseCode.SUCCESS);
    expect(topics.selectTopicConfig('%RETRY%G')).toBeUndefined();
    groups.table.clear();
    expect((await sendBack(123_456)).code).toBe(ResponseCode.SYSTEM_ERROR);
  });
});
