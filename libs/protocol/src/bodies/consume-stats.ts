import type { MessageQueue } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { JsonEntries, type JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { MessageQueueJson } from './message-queue-json';

/**
 * GET_CONSUME_STATS (208) reply body (docs/remoting-protocol.md#requests-the-broker-serves). Like TopicStatsTable, fastjson writes
 * the MessageQueue keys as embedded objects (docs/remoting-protocol.md#json-bodies), and OffsetWrapper's getters alphabetically:
 *   {"consumeTps":0.0,"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:
 *     {"brokerOffset":n,"consumerOffset":n,"lastTimestamp":ms,"pullOffset":n}}}
 * Lag of a queue = brokerOffset − consumerOffset.
 */
export interface OffsetWrapper {
  /** Max offset of the queue (next offset to be written). */
  readonly brokerOffset: number;
  /** The group's committed offset, 0 when it never committed. */
  readonly consumerOffset: number;
  /** Store time of the last consumed message (at consumerOffset − 1), ms; 0 when none. */
  readonly lastTimestamp: number;
  /** How far the group has pulled: never below consumerOffset. */
  readonly pullOffset: number;
}

export interface ConsumeStats {
  readonly offsetTable: ReadonlyArray<readonly [MessageQueue, OffsetWrapper]>;
  readonly consumeTps: number;
}

const NAME = 'ConsumeStats';

export const ConsumeStats = {
  encode(stats: ConsumeStats): Buffer {
    return writeJsonBuffer(ConsumeStats.toJson(stats));
  },

  /** The bean as a writable value, for bodies that nest it (ConsumeStatsList). */
  toJson(stats: ConsumeStats) {
    const entries = stats.offsetTable.map(
      ([queue, offset]) =>
        [
          MessageQueueJson.toJson(queue),
          {
            brokerOffset: offset.brokerOffset,
            consumerOffset: offset.consumerOffset,
            lastTimestamp: offset.lastTimestamp,
            pullOffset: offset.pullOffset,
          },
        ] as const,
    );
    return { consumeTps: stats.consumeTps, offsetTable: new JsonEntries(entries) };
  },

  /** Lenient: object or quoted keys; missing numbers take Java's defaults (0). */
  decode(bytes: Buffer | string): ConsumeStats {
    return ConsumeStats.fromJson(readJson(bytes));
  },

  fromJson(value: JsonValue, path = '$'): ConsumeStats {
    const fields = BodyReader.of(NAME, value, path);
    const offsetTable = fields
      .entries('offsetTable')
      .map(
        ([key, value], index) => [MessageQueueJson.fromJson(NAME, key, `$.offsetTable[${index}].key`), decodeOffset(value, index)] as const,
      );
    const tps = fields.raw('consumeTps');
    return { offsetTable, consumeTps: typeof tps === 'number' ? tps : 0 };
  },

  /** Σ(brokerOffset − consumerOffset), what `mqadmin consumerProgress` and the exporter call the group's lag. */
  totalDiff(stats: ConsumeStats): number {
    return stats.offsetTable.reduce((sum, [, offset]) => sum + offset.brokerOffset - offset.consumerOffset, 0);
  },
};

function decodeOffset(value: JsonValue, index: number): OffsetWrapper {
  const fields = BodyReader.of(NAME, value, `$.offsetTable[${index}].value`);
  const consumerOffset = fields.long('consumerOffset', 0);
  return {
    brokerOffset: fields.long('brokerOffset', 0),
    consumerOffset,
    lastTimestamp: fields.long('lastTimestamp', 0),
    // Brokers before 5.0 send no pullOffset; the consumer offset is the best known bound.
    pullOffset: fields.long('pullOffset', consumerOffset),
  };
}
