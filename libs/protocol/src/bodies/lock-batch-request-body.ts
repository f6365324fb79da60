import type { MessageQueue } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { MessageQueueJson } from './message-queue-json';

/**
 * LOCK_BATCH_MQ (41) request body (docs/remoting-protocol.md#requests-the-broker-serves), standard JSON:
 *   {"clientId":"…","consumerGroup":"…","mqSet":[{"brokerName":…,"queueId":…,"topic":…}],"onlyThisBroker":false}
 * UNLOCK_BATCH_MQ (42) sends the same shape (UnlockBatchRequestBody).
 */
export interface LockBatchRequestBody {
  readonly consumerGroup: string;
  readonly clientId: string;
  readonly onlyThisBroker: boolean;
  readonly mqSet: readonly MessageQueue[];
}

export const LockBatchRequestBody = lockBodyCodec('LockBatchRequestBody');

/** UNLOCK_BATCH_MQ (42) request body: the lock request's shape. */
export type UnlockBatchRequestBody = LockBatchRequestBody;

export const UnlockBatchRequestBody = lockBodyCodec('UnlockBatchRequestBody');

function lockBodyCodec(name: string) {
  return {
    encode(body: LockBatchRequestBody): Buffer {
      return writeJsonBuffer({
        clientId: body.clientId,
        consumerGroup: body.consumerGroup,
        mqSet: body.mqSet.map(MessageQueueJson.toJson),
        onlyThisBroker: body.onlyThisBroker,
      });
    },

    decode(bytes: Buffer | string): LockBatchRequestBody {
      const fields = BodyReader.of(name, readJson(bytes));
      return {
        consumerGroup: fields.string('consumerGroup'),
        clientId: fields.string('clientId'),
        onlyThisBroker: fields.boolean('onlyThisBroker', false),
        mqSet: fields.array('mqSet').map((item, index) => MessageQueueJson.fromJson(name, item, `$.mqSet[${index}]`)),
      };
    },
  };
}
