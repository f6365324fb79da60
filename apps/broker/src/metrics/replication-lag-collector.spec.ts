// The HA lag gauges from hand-made HA stats: one series per slave on a master, one per master on a
// slave, zero time while caught up, nothing for what is unknown, and stale peers dropped.
import { describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import type { HAClientStats, HAConnectionStats, HAServerStats } from '@rocketmq-ts/ha';

import { createBrokerMetrics } from './broker-metrics';
import { collectReplicationLag, type ReplicationLagSource } from './replication-lag-collector';
import { parsePrometheusText, samplesOf } from './testing/prometheus-text';

const NOW_MS = 1_700_000_100_000;

function slaveConnection(remoteAddress: string, fields: Partial<HAConnectionStats>): HAConnectionStats {
  return {
    remoteAddress,
    connectedAtMs: NOW_MS - 60_000,
    slaveRequestOffset: 0,
    slaveAckOffset: 0,
    bytesBehind: 0,
    lastAckMs: 0,
    lastCaughtUpMs: 0,
    nextTransferOffset: 0,
    bytesSent: 0,
    ...fields,
  };
}

function client(fields: Partial<HAClientStats>): HAClientStats {
  return {
    masterAddress: '10.0.0.1:10912',
    connected: true,
    reportedOffset: 0,
    bytesReceived: 0,
    lastReadMs: 0,
    masterOffset: -1,
    localMaxOffset: 0,
    connects: 1,
    ...fields,
  };
}

async function gaugesAfter(source: ReplicationLagSource, metrics = createBrokerMetrics({ collectDefaultMetrics: false })) {
  collectReplicationLag(source, metrics.metricsRegistry.metrics, new ManualClock(NOW_MS));
  const samples = parsePrometheusText(await metrics.metricsRegistry.registry.metrics());
  const read = (name: string) =>
    Object.fromEntries(samplesOf(samples, name).map((sample) => [`${sample.labels['role']} ${sample.labels['peer']}`, sample.value]));
  return { bytes: read('rocketmq_ha_replication_lag_bytes'), ms: read('rocketmq_ha_replication_lag_milliseconds'), metrics };
}

const master = (slaves: HAConnectionStats[]): ReplicationLagSource => ({
  masterStats: (): HAServerStats => ({ masterMaxOffset: 5_000, push2SlaveMaxOffset: 4_000, slaves }),
  slaveStats: () => undefined,
});

const slave = (stats: HAClientStats): ReplicationLagSource => ({ masterStats: () => undefined, slaveStats: () => stats });

describe('Broker > metrics > replication lag gauges', () => {
  it('on a master: bytes behind per slave, zero time for a caught-up slave, time since it last had everything for a lagging one', async () => {
    const { bytes, ms } = await gaugesAfter(
      master([
        slaveConnection('10.0.0.2:40001', { bytesBehind: 0, lastCaughtUpMs: NOW_MS - 9_000 }),
        slaveConnection('10.0.0.3:40002', { bytesBehind: 1_000, lastCaughtUpMs: NOW_MS - 2_500 }),
      ]),
    );
    expect(bytes).toEqual({ 'master 10.0.0.2:40001': 0, 'master 10.0.0.3:40002': 1_000 });
    expect(ms).toEqual({ 'master 10.0.0.2:40001': 0, 'master 10.0.0.3:40002': 2_500 });
  });

  it('on a slave: time since the last frame, and bytes the master announced beyond the local log while connected', async () => {
    const connected = await gaugesAfter(slave(client({ lastReadMs: NOW_MS - 1_200, masterOffset: 9_000, localMaxOffset: 8_500 })));
    expect(connected.bytes).toEqual({ 'slave 10.0.0.1:10912': 500 });
    expect(connected.ms).toEqual({ 'slave 10.0.0.1:10912': 1_200 });

    const cut = await gaugesAfter(
      slave(client({ connected: false, lastReadMs: NOW_MS - 30_000, masterOffset: -1, localMaxOffset: 8_500 })),
    );
    expect(cut.bytes).toEqual({});
    expect(cut.ms).toEqual({ 'slave 10.0.0.1:10912': 30_000 });

    expect(await gaugesAfter(slave(client({ masterAddress: undefined })))).toMatchObject({ bytes: {}, ms: {} });
  });

  it('drops the series of a slave that went away', async () => {
    const first = await gaugesAfter(master([slaveConnection('10.0.0.2:40001', { bytesBehind: 10, lastCaughtUpMs: NOW_MS })]));
    expect(Object.keys(first.bytes)).toEqual(['master 10.0.0.2:40001']);
    const second = await gaugesAfter(master([]), first.metrics);
    expect(second).toMatchObject({ bytes: {}, ms: {} });
  });
});
