import type { JsonValue } from '../json/json-value';
import { BodyReader } from './body-fields';

/**
 * QueueData: one broker's queues for a topic, inside TopicRouteData. JSON, sorted keys:
 *   {"brokerName":"broker-a","perm":6,"readQueueNums":8,"topicSysFlag":0,"writeQueueNums":8}
 */
export interface QueueData {
  readonly brokerName: string;
  readonly readQueueNums: number;
  readonly writeQueueNums: number;
  readonly perm: number;
  readonly topicSysFlag: number;
}

const NAME = 'QueueData';

export const QueueData = {
  toJson(queue: QueueData) {
    return {
      brokerName: queue.brokerName,
      perm: queue.perm,
      readQueueNums: queue.readQueueNums,
      topicSysFlag: queue.topicSysFlag,
      writeQueueNums: queue.writeQueueNums,
    };
  },

  fromJson(value: JsonValue, path = '$'): QueueData {
    const fields = BodyReader.of(NAME, value, path);
    return {
      brokerName: fields.string('brokerName'),
      readQueueNums: fields.integer('readQueueNums', 0),
      writeQueueNums: fields.integer('writeQueueNums', 0),
      perm: fields.integer('perm', 0),
      topicSysFlag: fields.integer('topicSysFlag', 0),
    };
  },
};
