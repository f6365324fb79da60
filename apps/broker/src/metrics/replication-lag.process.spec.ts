// The HA lag gauges on a real master and slave (bin/mqbroker processes, a real name server), read
// from each one's GET /metrics: both report their peer, both read zero once the slave has caught
// up; while the slave is SIGSTOPped, sends make the master's bytes and time behind grow; after
// SIGCONT the slave catches up and both sides return to zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { createTopic, type LocalNamesrv, waitFor, withLogsOnFailure } from '@rocketmq-ts/testing';

import { type BrokerGroupUnderTest, createBrokerGroup, GroupMember, sendV2, SLAVE_REPORTED, waitForLines } from '../ha/testing/ha-group';
import { parsePrometheusText, samplesOf } from './testing/prometheus-text';

const TOPIC = 'HaLagTopic';
const BYTES = 'rocketmq_ha_replication_lag_bytes';
const MILLISECONDS = 'rocketmq_ha_replication_lag_milliseconds';
const WHILE_STOPPED = 10;
const BODY_BYTES = 1_024;

interface LagSeries {
  readonly peer: string;
  readonly bytes: number | undefined;
  readonly ms: number | undefined;
}

/** The lag series `member` reports for `role` (one per peer), from its /metrics. */
async function lagOf(member: GroupMember, role: 'master' | 'slave'): Promise<LagSeries[]> {
  const response = await fetch(`http://127.0.0.1:${member.httpPort}/metrics`);
  const samples = parsePrometheusText(await response.text());
  const bytes = samplesOf(samples, BYTES, { role, node_id: 'broker-lag' });
  const ms = samplesOf(samples, MILLISECONDS, { role, node_id: 'broker-lag' });
  const peers = [...new Set([...bytes, ...ms].map((sample) => sample.labels['peer'] as string))];
  return peers.map((peer) => ({
    peer,
    bytes: bytes.find((sample) => sample.labels['peer'] === peer)?.value,
    ms: ms.find((sample) => sample.labels['peer'] === peer)?.value,
  }));
}

describe('Broker > metrics > replication lag on a master and a slave process', () => {
  const client = new RemotingClient();
  let group: BrokerGroupUnderTest | undefined;
  let namesrv: LocalNamesrv;
  let master: GroupMember;
  let slave: GroupMember;

  const send = async (count: number, prefix: string): Promise<void> => {
    for (let index = 0; index < count; index++) {
      expect((await sendV2(client, master.addr, TOPIC, `${prefix}-${index}-${'x'.repeat(BODY_BYTES)}`)).code).toBe(ResponseCode.SUCCESS);
    }
  };

  /** Both sides at zero bytes behind, the master at zero time behind. */
  const caughtUp = async (): Promise<{ onMaster: LagSeries[]; onSlave: LagSeries[] }> =>
    waitFor(
      async () => {
        const [onMaster, onSlave] = await Promise.all([lagOf(master, 'master'), lagOf(slave, 'slave')]);
        const done =
          onMaster.length === 1 && onMaster[0]?.bytes === 0 && onMaster[0].ms === 0 && onSlave.length === 1 && onSlave[0]?.bytes === 0;
        return done ? { onMaster, onSlave } : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 200, reason: 'both sides report the slave caught up' },
    );

  beforeAll(async () => {
    // ASYNC_MASTER: sends to a stopped slave's master return at once, so the backlog builds quickly.
    group = await createBrokerGroup('ha-lag', 'broker-lag', { masterRole: 'ASYNC_MASTER' });
    ({ namesrv, master, slave } = group);
    await master.start();
    await createTopic({ brokerAddr: master.addr, brokerName: 'broker-lag', namesrvAddrs: [namesrv.addr] }, TOPIC, 1);
    await slave.start();
    await waitForLines(master, SLAVE_REPORTED, 1);
  }, 180_000);

  afterAll(async () => {
    await client.close();
    await group?.remove();
  });

  it('reports the peer on both sides and zero lag once the slave has everything', async () => {
    await withLogsOnFailure(async () => {
      await send(20, 'warm');
      const { onMaster, onSlave } = await caughtUp();
      expect(onMaster[0]?.peer).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(onSlave[0]?.peer).toBe(master.haAddr);
      // Frames (data or heartbeats) arrive at least every haSendHeartbeatInterval (5 s) on a live link.
      expect(onSlave[0]?.ms).toBeGreaterThanOrEqual(0);
      expect(onSlave[0]?.ms).toBeLessThan(10_000);
    });
  }, 60_000);

  it('shows the master bytes and time behind growing while the slave is stopped, and zero again once it resumes', async () => {
    await withLogsOnFailure(async () => {
      const slaveProcess = slave.running;
      slaveProcess.kill('SIGSTOP');
      try {
        await send(WHILE_STOPPED, 'stopped');
        const stalled = await waitFor(
          async () => {
            const [series] = await lagOf(master, 'master');
            return series !== undefined && (series.ms ?? 0) >= 500 ? series : undefined;
          },
          { timeoutMs: 10_000, intervalMs: 100, reason: 'master time behind above 500 ms' },
        );
        expect(stalled.bytes).toBeGreaterThanOrEqual(WHILE_STOPPED * BODY_BYTES);
        const later = await waitFor(
          async () => {
            const [series] = await lagOf(master, 'master');
            return series !== undefined && (series.ms ?? 0) > (stalled.ms ?? 0) ? series : undefined;
          },
          { timeoutMs: 5_000, intervalMs: 100, reason: 'master time behind keeps growing' },
        );
        expect(later.bytes).toBe(stalled.bytes);
        await send(1, 'more');
        const [grown] = await lagOf(master, 'master');
        expect(grown?.bytes).toBeGreaterThan(stalled.bytes ?? 0);
      } finally {
        slaveProcess.kill('SIGCONT');
      }
      await caughtUp();
    });
  }, 60_000);
});
