import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { crc32Positive } from '@rocketmq-ts/base';
import { createRequest, RegisterBrokerBody, RegisterBrokerRequestHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, MASTER_B, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;

describe('Namesrv > wire > edge cases', () => {
  let namesrv: InProcessNamesrv;
  let client: RemotingClient;

  const route = (topic: string) =>
    client.invoke(namesrv.address, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic }, version: 479 }), TIMEOUT_MS);

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv({ orderMessageEnable: true });
    client = newClient();
  });

  afterAll(async () => {
    await client.close();
    await namesrv.stop();
  });

  it('answers SYSTEM_ERROR naming the field when a register header lacks brokerName, and keeps the connection', async () => {
    const { brokerName: _omitted, ...partial } = RegisterBrokerRequestHeader.encode({ ...MASTER_A, compressed: false, bodyCrc32: 0 });
    const response = await client.invoke(namesrv.address, createRequest(RequestCode.REGISTER_BROKER, { extFields: partial }), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(response.remark).toContain('brokerName');
    expect((await route('Anything')).code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });

  it('reads the zlib-compressed register body', async () => {
    const body = RegisterBrokerBody.encodeCompressed({
      filterServerList: [],
      topicConfigSerializeWrapper: {
        dataVersion: { counter: 3n, stateVersion: 0n, timestamp: 1_700_000_000_000n },
        topicConfigTable: new Map([
          ['Zipped', topicConfig('Zipped', { writeQueueNums: 2, readQueueNums: 2 })],
          ['Other', topicConfig('Other')],
        ]),
      },
    });
    const extFields = RegisterBrokerRequestHeader.encode({ ...MASTER_B, compressed: true, bodyCrc32: crc32Positive(body) });
    const response = await client.invoke(namesrv.address, createRequest(RequestCode.REGISTER_BROKER, { extFields, body }), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect((await route('Zipped')).body?.toString('utf8')).toContain(
      '"queueDatas":[{"brokerName":"broker-b","perm":6,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2}]',
    );
  });

  it('registers a broker that sends no body, with no topics', async () => {
    const extFields = RegisterBrokerRequestHeader.encode({ ...MASTER_A, compressed: false, bodyCrc32: 0 });
    const response = await client.invoke(namesrv.address, createRequest(RequestCode.REGISTER_BROKER, { extFields }), TIMEOUT_MS);
    expect(response.code).toBe(ResponseCode.SUCCESS);
    const clusterInfo = await client.invoke(namesrv.address, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO), TIMEOUT_MS);
    expect(clusterInfo.body?.toString('utf8')).toContain('"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911"}');
  });

  it('adds orderTopicConf from ORDER_TOPIC_CONFIG to routes when orderMessageEnable is on', async () => {
    await client.invoke(namesrv.address, registerRequest(MASTER_A, { topics: [topicConfig('Ordered'), topicConfig('Plain')] }), TIMEOUT_MS);
    const put = createRequest(RequestCode.PUT_KV_CONFIG, {
      extFields: { namespace: 'ORDER_TOPIC_CONFIG', key: 'Ordered', value: 'broker-a:4' },
    });
    expect((await client.invoke(namesrv.address, put, TIMEOUT_MS)).code).toBe(ResponseCode.SUCCESS);
    expect((await route('Ordered')).body?.toString('utf8')).toContain('"orderTopicConf":"broker-a:4"');
    expect((await route('Plain')).body?.toString('utf8')).not.toContain('orderTopicConf');
  });
});
