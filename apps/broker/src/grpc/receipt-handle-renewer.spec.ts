import { describe, expect, it } from 'vitest';

import { silentLogger } from '@rocketmq-ts/base';

import { decodeReceiptHandle, encodeReceiptHandle } from './grpc-converters';
import { ReceiptHandleRenewer } from './receipt-handle-renewer';
import { type V2Message, v2Status } from './v2-types';

function handle(popTime: number, invisibleTime: number): string {
  return encodeReceiptHandle(
    { ckQueueOffset: 5, popTime, invisibleTime, reviveQid: 0, retry: '0', brokerName: 'b', queueId: 1, queueOffset: 5 },
    4242,
  );
}

function message(id: string, receiptHandle: string): V2Message {
  return { system_properties: { message_id: id, receipt_handle: receiptHandle } } as unknown as V2Message;
}

/** A renewer on a manual clock whose "broker" makes a fresh handle (popTime = now) for every change. */
function setup(invisibleMs = 10_000) {
  let now = 1_000_000;
  const changes: Array<{ handle: string; invisibleMs: number }> = [];
  const renewer = new ReceiptHandleRenewer({
    invisibleMs,
    now: () => now,
    logger: silentLogger,
    change: async (_group, _topic, receiptHandle, ms) => {
      changes.push({ handle: receiptHandle, invisibleMs: ms });
      return { status: v2Status('OK'), receipt_handle: handle(now, ms) };
    },
  });
  return { renewer, changes, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ReceiptHandleRenewer (auto_renew receives)', () => {
  it('renews a handle only once less than 10 s is left, and hands the newest handle to the ack', async () => {
    const { renewer, changes, advance, now } = setup(30_000);
    const first = handle(now(), 30_000);
    renewer.track('c1', 'G', 'T', message('m1', first));
    await renewer.renewDue();
    expect(changes).toEqual([]);
    advance(21_000);
    await renewer.renewDue();
    expect(changes).toEqual([{ handle: first, invisibleMs: 30_000 }]);
    const taken = await renewer.take('c1', 'G', 'm1', first);
    expect(taken).not.toBe(first);
    expect(decodeReceiptHandle(taken)?.info.popTime).toBe(now());
    expect(renewer.size).toBe(0);
    advance(60_000);
    await renewer.renewDue();
    expect(changes).toHaveLength(1);
  });

  it('keeps renewing while the client holds the message, each time from the newest handle', async () => {
    const { renewer, changes, advance, now } = setup();
    renewer.track('c1', 'G', 'T', message('m1', handle(now(), 10_000)));
    for (let i = 0; i < 5; i++) {
      advance(5_000);
      await renewer.renewDue();
    }
    expect(changes.length).toBeGreaterThanOrEqual(5);
    expect(new Set(changes.map((change) => change.handle)).size).toBe(changes.length);
  });

  it('gives back an unknown message its own handle; a released client gets 1 s invisible', async () => {
    const { renewer, changes, now } = setup();
    expect(await renewer.take('c1', 'G', 'nope', 'h')).toBe('h');
    renewer.track('c1', 'G', 'T', message('m1', handle(now(), 10_000)));
    renewer.track('c2', 'G', 'T', message('m2', handle(now(), 10_000)));
    await renewer.release('c1');
    expect(changes.map((change) => change.invisibleMs)).toEqual([1000]);
    expect(renewer.size).toBe(1);
  });

  it('stops renewing for a client silent for 2 min, and goes on for one that heartbeats', async () => {
    const { renewer, changes, advance, now } = setup(60_000);
    renewer.track('quiet', 'G', 'T', message('m1', handle(now(), 60_000)));
    renewer.track('alive', 'G', 'T', message('m2', handle(now(), 60_000)));
    for (let i = 0; i < 30; i++) {
      advance(5_000);
      renewer.seen('alive');
      await renewer.renewDue();
    }
    expect(renewer.size).toBe(1);
    expect(await renewer.take('alive', 'G', 'm2', 'old')).not.toBe('old');
    expect(changes.length).toBeGreaterThan(2);
  });

  it('an ack during a renewal waits for it and gets the renewed handle', async () => {
    let now = 0;
    let finish: (() => void) | undefined;
    const renewer = new ReceiptHandleRenewer({
      invisibleMs: 10_000,
      now: () => now,
      logger: silentLogger,
      change: (_group, _topic, _handle, ms) =>
        new Promise((resolve) => (finish = () => resolve({ status: v2Status('OK'), receipt_handle: handle(now, ms) }))),
    });
    const first = handle(0, 10_000);
    renewer.track('c1', 'G', 'T', message('m1', first));
    now = 5000;
    const pass = renewer.renewDue();
    const taken = renewer.take('c1', 'G', 'm1', first);
    finish?.();
    await pass;
    expect(decodeReceiptHandle(await taken)?.info.popTime).toBe(5000);
  });

  it('lets a message go when a renewal fails (it comes back at its expiry)', async () => {
    let now = 0;
    const renewer = new ReceiptHandleRenewer({
      invisibleMs: 10_000,
      now: () => now,
      logger: silentLogger,
      change: async () => ({ status: v2Status('INVALID_RECEIPT_HANDLE'), receipt_handle: '' }),
    });
    renewer.track('c1', 'G', 'T', message('m1', handle(0, 10_000)));
    now = 5000;
    await renewer.renewDue();
    expect(renewer.size).toBe(0);
  });
});
