import { describe, expect, it } from 'vitest';

import { waitFor } from '@rocketmq-ts/testing';

import { commitLogMaxOffset, createTopic, waitForSlaveCaughtUp } from './support/broker-queries';
import { firstDifferentCommitLogByte } from './support/commit-log-files';
import { reportFigures } from './support/figures';
import { startModeCluster } from './support/ha-cluster';
import { slaveRequestOffsets } from './support/ha-log';
import { unique, useProcessHygiene } from './support/hygiene';
import { SendLoad, sleep } from './support/send-load';

const SEGMENT_BYTES = 8 * 1024 * 1024;
const ROUNDS = 2;
/** One 1 KiB message and its header, rounded up: what a torn tail can cost. */
const TORN_TAIL_MAX_BYTES = 8 * 1024;

// A slave SIGKILLed mid-stream keeps what it had written (torn tail cut by recovery) and asks the
// master for the next byte it lacks (docs/store-and-ha.md#replication): no gap, nothing copied twice.
describe('ha > SIGKILL and restart a slave while producers send', () => {
  useProcessHygiene();

  it('SYNC_MASTER pair: the slave resumes from its own max offset and its commit log equals the master’s byte for byte', async () => {
    const cluster = await startModeCluster('2m-2s-sync', ['broker-a', 'broker-a-s'], {
      mapedFileSizeCommitLog: String(SEGMENT_BYTES),
      slaveSynchronizeIntervalMillis: '1000',
    });
    const [master, slave] = [cluster.broker('broker-a'), cluster.broker('broker-a-s')];
    const topic = unique('HaSlaveKill');
    await createTopic(cluster.namesrv.address, [{ address: master.address, brokerName: 'broker-a' }], topic, 4);
    const load = new SendLoad({
      namesrvAddr: cluster.namesrv.address,
      topic,
      senders: 4,
      bodyBytes: 1024,
      pauseMs: 0,
      routeRefreshIntervalMs: 5_000,
    });
    await load.start();
    const offsetsAtKill: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        await sleep(3_000 + Math.floor(Math.random() * 2_000));
        offsetsAtKill.push(await commitLogMaxOffset(slave.address));
        await slave.kill();
        await sleep(2_000);
        await slave.start();
      }
      // The commit log must span more than two segments, whatever the machine's speed: keep sending
      // until it does (a loaded CI machine wrote 14 MB in the fixed rounds).
      await waitFor(async () => ((await commitLogMaxOffset(master.address)) > 2 * SEGMENT_BYTES + TORN_TAIL_MAX_BYTES ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 500,
        reason: `the master's commit log passes ${2 * SEGMENT_BYTES} bytes`,
      });
      await sleep(3_000);
    } finally {
      await load.stop();
    }
    const length = await waitForSlaveCaughtUp(master.address, slave.address, 60_000);
    const requestOffsets = slaveRequestOffsets(master.process);
    const firstDifferent = firstDifferentCommitLogByte(master.storeDir, slave.storeDir, length, SEGMENT_BYTES);
    const statuses: Record<string, number> = {};
    for (const ack of load.acks) statuses[ack.status] = (statuses[ack.status] ?? 0) + 1;
    reportFigures('slave SIGKILL and restart', {
      rounds: ROUNDS,
      acked: load.acks.length,
      statuses: JSON.stringify(statuses),
      commitLogBytes: length,
      slaveOffsetsAtKill: offsetsAtKill.join('/'),
      slaveRequestOffsets: requestOffsets.join('/'),
      firstDifferentByte: firstDifferent,
    });
    expect(length).toBeGreaterThan(2 * SEGMENT_BYTES);
    // One connection from the empty slave, then one per restart, each from where the slave's disk ended.
    expect(requestOffsets).toHaveLength(ROUNDS + 1);
    expect(requestOffsets[0]).toBe(0);
    // Recovery may cut a torn last message (HA frames are byte ranges), never more than that.
    requestOffsets.slice(1).forEach((offset, round) => {
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeGreaterThanOrEqual((offsetsAtKill[round] ?? 0) - TORN_TAIL_MAX_BYTES);
    });
    expect(firstDifferent).toBe(-1);
  });
});
