/**
 * SYNC_MASTER acknowledgement (docs/store-and-ha.md#replication): waitForSlaveAck answers PUT_OK once a slave has
 * the bytes, FLUSH_SLAVE_TIMEOUT when a connected slave stops acknowledging, SLAVE_NOT_AVAILABLE
 * with no slave or one further behind than haSlaveFallbehindMax.
 */
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { putMessages } from './testing/ha-fixtures';
import { HAPair } from './testing/ha-pair';
import { connectRawPeer, type RawPeer } from './testing/raw-peer';

let pair: HAPair | undefined;
let peer: RawPeer | undefined;

afterEach(async () => {
  peer?.destroy();
  peer = undefined;
  await pair?.close();
  pair = undefined;
});

/** A connected "slave" that reports the master's current max once and then never acknowledges again. */
async function stalledSlave(current: HAPair): Promise<RawPeer> {
  const stalled = await connectRawPeer(current.haAddress);
  stalled.report(current.masterStore.getMaxPhyOffset());
  await waitFor(() => current.server.slaveCount() === 1, {
    timeoutMs: 5_000,
    intervalMs: 5,
    reason: 'the stalled peer counted as a slave',
  });
  return stalled;
}

describe('HA > SYNC_MASTER wait', () => {
  it('answers PUT_OK once the slave has acknowledged the offset', async () => {
    const current = (pair = await HAPair.start());
    await current.startSlave();
    for (let index = 0; index < 50; index++) {
      const end = await putMessages(current.masterStore, index, index + 1);
      expect(await current.server.waitForSlaveAck(end, 5_000)).toBe('PUT_OK');
      expect(current.server.getPush2SlaveMaxOffset()).toBeGreaterThanOrEqual(end);
    }
    // Many puts waiting at once are answered by the acks that cover them.
    const ends = await Promise.all(Array.from({ length: 20 }, (_, i) => putMessages(current.masterStore, 50 + i, 51 + i)));
    expect(await Promise.all(ends.map((end) => current.server.waitForSlaveAck(end, 5_000)))).toEqual(ends.map(() => 'PUT_OK'));
    expect(current.server.pendingAckWaits()).toBe(0);
  });

  it('answers FLUSH_SLAVE_TIMEOUT when the connected slave stops acknowledging', async () => {
    pair = await HAPair.start();
    peer = await stalledSlave(pair);
    const end = await putMessages(pair.masterStore, 0, 3);
    const startedMs = Date.now();
    expect(await pair.server.waitForSlaveAck(end, 300)).toBe('FLUSH_SLAVE_TIMEOUT');
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(290);
    // The master did stream the bytes; only the ack is missing.
    await waitFor(() => peer !== undefined && peer.received() >= end, {
      timeoutMs: 5_000,
      intervalMs: 5,
      reason: 'the stalled peer received the frames',
    });
    const [slave] = pair.server.stats().slaves;
    expect(slave?.bytesBehind).toBe(end);
    expect(slave?.lastAckMs).toBeGreaterThan(0);
  });

  it('answers SLAVE_NOT_AVAILABLE with no slave, or with one behind by haSlaveFallbehindMax', async () => {
    pair = await HAPair.start({ config: { haSlaveFallbehindMax: 4_000 } });
    const first = await putMessages(pair.masterStore, 0, 1);
    expect(pair.server.isSlaveOk(first)).toBe(false);
    expect(await pair.server.waitForSlaveAck(first, 5_000)).toBe('SLAVE_NOT_AVAILABLE');

    peer = await stalledSlave(pair);
    const near = await putMessages(pair.masterStore, 1, 2);
    expect(pair.server.isSlaveOk(near)).toBe(true);
    const far = await putMessages(pair.masterStore, 2, 10);
    expect(pair.server.isSlaveOk(far)).toBe(false);
    expect(await pair.server.waitForSlaveAck(far, 5_000)).toBe('SLAVE_NOT_AVAILABLE');
  });
});
