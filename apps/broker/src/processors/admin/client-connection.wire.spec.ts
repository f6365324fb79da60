import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ConsumerConnection,
  createRequest,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
  HeartbeatData,
  ProducerConnection,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../../testing/in-process-broker';

// GET_CONSUMER_CONNECTION_LIST (203) and GET_PRODUCER_CONNECTION_LIST (204) over TCP: a client
// heartbeats as producer and consumer, and the admin connection reads it back with the address
// the broker sees, its language and version, and the group's subscriptions.
const TIMEOUT_MS = 5000;
const subscription = {
  topic: 'ConnTopic',
  subString: 'a || b',
  tagsSet: ['a', 'b'],
  codeSet: [97, 98],
  subVersion: 7n,
  expressionType: 'TAG',
  classFilterMode: false,
};

describe('Broker > wire > consumer and producer connections', () => {
  let broker: InProcessBroker;
  const member = new RemotingClient();
  const admin = new RemotingClient();

  const call = (client: RemotingClient, code: number, extFields: Record<string, string>, body?: Buffer) =>
    client.invoke(broker.address, createRequest(code, { extFields, body, language: 'JAVA', version: 475 }), TIMEOUT_MS);

  beforeAll(async () => {
    broker = await startInProcessBroker();
    const heartbeat = HeartbeatData.encode({
      clientID: '127.0.0.1@member',
      producerDataSet: [{ groupName: 'ConnProducer' }],
      consumerDataSet: [
        {
          groupName: 'ConnGroup',
          consumeType: 'CONSUME_PASSIVELY',
          messageModel: 'BROADCASTING',
          consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
          subscriptionDataSet: [subscription],
          unitMode: false,
        },
      ],
      heartbeatFingerprint: 0,
      withoutSub: false,
    });
    expect((await call(member, RequestCode.HEART_BEAT, {}, heartbeat)).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await Promise.all([member.close(), admin.close()]);
    await broker.stop();
  });

  it('lists a consumer group: members with address, language and version, subscriptions and consume settings', async () => {
    const reply = await call(
      admin,
      RequestCode.GET_CONSUMER_CONNECTION_LIST,
      GetConsumerConnectionListRequestHeader.encode({ consumerGroup: 'ConnGroup' }),
    );
    expect(reply.code).toBe(ResponseCode.SUCCESS);
    const body = ConsumerConnection.decode(reply.body ?? '');
    expect(body.connectionSet).toEqual([
      { clientId: '127.0.0.1@member', clientAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/), language: 'JAVA', version: 475 },
    ]);
    expect([...body.subscriptionTable]).toEqual([['ConnTopic', subscription]]);
    expect([body.consumeType, body.messageModel, body.consumeFromWhere]).toEqual([
      'CONSUME_PASSIVELY',
      'BROADCASTING',
      'CONSUME_FROM_FIRST_OFFSET',
    ]);
  });

  it('answers an unknown consumer group with CONSUMER_NOT_ONLINE, as Java', async () => {
    const reply = await call(
      admin,
      RequestCode.GET_CONSUMER_CONNECTION_LIST,
      GetConsumerConnectionListRequestHeader.encode({ consumerGroup: 'NobodyGroup' }),
    );
    expect([reply.code, reply.remark]).toEqual([ResponseCode.CONSUMER_NOT_ONLINE, 'the consumer group[NobodyGroup] not online']);
  });

  it('lists a producer group, and answers an unknown one with SYSTEM_ERROR "not exist"', async () => {
    const reply = await call(
      admin,
      RequestCode.GET_PRODUCER_CONNECTION_LIST,
      GetProducerConnectionListRequestHeader.encode({ producerGroup: 'ConnProducer' }),
    );
    expect(reply.code).toBe(ResponseCode.SUCCESS);
    expect(
      ProducerConnection.decode(reply.body ?? '').connectionSet.map((connection) => [
        connection.clientId,
        connection.language,
        connection.version,
      ]),
    ).toEqual([['127.0.0.1@member', 'JAVA', 475]]);

    const unknown = await call(
      admin,
      RequestCode.GET_PRODUCER_CONNECTION_LIST,
      GetProducerConnectionListRequestHeader.encode({ producerGroup: 'NoProducer' }),
    );
    expect([unknown.code, unknown.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'the producer group[NoProducer] not exist']);
  });

  it('drops the member from both lists once its connection closes', async () => {
    await member.close();
    const consumerCode = async () =>
      (
        await call(
          admin,
          RequestCode.GET_CONSUMER_CONNECTION_LIST,
          GetConsumerConnectionListRequestHeader.encode({ consumerGroup: 'ConnGroup' }),
        )
      ).code;
    // The broker learns of the close from its socket, a moment after ours is gone.
    await waitFor(async () => (await consumerCode()) === ResponseCode.CONSUMER_NOT_ONLINE, {
      timeoutMs: TIMEOUT_MS,
      reason: 'the closed member leaves the group',
    });
    expect(
      (
        await call(
          admin,
          RequestCode.GET_PRODUCER_CONNECTION_LIST,
          GetProducerConnectionListRequestHeader.encode({ producerGroup: 'ConnProducer' }),
        )
      ).code,
    ).toBe(ResponseCode.SYSTEM_ERROR);
  });
});
