import { ManualClock } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';
import {
  createRequest,
  LockBatchRequestBody,
  LockBatchResponseBody,
  RequestCode,
  ResponseCode,
  UnlockBatchRequestBody,
} from '@rocketmq-ts/protocol';
import { beforeEach, describe, expect, it } from 'vitest';

import { RebalanceLockManager } from '../orderly/rebalance-lock-manager';
import { FakeConnection } from '../testing/consumer-fakes';
import { LockBatchProcessor } from './lock-batch.processor';

const q0: MessageQueue = { topic: 'T', brokerName: 'broker-a', queueId: 0 };
const q1: MessageQueue = { topic: 'T', brokerName: 'broker-a', queueId: 1 };

describe('Broker > processors > LOCK_BATCH_MQ / UNLOCK_BATCH_MQ', () => {
  let clock: ManualClock;
  let processor: LockBatchProcessor;

  beforeEach(() => {
    clock = new ManualClock();
    processor = new LockBatchProcessor(new RebalanceLockManager(clock));
  });

  function lock(clientId: string, mqSet: MessageQueue[]): MessageQueue[] {
    const body = LockBatchRequestBody.encode({ consumerGroup: 'G', clientId, onlyThisBroker: false, mqSet });
    const response = processor.handle(new FakeConnection(), createRequest(RequestCode.LOCK_BATCH_MQ, { body }));
    expect(response.code).toBe(ResponseCode.SUCCESS);
    return [...LockBatchResponseBody.decode(response.body ?? '{}').lockOKMQSet];
  }

  function unlock(clientId: string, mqSet: MessageQueue[]): number {
    const body = UnlockBatchRequestBody.encode({ consumerGroup: 'G', clientId, onlyThisBroker: false, mqSet });
    return processor.handle(new FakeConnection(), createRequest(RequestCode.UNLOCK_BATCH_MQ, { body })).code;
  }

  it('grants free queues, renews its own, and refuses queues another client holds', () => {
    expect(lock('c1', [q0])).toEqual([q0]);
    expect(lock('c2', [q0, q1])).toEqual([q1]);
    expect(lock('c1', [q0])).toEqual([q0]);
  });

  it('lets another client take a lock not renewed for more than 60 s', () => {
    lock('c1', [q0]);
    clock.advance(60_000);
    expect(lock('c2', [q0])).toEqual([]);
    clock.advance(1);
    expect(lock('c2', [q0])).toEqual([q0]);
  });

  it("frees a queue on its holder's unlock, ignoring unlocks by others", () => {
    lock('c1', [q0]);
    expect(unlock('c2', [q0])).toBe(ResponseCode.SUCCESS);
    expect(lock('c2', [q0])).toEqual([]);
    unlock('c1', [q0]);
    expect(lock('c2', [q0])).toEqual([q0]);
  });
});
