import { describe, expect, it } from 'vitest';

import { javaStringHashCode, type MessageQueue } from '@rocketmq-ts/model';

import { MQClientError } from '../errors';
import { toPublishInfo } from '../route/topic-publish-info';
import { fixedQueue, isQueueFixed, selectByShardingKey } from './send-options';

const queues: MessageQueue[] = Array.from({ length: 4 }, (_, queueId) => ({ topic: 'T', brokerName: 'b', queueId }));
const info = toPublishInfo(
  'T',
  {
    brokerDatas: [{ cluster: 'c', brokerName: 'b', brokerAddrs: new Map([[0, '127.0.0.1:1']]), enableActingMaster: false }],
    queueDatas: [{ brokerName: 'b', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
    filterServerTable: new Map(),
  },
  false,
);

describe('Client > Producer > queue by selector or sharding key', () => {
  it('hashes a sharding key as Java’s SelectMessageQueueByHash', () => {
    // "hello".hashCode() is 99162322 in Java: 99162322 % 4 = 2.
    expect(selectByShardingKey(queues, 'hello').queueId).toBe(2);
    // "polygenelubricants".hashCode() is Integer.MIN_VALUE; Java takes the remainder first, so no overflow.
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(selectByShardingKey(queues, 'polygenelubricants').queueId).toBe(0);
    const negative = 'order-7';
    const hash = javaStringHashCode(negative);
    expect(hash).toBeLessThan(0);
    expect(selectByShardingKey(queues.slice(0, 3), negative).queueId).toBe(Math.abs(hash % 3));
  });

  it('pins the queue only when a queue, selector or sharding key is given', () => {
    expect(isQueueFixed(undefined)).toBe(false);
    expect(isQueueFixed({ timeoutMs: 5 })).toBe(false);
    expect(isQueueFixed({ shardingKey: 'k' })).toBe(true);
    expect(fixedQueue(info, { topic: 'T', body: 'x' }, { timeoutMs: 5 })).toBeUndefined();
  });

  it('hands the selector the route’s queues, the message and the argument', () => {
    const seen: unknown[] = [];
    const queue = fixedQueue(
      info,
      { topic: 'T', body: 'x' },
      {
        selector: (candidates, message, arg) => {
          seen.push(candidates.length, message.body, arg);
          return candidates[3] as MessageQueue;
        },
        selectorArg: 42,
      },
    );
    expect(queue?.queueId).toBe(3);
    expect(seen).toEqual([4, 'x', 42]);
  });

  it('rejects a selected queue of another topic or of an unknown broker', () => {
    const message = { topic: 'T', body: 'x' };
    expect(() => fixedQueue(info, message, { queue: { topic: 'U', brokerName: 'b', queueId: 0 } })).toThrow(MQClientError);
    expect(() => fixedQueue(info, message, { queue: { topic: 'T', brokerName: 'gone', queueId: 0 } })).toThrow(/no master/);
  });
});
