import { compareMessageQueues, messageQueueKey, type MessageQueue } from '@rocketmq-ts/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { allocateStrategyByName } from './allocate-strategy-by-name';

const groupShape = fc.record({
  brokers: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 4 }),
  queuesPerBroker: fc.integer({ min: 1, max: 16 }),
  members: fc.uniqueArray(fc.stringMatching(/^10\.0\.0\.[0-9]{1,3}@[0-9]{1,5}$/), { minLength: 1, maxLength: 12 }),
});

describe('Client > Consumer > allocate strategies (coverage)', () => {
  it.each(['AVG', 'AVG_BY_CIRCLE', 'CONSISTENT_HASH'] as const)('%s gives every queue exactly one owner', (name) => {
    const strategy = allocateStrategyByName(name);
    fc.assert(
      fc.property(groupShape, ({ brokers, queuesPerBroker, members }) => {
        const all: MessageQueue[] = brokers
          .flatMap((brokerName) => Array.from({ length: queuesPerBroker }, (_, queueId) => ({ topic: 'T', brokerName, queueId })))
          .sort(compareMessageQueues);
        const sortedMembers = [...members].sort();
        const owners = new Map<string, number>();
        for (const member of sortedMembers) {
          for (const queue of strategy.allocate('G', member, all, sortedMembers)) {
            const key = messageQueueKey(queue);
            owners.set(key, (owners.get(key) ?? 0) + 1);
          }
        }
        expect(owners.size).toBe(all.length);
        expect([...owners.values()].every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
