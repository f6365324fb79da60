/**
 * The confirm-offset hold on real files (docs/controller-mode-broker.md#confirm-offset): a
 * controller-mode broker holds dispatch at what its replicas confirmed, so a pull never returns a
 * message past that point; moving the hold forward makes the rest visible at once, lifting it
 * returns to the plain horizon, and readUnCommitted=true ignores it.
 */
import { decodeMessageRecord } from '@rocketmq-ts/model';
import { afterEach, describe, expect, it } from 'vitest';

import type { DefaultMessageStore } from './default-message-store';
import { dispatched, message, storeHarness, type StoreHarness } from './testing/default-message-store-fixtures';
import type { StoreConfig } from './store-config';

const opened: Array<{ harness: StoreHarness; store: DefaultMessageStore }> = [];

async function openStore(overrides: Partial<StoreConfig> = {}): Promise<DefaultMessageStore> {
  const harness = storeHarness(overrides);
  const store = await harness.open();
  opened.push({ harness, store });
  return store;
}

afterEach(async () => {
  for (const { harness, store } of opened.splice(0)) {
    await store.shutdown();
    harness.remove();
  }
});

/** Appends `count` messages to queue 0 and returns the commit-log offset after each. */
async function putAll(store: DefaultMessageStore, count: number, first = 0): Promise<number[]> {
  const ends: number[] = [];
  for (let i = first; i < first + count; i++) {
    const put = await store.putMessage(message({ queueId: 0, body: `m${i}` }));
    expect(put.status).toBe('PUT_OK');
    ends.push((put.appendResult?.wroteOffset ?? 0) + (put.appendResult?.wroteBytes ?? 0));
  }
  return ends;
}

async function visible(store: DefaultMessageStore): Promise<string[]> {
  await dispatched(store);
  const result = await store.getMessage({
    group: 'G',
    topic: 'TopicTest',
    queueId: 0,
    offset: 0,
    maxMsgNums: 32,
    maxMsgBytes: 0,
    filter: undefined,
  });
  return result.messages.map((record) => decodeMessageRecord(record).body.toString());
}

describe('Store > confirm-offset hold (controller mode)', () => {
  it('serves nothing past the held offset; moving or lifting the hold releases the rest', async () => {
    const store = await openStore();
    store.holdConfirmOffset(0);
    const ends = await putAll(store, 3);
    expect(await visible(store)).toEqual([]);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(0);
    expect(store.dispatchBehindBytes()).toBe(0);

    store.holdConfirmOffset(ends[0]);
    expect(store.getConfirmOffset()).toBe(ends[0]);
    expect(await visible(store)).toEqual(['m0']);

    // A hold past the log's end is capped at it: nothing unwritten counts as confirmed.
    store.holdConfirmOffset((ends[2] as number) + 1_000);
    expect(store.getConfirmOffset()).toBe(ends[2]);
    expect(await visible(store)).toEqual(['m0', 'm1', 'm2']);

    store.holdConfirmOffset(ends[2]);
    await putAll(store, 1, 3);
    expect(await visible(store)).toEqual(['m0', 'm1', 'm2']);
    store.holdConfirmOffset(undefined);
    expect(await visible(store)).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  it('is ignored with readUnCommitted=true', async () => {
    const store = await openStore({ readUnCommitted: true });
    store.holdConfirmOffset(0);
    await putAll(store, 2);
    expect(await visible(store)).toEqual(['m0', 'm1']);
  });
});
