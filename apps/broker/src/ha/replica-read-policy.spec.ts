import { describe, expect, it } from 'vitest';

import { ReplicaReadPolicy } from './replica-read-policy';

// suggestWhichBrokerId per docs/store-and-ha.md#replication, and the slave's refusal when slave reads are off.
describe('Broker > HA > ReplicaReadPolicy', () => {
  const master = (slaveReadEnable: boolean) =>
    new ReplicaReadPolicy({ slaveReadEnable, brokerId: 0, brokerRole: 'SYNC_MASTER' }, { isSlave: false, masterOnline: () => true });
  const slave = (slaveReadEnable: boolean, masterOnline: boolean) =>
    new ReplicaReadPolicy({ slaveReadEnable, brokerId: 2, brokerRole: 'SLAVE' }, { isSlave: true, masterOnline: () => masterOnline });

  it('points every pull at the master while slave reads are off, and a slave then refuses pulls', () => {
    expect(master(false).suggestBrokerId(true, undefined)).toBe(0);
    expect(master(false).refusesPulls()).toBe(false);
    expect(slave(false, true).refusesPulls()).toBe(true);
  });

  it('sends cold reads to the group’s slow-consumer broker (1 by default) and hot ones to the group’s broker', () => {
    expect(master(true).suggestBrokerId(true, undefined)).toBe(1);
    expect(master(true).suggestBrokerId(true, { whichBrokerWhenConsumeSlowly: 3 })).toBe(3);
    expect(master(true).suggestBrokerId(false, { brokerId: 0 })).toBe(0);
  });

  it('a slave sends hot readers back to a live master and keeps them while the master is down', () => {
    expect(slave(true, true).suggestBrokerId(false, undefined)).toBe(0);
    expect(slave(true, false).suggestBrokerId(false, undefined)).toBe(2);
    expect(slave(true, true).suggestBrokerId(true, undefined)).toBe(1);
    expect(slave(true, true).refusesPulls()).toBe(false);
  });
});
