import { type Clock, systemClock } from '@rocketmq-ts/base';
import type { HAClientStats, HAServerStats } from '@rocketmq-ts/ha';

import type { BrokerMetricsRegistry } from './broker-metrics';

/** What a broker's replication role exposes to the gauges: one side is set, or neither without HA. */
export interface ReplicationLagSource {
  masterStats(): HAServerStats | undefined;
  slaveStats(): HAClientStats | undefined;
}

type LagGauges = Pick<BrokerMetricsRegistry['metrics'], 'haReplicationLagBytes' | 'haReplicationLagMilliseconds'>;

/**
 * Sets `rocketmq_ha_replication_lag_{bytes,milliseconds}` from the HA stats at scrape time, one
 * series per (role, peer). Reset first, so a slave that disconnected (or a master the slave
 * stopped following) disappears instead of freezing at its last value.
 *
 * - role="master", one series per slave (peer = the slave's HA connection address): bytes = the
 *   master's max offset minus the slave's last ack; time = 0 while the slave has everything, else
 *   how long ago an ack last covered everything the master had (how stale the slave's copy is).
 * - role="slave", peer = the master's HA address: time = how long since the master last sent a
 *   frame (data or heartbeat; heartbeats come every haSendHeartbeatInterval on an idle link);
 *   bytes = what the master's last frame said it had beyond our commit log, only while connected
 *   (classic HA never sends the master's max offset, so the master's series is the authoritative one).
 *
 * The HA code keeps its times on the system clock; `clock` must be the same.
 */
export function collectReplicationLag(source: ReplicationLagSource, gauges: LagGauges, clock: Clock = systemClock): void {
  const { haReplicationLagBytes: bytes, haReplicationLagMilliseconds: time } = gauges;
  bytes.reset();
  time.reset();
  const nowMs = clock.nowMs();
  const master = source.masterStats();
  for (const slave of master?.slaves ?? []) {
    const labels = { role: 'master', peer: slave.remoteAddress };
    bytes.labels(labels).set(slave.bytesBehind);
    time.labels(labels).set(slave.bytesBehind === 0 ? 0 : Math.max(0, nowMs - slave.lastCaughtUpMs));
  }
  const slave = source.slaveStats();
  if (slave?.masterAddress === undefined) return;
  const labels = { role: 'slave', peer: slave.masterAddress };
  if (slave.lastReadMs > 0) time.labels(labels).set(Math.max(0, nowMs - slave.lastReadMs));
  if (slave.connected && slave.masterOffset >= 0) bytes.labels(labels).set(Math.max(0, slave.masterOffset - slave.localMaxOffset));
}
