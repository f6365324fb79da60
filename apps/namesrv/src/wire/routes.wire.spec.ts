import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClusterInfo, createRequest, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';

import { BrokerHousekeeper } from '../routeinfo/broker-housekeeper';
import { MASTER_A, MASTER_B, registerRequest, SLAVE_A, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;
const topicsOfA = [topicConfig('TopicTest'), topicConfig('TBW102', { readQueueNums: 8, writeQueueNums: 8, perm: 7 })];
const topicsOfB = [topicConfig('TopicTest'), topicConfig('OnlyB')];

const BROKER_A_LEGACY =
  '{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}';
const BROKER_B_LEGACY =
  '{"brokerAddrs":{0:"127.0.0.1:10931"},"brokerName":"broker-b","cluster":"DefaultCluster","enableActingMaster":false}';
const QUEUES =
  '{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4},{"brokerName":"broker-b","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}';

describe('Namesrv > wire > registration and routes', () => {
  let namesrv: InProcessNamesrv;
  let masterA: RemotingClient;
  let slaveA: RemotingClient;
  let masterB: RemotingClient;
  let asker: RemotingClient;

  const routeQuery = (topic: string, version: number, extra: Record<string, string> = {}): Promise<RemotingCommand> =>
    asker.invoke(
      namesrv.address,
      createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic, ...extra }, version, language: 'JAVA' }),
      TIMEOUT_MS,
    );

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv();
    [masterA, slaveA, masterB, asker] = [newClient(), newClient(), newClient(), newClient()];
  });

  afterAll(async () => {
    await Promise.all([masterA, slaveA, masterB, asker].map((client) => client.close()));
    await namesrv.stop();
  });

  it('registers a master, tells its slave where the master is, and registers a second master', async () => {
    const master = await masterA.invoke(namesrv.address, registerRequest(MASTER_A, { topics: topicsOfA }), TIMEOUT_MS);
    expect(master.code).toBe(ResponseCode.SUCCESS);
    expect(master.extFields ?? {}).toEqual({});

    const slave = await slaveA.invoke(namesrv.address, registerRequest(SLAVE_A, { topics: topicsOfA }), TIMEOUT_MS);
    expect(slave.code).toBe(ResponseCode.SUCCESS);
    expect(slave.extFields).toEqual({ masterAddr: '127.0.0.1:10911', haServerAddr: '127.0.0.1:10912' });

    const other = await masterB.invoke(namesrv.address, registerRequest(MASTER_B, { topics: topicsOfB }), TIMEOUT_MS);
    expect(other.code).toBe(ResponseCode.SUCCESS);
  });

  it('answers old clients (version 121) with bare numeric brokerAddrs keys', async () => {
    const response = await routeQuery('TopicTest', 121);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.body?.toString('utf8')).toBe(
      `{"brokerDatas":[${BROKER_A_LEGACY},${BROKER_B_LEGACY}],"filterServerTable":{},"queueDatas":[${QUEUES}]}`,
    );
  });

  it('answers Java 5.3.3 clients (version 479) and acceptStandardJsonOnly askers with quoted keys', async () => {
    const standard = `{"brokerDatas":[${BROKER_A_LEGACY.replace('{0:', '{"0":').replace(',1:', ',"1":')},${BROKER_B_LEGACY.replace('{0:', '{"0":')}],"filterServerTable":{},"queueDatas":[${QUEUES}]}`;
    expect((await routeQuery('TopicTest', 479)).body?.toString('utf8')).toBe(standard);
    expect((await routeQuery('TopicTest', 317, { acceptStandardJsonOnly: 'true' })).body?.toString('utf8')).toBe(standard);
  });

  it('routes TBW102 from the auto-create broker with perm 7', async () => {
    const response = await routeQuery('TBW102', 479);
    expect(response.body?.toString('utf8')).toContain(
      '"queueDatas":[{"brokerName":"broker-a","perm":7,"readQueueNums":8,"topicSysFlag":0,"writeQueueNums":8}]',
    );
  });

  it('answers TOPIC_NOT_EXIST with the Java remark for an unknown topic', async () => {
    const response = await routeQuery('NoSuchTopic', 479);
    expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(response.remark).toBe(
      'No topic route info in name server for the topic: NoSuchTopic\nSee https://rocketmq.apache.org/docs/bestPractice/06FAQ for further details.',
    );
  });

  it('reports cluster info with bare numeric keys whatever the version', async () => {
    const response = await asker.invoke(namesrv.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO, { version: 479 }), TIMEOUT_MS);
    expect(response.body?.toString('utf8')).toBe(
      `{"brokerAddrTable":{"broker-a":${BROKER_A_LEGACY},"broker-b":${BROKER_B_LEGACY}},"clusterAddrTable":{"DefaultCluster":["broker-a","broker-b"]}}`,
    );
    expect([...ClusterInfo.decode(response.body ?? Buffer.alloc(0)).clusterAddrTable.keys()]).toEqual(['DefaultCluster']);
  });

  it('lists all topics', async () => {
    const response = await asker.invoke(namesrv.address, createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), TIMEOUT_MS);
    expect(JSON.parse(response.body?.toString('utf8') ?? '{}')).toEqual({ topicList: ['TopicTest', 'TBW102', 'OnlyB'] });
  });

  it('drops an unregistered slave from the route', async () => {
    const { clusterName, brokerName, brokerAddr } = SLAVE_A;
    const extFields = { clusterName, brokerName, brokerAddr, brokerId: '1' };
    const response = await slaveA.invoke(namesrv.address, createRequest(RequestCode.UNREGISTER_BROKER, { extFields }), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect((await routeQuery('TBW102', 121)).body?.toString('utf8')).toContain('"brokerAddrs":{0:"127.0.0.1:10911"}');
  });

  it('drops a broker the moment its TCP connection closes', async () => {
    await masterB.close();
    const response = await waitFor(
      async () => {
        const reply = await routeQuery('OnlyB', 479);
        return reply.code === ResponseCode.TOPIC_NOT_EXIST ? reply : undefined;
      },
      { timeoutMs: TIMEOUT_MS, intervalMs: 20, reason: 'broker-b removed after its connection closed' },
    );
    expect(response.remark).toMatch(/^No topic route info in name server for the topic: OnlyB\n/);
    expect((await routeQuery('TopicTest', 479)).body?.toString('utf8')).not.toContain('broker-b');
  });

  it('expires a broker silent for 120 s (ManualClock), keeping one that re-registered', async () => {
    masterB = newClient();
    await masterB.invoke(namesrv.address, registerRequest(MASTER_B, { topics: topicsOfB }), TIMEOUT_MS);
    namesrv.clock.advance(60_000);
    await masterB.invoke(namesrv.address, registerRequest(MASTER_B, { topics: topicsOfB }), TIMEOUT_MS);
    namesrv.clock.advance(60_001);
    const housekeeper = namesrv.app.get(BrokerHousekeeper);
    expect(housekeeper.scanOnce()).toEqual(['127.0.0.1:10911']);
    expect((await routeQuery('TBW102', 479)).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect((await routeQuery('TopicTest', 479)).body?.toString('utf8')).not.toContain('broker-a');
    expect((await routeQuery('OnlyB', 479)).code).toBe(ResponseCode.SUCCESS);
  });
});
