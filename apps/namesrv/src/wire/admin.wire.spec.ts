import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, DataVersion, KVTable, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, MASTER_B, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;
const VERSION_1: DataVersion = { counter: 1n, stateVersion: 0n, timestamp: 1_700_000_000_000n };

describe('Namesrv > wire > admin and KV', () => {
  let namesrv: InProcessNamesrv;
  let broker: RemotingClient;
  let admin: RemotingClient;

  const call = (code: number, extFields: Record<string, string> = {}, body?: Buffer): Promise<RemotingCommand> =>
    admin.invoke(namesrv.address, createRequest(code, { extFields, body, language: 'JAVA' }), TIMEOUT_MS);

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv({ enableTopicList: true });
    broker = newClient();
    admin = newClient();
    await broker.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('TopicA'), topicConfig('Shared')], dataVersion: VERSION_1 }),
      TIMEOUT_MS,
    );
    const otherCluster = { ...MASTER_B, clusterName: 'OtherCluster' };
    await admin.invoke(
      namesrv.address,
      registerRequest(otherCluster, { topics: [topicConfig('Shared'), topicConfig('TopicB')] }),
      TIMEOUT_MS,
    );
  });

  afterAll(async () => {
    await Promise.all([broker.close(), admin.close()]);
    await namesrv.stop();
  });

  it('stores, reads, lists and deletes KV config', async () => {
    expect((await call(RequestCode.PUT_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicA', value: 'broker-a:4' })).code).toBe(
      ResponseCode.SUCCESS,
    );
    const got = await call(RequestCode.GET_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicA' });
    expect([got.code, got.extFields]).toEqual([ResponseCode.SUCCESS, { value: 'broker-a:4' }]);
    const listed = await call(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'ORDER_TOPIC_CONFIG' });
    expect(listed.body?.toString('utf8')).toBe('{"table":{"TopicA":"broker-a:4"}}');
  });

  it('returns the order-topic KV table to a registering master', async () => {
    const response = await broker.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('TopicA'), topicConfig('Shared')], dataVersion: VERSION_1 }),
      TIMEOUT_MS,
    );
    expect(Object.fromEntries(KVTable.decode(response.body ?? Buffer.alloc(0)).table)).toEqual({ TopicA: 'broker-a:4' });
  });

  it('answers QUERY_NOT_FOUND for missing KV entries, after delete too', async () => {
    expect((await call(RequestCode.DELETE_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicA' })).code).toBe(ResponseCode.SUCCESS);
    const got = await call(RequestCode.GET_KV_CONFIG, { namespace: 'ORDER_TOPIC_CONFIG', key: 'TopicA' });
    expect([got.code, got.remark]).toEqual([ResponseCode.QUERY_NOT_FOUND, 'No config item, Namespace: ORDER_TOPIC_CONFIG Key: TopicA']);
    expect((await call(RequestCode.GET_KVLIST_BY_NAMESPACE, { namespace: 'ORDER_TOPIC_CONFIG' })).code).toBe(ResponseCode.QUERY_NOT_FOUND);
  });

  it('lists topics by cluster and reports a broker member group', async () => {
    const byCluster = await call(RequestCode.GET_TOPICS_BY_CLUSTER, { cluster: 'OtherCluster' });
    expect(JSON.parse(byCluster.body?.toString('utf8') ?? '{}')).toEqual({ topicList: ['Shared', 'TopicB'] });
    const group = await call(RequestCode.GET_BROKER_MEMBER_GROUP, { clusterName: 'DefaultCluster', brokerName: 'broker-a' });
    expect(group.body?.toString('utf8')).toBe(
      '{"brokerMemberGroup":{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}}',
    );
  });

  it('wipes and restores write permission, counting topics', async () => {
    const wiped = await call(RequestCode.WIPE_WRITE_PERM_OF_BROKER, { brokerName: 'broker-a' });
    expect(wiped.extFields).toEqual({ wipeTopicCount: '2' });
    const route = await call(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicA' });
    expect(route.body?.toString('utf8')).toContain('"perm":4');
    expect((await call(RequestCode.ADD_WRITE_PERM_OF_BROKER, { brokerName: 'broker-a' })).extFields).toEqual({ addTopicCount: '2' });
  });

  it('deletes a topic from one cluster only', async () => {
    expect((await call(RequestCode.DELETE_TOPIC_IN_NAMESRV, { topic: 'Shared', clusterName: 'OtherCluster' })).code).toBe(
      ResponseCode.SUCCESS,
    );
    const route = await call(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'Shared' });
    expect(route.body?.toString('utf8')).not.toContain('broker-b');
    expect(route.body?.toString('utf8')).toContain('broker-a');
  });

  it('tells a broker whether its DataVersion changed and sends back the stored one', async () => {
    const ask = (version: DataVersion) =>
      call(
        RequestCode.QUERY_DATA_VERSION,
        { brokerName: 'broker-a', brokerAddr: MASTER_A.brokerAddr, clusterName: 'DefaultCluster', brokerId: '0' },
        DataVersion.encode(version),
      );
    const same = await ask(VERSION_1);
    expect(same.extFields).toEqual({ changed: 'false' });
    expect(DataVersion.decode(same.body ?? Buffer.alloc(0))).toEqual(VERSION_1);
    expect((await ask({ ...VERSION_1, counter: 2n })).extFields).toEqual({ changed: 'true' });
  });

  it('accepts BROKER_HEARTBEAT', async () => {
    const response = await call(RequestCode.BROKER_HEARTBEAT, {
      clusterName: 'DefaultCluster',
      brokerAddr: MASTER_A.brokerAddr,
      brokerName: 'broker-a',
    });
    expect(response.code).toBe(ResponseCode.SUCCESS);
  });

  it('refuses a register whose body CRC does not match', async () => {
    const response = await admin.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('TopicA')], bodyCrc32: 12345 }),
      TIMEOUT_MS,
    );
    expect([response.code, response.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'crc32 not match']);
  });

  it('answers REQUEST_CODE_NOT_SUPPORTED for codes it does not serve, such as GET_UNIT_TOPIC_LIST', async () => {
    expect((await call(RequestCode.GET_UNIT_TOPIC_LIST)).code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
  });
});
