import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, encodeMessageProperties } from '@rocketmq-ts/model';
import {
  createRequest,
  PullMessageRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SendMessageRequestHeader,
} from '@rocketmq-ts/protocol';
import { TestRemotingConnection, waitFor } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';
import { PullRequestHoldService } from './pull-request-hold-service';

// Long polling over real TCP with every broker timer on the ManualClock: a pull suspended for
// 15 s is answered by the 5 s sweep that reaches its deadline, and by nothing before it. The
// clock is what moves; the spec never waits for time to pass.
const SUSPEND = buildPullSysFlag({ commitOffset: false, suspend: true, subscription: true });

describe('Broker > wire > long-poll suspension timeout on the clock', () => {
  let broker: InProcessBroker;
  let connection: TestRemotingConnection;
  const topic = 'ClockedPollTopic';

  const pull = (queueId: number, sysFlag: number): Promise<RemotingCommand> => {
    const header: PullMessageRequestHeader = {
      consumerGroup: 'G',
      topic,
      queueId,
      queueOffset: 0,
      maxMsgNums: 32,
      sysFlag,
      commitOffset: 0,
      suspendTimeoutMillis: 15_000,
      subscription: '*',
      subVersion: 0n,
    };
    return connection.request(createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }), {
      timeoutMs: 10_000,
    });
  };

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { longPollingEnable: true }, manualTimers: true });
    connection = await TestRemotingConnection.open(broker.remotingPort);
    const header: SendMessageRequestHeader = {
      producerGroup: 'PG',
      topic,
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 1,
      sysFlag: 0,
      bornTimestamp: broker.clock.nowMs(),
      flag: 0,
      properties: encodeMessageProperties({ WAIT: 'true' }),
    };
    const sent = await connection.request(
      createRequest(RequestCode.SEND_MESSAGE, { extFields: SendMessageRequestHeader.encode(header), body: Buffer.from('x') }),
    );
    expect(sent.code).toBe(ResponseCode.SUCCESS);
  });

  afterAll(async () => {
    await connection.close();
    await broker.stop();
  });

  it('answers PULL_NOT_FOUND at the sweep that reaches the 15 s deadline, not earlier', async () => {
    let reply: RemotingCommand | undefined;
    const parked = pull(0, SUSPEND).then((answer) => (reply = answer));
    await waitFor(() => broker.app.get(PullRequestHoldService).size === 1, { timeoutMs: 5_000, reason: 'the pull parked on the broker' });

    broker.clock.advance(14_999); // sweeps at 5 s and 10 s: not due yet
    // A later request on the same connection is answered first: the broker has run everything due.
    expect((await pull(1, buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }))).code).toBe(ResponseCode.SUCCESS);
    expect(reply).toBeUndefined();

    broker.clock.advance(1); // the sweep at 15 s
    await parked;
    expect(reply?.code).toBe(ResponseCode.PULL_NOT_FOUND);
    expect(broker.app.get(PullRequestHoldService).size).toBe(0);
  });
});
