import type { MessageQueue } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { JsonEntries } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { MessageQueueJson } from './message-queue-json';

/**
 * ResetOffsetBody: the queue → new offset table of RESET_CONSUMER_CLIENT_OFFSET (220, broker →
 * client) and of the INVOKE_BROKER_TO_RESET_OFFSET (222) reply. fastjson writes the MessageQueue
 * keys as embedded objects:
 *   {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:42}}
 * Standard JSON writers quote the keys instead ("{\"brokerName\":…}"); both read the same.
 */
export interface ResetOffsetBody {
  readonly offsetTable: ReadonlyArray<readonly [MessageQueue, number]>;
}

const NAME = 'ResetOffsetBody';

export const ResetOffsetBody = {
  encode(body: ResetOffsetBody): Buffer {
    return writeJsonBuffer({
      offsetTable: new JsonEntries(body.offsetTable.map(([queue, offset]) => [MessageQueueJson.toJson(queue), offset] as const)),
    });
  },

  decode(bytes: Buffer | string): ResetOffsetBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const offsetTable = fields.entries('offsetTable').map(([key, value], index) => {
      const queue = MessageQueueJson.fromJson(NAME, typeof key === 'string' ? readJson(key) : key, `$.offsetTable[${index}].key`);
      const offset = BodyReader.of(NAME, { offset: value }, `$.offsetTable[${index}]`).long('offset');
      return [queue, offset] as const;
    });
    return { offsetTable };
  },
};
