import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// With autoCreateTopicEnable=false the broker has no TBW102 and answers an unknown topic with
// TOPIC_NOT_EXIST, as a Java broker configured the same way.
describe('Broker > wire > auto-create disabled', () => {
  let broker: InProcessBroker;
  const client = new RemotingClient();

  beforeAll(async () => {
    broker = await startInProcessBroker({ overrides: { autoCreateTopicEnable: false } });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
  });

  it('answers TOPIC_NOT_EXIST for an unknown topic', async () => {
    const extFields = SendMessageRequestHeaderV2.encodeFromV1({
      producerGroup: 'PG',
      topic: 'NoSuchTopic',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1,
      flag: 0,
      properties: encodeMessageProperties({ TAGS: 'a' }),
    });
    const response = await client.invoke(
      broker.address,
      createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from('x') }),
      5000,
    );
    expect([response.code, response.remark]).toEqual([ResponseCode.TOPIC_NOT_EXIST, 'topic[NoSuchTopic] not exist, apply first please!']);
  });
});
