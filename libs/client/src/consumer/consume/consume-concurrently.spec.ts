import { describe, expect, it } from 'vitest';

import { silentLogger } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';
import { waitFor } from '@rocketmq-ts/testing';

import { TimerSet } from '../../core/timer-set';
import type { MessageExt } from '../message-ext';
import type { OffsetStore } from '../offset-store/offset-store';
import { OffsetTable } from '../offset-store/offset-table';
import { ProcessQueue } from '../process-queue';
import { ConsumeConcurrentlyService, type ConsumeConcurrentlyOptions } from './consume-concurrently';

const QUEUE: MessageQueue = { topic: 'T', brokerName: 'b', queueId: 0 };

function message(queueOffset: number): MessageExt {
  return { queueOffset, body: Buffer.from(String(queueOffset)), msgId: `id-${queueOffset}`, reconsumeTimes: 0 } as MessageExt;
}

function memoryStore(): OffsetStore & { table: OffsetTable } {
  const table = new OffsetTable();
  return {
    table,
    load: () => Promise.resolve(),
    readMemory: (queue) => table.get(queue),
    readStore: (queue) => Promise.resolve(table.get(queue)),
    update: (queue, offset, increaseOnly) => table.set(queue, offset, increaseOnly),
    persistAll: () => Promise.resolve(),
    persist: () => Promise.resolve(),
    remove: (queue) => table.delete(queue),
  };
}

function service(overrides: Partial<ConsumeConcurrentlyOptions>): {
  consume: ConsumeConcurrentlyService;
  store: ReturnType<typeof memoryStore>;
  timers: TimerSet;
} {
  const store = memoryStore();
  const timers = new TimerSet();
  const consume = new ConsumeConcurrentlyService({
    listener: () => undefined,
    consumeThreadMax: 20,
    messageModel: 'CLUSTERING',
    consumeLaterDelayMs: 10,
    offsetStore: store,
    sendBack: () => Promise.resolve(true),
    timers,
    logger: silentLogger,
    ...overrides,
  });
  return { consume, store, timers };
}

describe('Client > consumer > ConsumeConcurrentlyService', () => {
  it('never runs more listener calls at once than consumeThreadMax, and commits the smallest unfinished offset', async () => {
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const { consume, store } = service({
      consumeThreadMax: 3,
      listener: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      },
    });
    const queue = new ProcessQueue(QUEUE);
    const messages = [0, 1, 2, 3, 4].map(message);
    consume.submit(queue, queue.put(messages));
    expect(running).toBe(3);
    releases[1]?.();
    await waitFor(() => releases.length === 4, { timeoutMs: 1_000, intervalMs: 1, reason: 'the fourth call' });
    expect(store.table.get(QUEUE)).toBe(0);
    releases[0]?.();
    await waitFor(() => store.table.get(QUEUE) === 2, { timeoutMs: 1_000, intervalMs: 1, reason: 'offset 2' });
    for (const release of releases.slice(2)) release();
    await waitFor(() => releases.length === 5, { timeoutMs: 1_000, intervalMs: 1, reason: 'the fifth call' });
    releases[4]?.();
    await waitFor(() => store.table.get(QUEUE) === 5, { timeoutMs: 1_000, intervalMs: 1, reason: 'every message done' });
    expect(peak).toBe(3);
    expect(await consume.idle(100)).toBe(true);
  });

  it('keeps a message whose send-back failed and consumes it again here with reconsumeTimes + 1', async () => {
    const calls: number[] = [];
    const { consume, store, timers } = service({
      listener: (received) => {
        calls.push(received.reconsumeTimes);
        return received.reconsumeTimes === 0 ? 'RECONSUME_LATER' : undefined;
      },
      sendBack: () => Promise.resolve(false),
    });
    const queue = new ProcessQueue(QUEUE);
    consume.submit(queue, queue.put([message(7)]));
    await waitFor(() => store.table.get(QUEUE) === 8, { timeoutMs: 1_000, intervalMs: 5, reason: 'the retried message done' });
    expect(calls).toEqual([0, 1]);
    timers.clear();
  });

  it('moves no offset of a queue dropped while its listener ran, and a throwing listener is a retry, not a crash', async () => {
    let release: () => void = () => undefined;
    const sentBack: string[] = [];
    const { consume, store } = service({
      listener: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('boom');
      },
      sendBack: (failed) => {
        sentBack.push(failed.msgId);
        return Promise.resolve(true);
      },
    });
    const queue = new ProcessQueue(QUEUE);
    consume.submit(queue, queue.put([message(1)]));
    queue.dropped = true;
    release();
    expect(await consume.idle(1_000)).toBe(true);
    expect([store.table.get(QUEUE), sentBack]).toEqual([undefined, []]);

    const live = new ProcessQueue(QUEUE);
    consume.submit(live, live.put([message(2)]));
    release();
    await waitFor(() => store.table.get(QUEUE) === 3, {
      timeoutMs: 1_000,
      intervalMs: 5,
      reason: 'the failed message sent back and committed',
    });
    expect(sentBack).toEqual(['id-2']);
  });
});
