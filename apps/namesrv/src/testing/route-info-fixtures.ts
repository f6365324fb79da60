import type { DataVersion } from '@rocketmq-ts/protocol';

import type { RegisterBrokerInput, TopicQueueSettings } from '../routeinfo/route-info-types';

/** Builders for route-info specs: a register input with sensible defaults. */
export function dataVersion(counter: number, stateVersion = 0): DataVersion {
  return { stateVersion: BigInt(stateVersion), timestamp: BigInt(1_700_000_000_000 + counter), counter: BigInt(counter) };
}

export function topicTable(entries: Record<string, Partial<TopicQueueSettings>>): Map<string, TopicQueueSettings> {
  return new Map(
    Object.entries(entries).map(([topic, settings]) => [
      topic,
      { readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0, ...settings },
    ]),
  );
}

export function registerInput(overrides: Partial<RegisterBrokerInput> = {}): RegisterBrokerInput {
  return {
    clusterName: 'DefaultCluster',
    brokerName: 'broker-a',
    brokerAddr: '10.0.0.1:10911',
    brokerId: 0,
    haServerAddr: '10.0.0.1:10912',
    enableActingMaster: false,
    dataVersion: dataVersion(1),
    topicConfigTable: topicTable({ TopicA: {}, TopicB: {} }),
    connectionId: 1,
    ...overrides,
  };
}
