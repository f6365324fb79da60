import { describe, expect, it } from 'vitest';

import type { MessageExt } from './message-ext';
import { ProcessQueue } from './process-queue';

const QUEUE = { topic: 'T', brokerName: 'b', queueId: 0 };

function message(queueOffset: number, body = 'x'): MessageExt {
  return { queueOffset, body: Buffer.from(body), msgId: `id-${queueOffset}`, reconsumeTimes: 0 } as MessageExt;
}

describe('Client > consumer > ProcessQueue', () => {
  it('commits the smallest offset still held, then one past the last pulled once all are done', () => {
    const queue = new ProcessQueue(QUEUE);
    const batch = [10, 11, 12, 13].map((offset) => message(offset));
    expect(queue.put(batch)).toHaveLength(4);
    expect(queue.commitOffset()).toBe(10);
    expect(queue.remove([batch[2] as MessageExt, batch[1] as MessageExt])).toBe(10);
    expect(queue.remove([batch[0] as MessageExt])).toBe(13);
    expect(queue.remove([batch[3] as MessageExt])).toBe(14);
    expect(queue.messageCount).toBe(0);
  });

  it('commits up to where pulling got once nothing is held: tag-filtered messages need no consuming', () => {
    const queue = new ProcessQueue(QUEUE);
    queue.put([message(3)]);
    queue.pulledTo(9);
    expect(queue.commitOffset()).toBe(3);
    expect(queue.remove([message(3)])).toBe(9);
  });

  it('counts messages and body bytes for flow control, skips messages already held', () => {
    const queue = new ProcessQueue(QUEUE);
    queue.put([message(0, 'abc'), message(1, 'de')]);
    expect(queue.put([message(1, 'de'), message(2, 'f')]).map((held) => held.queueOffset)).toEqual([2]);
    expect([queue.messageCount, queue.messageBytes, queue.maxOffset]).toEqual([3, 6, 2]);
    queue.remove([message(0)]);
    expect([queue.messageCount, queue.messageBytes]).toEqual([2, 3]);
  });

  it('orderly: head is the next message in queue order; replace keeps its place', () => {
    const queue = new ProcessQueue(QUEUE);
    queue.put([message(5), message(6)]);
    expect(queue.head()?.queueOffset).toBe(5);
    expect(queue.replace({ ...message(5), reconsumeTimes: 1 })).toBe(true);
    expect(queue.head()).toMatchObject({ queueOffset: 5, reconsumeTimes: 1 });
    expect(queue.replace(message(99))).toBe(false);
    queue.remove([message(5)]);
    expect(queue.head()?.queueOffset).toBe(6);
  });

  it('reports a lock older than the allowed live time as expired', () => {
    const queue = new ProcessQueue(QUEUE);
    queue.lastLockTimestamp = 1_000;
    expect(queue.lockExpired(31_000, 30_000)).toBe(false);
    expect(queue.lockExpired(31_001, 30_000)).toBe(true);
  });
});
