import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock } from '@rocketmq-ts/base';
import { decodeMessageRecord, RMQ_SYS_WHEEL_TIMER_TOPIC } from '@rocketmq-ts/model';
import { type MessageToStore, type PutMessageResult, TimerStore, timerStorePaths } from '@rocketmq-ts/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MessagePut, PutOrigin } from '../put/message-put-service';
import { standalonePut } from '../put/testing/standalone-put';
import { InMemoryMessageStore } from '../testing/in-memory-message-store';
import { fixtureMessage } from '../testing/message-fixtures';
import { TimerMessageService } from './timer-message-service';

/**
 * The delivery loop stepped with a manual clock over the in-memory store and a real timer store:
 * slot order, direct delivery of a message whose slot passed before it was enqueued, a refused put
 * retried from the same message (nothing skipped), and a slave that enqueues without delivering.
 */
describe('Broker > timer > TimerMessageService', () => {
  const T0 = 1_700_000_000_000;
  let dir: string;
  let clock: ManualClock;
  let store: InMemoryMessageStore;
  let timers: TimerStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broker-timer-'));
    mkdirSync(join(dir, 'config'));
    clock = new ManualClock(T0);
    store = new InMemoryMessageStore(clock);
    const opened = TimerStore.open(
      { ...timerStorePaths(dir, join(dir, 'config')), precisionMs: 1_000, slotCount: 64, logSegmentBytes: 48 * 1024 },
      clock.nowMs(),
    );
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    timers = opened.store;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A put that records what it was given and refuses the first `refusals` puts. */
  function recordingPut(refusals = 0): MessagePut & { readonly origins: PutOrigin[] } {
    const real = standalonePut(store);
    const origins: PutOrigin[] = [];
    let left = refusals;
    return {
      origins,
      precheck: (bytes, origin) => real.precheck(bytes, origin),
      putBatch: (batch, bytes) => real.putBatch(batch, bytes),
      put: async (message: MessageToStore, origin: PutOrigin): Promise<PutMessageResult> => {
        origins.push(origin);
        if (left-- > 0) return { status: 'SLAVE_NOT_AVAILABLE', appendResult: undefined, remark: 'no slave' };
        return real.put(message, origin);
      },
    };
  }

  function service(put: MessagePut, delivers = true): TimerMessageService {
    return new TimerMessageService({ store, put, timers, clock, delivers, flushIntervalMs: 1_000 });
  }

  async function stage(body: string, slotTimeMs: number, queueId = 0): Promise<void> {
    const properties = { TIMER_OUT_MS: String(slotTimeMs), REAL_TOPIC: 'T', REAL_QID: String(queueId) };
    await store.putMessage({ ...fixtureMessage({ topic: RMQ_SYS_WHEEL_TIMER_TOPIC, body, properties }), queueId: 0 });
  }

  async function bodiesOf(queueId: number): Promise<string[]> {
    const result = await store.getMessage({
      group: 'g',
      topic: 'T',
      queueId,
      offset: 0,
      maxMsgNums: 100,
      maxMsgBytes: 0,
      filter: undefined,
    });
    return result.messages.map((raw) => decodeMessageRecord(raw).body.toString());
  }

  it('delivers each slot once it has passed, in slot order, through the put pipeline as a timer put', async () => {
    const put = recordingPut();
    const loop = service(put);
    await stage('b', T0 + 3_000);
    await stage('a', T0 + 1_000);
    await stage('c', T0 + 3_000);
    await loop.runOnce();
    expect(await bodiesOf(0)).toEqual([]);

    clock.set(T0 + 2_000);
    await loop.runOnce();
    expect(await bodiesOf(0)).toEqual(['a']);
    clock.set(T0 + 4_000);
    await loop.runOnce();
    expect(await bodiesOf(0)).toEqual(['a', 'b', 'c']);
    expect(put.origins).toEqual(['timer', 'timer', 'timer']);
    expect(timers.backlog()).toBe(0);
    await loop.shutdown();
  });

  it('delivers a slot that falls due while a long staging backlog is being enqueued, not after all of it', async () => {
    const put = recordingPut();
    const deliveredAt: number[] = [];
    const timed: MessagePut = { ...put, put: async (message, origin) => (deliveredAt.push(clock.nowMs()), put.put(message, origin)) };
    const loop = service(timed);
    await stage('soon', T0 + 2_000, 1);
    for (let index = 0; index < 300; index++) await stage(`later-${index}`, T0 + 30_000);
    // Each staging read costs a second here, as a long backlog does on a loaded broker.
    const read = store.getMessage.bind(store);
    store.getMessage = async (request) => {
      if (request.topic === RMQ_SYS_WHEEL_TIMER_TOPIC) clock.advance(1_000);
      return read(request);
    };
    while (timers.stagingQueueOffset < 301) await loop.runOnce();
    expect(await bodiesOf(1)).toEqual(['soon']);
    // Due at 2 s, so deliverable from 3 s: the enqueue gives way after the batch that crossed it,
    // instead of delivering after all five batches (at 5 s or later).
    expect(deliveredAt[0]).toBeLessThanOrEqual(T0 + 3_000);
    await loop.shutdown();
  });

  it('delivers at once a message whose slot passed before it was enqueued', async () => {
    const loop = service(recordingPut());
    clock.set(T0 + 10_000);
    await loop.runOnce();
    await stage('late', T0 + 2_000, 1);
    await loop.runOnce();
    expect(await bodiesOf(1)).toEqual(['late']);
    expect(timers.stagingQueueOffset).toBe(1);
    await loop.shutdown();
  });

  it('retries a refused put from the same message and skips none', async () => {
    const put = recordingPut(2);
    const loop = service(put);
    await stage('first', T0 + 1_000);
    await stage('second', T0 + 1_000);
    clock.set(T0 + 2_000);
    expect(await loop.runOnce()).toBe('retry');
    expect(await loop.runOnce()).toBe('retry');
    expect(await bodiesOf(0)).toEqual([]);
    expect(await loop.runOnce()).toBe('idle');
    expect(await bodiesOf(0)).toEqual(['first', 'second']);
    expect(put.origins).toHaveLength(4);
    await loop.shutdown();
  });

  it('on a slave enqueues into its timer store and delivers nothing', async () => {
    const put = recordingPut();
    const loop = service(put, false);
    await stage('held', T0 + 1_000);
    clock.set(T0 + 5_000);
    await loop.runOnce();
    expect(timers.stagingQueueOffset).toBe(1);
    expect(timers.backlog()).toBe(1);
    expect(put.origins).toEqual([]);
    await loop.shutdown();
  });
});
