import type { MessageQueue } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { MessageQueueJson } from './message-queue-json';

/**
 * LOCK_BATCH_MQ (41) response body (docs/remoting-protocol.md#requests-the-broker-serves): the queues this client now holds. Standard
 * JSON, because the GO client parses it with a strict decoder:
 *   {"lockOKMQSet":[{"brokerName":"broker-a","queueId":0,"topic":"T"}]}
 */
export interface LockBatchResponseBody {
  readonly lockOKMQSet: readonly MessageQueue[];
}

const NAME = 'LockBatchResponseBody';

export const LockBatchResponseBody = {
  encode(body: LockBatchResponseBody): Buffer {
    return writeJsonBuffer({ lockOKMQSet: body.lockOKMQSet.map(MessageQueueJson.toJson) });
  },

  decode(bytes: Buffer | string): LockBatchResponseBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return {
      lockOKMQSet: fields.array('lockOKMQSet').map((item, index) => MessageQueueJson.fromJson(NAME, item, `$.lockOKMQSet[${index}]`)),
    };
  },
};
