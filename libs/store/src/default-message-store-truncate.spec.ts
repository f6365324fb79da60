/**
 * Runtime truncation of a replica's log (DefaultMessageStore.truncateTo) on real files: consume
 * queues and queue offsets follow the cut, dispatch resumes, and a crash right after the cut
 * does not bring the cut records back.
 */
import { afterEach, describe, expect, it } from 'vitest';

import type { DefaultMessageStore } from './default-message-store';
import { dispatched, message, SEGMENT_BYTES, storeHarness, type StoreHarness } from './testing/default-message-store-fixtures';

describe('DefaultMessageStore.truncateTo', () => {
  let harness: StoreHarness;
  let store: DefaultMessageStore | undefined;
  afterEach(async () => {
    await store?.shutdown();
    harness.remove();
  });

  async function putMany(count: number, queueId = 0): Promise<number[]> {
    const ends: number[] = [];
    for (let index = 0; index < count; index++) {
      const result = await store!.putMessage(message({ queueId, body: `m-${index}-${'x'.repeat(200)}`, keys: `k${index}` }));
      expect(result.status).toBe('PUT_OK');
      ends.push(result.appendResult!.wroteOffset + result.appendResult!.wroteBytes);
    }
    await dispatched(store!);
    return ends;
  }

  it('cuts commit log and consume queues at a record boundary; the next put continues the queue offsets', async () => {
    harness = storeHarness();
    store = await harness.open();
    const ends = await putMany(60);
    expect(store.getMaxPhyOffset()).toBeGreaterThan(2 * SEGMENT_BYTES);
    const cut = ends[24] as number; // after message 24: 25 messages stay
    expect(await store.truncateTo(cut)).toEqual({ kind: 'truncated', from: ends[59], to: cut });
    expect(store.getMaxPhyOffset()).toBe(cut);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(25);
    const next = await store.putMessage(message({ body: 'after-cut' }));
    expect(next.appendResult?.logicsOffset).toBe(25);
    await dispatched(store);
    const pulled = await store.getMessage({
      group: 'g',
      topic: 'TopicTest',
      queueId: 0,
      offset: 25,
      maxMsgNums: 1,
      maxMsgBytes: 0,
      filter: undefined,
    });
    expect(pulled.messages.length).toBe(1);
    expect(pulled.messages[0]!.toString('latin1')).toContain('after-cut');
    expect(
      (
        await store.queryMessage({
          topic: 'TopicTest',
          key: 'k40',
          maxNum: 10,
          beginTimestampMs: 0,
          endTimestampMs: Number.MAX_SAFE_INTEGER,
        })
      ).messages,
    ).toEqual([]);
  });

  it('refuses a cut inside a record or outside the log and changes nothing', async () => {
    harness = storeHarness();
    store = await harness.open();
    const ends = await putMany(10);
    const max = store.getMaxPhyOffset();
    expect(await store.truncateTo((ends[3] as number) + 5)).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('record boundary'),
    });
    expect(await store.truncateTo(max + 1)).toMatchObject({ kind: 'refused' });
    expect(store.getMaxPhyOffset()).toBe(max);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(10);
  });

  it('a crash right after the cut recovers to the cut, not to the old tail (RocketMQ #10666)', async () => {
    harness = storeHarness();
    store = await harness.open();
    const ends = await putMany(30);
    const cut = ends[9] as number;
    await store.truncateTo(cut);
    await store.halt();
    store = await harness.open();
    expect(store.recoveredFromCrash()).toBe(true);
    expect(store.getMaxPhyOffset()).toBe(cut);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(10);
  });

  it('a replica switched to SLAVE refuses puts and takes replicated bytes; back to master it takes puts again', async () => {
    harness = storeHarness();
    store = await harness.open();
    await putMany(2);
    await store.setRole('SLAVE');
    expect((await store.putMessage(message())).status).toBe('SERVICE_NOT_AVAILABLE');
    await store.setRole('SYNC_MASTER');
    expect((await store.putMessage(message())).status).toBe('PUT_OK');
  });
});
