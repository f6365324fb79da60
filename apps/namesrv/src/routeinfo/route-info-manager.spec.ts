import { ManualClock } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import { dataVersion, registerInput, topicTable } from '../testing/route-info-fixtures';
import { RouteInfoManager } from './route-info-manager';

const slaveOfA = { brokerId: 1, brokerAddr: '10.0.0.2:10911', haServerAddr: '10.0.0.2:10912', connectionId: 2 };

function setup(options: { supportActingMaster?: boolean; deleteTopicWithBrokerRegistration?: boolean } = {}) {
  const clock = new ManualClock();
  return { clock, routes: new RouteInfoManager({ clock, ...options }) };
}

describe('Namesrv > RouteInfoManager > register', () => {
  it('records the broker under its id and serves routes for its topics', () => {
    const { routes } = setup();
    expect(routes.registerBroker(registerInput())).toEqual({ kind: 'registered', masterAddr: undefined, haServerAddr: undefined });
    const route = routes.pickupTopicRoute('TopicA');
    expect(route?.queueDatas).toEqual([{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }]);
    expect(route?.brokerDatas.map((bd) => [bd.cluster, bd.brokerName, [...bd.brokerAddrs]])).toEqual([
      ['DefaultCluster', 'broker-a', [[0, '10.0.0.1:10911']]],
    ]);
    expect(routes.pickupTopicRoute('Nope')).toBeUndefined();
    expect(routes.liveBrokerCount).toBe(1);
  });

  it('answers a slave with its master address and the master HA address', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    const outcome = routes.registerBroker(registerInput({ ...slaveOfA }));
    expect(outcome).toEqual({ kind: 'registered', masterAddr: '10.0.0.1:10911', haServerAddr: '10.0.0.1:10912' });
    expect([...(routes.pickupTopicRoute('TopicA')?.brokerDatas[0]?.brokerAddrs ?? [])]).toEqual([
      [0, '10.0.0.1:10911'],
      [1, '10.0.0.2:10911'],
    ]);
  });

  it('gives a slave no master address while the master is not registered', () => {
    const { routes } = setup();
    expect(routes.registerBroker(registerInput({ ...slaveOfA }))).toEqual({
      kind: 'registered',
      masterAddr: undefined,
      haServerAddr: undefined,
    });
  });

  it('lets only the master (not a pre-5.0 slave) write topic queue data', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    routes.registerBroker(
      registerInput({
        ...slaveOfA,
        enableActingMaster: undefined,
        dataVersion: dataVersion(9),
        topicConfigTable: topicTable({ SlaveOnly: {}, TopicA: { perm: 4 } }),
      }),
    );
    expect(routes.allTopics().sort()).toEqual(['TopicA', 'TopicB']);
    expect(routes.pickupTopicRoute('TopicA')?.queueDatas[0]?.perm).toBe(6);
  });

  it('updates topic queue data only when the DataVersion changes', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    routes.registerBroker(registerInput({ topicConfigTable: topicTable({ TopicA: { writeQueueNums: 8 }, TopicB: {} }) }));
    expect(routes.pickupTopicRoute('TopicA')?.queueDatas[0]?.writeQueueNums).toBe(4);
    routes.registerBroker(
      registerInput({ dataVersion: dataVersion(2), topicConfigTable: topicTable({ TopicA: { writeQueueNums: 8 }, TopicB: {} }) }),
    );
    expect(routes.pickupTopicRoute('TopicA')?.queueDatas[0]?.writeQueueNums).toBe(8);
  });

  it('adds a new topic on an unchanged DataVersion, because that topic has no queue data yet', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    routes.registerBroker(registerInput({ topicConfigTable: topicTable({ TopicA: {}, TopicB: {}, TopicC: {} }) }));
    expect(routes.pickupTopicRoute('TopicC')).toBeDefined();
  });

  it('routes TBW102 when an auto-create broker reports it in its topic table', () => {
    const { routes } = setup();
    routes.registerBroker(
      registerInput({ topicConfigTable: topicTable({ TBW102: { readQueueNums: 8, writeQueueNums: 8, perm: 7 }, TopicA: {} }) }),
    );
    expect(routes.pickupTopicRoute('TBW102')?.queueDatas).toEqual([
      { brokerName: 'broker-a', readQueueNums: 8, writeQueueNums: 8, perm: 7, topicSysFlag: 0 },
    ]);
  });

  it('moves an address re-registering under another id (slave promoted to master)', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput({ ...slaveOfA, connectionId: 2 }));
    routes.registerBroker(registerInput({ brokerId: 0, brokerAddr: slaveOfA.brokerAddr, connectionId: 2 }));
    expect([...(routes.clusterInfo().brokerAddrTable.get('broker-a')?.brokerAddrs ?? [])]).toEqual([[0, '10.0.0.2:10911']]);
  });

  it('refuses a one-topic register from a broker that never registered, leaving no trace', () => {
    const { routes } = setup();
    const outcome = routes.registerBroker(registerInput({ topicConfigTable: topicTable({ Lonely: {} }) }));
    expect(outcome.kind).toBe('refused');
    expect(routes.clusterInfo().brokerAddrTable.size).toBe(0);
    expect(routes.clusterInfo().clusterAddrTable.size).toBe(0);
    expect(routes.allTopics()).toEqual([]);
  });

  it('ignores a stale register when another address holds the id with a newer stateVersion', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput({ dataVersion: dataVersion(1, 5) }));
    const outcome = routes.registerBroker(registerInput({ brokerAddr: '10.0.0.9:10911', dataVersion: dataVersion(1, 4), connectionId: 9 }));
    expect(outcome.kind).toBe('stale');
    expect(routes.clusterInfo().brokerAddrTable.get('broker-a')?.brokerAddrs.get(0)).toBe('10.0.0.1:10911');
  });

  it('drops topics a master stopped reporting when deleteTopicWithBrokerRegistration is on', () => {
    const { routes } = setup({ deleteTopicWithBrokerRegistration: true });
    routes.registerBroker(registerInput());
    routes.registerBroker(registerInput({ dataVersion: dataVersion(2), topicConfigTable: topicTable({ TopicA: {}, Other: {} }) }));
    expect(routes.allTopics().sort()).toEqual(['Other', 'TopicA']);
  });

  it('reports DataVersion changes and the stored version', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.0.0.1:10911', dataVersion(1))).toBe(false);
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.0.0.1:10911', dataVersion(2))).toBe(true);
    expect(routes.isBrokerTopicConfigChanged('DefaultCluster', '10.9.9.9:10911', dataVersion(1))).toBe(true);
    expect(routes.brokerDataVersion('DefaultCluster', '10.0.0.1:10911')).toEqual(dataVersion(1));
  });
});

describe('Namesrv > RouteInfoManager > liveness', () => {
  it('expires a broker silent for more than 120 s, and not before', () => {
    const { clock, routes } = setup();
    routes.registerBroker(registerInput());
    clock.advance(120_000);
    expect(routes.scanNotActiveBroker()).toEqual([]);
    clock.advance(1);
    expect(routes.scanNotActiveBroker()).toEqual(['10.0.0.1:10911']);
    expect(routes.pickupTopicRoute('TopicA')).toBeUndefined();
    expect(routes.clusterInfo().clusterAddrTable.size).toBe(0);
    expect(routes.liveBrokerCount).toBe(0);
  });

  it('honours a per-broker heartbeatTimeoutMillis', () => {
    const { clock, routes } = setup();
    routes.registerBroker(registerInput({ heartbeatTimeoutMs: 10_000 }));
    clock.advance(10_001);
    expect(routes.scanNotActiveBroker()).toEqual(['10.0.0.1:10911']);
  });

  it('keeps a broker alive through heartbeats', () => {
    const { clock, routes } = setup();
    routes.registerBroker(registerInput());
    clock.advance(100_000);
    expect(routes.touchBroker('DefaultCluster', '10.0.0.1:10911')).toBe(true);
    clock.advance(100_000);
    expect(routes.scanNotActiveBroker()).toEqual([]);
    expect(routes.touchBroker('DefaultCluster', '10.9.9.9:1')).toBe(false);
  });

  it('removes only the brokers of a closed connection', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    routes.registerBroker(registerInput({ ...slaveOfA }));
    expect(routes.onConnectionClosed(2)).toBe(1);
    expect([...(routes.pickupTopicRoute('TopicA')?.brokerDatas[0]?.brokerAddrs ?? [])]).toEqual([[0, '10.0.0.1:10911']]);
    expect(routes.onConnectionClosed(1)).toBe(1);
    expect(routes.pickupTopicRoute('TopicA')).toBeUndefined();
    expect(routes.onConnectionClosed(1)).toBe(0);
  });

  it('keeps a broker that re-registered over a new connection when the old one closes', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput({ connectionId: 1 }));
    routes.registerBroker(registerInput({ connectionId: 7 }));
    expect(routes.onConnectionClosed(1)).toBe(0);
    expect(routes.liveBrokerCount).toBe(1);
  });

  it('unregisters one address and keeps the group while another remains', () => {
    const { routes } = setup();
    routes.registerBroker(registerInput());
    routes.registerBroker(registerInput({ ...slaveOfA }));
    routes.unregisterBroker({ clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerAddr: '10.0.0.1:10911', brokerId: 0 });
    expect(routes.pickupTopicRoute('TopicA')?.queueDatas).toHaveLength(1);
    routes.unregisterBroker({ clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerAddr: '10.0.0.2:10911', brokerId: 1 });
    expect(routes.pickupTopicRoute('TopicA')).toBeUndefined();
  });
});

describe('Namesrv > RouteInfoManager > acting master', () => {
  it('wipes write perm when the master leaves, and shows the lowest slave as id 0 in routes', () => {
    const { routes } = setup({ supportActingMaster: true });
    routes.registerBroker(registerInput({ enableActingMaster: true }));
    routes.registerBroker(registerInput({ ...slaveOfA, enableActingMaster: true }));
    routes.unregisterBroker({ clusterName: 'DefaultCluster', brokerName: 'broker-a', brokerAddr: '10.0.0.1:10911', brokerId: 0 });
    const route = routes.pickupTopicRoute('TopicA');
    expect(route?.queueDatas[0]?.perm).toBe(4);
    expect([...(route?.brokerDatas[0]?.brokerAddrs ?? [])]).toEqual([[0, '10.0.0.2:10911']]);
    // The stored table is untouched: only the reply shows the stand-in.
    expect([...(routes.clusterInfo().brokerAddrTable.get('broker-a')?.brokerAddrs ?? [])]).toEqual([[1, '10.0.0.2:10911']]);
  });
});

describe('Namesrv > RouteInfoManager > admin', () => {
  function twoClusters() {
    const fixture = setup();
    fixture.routes.registerBroker(registerInput());
    fixture.routes.registerBroker(
      registerInput({
        clusterName: 'Other',
        brokerName: 'broker-b',
        brokerAddr: '10.0.1.1:10911',
        connectionId: 3,
        topicConfigTable: topicTable({ TopicA: {}, TopicC: {} }),
      }),
    );
    return fixture;
  }

  it('lists topics overall and by cluster', () => {
    const { routes } = twoClusters();
    expect(routes.allTopics().sort()).toEqual(['TopicA', 'TopicB', 'TopicC']);
    expect(routes.topicsByCluster('Other').sort()).toEqual(['TopicA', 'TopicC']);
    expect(routes.topicsByCluster('Missing')).toEqual([]);
  });

  it('wipes and restores write perm per broker, counting topics', () => {
    const { routes } = twoClusters();
    expect(routes.wipeWritePermOfBroker('broker-a')).toBe(2);
    expect(routes.pickupTopicRoute('TopicB')?.queueDatas[0]?.perm).toBe(4);
    expect(routes.addWritePermOfBroker('broker-a')).toBe(2);
    expect(routes.pickupTopicRoute('TopicB')?.queueDatas[0]?.perm).toBe(6);
    expect(routes.wipeWritePermOfBroker('nobody')).toBe(0);
  });

  it('deletes a topic from one cluster or from everywhere', () => {
    const { routes } = twoClusters();
    routes.deleteTopic('TopicA', 'Other');
    expect(routes.pickupTopicRoute('TopicA')?.queueDatas.map((qd) => qd.brokerName)).toEqual(['broker-a']);
    routes.deleteTopic('TopicA');
    expect(routes.pickupTopicRoute('TopicA')).toBeUndefined();
  });

  it('reports a broker member group', () => {
    const { routes } = twoClusters();
    const group = routes.brokerMemberGroup('DefaultCluster', 'broker-a');
    expect([...group.brokerAddrs]).toEqual([[0, '10.0.0.1:10911']]);
    expect(routes.brokerMemberGroup('DefaultCluster', 'none').brokerAddrs.size).toBe(0);
  });
});
