import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RecordingLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties } from '@rocketmq-ts/model';
import {
  type AclCredentials,
  CreateTopicRequestHeader,
  createRequest,
  HeartbeatData,
  PropertiesText,
  PullMessageRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  signRequest,
  TopicConfigSerializeWrapper,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { ACL_ADMIN, ACL_BROKER_SELF, ACL_CONSUMER, ACL_PUBLISHER, testPlainAclYaml, waitFor } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// ACL 1.0 through real TCP (docs/security.md): a broker with aclEnable and a plain_acl.yml on disk;
// requests signed as RocketMQ clients sign them, with right and wrong secrets, from accounts with
// different permissions; a reload by rewriting the file; and no secret in any log line.
const TIMEOUT_MS = 5000;
const ADMIN: AclCredentials = ACL_ADMIN;
const PUBLISHER: AclCredentials = ACL_PUBLISHER;
const CONSUMER: AclCredentials = ACL_CONSUMER;
const SECRETS = [ADMIN.secretKey, PUBLISHER.secretKey, CONSUMER.secretKey, ACL_BROKER_SELF.secretKey];

function heartbeat(group: string, topic: string): Buffer {
  return HeartbeatData.encode({
    clientID: 'acl-wire-client',
    producerDataSet: [],
    consumerDataSet: [
      {
        groupName: group,
        consumeType: 'CONSUME_PASSIVELY',
        messageModel: 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
        subscriptionDataSet: [
          { topic, subString: '*', tagsSet: [], codeSet: [], subVersion: 1n, expressionType: 'TAG', classFilterMode: false },
        ],
        unitMode: false,
      },
    ],
    heartbeatFingerprint: 0,
    withoutSub: false,
  });
}

describe('Broker > wire > ACL', () => {
  let broker: InProcessBroker;
  let dir: string;
  let aclFile: string;
  const logger = new RecordingLogger();
  const client = new RemotingClient();

  function call(code: number, extFields: Record<string, string>, credentials?: AclCredentials, body?: Buffer): Promise<RemotingCommand> {
    const request = createRequest(code, { extFields: { ...extFields }, body, language: 'JAVA' });
    if (credentials) signRequest(request, credentials);
    return client.invoke(broker.address, request, TIMEOUT_MS);
  }
  const createTopic = (topic: string, credentials?: AclCredentials) =>
    call(
      RequestCode.UPDATE_AND_CREATE_TOPIC,
      CreateTopicRequestHeader.encode({
        topic,
        defaultTopic: 'TBW102',
        readQueueNums: 2,
        writeQueueNums: 2,
        perm: 6,
        topicFilterType: 'SINGLE_TAG',
        order: false,
      }),
      credentials,
    );
  const send = (topic: string, credentials?: AclCredentials) =>
    call(
      RequestCode.SEND_MESSAGE_V2,
      SendMessageRequestHeaderV2.encodeFromV1({
        producerGroup: 'PG',
        topic,
        defaultTopic: 'TBW102',
        defaultTopicQueueNums: 4,
        queueId: 0,
        sysFlag: 0,
        bornTimestamp: 1_700_000_000_000,
        flag: 0,
        properties: encodeMessageProperties({ WAIT: 'true' }),
      }),
      credentials,
      Buffer.from('hello'),
    );
  const pull = (topic: string, credentials?: AclCredentials) =>
    call(
      RequestCode.PULL_MESSAGE,
      PullMessageRequestHeader.encode({
        consumerGroup: 'CG',
        topic,
        queueId: 0,
        queueOffset: 0,
        maxMsgNums: 32,
        sysFlag: 0,
        commitOffset: 0,
        suspendTimeoutMillis: 0,
        subscription: '*',
        subVersion: 0n,
      }),
      credentials,
    );
  const topicNames = async () => [
    ...TopicConfigSerializeWrapper.decode(
      (await call(RequestCode.GET_ALL_TOPIC_CONFIG, {}, ADMIN)).body ?? Buffer.alloc(0),
    ).topicConfigTable.keys(),
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'acl-wire-'));
    aclFile = join(dir, 'plain_acl.yml');
    writeFileSync(aclFile, testPlainAclYaml('PUB'));
    broker = await startInProcessBroker({ logger, overrides: { aclEnable: true, aclFile, ...ACL_BROKER_SELF } });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unsigned admin request with NO_PERMISSION and a reason, and creates nothing', async () => {
    const response = await createTopic('Unsigned');
    expect(response.code).toBe(ResponseCode.NO_PERMISSION);
    expect(response.remark).toBe('No accessKey is configured');
    expect(await topicNames()).not.toContain('Unsigned');
  });

  it('an admin account creates topics; a non-admin account cannot', async () => {
    expect((await createTopic('Orders', ADMIN)).code).toBe(ResponseCode.SUCCESS);
    const refused = await createTopic('Sneaky', PUBLISHER);
    expect(refused.code).toBe(ResponseCode.NO_PERMISSION);
    expect(refused.remark).toBe(
      `Need admin permission for request code=${RequestCode.UPDATE_AND_CREATE_TOPIC}, but accessKey=publisher is not`,
    );
    expect(await topicNames()).toEqual(expect.arrayContaining(['Orders']));
    expect(await topicNames()).not.toContain('Sneaky');
  });

  it('right secret sends; a wrong secret gets NO_PERMISSION', async () => {
    expect((await send('Orders', PUBLISHER)).code).toBe(ResponseCode.SUCCESS);
    const wrong = await send('Orders', { accessKey: PUBLISHER.accessKey, secretKey: 'guessed-secret' });
    expect(wrong.code).toBe(ResponseCode.NO_PERMISSION);
    expect(wrong.remark).toBe('Check signature failed for accessKey=publisher');
  });

  it('a PUB-only account cannot join a consumer group nor pull; a SUB account can', async () => {
    const joinAs = (credentials: AclCredentials) => call(RequestCode.HEART_BEAT, {}, credentials, heartbeat('CG', 'Orders'));
    expect((await joinAs(PUBLISHER)).code).toBe(ResponseCode.NO_PERMISSION);
    expect((await joinAs(CONSUMER)).code).toBe(ResponseCode.SUCCESS);
    const refused = await pull('Orders', PUBLISHER);
    expect(refused.code).toBe(ResponseCode.NO_PERMISSION);
    expect(refused.remark).toBe('No SUB default permission for topic Orders (accessKey=publisher has PUB)');
    const allowed = await pull('Orders', CONSUMER);
    expect(allowed.code).toBe(ResponseCode.SUCCESS);
    expect(allowed.body?.length).toBeGreaterThan(0);
  });

  it('a rewritten plain_acl.yml takes effect without a restart', async () => {
    writeFileSync(aclFile, testPlainAclYaml('PUB|SUB'));
    await waitFor(async () => (await pull('Orders', PUBLISHER)).code === ResponseCode.SUCCESS, {
      timeoutMs: 10_000,
      reason: 'the publisher gains SUB after the reload',
    });
    writeFileSync(aclFile, testPlainAclYaml('PUB'));
    await waitFor(async () => (await pull('Orders', PUBLISHER)).code === ResponseCode.NO_PERMISSION, {
      timeoutMs: 10_000,
      reason: 'the publisher loses SUB again',
    });
  });

  it('GET_BROKER_CONFIG masks the broker secret; UPDATE_BROKER_CONFIG cannot switch ACL off', async () => {
    const config = PropertiesText.decode((await call(RequestCode.GET_BROKER_CONFIG, {}, ADMIN)).body?.toString('utf8') ?? '');
    expect(config.get('aclEnable')).toBe('true');
    expect(config.get('secretKey')).toBe('******');
    const off = await call(
      RequestCode.UPDATE_BROKER_CONFIG,
      {},
      ADMIN,
      Buffer.from(PropertiesText.encode(new Map([['aclEnable', 'false']]))),
    );
    expect(off.code).not.toBe(ResponseCode.SUCCESS);
    expect((await createTopic('StillChecked')).code).toBe(ResponseCode.NO_PERMISSION);
  });

  it('logs refusals with the access key and reason, and never a secret or a signature', () => {
    const lines = logger.entries.map((entry) => JSON.stringify(entry));
    expect(lines.some((line) => line.includes('request refused by ACL') && line.includes('publisher'))).toBe(true);
    for (const line of lines) {
      for (const secret of SECRETS) expect(line).not.toContain(secret);
      expect(line).not.toContain('"Signature"');
    }
  });
});
