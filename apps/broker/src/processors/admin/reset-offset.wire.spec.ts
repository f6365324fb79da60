import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeMessageProperties } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  GetConsumerConnectionListRequestHeader,
  HeartbeatData,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetRequestHeader,
  ResponseCode,
  SendMessageRequestHeaderV2,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';

import { MESSAGE_STORE } from '../../broker.tokens';
import { type InProcessBroker, startInProcessBroker } from '../../testing/in-process-broker';

// INVOKE_BROKER_TO_RESET_OFFSET (222) over TCP: four messages per queue stored a second apart, a
// group that consumed them all, then a reset to the time of the second message. The broker's own
// table moves and the online member receives RESET_CONSUMER_CLIENT_OFFSET (220) with the same table.
const TOPIC = 'ResetTopic';
const GROUP = 'ResetGroup';
const TIMEOUT_MS = 5000;

describe('Broker > wire > INVOKE_BROKER_TO_RESET_OFFSET', () => {
  let broker: InProcessBroker;
  let store: MessageStore;
  const pushed: RemotingCommand[] = [];
  const member = new RemotingClient({ requestHandler: { handle: (_context, request) => void pushed.push(request) } });
  const admin = new RemotingClient();
  const storeTimes: number[] = [];

  const call = (client: RemotingClient, code: number, extFields: Record<string, string>, body?: Buffer) =>
    client.invoke(broker.address, createRequest(code, { extFields, body, language: 'JAVA' }), TIMEOUT_MS);
  const reset = (header: Omit<ResetOffsetRequestHeader, 'topic' | 'group'> & { topic?: string; group?: string }) =>
    call(admin, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, ResetOffsetRequestHeader.encode({ topic: TOPIC, group: GROUP, ...header }));
  const committed = async (queueId: number) => {
    const reply = await call(
      admin,
      RequestCode.QUERY_CONSUMER_OFFSET,
      QueryConsumerOffsetRequestHeader.encode({ consumerGroup: GROUP, topic: TOPIC, queueId }),
    );
    return OffsetResponseHeader.decode(reply.extFields).offset;
  };
  const commit = (queueId: number, commitOffset: number) =>
    call(
      admin,
      RequestCode.UPDATE_CONSUMER_OFFSET,
      UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: GROUP, topic: TOPIC, queueId, commitOffset }),
    );
  const tableOf = (reply: RemotingCommand) =>
    ResetOffsetBody.decode(reply.body ?? '').offsetTable.map(([queue, offset]) => [queue.brokerName, queue.queueId, offset]);

  beforeAll(async () => {
    broker = await startInProcessBroker();
    store = broker.app.get<MessageStore>(MESSAGE_STORE);
    const created = await call(
      admin,
      RequestCode.UPDATE_AND_CREATE_TOPIC,
      CreateTopicRequestHeader.encode({
        topic: TOPIC,
        defaultTopic: 'TBW102',
        readQueueNums: 2,
        writeQueueNums: 2,
        perm: 6,
        topicFilterType: 'SINGLE_TAG',
        order: false,
      }),
    );
    expect(created.code).toBe(ResponseCode.SUCCESS);
    for (let i = 0; i < 4; i++) {
      broker.clock.advance(1_000);
      storeTimes.push(broker.clock.nowMs());
      for (const queueId of [0, 1]) {
        const header = SendMessageRequestHeaderV2.encodeFromV1({
          producerGroup: 'PG',
          topic: TOPIC,
          defaultTopic: 'TBW102',
          defaultTopicQueueNums: 2,
          queueId,
          sysFlag: 0,
          bornTimestamp: 1,
          flag: 0,
          properties: encodeMessageProperties({ WAIT: 'true' }),
        });
        expect((await call(admin, RequestCode.SEND_MESSAGE_V2, header, Buffer.from(`m${i}`))).code).toBe(ResponseCode.SUCCESS);
      }
    }
    await waitFor(() => store.getMaxOffsetInQueue(TOPIC, 0) === 4 && store.getMaxOffsetInQueue(TOPIC, 1) === 4, {
      timeoutMs: TIMEOUT_MS,
      reason: 'sent messages dispatched',
    });
    const heartbeat = HeartbeatData.encode({
      clientID: '127.0.0.1@reset-member',
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
    expect((await call(member, RequestCode.HEART_BEAT, {}, heartbeat)).code).toBe(ResponseCode.SUCCESS);
    for (const queueId of [0, 1]) expect((await commit(queueId, 4)).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await Promise.all([member.close(), admin.close()]);
    await broker.stop();
  });

  it('moves every queue back to the first message stored at or after the time, in its table and at the member', async () => {
    const reply = await reset({ timestamp: storeTimes[1] as number, isForce: false });
    expect(reply.code).toBe(ResponseCode.SUCCESS);
    expect(tableOf(reply)).toEqual([
      ['broker-a', 0, 1],
      ['broker-a', 1, 1],
    ]);
    expect([await committed(0), await committed(1)]).toEqual([1, 1]);

    const notice = await waitFor(() => pushed.find((request) => request.code === RequestCode.RESET_CONSUMER_CLIENT_OFFSET), {
      timeoutMs: TIMEOUT_MS,
      reason: 'the member hears of the reset',
    });
    expect(ResetOffsetRequestHeader.decode(notice.extFields)).toEqual({
      topic: TOPIC,
      group: GROUP,
      timestamp: storeTimes[1],
      isForce: false,
      queueId: undefined,
      offset: undefined,
    });
    expect(tableOf(notice)).toEqual(tableOf(reply));
  });

  it('without isForce never moves an offset forward; with it, -1 skips to the end', async () => {
    expect(tableOf(await reset({ timestamp: -1, isForce: false }))).toEqual([
      ['broker-a', 0, 1],
      ['broker-a', 1, 1],
    ]);
    expect(tableOf(await reset({ timestamp: -1, isForce: true }))).toEqual([
      ['broker-a', 0, 4],
      ['broker-a', 1, 4],
    ]);
    expect([await committed(0), await committed(1)]).toEqual([4, 4]);
  });

  it('sets one queue to an exact offset (5.x queueId + offset) and refuses one outside the queue', async () => {
    const reply = await reset({ timestamp: 0, isForce: true, queueId: 1, offset: 2 });
    expect(tableOf(reply)).toEqual([['broker-a', 1, 2]]);
    expect([await committed(0), await committed(1)]).toEqual([4, 2]);

    const outside = await reset({ timestamp: 0, isForce: true, queueId: 1, offset: 9 });
    expect([outside.code, outside.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'Target offset 9 not in consume queue range [0-4]']);
  });

  it('resets a group with no member online (its table only) and refuses unknown topics and groups', async () => {
    await member.close();
    const online = GetConsumerConnectionListRequestHeader.encode({ consumerGroup: GROUP });
    await waitFor(
      async () => (await call(admin, RequestCode.GET_CONSUMER_CONNECTION_LIST, online)).code === ResponseCode.CONSUMER_NOT_ONLINE,
      {
        timeoutMs: TIMEOUT_MS,
        reason: 'the member left',
      },
    );
    expect((await reset({ timestamp: 0, isForce: true })).code).toBe(ResponseCode.SUCCESS);
    expect([await committed(0), await committed(1)]).toEqual([0, 0]);

    const noTopic = await reset({ topic: 'NoSuchTopic', timestamp: 0, isForce: true });
    expect([noTopic.code, noTopic.remark]).toEqual([ResponseCode.TOPIC_NOT_EXIST, 'Topic NoSuchTopic does not exist']);
    const noGroup = await reset({ group: 'NoSuchGroup', timestamp: 0, isForce: true });
    expect([noGroup.code, noGroup.remark]).toEqual([ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, 'Group NoSuchGroup does not exist']);
  });
});
