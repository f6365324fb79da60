import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPullSysFlag, encodeMessageProperties } from '@rocketmq-ts/model';
import { RemotingServerService } from '@rocketmq-ts/nest-remoting';
import { createRequest, PullMessageRequestHeader, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { TestRemotingConnection } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// The fast ("VIP") port of docs/admin.md#the-fast-port: Java 4.x clients send, heartbeat and ask
// admin questions there (listenPort - 2 by default); it serves every code but the pulls, which
// answer REQUEST_CODE_NOT_SUPPORTED as on a Java broker's fast server.
describe('Broker > wire > fast port', () => {
  let broker: InProcessBroker;
  let fast: TestRemotingConnection;

  beforeAll(async () => {
    broker = await startInProcessBroker();
    const port = broker.app.get(RemotingServerService).fastPort;
    expect(port).toBe(broker.config.fastListenPort);
    fast = await TestRemotingConnection.open(port ?? 0);
  });

  afterAll(async () => {
    await fast.close();
    await broker.stop();
  });

  it('takes a send and answers admin requests', async () => {
    const header = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'PG',
      topic: 'FastTopic',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 2,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1,
      flag: 0,
      properties: encodeMessageProperties({ WAIT: 'true' }),
    });
    expect(
      (
        await fast.request(
          createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: header, body: Buffer.from('via fast port'), language: 'JAVA' }),
        )
      ).code,
    ).toBe(ResponseCode.SUCCESS);
    expect((await fast.request(createRequest(RequestCode.GET_BROKER_RUNTIME_INFO, { language: 'JAVA' }))).code).toBe(ResponseCode.SUCCESS);
  });

  it('refuses pulls with REQUEST_CODE_NOT_SUPPORTED', async () => {
    const header = PullMessageRequestHeader.encode({
      consumerGroup: 'G',
      topic: 'FastTopic',
      queueId: 0,
      queueOffset: 0,
      maxMsgNums: 1,
      commitOffset: 0,
      suspendTimeoutMillis: 0,
      subscription: '*',
      subVersion: 0n,
      sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
    });
    expect((await fast.request(createRequest(RequestCode.PULL_MESSAGE, { extFields: header, language: 'JAVA' }))).code).toBe(
      ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
    );
  });
});
