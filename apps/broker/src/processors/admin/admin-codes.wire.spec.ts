import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeMessageRecords, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  BrokerStatsData,
  CloneGroupOffsetRequestHeader,
  ConsumeMessageDirectlyRequestHeader,
  ConsumeStatsList,
  CreateTopicListRequestBody,
  CreateTopicRequestHeader,
  createRequest,
  createResponse,
  GetConsumeStatsInBrokerHeader,
  GetConsumerRunningInfoRequestHeader,
  GroupList,
  HARuntimeInfo,
  HeartbeatData,
  KVTable,
  PropertiesText,
  QueryConsumeTimeSpanBody,
  QueryConsumeTimeSpanRequestHeader,
  QueryTopicsByConsumerRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
  TopicConfigAndQueueMapping,
  TopicList,
  TopicOnlyRequestHeader,
  UpdateConsumerOffsetRequestHeader,
  ViewBrokerStatsDataRequestHeader,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { BrokerStatsManager } from '../../stats/broker-stats-manager';
import { type InProcessBroker, startInProcessBroker } from '../../testing/in-process-broker';

// The admin codes of docs/admin.md#request-codes over TCP against the whole broker app: bodies in
// RocketMQ's layout, the stats windows fed by real sends, a config update that changes what the
// next send may carry and survives in broker.properties, and 307/309 forwarded to a real client
// connection that answers them.
const TOPIC = 'AdminWireTopic';
const GROUP = 'AdminWireGroup';
const CLIENT_ID = '127.0.0.1@admin-wire';

describe('Broker > wire > admin codes', () => {
  let broker: InProcessBroker;
  let admin: TestRemotingConnection;
  let consumerClient: RemotingClient;
  const forwarded: RemotingCommand[] = [];
  let firstOffsetMsgId = '';

  const call = (code: number, extFields: Record<string, string> = {}, body?: Buffer): Promise<RemotingCommand> =>
    admin.request(createRequest(code, { extFields, body, language: 'JAVA' }));
  const send = (body: Buffer) =>
    call(
      RequestCode.SEND_MESSAGE_V2,
      SendMessageRequestHeaderV2.encodeFromV1({
        producerGroup: 'PG',
        topic: TOPIC,
        defaultTopic: 'TBW102',
        defaultTopicQueueNums: 2,
        queueId: 0,
        sysFlag: 0,
        bornTimestamp: 1,
        flag: 0,
        properties: encodeMessageProperties({ WAIT: 'true' }),
      }),
      body,
    );

  beforeAll(async () => {
    broker = await startInProcessBroker();
    admin = await TestRemotingConnection.open(broker.remotingPort);
    const create = CreateTopicRequestHeader.encode({
      topic: TOPIC,
      defaultTopic: 'TBW102',
      readQueueNums: 2,
      writeQueueNums: 2,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      order: false,
    });
    expect((await call(RequestCode.UPDATE_AND_CREATE_TOPIC, create)).code).toBe(ResponseCode.SUCCESS);
    for (let i = 0; i < 3; i++) {
      const reply = await send(Buffer.from(`m${i}`));
      expect(reply.code).toBe(ResponseCode.SUCCESS);
      // The broker's msgId is the offset message id.
      if (i === 0) firstOffsetMsgId = SendMessageResponseHeader.decode(reply.extFields).msgId;
    }
    await waitFor(() => broker.app.get(BrokerStatsManager).statsItem('TOPIC_PUT_NUMS', TOPIC) !== undefined, {
      timeoutMs: 5_000,
      reason: 'puts counted',
    });
    const commit = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: GROUP, topic: TOPIC, queueId: 0, commitOffset: 1 });
    expect((await call(RequestCode.UPDATE_CONSUMER_OFFSET, commit)).code).toBe(ResponseCode.SUCCESS);

    // A consumer client whose connection answers what the broker forwards to it.
    consumerClient = new RemotingClient({
      requestHandler: {
        handle: (_context, request) => {
          forwarded.push(request);
          return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(`client answered ${request.code}`) });
        },
      },
    });
    const heartbeat = HeartbeatData.encode({
      clientID: CLIENT_ID,
      producerDataSet: [],
      consumerDataSet: [
        {
          groupName: GROUP,
          consumeType: 'CONSUME_PASSIVELY',
          messageModel: 'CLUSTERING',
          consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
          unitMode: false,
          subscriptionDataSet: [
            { topic: TOPIC, subString: '*', tagsSet: [], codeSet: [], subVersion: 1n, expressionType: 'TAG', classFilterMode: false },
          ],
        },
      ],
      heartbeatFingerprint: 0,
      withoutSub: false,
    });
    const beat = await consumerClient.invoke(
      broker.address,
      createRequest(RequestCode.HEART_BEAT, { body: heartbeat, language: 'JAVA' }),
      5_000,
    );
    expect(beat.code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await consumerClient.close();
    await admin.close();
    await broker.stop();
  });

  it('GET_TOPIC_CONFIG answers the topic config, and TOPIC_NOT_EXIST for an unknown topic', async () => {
    const found = await call(RequestCode.GET_TOPIC_CONFIG, TopicOnlyRequestHeader.encode({ topic: TOPIC }));
    expect(found.code).toBe(ResponseCode.SUCCESS);
    expect(TopicConfigAndQueueMapping.decode(found.body ?? Buffer.alloc(0))).toMatchObject({
      topicName: TOPIC,
      readQueueNums: 2,
      writeQueueNums: 2,
      perm: 6,
    });
    expect((await call(RequestCode.GET_TOPIC_CONFIG, TopicOnlyRequestHeader.encode({ topic: 'NoSuchTopic' }))).code).toBe(
      ResponseCode.TOPIC_NOT_EXIST,
    );
  });

  it('QUERY_TOPIC_CONSUME_BY_WHO and QUERY_TOPICS_BY_CONSUMER join online subscriptions and committed offsets', async () => {
    const groups = GroupList.decode(
      (await call(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, TopicOnlyRequestHeader.encode({ topic: TOPIC }))).body ?? Buffer.alloc(0),
    );
    expect(groups.groupList).toEqual([GROUP]);
    const topics = TopicList.decode(
      (await call(RequestCode.QUERY_TOPICS_BY_CONSUMER, QueryTopicsByConsumerRequestHeader.encode({ group: GROUP }))).body ??
        Buffer.alloc(0),
    );
    expect(topics).toEqual({ topicList: [TOPIC], brokerAddr: broker.address });
  });

  it('QUERY_CONSUME_TIME_SPAN spans each queue from its first to its last message, and the group’s position', async () => {
    const reply = await call(RequestCode.QUERY_CONSUME_TIME_SPAN, QueryConsumeTimeSpanRequestHeader.encode({ topic: TOPIC, group: GROUP }));
    const [q0, q1] = QueryConsumeTimeSpanBody.decode(reply.body ?? Buffer.alloc(0));
    expect(q0?.messageQueue).toEqual({ topic: TOPIC, brokerName: 'broker-a', queueId: 0 });
    expect(q0?.minTimeStamp).toBeGreaterThan(0);
    expect(q0?.maxTimeStamp).toBeGreaterThanOrEqual(q0?.minTimeStamp ?? 0);
    expect(q0?.consumeTimeStamp).toBe(q0?.minTimeStamp); // offset 1 = after the first message
    expect(q1).toMatchObject({ minTimeStamp: -1, maxTimeStamp: 0, delayTime: 0 });
  });

  it('VIEW_BROKER_STATS_DATA shows the puts once the minute window sampled, and SYSTEM_ERROR for an unknown item', async () => {
    const stats = broker.app.get(BrokerStatsManager);
    stats.sample('minute', broker.clock.nowMs() + 10_000);
    const reply = await call(
      RequestCode.VIEW_BROKER_STATS_DATA,
      ViewBrokerStatsDataRequestHeader.encode({ statsName: 'TOPIC_PUT_NUMS', statsKey: TOPIC }),
    );
    const data = BrokerStatsData.decode(reply.body ?? Buffer.alloc(0));
    expect(data.statsMinute.sum).toBe(3);
    expect(data.statsMinute.tps).toBeGreaterThan(0);
    const unknown = await call(
      RequestCode.VIEW_BROKER_STATS_DATA,
      ViewBrokerStatsDataRequestHeader.encode({ statsName: 'TOPIC_PUT_NUMS', statsKey: 'Nobody' }),
    );
    expect([unknown.code, unknown.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The stats <TOPIC_PUT_NUMS> <Nobody> not exist']);
  });

  it('GET_BROKER_CONSUME_STATS lists every group with its lag per topic', async () => {
    const list = ConsumeStatsList.decode(
      (await call(RequestCode.GET_BROKER_CONSUME_STATS, GetConsumeStatsInBrokerHeader.encode({ isOrder: false }))).body ?? Buffer.alloc(0),
    );
    expect(list.brokerAddr).toBe(broker.address);
    const mine = list.consumeStatsList.find(([group]) => group === GROUP);
    expect(
      mine?.[1].map((stats) => stats.offsetTable.map(([queue, offset]) => [queue.queueId, offset.brokerOffset, offset.consumerOffset])),
    ).toEqual([
      [
        [0, 3, 1],
        [1, 0, 0],
      ],
    ]);
    expect(list.totalDiff).toBe(2);
  });

  it('CLONE_GROUP_OFFSET copies the committed offsets to another group', async () => {
    const clone = CloneGroupOffsetRequestHeader.encode({ srcGroup: GROUP, destGroup: 'AdminWireClone', topic: TOPIC, offline: true });
    expect((await call(RequestCode.CLONE_GROUP_OFFSET, clone)).code).toBe(ResponseCode.SUCCESS);
    const topics = TopicList.decode(
      (await call(RequestCode.QUERY_TOPICS_BY_CONSUMER, QueryTopicsByConsumerRequestHeader.encode({ group: 'AdminWireClone' }))).body ??
        Buffer.alloc(0),
    );
    expect(topics.topicList).toEqual([TOPIC]);
  });

  it('UPDATE_AND_CREATE_TOPIC_LIST creates every topic, and refuses a list holding an invalid name', async () => {
    const config = (topicName: string) => ({
      topicName,
      readQueueNums: 1,
      writeQueueNums: 1,
      perm: 6,
      topicFilterType: 'SINGLE_TAG' as const,
      topicSysFlag: 0,
      order: false,
      attributes: {},
    });
    expect(
      (await call(RequestCode.UPDATE_AND_CREATE_TOPIC_LIST, {}, CreateTopicListRequestBody.encode([config('ListA'), config('ListB')])))
        .code,
    ).toBe(ResponseCode.SUCCESS);
    expect((await call(RequestCode.GET_TOPIC_CONFIG, TopicOnlyRequestHeader.encode({ topic: 'ListB' }))).code).toBe(ResponseCode.SUCCESS);
    const refused = await call(RequestCode.UPDATE_AND_CREATE_TOPIC_LIST, {}, CreateTopicListRequestBody.encode([config('Bad Name')]));
    expect(refused.code).toBe(ResponseCode.INVALID_PARAMETER);
    expect((await call(RequestCode.UPDATE_AND_CREATE_TOPIC_LIST, {}, Buffer.from('{not json'))).code).toBe(ResponseCode.INVALID_PARAMETER);
  });

  it('GET_SYSTEM_TOPIC_LIST_FROM_BROKER and CLEAN_EXPIRED_CONSUMEQUEUE answer', async () => {
    expect(TopicList.decode((await call(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER)).body ?? Buffer.alloc(0)).topicList).toContain(
      'TBW102',
    );
    expect((await call(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE)).code).toBe(ResponseCode.SUCCESS);
  });

  it('UPDATE_BROKER_CONFIG changes a key at run time and persists it; bad keys are refused whole', async () => {
    const update = (text: string) => call(RequestCode.UPDATE_BROKER_CONFIG, {}, Buffer.from(text));
    expect((await update('maxMessageSize=16\n')).code).toBe(ResponseCode.SUCCESS);
    expect((await send(Buffer.alloc(17))).code).toBe(ResponseCode.MESSAGE_ILLEGAL);
    const config = await call(RequestCode.GET_BROKER_CONFIG);
    expect(PropertiesText.decode(config.body ?? Buffer.alloc(0)).get('maxMessageSize')).toBe('16');
    expect(JSON.parse(config.extFields?.['version'] ?? '{}')).toMatchObject({ counter: 1 });
    const file = join(broker.config.storePathRootDir, 'config', 'broker.properties');
    expect(existsSync(file) && PropertiesText.decode(readFileSync(file, 'utf8')).get('maxMessageSize')).toBe('16');

    const blocked = await update('storePathRootDir=/tmp/elsewhere\n');
    expect([blocked.code, blocked.remark]).toEqual([
      ResponseCode.NO_PERMISSION,
      expect.stringContaining('storePathRootDir: may not be changed at run time'),
    ]);
    const invalid = await update('maxMessageSize=big\nnoSuchKey=1\n');
    expect(invalid.code).toBe(ResponseCode.INVALID_PARAMETER);
    expect(invalid.remark).toContain('maxMessageSize: expected');
    expect(invalid.remark).toContain('noSuchKey: unknown key');
    expect((await update('maxMessageSize=4194304\n')).code).toBe(ResponseCode.SUCCESS);
    expect((await send(Buffer.alloc(17))).code).toBe(ResponseCode.SUCCESS);
  });

  it('GET_BROKER_HA_STATUS describes a master without slaves', async () => {
    const info = HARuntimeInfo.decode((await call(RequestCode.GET_BROKER_HA_STATUS)).body ?? Buffer.alloc(0));
    expect(info).toMatchObject({ master: true, inSyncSlaveNums: 0, haConnectionInfo: [] });
    expect(info.masterCommitLogMaxOffset).toBeGreaterThan(0);
  });

  it('GET_BROKER_RUNTIME_INFO counts today’s puts and names the earliest message', async () => {
    const table = KVTable.decode((await call(RequestCode.GET_BROKER_RUNTIME_INFO)).body ?? Buffer.alloc(0)).table;
    expect(table.get('brokerActive')).toBe('true');
    expect(Number(table.get('msgPutTotalTodayNow'))).toBeGreaterThanOrEqual(3);
    expect(Number(table.get('earliestMessageTimeStamp'))).toBeGreaterThan(0);
  });

  it('GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY reach the client and bring back its answer', async () => {
    const running = await call(
      RequestCode.GET_CONSUMER_RUNNING_INFO,
      GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: GROUP, clientId: CLIENT_ID, jstackEnable: false }),
    );
    expect([running.code, running.body?.toString()]).toEqual([
      ResponseCode.SUCCESS,
      `client answered ${RequestCode.GET_CONSUMER_RUNNING_INFO}`,
    ]);
    const direct = await call(
      RequestCode.CONSUME_MESSAGE_DIRECTLY,
      ConsumeMessageDirectlyRequestHeader.encode({ consumerGroup: GROUP, clientId: CLIENT_ID, msgId: firstOffsetMsgId, topic: TOPIC }),
    );
    expect([direct.code, direct.remark]).toEqual([ResponseCode.SUCCESS, undefined]);
    const toClient = forwarded.find((request) => request.code === RequestCode.CONSUME_MESSAGE_DIRECTLY);
    expect(toClient?.extFields?.['brokerName']).toBe('broker-a');
    expect(decodeMessageRecords(toClient?.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['m0']); // the stored record
    const offline = await call(
      RequestCode.GET_CONSUMER_RUNNING_INFO,
      GetConsumerRunningInfoRequestHeader.encode({ consumerGroup: GROUP, clientId: 'nobody', jstackEnable: false }),
    );
    expect([offline.code, offline.remark]).toEqual([ResponseCode.SYSTEM_ERROR, `The Consumer <${GROUP}> <nobody> not online`]);
  });
});
