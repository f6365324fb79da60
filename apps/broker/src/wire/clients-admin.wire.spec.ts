import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CreateTopicRequestHeader,
  createRequest,
  GetConsumerListByGroupResponseBody,
  HeartbeatData,
  KVTable,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SubscriptionGroupWrapper,
  TopicConfigSerializeWrapper,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// Heartbeats from two real TCP clients: the group and its %RETRY% topic appear, the member list
// is served, and the first member receives NOTIFY_CONSUMER_IDS_CHANGED (one-way) when the second
// joins. Then topic/group admin codes and the runtime-info keys the exporter reads.
const TIMEOUT_MS = 5000;

function heartbeat(clientID: string, group: string): Buffer {
  return HeartbeatData.encode({
    clientID,
    producerDataSet: [{ groupName: 'CLIENT_INNER_PRODUCER' }],
    consumerDataSet: [
      {
        groupName: group,
        consumeType: 'CONSUME_PASSIVELY',
        messageModel: 'CLUSTERING',
        consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
        subscriptionDataSet: [
          { topic: 'TopicT', subString: '*', tagsSet: [], codeSet: [], subVersion: 1n, expressionType: 'TAG', classFilterMode: false },
        ],
        unitMode: false,
      },
    ],
    heartbeatFingerprint: 0,
    withoutSub: false,
  });
}

describe('Broker > wire > clients and admin', () => {
  let broker: InProcessBroker;
  const notified: RemotingCommand[] = [];
  const first = new RemotingClient({ requestHandler: { handle: (_context, request) => void notified.push(request) } });
  const second = new RemotingClient();
  const admin = new RemotingClient();

  const call = (client: RemotingClient, code: number, options: { extFields?: Record<string, string>; body?: Buffer } = {}) =>
    client.invoke(broker.address, createRequest(code, { ...options, language: 'JAVA' }), TIMEOUT_MS);

  beforeAll(async () => {
    broker = await startInProcessBroker();
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close(), admin.close()]);
    await broker.stop();
  });

  it('registers consumers by heartbeat, creates %RETRY%<group>, and notifies the first member when a second joins', async () => {
    const reply = await call(first, RequestCode.HEART_BEAT, { body: heartbeat('127.0.0.1@1', 'GroupA') });
    expect([reply.code, reply.extFields]).toEqual([ResponseCode.SUCCESS, { IS_SUPPORT_HEART_BEAT_V2: 'true', IS_SUB_CHANGE: 'true' }]);
    await call(second, RequestCode.HEART_BEAT, { body: heartbeat('127.0.0.1@2', 'GroupA') });
    const notification = await waitFor(() => notified.find((request) => request.code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED), {
      timeoutMs: TIMEOUT_MS,
      reason: 'NOTIFY_CONSUMER_IDS_CHANGED at the first member',
    });
    expect(notification.extFields).toEqual({ consumerGroup: 'GroupA' });

    const list = await call(admin, RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: { consumerGroup: 'GroupA' } });
    expect([...GetConsumerListByGroupResponseBody.decode(list.body ?? Buffer.alloc(0)).consumerIdList].sort()).toEqual([
      '127.0.0.1@1',
      '127.0.0.1@2',
    ]);
    const topics = TopicConfigSerializeWrapper.decode((await call(admin, RequestCode.GET_ALL_TOPIC_CONFIG)).body ?? Buffer.alloc(0));
    expect(topics.topicConfigTable.get('%RETRY%GroupA')).toMatchObject({ readQueueNums: 1, writeQueueNums: 1, perm: 6 });
    const groups = SubscriptionGroupWrapper.decode(
      (await call(admin, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body ?? Buffer.alloc(0),
    );
    expect(groups.subscriptionGroupTable.get('GroupA')?.retryMaxTimes).toBe(16);
  });

  it('drops a member on UNREGISTER_CLIENT and answers SYSTEM_ERROR for an empty group', async () => {
    await call(second, RequestCode.UNREGISTER_CLIENT, { extFields: { clientID: '127.0.0.1@2', consumerGroup: 'GroupA' } });
    await call(first, RequestCode.UNREGISTER_CLIENT, { extFields: { clientID: '127.0.0.1@1', consumerGroup: 'GroupA' } });
    const list = await call(admin, RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: { consumerGroup: 'GroupA' } });
    expect([list.code, list.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'no consumer for this group, GroupA']);
  });

  it('creates, reports and deletes a topic; refuses an illegal name', async () => {
    const create = (topic: string) =>
      call(admin, RequestCode.UPDATE_AND_CREATE_TOPIC, {
        extFields: CreateTopicRequestHeader.encode({
          topic,
          defaultTopic: 'TBW102',
          readQueueNums: 2,
          writeQueueNums: 2,
          perm: 6,
          topicFilterType: 'SINGLE_TAG',
          order: false,
        }),
      });
    expect((await create('AdminTopic')).code).toBe(ResponseCode.SUCCESS);
    const stats = await call(admin, RequestCode.GET_TOPIC_STATS_INFO, { extFields: { topic: 'AdminTopic' } });
    expect(stats.body?.toString('utf8')).toContain('{"brokerName":"broker-a","queueId":1,"topic":"AdminTopic"}:{');
    expect(TopicStatsTable.decode(stats.body ?? Buffer.alloc(0)).offsetTable).toHaveLength(2);
    expect((await create('bad topic')).code).toBe(ResponseCode.INVALID_PARAMETER);

    expect((await call(admin, RequestCode.DELETE_TOPIC_IN_BROKER, { extFields: { topic: 'AdminTopic' } })).code).toBe(ResponseCode.SUCCESS);
    expect((await call(admin, RequestCode.GET_TOPIC_STATS_INFO, { extFields: { topic: 'AdminTopic' } })).code).toBe(
      ResponseCode.TOPIC_NOT_EXIST,
    );
  });

  it('serves GET_BROKER_RUNTIME_INFO with the exporter keys', async () => {
    const table = KVTable.decode((await call(admin, RequestCode.GET_BROKER_RUNTIME_INFO)).body ?? Buffer.alloc(0)).table;
    for (const key of [
      'brokerVersionDesc',
      'bootTimestamp',
      'msgPutTotalTodayNow',
      'commitLogMaxOffset',
      'putTps',
      'sendThreadPoolQueueCapacity',
      'earliestMessageTimeStamp',
    ]) {
      expect(table.has(key), key).toBe(true);
    }
    expect(table.get('brokerVersionDesc')).toBe('V5_3_3');
  });
});
