import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, RequestCode, ResponseCode, SendMessageRequestHeaderV2, SendMessageResponseHeader } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// A delayed send is parked in SCHEDULE_TOPIC_XXXX queue (level - 1), yet the reply names the
// queue the client asked for, as a Java broker's does (its SendResult.messageQueue is that queue).
describe('Broker > wire > delayed send reply', () => {
  let broker: InProcessBroker;
  const client = new RemotingClient();

  beforeAll(async () => {
    broker = await startInProcessBroker();
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('answers with the requested queue id, not the schedule queue', async () => {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'PG',
      topic: 'DelayedReplyTopic',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 3,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      flag: 0,
      properties: encodeMessageProperties({ DELAY: '2', UNIQ_KEY: 'AC11000100002A9F0000000000000001', WAIT: 'true' }),
    });
    const response = await client.invoke(
      broker.address,
      createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from('later') }),
      5_000,
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(SendMessageResponseHeader.decode(response.extFields).queueId).toBe(3);
  });
});
