/**
 * `ha.monotonic-ack`: the acks one slave connection hands to the HAServer never go down and never
 * pass what was sent, since SYNC_MASTER puts complete on them. Through the real wire, a peer that
 * reports an offset lower than its last ack is bad input, not a broken invariant: that connection
 * is closed with the reason logged, the server's acknowledged offset stays where it was, and the
 * master keeps running (an InvariantViolation here would reach the test run as an uncaught error).
 * The assertion itself sits behind these checks, so no peer can reach it.
 */
import { RecordingLogger } from '@rocketmq-ts/base';
import { afterEach, describe, expect, it } from 'vitest';

import { putMessages } from './testing/ha-fixtures';
import { HAPair } from './testing/ha-pair';
import { connectRawPeer } from './testing/raw-peer';

let pair: HAPair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('HA > monotonic acks', () => {
  it('closes a connection whose ack goes backwards and keeps the acknowledged offset', async () => {
    const masterLog = new RecordingLogger();
    const current = (pair = await HAPair.start({ masterLogger: masterLog }));
    await putMessages(current.masterStore, 0, 20);
    const maxOffset = current.masterStore.getMaxPhyOffset();

    const peer = await connectRawPeer(current.haAddress);
    peer.report(maxOffset);
    peer.report(maxOffset);
    peer.report(maxOffset - 1);
    await peer.closed;

    const reasons = masterLog.entries.filter((entry) => entry.level === 'warn').map((entry) => String(entry.fields['reason']));
    expect(reasons).toEqual([`slave offset went backwards from ${maxOffset} to ${maxOffset - 1}`]);
    expect(current.server.getPush2SlaveMaxOffset()).toBe(maxOffset);
  });
});
