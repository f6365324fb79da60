/**
 * GroupTransferService semantics of the waiter list: acks resolve the waiters at or below them
 * in one pass, expired ones time out in one sweep, out-of-order registrations still resolve right.
 */
import { systemClock } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import { SlaveAckWaiters } from './slave-ack-waiters';

describe('HA > slave ack waiters', () => {
  it('resolves every waiter an ack covers, and only those', async () => {
    const waiters = new SlaveAckWaiters(systemClock);
    const results = new Map<number, string>();
    const all = [100, 200, 300, 400].map((offset) => waiters.wait(offset, 10_000).then((status) => results.set(offset, status)));
    waiters.onAck(250);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...results.entries()]).toEqual([
      [100, 'PUT_OK'],
      [200, 'PUT_OK'],
    ]);
    expect(waiters.size()).toBe(2);
    waiters.onAck(400);
    await Promise.all(all);
    expect(results.get(400)).toBe('PUT_OK');
    expect(waiters.size()).toBe(0);
    expect(await waiters.wait(399, 10_000)).toBe('PUT_OK');
  });

  it('keeps offset order for a waiter registered late, and times out the rest in one sweep', async () => {
    const waiters = new SlaveAckWaiters(systemClock);
    const late = waiters.wait(500, 30);
    const early = waiters.wait(150, 10_000);
    const middle = waiters.wait(300, 30);
    waiters.onAck(200);
    expect(await early).toBe('PUT_OK');
    expect(await Promise.all([middle, late])).toEqual(['FLUSH_SLAVE_TIMEOUT', 'FLUSH_SLAVE_TIMEOUT']);
    expect(waiters.size()).toBe(0);
  });

  it('answers many waiters with one ack without a timer each, and resolves the rest at shutdown', async () => {
    const waiters = new SlaveAckWaiters(systemClock);
    const pending = Array.from({ length: 10_000 }, (_, i) => waiters.wait((i + 1) * 10, 60_000));
    waiters.onAck(50_000);
    waiters.resolveAll('FLUSH_SLAVE_TIMEOUT');
    const statuses = await Promise.all(pending);
    expect(statuses.filter((status) => status === 'PUT_OK').length).toBe(5_000);
    expect(statuses.filter((status) => status === 'FLUSH_SLAVE_TIMEOUT').length).toBe(5_000);
  });
});
