import { describe, expect, it } from 'vitest';

import { commitLogMaxOffset, createTopic, waitForSlaveCaughtUp } from './support/broker-queries';
import { mibPerSecond, reportFigures } from './support/figures';
import { fillTopic } from './support/fill-master';
import { HABroker, startModeCluster } from './support/ha-cluster';
import { unique, useProcessHygiene } from './support/hygiene';

const MIB = 1024 * 1024;
/** The figure is 1 GiB; HA_E2E_CATCHUP_MIB sets another size (CI keeps the default). */
const DATA_MIB = Number(process.env['HA_E2E_CATCHUP_MIB'] ?? 1024);
/** A segment larger than the data: an empty slave copies from the start of the master's last segment. */
const SEGMENT_BYTES = 2 * 1024 * MIB;

// An empty slave joins a master that already holds DATA_MIB of messages: it copies all of it.
describe('ha > an empty slave catches up with a loaded master', () => {
  useProcessHygiene();

  it(`copies ${DATA_MIB} MiB and reports the rate`, async () => {
    const settings = { mapedFileSizeCommitLog: String(SEGMENT_BYTES), slaveSynchronizeIntervalMillis: '1000' };
    const cluster = await startModeCluster('2m-2s-async', ['broker-a'], settings);
    const master = cluster.broker('broker-a');
    const topic = unique('HaCatchUp');
    await createTopic(cluster.namesrv.address, [{ address: master.address, brokerName: 'broker-a' }], topic, 4);
    const fill = await fillTopic(cluster.namesrv.address, topic, DATA_MIB * MIB);
    const masterBytes = await commitLogMaxOffset(master.address);

    const slave = await HABroker.create('2m-2s-async', 'broker-a-s', cluster.namesrv.address, settings);
    const spawnedAt = Date.now();
    await slave.start();
    const bootedAt = Date.now();
    const copied = await waitForSlaveCaughtUp(master.address, slave.address, 300_000);
    const doneAt = Date.now();
    reportFigures(`empty slave catch-up ${DATA_MIB} MiB`, {
      dataMiB: DATA_MIB,
      masterCommitLogBytes: masterBytes,
      fillMs: fill.ms,
      fillMiBps: mibPerSecond(masterBytes, fill.ms),
      slaveBootMs: bootedAt - spawnedAt,
      catchUpMs: doneAt - bootedAt,
      catchUpMiBps: mibPerSecond(copied, doneAt - bootedAt),
      catchUpFromSpawnMiBps: mibPerSecond(copied, doneAt - spawnedAt),
    });
    expect(masterBytes).toBeGreaterThanOrEqual(DATA_MIB * MIB);
    expect(copied).toBe(masterBytes);
  });
});
