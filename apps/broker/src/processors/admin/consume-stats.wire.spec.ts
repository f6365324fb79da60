import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  ConsumeStats,
  CreateTopicRequestHeader,
  createRequest,
  GetConsumeStatsRequestHeader,
  HeartbeatData,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeaderV2,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import type { MessageStore } from '@rocketmq-ts/store';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { MESSAGE_STORE } from '../../broker.tokens';
import { type InProcessBroker, startInProcessBroker } from '../../testing/in-process-broker';

// GET_CONSUME_STATS over TCP: send N messages over two queues, consume and commit some the way
// clients do (pull COMMIT_OFFSET bit, UPDATE_CONSUMER_OFFSET), and the reply shows per queue
// lag = sent − committed, with the store time of the last consumed message.
const TOPIC = 'StatsTopic';
const OTHER = 'StatsOther';
const GROUP = 'StatsGroup';
const SENT = [5, 3] as const;

describe('Broker > wire > GET_CONSUME_STATS', () => {
  let broker: InProcessBroker;
  let store: MessageStore;
  let client: TestRemotingConnection;

  const call = (code: number, extFields: Record<string, string>, body?: Buffer): Promise<RemotingCommand> =>
    client.request(createRequest(code, { extFields, body, language: 'JAVA' }));
  const consumeStats = async (topic?: string, group = GROUP): Promise<ConsumeStats> => {
    const reply = await call(RequestCode.GET_CONSUME_STATS, GetConsumeStatsRequestHeader.encode({ consumerGroup: group, topic }));
    expect([reply.code, reply.remark]).toEqual([ResponseCode.SUCCESS, undefined]);
    return ConsumeStats.decode(reply.body ?? Buffer.alloc(0));
  };
  const createTopic = (topic: string) =>
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
    );
  const send = (topic: string, queueId: number) =>
    call(
      RequestCode.SEND_MESSAGE_V2,
      SendMessageRequestHeaderV2.encodeFromV1({
        producerGroup: 'PG',
        topic,
        defaultTopic: 'TBW102',
        defaultTopicQueueNums: 2,
        queueId,
        sysFlag: 0,
        bornTimestamp: 1,
        flag: 0,
        properties: encodeMessageProperties({ WAIT: 'true' }),
      }),
      Buffer.from('m'),
    );
  const pull = (queueId: number, queueOffset: number, maxMsgNums: number, commitOffset?: number) =>
    call(
      RequestCode.PULL_MESSAGE,
      PullMessageRequestHeader.encode({
        consumerGroup: GROUP,
        topic: TOPIC,
        queueId,
        queueOffset,
        maxMsgNums,
        commitOffset: commitOffset ?? 0,
        suspendTimeoutMillis: 0,
        subscription: '*',
        subVersion: 0n,
        sysFlag: buildPullSysFlag({ commitOffset: commitOffset !== undefined, suspend: false, subscription: true }),
      }),
    );

  beforeAll(async () => {
    broker = await startInProcessBroker();
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
    client = await TestRemotingConnection.open(broker.remotingPort);
    for (const topic of [TOPIC, OTHER]) expect((await createTopic(topic)).code).toBe(ResponseCode.SUCCESS);
    for (const [queueId, count] of SENT.entries()) {
      for (let i = 0; i < count; i++) {
        broker.clock.advance(1_000); // distinct store times, so lastTimestamp names one message
        expect((await send(TOPIC, queueId)).code).toBe(ResponseCode.SUCCESS);
      }
    }
    expect((await send(OTHER, 0)).code).toBe(ResponseCode.SUCCESS);
    // Queues are dispatched after the send reply (as Java's reput service): settle before reading.
    const settled = () =>
      store.getMaxOffsetInQueue(TOPIC, 0) === SENT[0] &&
      store.getMaxOffsetInQueue(TOPIC, 1) === SENT[1] &&
      store.getMaxOffsetInQueue(OTHER, 0) === 1;
    await waitFor(settled, { timeoutMs: 5_000, reason: 'every sent message dispatched to its queue' });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('answers an unknown group with SUCCESS and an empty table, as Java does', async () => {
    expect(await consumeStats(undefined, 'NobodyGroup')).toEqual({ consumeTps: 0, offsetTable: [] });
  });

  it('reports lag = sent − committed per queue after a pull commit and an offset update', async () => {
    const first = await pull(0, 0, 2);
    expect([first.code, PullMessageResponseHeader.decode(first.extFields).nextBeginOffset]).toEqual([ResponseCode.SUCCESS, 2]);
    expect((await pull(0, 2, 1, 2)).code).toBe(ResponseCode.SUCCESS); // commits 2, as the next pull of a push consumer does
    expect(
      (
        await call(
          RequestCode.UPDATE_CONSUMER_OFFSET,
          UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: GROUP, topic: TOPIC, queueId: 1, commitOffset: 1 }),
        )
      ).code,
    ).toBe(ResponseCode.SUCCESS);

    const stats = await consumeStats(TOPIC);
    const [q0, q1] = [await store.getMessageStoreTimestamp(TOPIC, 0, 1), await store.getMessageStoreTimestamp(TOPIC, 1, 0)];
    expect(q0).toBeGreaterThan(0);
    expect(q1).toBeGreaterThan(q0);
    expect(stats.offsetTable).toEqual([
      [
        { topic: TOPIC, brokerName: 'broker-a', queueId: 0 },
        { brokerOffset: 5, consumerOffset: 2, lastTimestamp: q0, pullOffset: 2 },
      ],
      [
        { topic: TOPIC, brokerName: 'broker-a', queueId: 1 },
        { brokerOffset: 3, consumerOffset: 1, lastTimestamp: q1, pullOffset: 1 },
      ],
    ]);
    expect(ConsumeStats.totalDiff(stats)).toBe(SENT[0] - 2 + SENT[1] - 1);
  });

  it('without a topic covers every topic the group committed for; a named topic with no commits shows its whole backlog', async () => {
    expect((await consumeStats()).offsetTable.map(([queue]) => `${queue.topic}:${queue.queueId}`)).toEqual([`${TOPIC}:0`, `${TOPIC}:1`]);
    const other = await consumeStats(OTHER);
    expect(other.offsetTable.map(([, offset]) => offset)).toEqual([
      { brokerOffset: 1, consumerOffset: 0, lastTimestamp: 0, pullOffset: 0 },
      { brokerOffset: 0, consumerOffset: 0, lastTimestamp: 0, pullOffset: 0 },
    ]);
  });

  it('skips a topic the online group does not subscribe to, and falls back to subscriptions for a group without commits', async () => {
    const heartbeat = (group: string) =>
      HeartbeatData.encode({
        clientID: `127.0.0.1@${group}`,
        producerDataSet: [],
        consumerDataSet: [
          {
            groupName: group,
            consumeType: 'CONSUME_PASSIVELY',
            messageModel: 'CLUSTERING',
            consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
            unitMode: false,
            subscriptionDataSet: [
              { topic: OTHER, subString: '*', tagsSet: [], codeSet: [], subVersion: 1n, expressionType: 'TAG', classFilterMode: false },
            ],
          },
        ],
        heartbeatFingerprint: 0,
        withoutSub: false,
      });
    expect((await call(RequestCode.HEART_BEAT, {}, heartbeat(GROUP))).code).toBe(ResponseCode.SUCCESS);
    expect((await consumeStats(TOPIC)).offsetTable).toEqual([]);

    expect((await call(RequestCode.HEART_BEAT, {}, heartbeat('FreshGroup'))).code).toBe(ResponseCode.SUCCESS);
    const fresh = await consumeStats(undefined, 'FreshGroup');
    expect(fresh.offsetTable.map(([queue, offset]) => [queue.topic, queue.queueId, offset.brokerOffset - offset.consumerOffset])).toEqual([
      [OTHER, 0, 1],
      [OTHER, 1, 0],
    ]);
  });
});
