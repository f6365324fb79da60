import { ManualClock, RecordingLogger } from '@rocketmq-ts/base';
import type { ConnectionContext } from '@rocketmq-ts/remoting';
import { describe, expect, it } from 'vitest';

import { BrokerHeartbeatManager, type BrokerLiveInfo } from './broker-heartbeat-manager';

function manager() {
  const clock = new ManualClock();
  const heartbeats = new BrokerHeartbeatManager({ clock, logger: new RecordingLogger(), scanIntervalMs: 1000 });
  const inactive: BrokerLiveInfo[] = [];
  heartbeats.onBrokerInactive((info) => inactive.push(info));
  return { clock, heartbeats, inactive };
}

const beat = { clusterName: 'c', brokerName: 'b', brokerAddr: '127.0.0.1:1', brokerId: 1 };

describe('Controller > BrokerHeartbeatManager', () => {
  it('keeps a broker alive within its heartbeat timeout and reports it once after', () => {
    const { clock, heartbeats, inactive } = manager();
    heartbeats.heartbeat({ ...beat, heartbeatTimeoutMills: 3000 }, undefined);
    clock.advance(3000);
    heartbeats.scan();
    expect(heartbeats.isAlive('b', 1)).toBe(true);
    clock.advance(1);
    expect(heartbeats.isAlive('b', 1)).toBe(false);
    heartbeats.scan();
    heartbeats.scan();
    expect(inactive.map((info) => info.brokerId)).toEqual([1]);
  });

  it('treats a closed connection as dead as soon as it closes', () => {
    const { heartbeats, inactive } = manager();
    const onClose: Array<() => void> = [];
    const connection = { closed: false, onClose: (listener: () => void) => onClose.push(listener) };
    heartbeats.heartbeat(beat, connection as unknown as ConnectionContext);
    heartbeats.heartbeat(beat, connection as unknown as ConnectionContext);
    expect(onClose).toHaveLength(1);
    expect(heartbeats.isAlive('b', 1)).toBe(true);
    connection.closed = true;
    for (const listener of onClose) listener();
    expect(inactive).toHaveLength(1);
    expect(heartbeats.hasHeardFrom('b', 1)).toBe(true);
  });

  it('moves epoch and offsets only forward, and defaults priority to Integer.MAX_VALUE', () => {
    const { heartbeats } = manager();
    heartbeats.heartbeat({ ...beat, epoch: 2, maxOffset: 100, confirmOffset: 90 }, undefined);
    heartbeats.heartbeat({ ...beat, epoch: 1, maxOffset: 500, confirmOffset: 500 }, undefined);
    expect(heartbeats.electionFacts('b', 1)).toMatchObject({ epoch: 2, maxOffset: 100, confirmOffset: 90, electionPriority: 2147483647 });
    heartbeats.heartbeat({ ...beat, epoch: 2, maxOffset: 200, confirmOffset: 150, electionPriority: 1 }, undefined);
    expect(heartbeats.electionFacts('b', 1)).toMatchObject({ epoch: 2, maxOffset: 200, electionPriority: 1 });
  });
});
