/**
 * A slave that crashes mid-stream resumes from its own commit log: the client is killed while
 * the master keeps taking puts, the slave store is left as a killed process leaves it (`halt`)
 * with half a record written past its end (a torn write), and reopened. Recovery cuts the torn
 * tail back to the last whole record, the new client reports that offset, and the master resumes
 * there: no gap, no duplicate byte, every message exactly once in the slave's queues.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { segmentFileName } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';

import { commitLogBytes, putMessages, queueMessageNumbers, TEST_SEGMENT_BYTES } from './testing/ha-fixtures';
import { HAPair } from './testing/ha-pair';

let pair: HAPair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

/**
 * Writes `bytes` into the slave's commit-log file at global `offset`, past what the store knows.
 * False when the slave stopped exactly at a segment end: the next segment does not exist yet, so a
 * crash there tears nothing (frames never cross a segment end).
 */
function writeBehindTheStore(pairUnderTest: HAPair, offset: number, bytes: Buffer): boolean {
  const segmentStart = offset - (offset % TEST_SEGMENT_BYTES);
  const path = join(pairUnderTest.slave.config.storePathCommitLog, segmentFileName(segmentStart));
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, Math.min(bytes.length, TEST_SEGMENT_BYTES - (offset - segmentStart)), offset - segmentStart);
  } finally {
    closeSync(fd);
  }
  return true;
}

describe('HA > slave restart', () => {
  it('resumes from its own max offset after a crash with a torn tail, without a gap or a duplicate', async () => {
    const current = (pair = await HAPair.start({ config: { haReconnectMinDelayMs: 20 } }));
    await current.startSlave();
    let next = 0;
    let producing = true;
    const producer = (async () => {
      while (producing) {
        await putMessages(current.masterStore, next, next + 5);
        next += 5;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // If an expectation fails first, the loop must not outlive the stores afterEach closes.
    onTestFinished(async () => {
      producing = false;
      await producer.catch(() => undefined);
    });

    await waitFor(() => current.slaveStore.getMaxPhyOffset() > 2 * TEST_SEGMENT_BYTES, {
      timeoutMs: 10_000,
      intervalMs: 5,
      reason: 'the slave replicated two segments',
    });
    await current.slaveClient?.stop();
    await current.slaveStore.halt();
    const slaveEnd = current.slaveStore.getMaxPhyOffset();
    // The first half of a real record (the master's first) lands at the slave's end, as a write
    // torn by the crash would: whether the slave stopped between records or inside one, the
    // record there is now incomplete and recovery must cut it.
    const torn = writeBehindTheStore(current, slaveEnd, commitLogBytes(current.master.config, 0, 350));

    await current.slave.reopen();
    const recoveredEnd = current.slaveStore.getMaxPhyOffset();
    expect(current.slaveStore.recoveredFromCrash()).toBe(true);
    expect(recoveredEnd).toBeLessThanOrEqual(slaveEnd);
    expect(slaveEnd - recoveredEnd).toBeLessThan(800);
    if (!torn) expect(recoveredEnd).toBe(slaveEnd);

    const client = await current.startSlave();
    expect(current.server.stats().slaves.at(-1)?.slaveRequestOffset).toBe(recoveredEnd);
    await waitFor(() => current.slaveStore.getMaxPhyOffset() > slaveEnd + TEST_SEGMENT_BYTES, {
      timeoutMs: 10_000,
      intervalMs: 5,
      reason: 'the restarted slave replicated another segment',
    });
    producing = false;
    await producer;
    await current.caughtUp();

    const end = current.masterStore.getMaxPhyOffset();
    expect(commitLogBytes(current.slave.config, 0, end).equals(commitLogBytes(current.master.config, 0, end))).toBe(true);
    expect(client.stats().connects).toBe(1);
    for (let queueId = 0; queueId < 4; queueId++) {
      const numbers = await queueMessageNumbers(current.slaveStore, queueId, 0);
      expect(numbers).toEqual(Array.from({ length: next }, (_, n) => n).filter((n) => n % 4 === queueId));
    }
  });
});
