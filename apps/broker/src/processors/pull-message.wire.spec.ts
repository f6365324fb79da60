import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, decodeMessageRecords, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  createRequest,
  OffsetResponseHeader,
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  QueryConsumerOffsetRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// Long polling over real TCP against the in-process broker: a parked pull does not hold up the
// connection, is answered on arrival (an event, no timing), or at its hold with PULL_NOT_FOUND;
// and consumer offsets survive a broker restart on the same store directory.
const SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: true, subscription: true });
/** Short polling with a 100 ms sweep, so a hold ends as soon as the manual clock passes it. */
const SHORT_POLLING = { longPollingEnable: false, shortPollingTimeMills: 100 };

describe('Broker > wire > pull and long polling', () => {
  let broker: InProcessBroker;
  let consumer: TestRemotingConnection;
  let producer: TestRemotingConnection;
  const topic = 'LongPollTopic';

  const send = (queueId: number, body: string): Promise<RemotingCommand> => {
    const header: SendMessageRequestHeader = {
      producerGroup: 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId,
      sysFlag: 0,
      bornTimestamp: 1_700_000_000_000,
      flag: 0,
      properties: encodeMessageProperties({ TAGS: 'A', WAIT: 'true' }),
    };
    return producer.request(
      createRequest(RequestCode.SEND_MESSAGE, { extFields: SendMessageRequestHeader.encode(header), body: Buffer.from(body) }),
    );
  };

  const pull = (queueId: number, queueOffset: number, timeoutMs = 30_000): Promise<RemotingCommand> => {
    const header: PullMessageRequestHeader = {
      consumerGroup: 'G',
      topic,
      queueId,
      queueOffset,
      maxMsgNums: 32,
      sysFlag: SUSPEND,
      commitOffset: 0,
      suspendTimeoutMillis: 15_000,
      subscription: '*',
      subVersion: 0n,
    };
    return consumer.request(createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }), { timeoutMs });
  };

  const parkedPulls = (count: number) =>
    waitFor(() => broker.app.get(PullRequestHoldService).size === count, {
      timeoutMs: 5_000,
      reason: `${count} pull(s) parked on the broker`,
    });

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: SHORT_POLLING });
    consumer = await TestRemotingConnection.open(broker.remotingPort);
    producer = await TestRemotingConnection.open(broker.remotingPort);
    expect((await send(1, 'first')).code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await consumer.close();
    await producer.close();
    await broker.stop();
  });

  it('answers a second pull on the same connection while the first is parked, and the first when its message arrives', async () => {
    let parkedReply: RemotingCommand | undefined;
    const parked = pull(0, 0).then((reply) => (parkedReply = reply));
    await parkedPulls(1);

    const other = await pull(1, 0);
    expect(other.code).toBe(ResponseCode.SUCCESS);
    expect(parkedReply).toBeUndefined();

    expect((await send(0, 'arrived')).code).toBe(ResponseCode.SUCCESS);
    const reply = await parked;
    expect(reply.code).toBe(ResponseCode.SUCCESS);
    expect(decodeMessageRecords(reply.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['arrived']);
    expect(PullMessageResponseHeader.decode(reply.extFields).nextBeginOffset).toBe(1);
  });

  it('answers PULL_NOT_FOUND with every offset field once the hold has passed', async () => {
    const parked = pull(2, 0);
    await parkedPulls(1);
    broker.clock.advance(SHORT_POLLING.shortPollingTimeMills);
    const reply = await parked;
    expect(reply.code).toBe(ResponseCode.PULL_NOT_FOUND);
    expect(PullMessageResponseHeader.decode(reply.extFields)).toMatchObject({
      suggestWhichBrokerId: 0,
      nextBeginOffset: 0,
      minOffset: 0,
      maxOffset: 0,
    });
  });

  it('keeps a committed offset across a broker restart on the same store', async () => {
    const update = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: 'G', topic, queueId: 1, commitOffset: 1 });
    expect((await consumer.request(createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: update }))).code).toBe(
      ResponseCode.SUCCESS,
    );
    await consumer.close();
    await producer.close();
    await broker.app.close();

    broker = await startInProcessBroker({ overrides: { ...SHORT_POLLING, storePathRootDir: broker.storeDir } });
    consumer = await TestRemotingConnection.open(broker.remotingPort);
    producer = await TestRemotingConnection.open(broker.remotingPort);
    const query = QueryConsumerOffsetRequestHeader.encode({ consumerGroup: 'G', topic, queueId: 1 });
    const reply = await consumer.request(createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields: query }));
    expect([reply.code, OffsetResponseHeader.decode(reply.extFields).offset]).toEqual([ResponseCode.SUCCESS, 1]);
  });
});
