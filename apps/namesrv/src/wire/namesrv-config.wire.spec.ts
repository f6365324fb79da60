import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRequest, PropertiesText, type RemotingCommand, RequestCode, ResponseCode, TopicList } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';

import { MASTER_A, registerRequest, topicConfig } from '../testing/fake-broker';
import { type InProcessNamesrv, newClient, startInProcessNamesrv } from '../testing/in-process-namesrv';

const TIMEOUT_MS = 5000;

// GET_NAMESRV_CONFIG / UPDATE_NAMESRV_CONFIG / GET_SYSTEM_TOPIC_LIST_FROM_NS over TCP
// (docs/admin.md#name-server-configuration): an update changes behaviour at once and is persisted;
// path and port keys are refused whatever their value (the CVE-2023-33246 class of attack).
describe('Namesrv > wire > config and system topics', () => {
  let namesrv: InProcessNamesrv;
  let admin: RemotingClient;
  const call = (code: number, body?: Buffer): Promise<RemotingCommand> =>
    admin.invoke(namesrv.address, createRequest(code, { body, language: 'JAVA' }), TIMEOUT_MS);

  beforeAll(async () => {
    namesrv = await startInProcessNamesrv();
    admin = newClient();
    const registered = await admin.invoke(
      namesrv.address,
      registerRequest(MASTER_A, { topics: [topicConfig('TopicA'), topicConfig('TopicB')] }),
      TIMEOUT_MS,
    );
    expect([registered.code, registered.remark]).toEqual([ResponseCode.SUCCESS, undefined]);
  });

  afterAll(async () => {
    await admin.close();
    await namesrv.stop();
  });

  it('prints every key as properties text', async () => {
    const config = PropertiesText.decode((await call(RequestCode.GET_NAMESRV_CONFIG)).body ?? Buffer.alloc(0));
    expect(config.get('enableAllTopicList')).toBe('true');
    expect(config.get('kvConfigPath')).toBe(namesrv.config.kvConfigPath);
  });

  it('applies an update at once and persists it next to the KV file', async () => {
    expect((await call(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).code).toBe(ResponseCode.SUCCESS);
    expect((await call(RequestCode.UPDATE_NAMESRV_CONFIG, Buffer.from('enableAllTopicList=false\n'))).code).toBe(ResponseCode.SUCCESS);
    expect((await call(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).code).not.toBe(ResponseCode.SUCCESS);
    expect(PropertiesText.decode((await call(RequestCode.GET_NAMESRV_CONFIG)).body ?? Buffer.alloc(0)).get('enableAllTopicList')).toBe(
      'false',
    );
    const file = join(dirname(namesrv.config.kvConfigPath), 'namesrv.properties');
    expect(existsSync(file) && readFileSync(file, 'utf8')).toBe('enableAllTopicList=false\n');
    expect((await call(RequestCode.UPDATE_NAMESRV_CONFIG, Buffer.from('enableAllTopicList=true\n'))).code).toBe(ResponseCode.SUCCESS);
  });

  it('refuses path and port keys, and bad values, changing nothing', async () => {
    const path = await call(RequestCode.UPDATE_NAMESRV_CONFIG, Buffer.from('kvConfigPath=/tmp/evil.json\norderMessageEnable=true\n'));
    expect([path.code, path.remark]).toEqual([
      ResponseCode.NO_PERMISSION,
      expect.stringContaining('kvConfigPath: may not be changed at run time'),
    ]);
    const bad = await call(RequestCode.UPDATE_NAMESRV_CONFIG, Buffer.from('orderMessageEnable=maybe\n'));
    expect(bad.code).toBe(ResponseCode.INVALID_PARAMETER);
    const config = PropertiesText.decode((await call(RequestCode.GET_NAMESRV_CONFIG)).body ?? Buffer.alloc(0));
    expect([config.get('kvConfigPath'), config.get('orderMessageEnable')]).toEqual([namesrv.config.kvConfigPath, 'false']);
  });

  it('GET_SYSTEM_TOPIC_LIST_FROM_NS lists cluster and broker names and a broker to ask', async () => {
    const list = TopicList.decode((await call(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS)).body ?? Buffer.alloc(0));
    expect([...list.topicList].sort()).toEqual([MASTER_A.brokerName, MASTER_A.clusterName].sort());
    expect(list.brokerAddr).toBe(MASTER_A.brokerAddr);
  });
});
