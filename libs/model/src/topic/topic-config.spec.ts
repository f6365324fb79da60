// Proves TopicConfig defaults match Java's and the MessageQueue helpers order and key queues.
import { describe, expect, it } from 'vitest';

import { compareMessageQueues, type MessageQueue, messageQueueKey, sameMessageQueue } from './message-queue';
import { createTopicConfig, hasTopicSysFlag, topicQueueCount, TopicSysFlag } from './topic-config';

describe('Model > topic > TopicConfig', () => {
  it("defaults like Java's TopicConfig and takes overrides", () => {
    expect(createTopicConfig('TopicTest')).toEqual({
      topicName: 'TopicTest',
      readQueueNums: 16,
      writeQueueNums: 16,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
      attributes: {},
    });
    const tbw102 = createTopicConfig('TBW102', { readQueueNums: 8, writeQueueNums: 8, perm: 7 });
    expect(tbw102.perm).toBe(7);
    expect(topicQueueCount({ readQueueNums: 4, writeQueueNums: 8 })).toBe(8);
  });

  it('reads topicSysFlag bits', () => {
    expect(hasTopicSysFlag(TopicSysFlag.UNIT | TopicSysFlag.UNIT_SUB, TopicSysFlag.UNIT_SUB)).toBe(true);
    expect(hasTopicSysFlag(0, TopicSysFlag.UNIT)).toBe(false);
  });
});

describe('Model > topic > MessageQueue', () => {
  const queue = (topic: string, brokerName: string, queueId: number): MessageQueue => ({ topic, brokerName, queueId });

  it('orders by topic, broker name, queue id, as Java compareTo', () => {
    const queues = [queue('b', 'broker-a', 0), queue('a', 'broker-b', 1), queue('a', 'broker-a', 2), queue('a', 'broker-a', 1)];
    expect(queues.sort(compareMessageQueues).map(messageQueueKey)).toEqual([
      'a@broker-a@1',
      'a@broker-a@2',
      'a@broker-b@1',
      'b@broker-a@0',
    ]);
  });

  it('compares by value', () => {
    expect(sameMessageQueue(queue('a', 'b', 1), queue('a', 'b', 1))).toBe(true);
    expect(sameMessageQueue(queue('a', 'b', 1), queue('a', 'b', 2))).toBe(false);
  });
});
