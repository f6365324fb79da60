import type { MessageQueue } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { JsonEntries, type JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * GET_TOPIC_STATS_INFO (202) reply body (docs/remoting-protocol.md#requests-the-broker-serves). fastjson writes the MessageQueue
 * keys as embedded objects (docs/remoting-protocol.md#json-bodies), which only a lenient reader takes:
 *   {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"lastUpdateTimestamp":ms,"maxOffset":n,"minOffset":n}},
 *    "topicPutTps":0.0}
 */
export interface TopicOffset {
  readonly minOffset: number;
  readonly maxOffset: number;
  /** Store time of the last message, ms; 0 when the queue is empty. */
  readonly lastUpdateTimestamp: number;
}

export interface TopicStatsTable {
  readonly offsetTable: ReadonlyArray<readonly [MessageQueue, TopicOffset]>;
  readonly topicPutTps: number;
}

const NAME = 'TopicStatsTable';

export const TopicStatsTable = {
  encode(table: TopicStatsTable): Buffer {
    const entries = table.offsetTable.map(
      ([queue, offset]) =>
        [
          { brokerName: queue.brokerName, queueId: queue.queueId, topic: queue.topic },
          { lastUpdateTimestamp: offset.lastUpdateTimestamp, maxOffset: offset.maxOffset, minOffset: offset.minOffset },
        ] as const,
    );
    return writeJsonBuffer({ offsetTable: new JsonEntries(entries), topicPutTps: table.topicPutTps });
  },

  decode(bytes: Buffer | string): TopicStatsTable {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const offsetTable = fields
      .entries('offsetTable')
      .map(([key, value], index) => [decodeQueue(key, index), decodeOffset(value, index)] as const);
    const tps = fields.raw('topicPutTps');
    return { offsetTable, topicPutTps: typeof tps === 'number' ? tps : 0 };
  },
};

function decodeQueue(key: JsonValue, index: number): MessageQueue {
  const fields = BodyReader.of(NAME, key, `$.offsetTable[${index}].key`);
  return { topic: fields.string('topic'), brokerName: fields.string('brokerName'), queueId: fields.integer('queueId') };
}

function decodeOffset(value: JsonValue, index: number): TopicOffset {
  const fields = BodyReader.of(NAME, value, `$.offsetTable[${index}].value`);
  return {
    minOffset: fields.long('minOffset', 0),
    maxOffset: fields.long('maxOffset', 0),
    lastUpdateTimestamp: fields.long('lastUpdateTimestamp', 0),
  };
}
