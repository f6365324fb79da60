import { encodeMessageProperties } from '@rocketmq-ts/model';
import { createRequest, RequestCode, ResponseCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { decodeOffsetMsgId, type StoredAck } from '@rocketmq-ts/testing';

// A sender that stays on one broker whatever the name server says: it keeps writing to an old
// master after the controllers have elected another, so a test sees whether that broker still
// acknowledges (a client with a stale route does exactly this). One send at a time, no retries.

export interface PinnedSender {
  /** Every answered send so far (acknowledged or refused), in send order. */
  readonly answers: StoredAck[];
  stop(): Promise<void>;
}

export function startPinnedSender(broker: string, topic: string, keyPrefix: string, pauseMs: number): PinnedSender {
  const client = new RemotingClient();
  const answers: StoredAck[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let index = 0; !stopped; index++) {
      const key = `${keyPrefix}-${index}`;
      const extFields = SendMessageRequestHeaderV2.encodeFromV1({
        producerGroup: 'pinned_producer',
        topic,
        defaultTopic: 'TBW102',
        defaultTopicQueueNums: 4,
        queueId: 0,
        sysFlag: 0,
        bornTimestamp: Date.now(),
        flag: 0,
        properties: encodeMessageProperties({ KEYS: key, WAIT: 'true' }),
      });
      try {
        const reply = await client.invoke(
          broker,
          createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(`pinned ${key}`), language: 'JAVA' }),
          3_000,
        );
        const where = decodeOffsetMsgId(reply.extFields?.['msgId'] ?? '');
        const status = reply.code === ResponseCode.SUCCESS ? 'SEND_OK' : `CODE_${reply.code}`;
        answers.push({ key, status, atMs: Date.now(), storeHost: where?.storeHost ?? broker, physicalOffset: where?.physicalOffset ?? -1 });
      } catch {
        // no answer (timeout, connection refused): not acknowledged
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    answers,
    stop: async () => {
      stopped = true;
      await loop;
      await client.close();
    },
  };
}
