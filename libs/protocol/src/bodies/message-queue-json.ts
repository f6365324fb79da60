import type { MessageQueue } from '@rocketmq-ts/model';

import type { JsonValue } from '../json/json-value';
import { BodyReader } from './body-fields';

/**
 * A MessageQueue inside a JSON body (lock bodies, later ConsumeStats keys). fastjson writes its
 * fields alphabetically: {"brokerName":"broker-a","queueId":0,"topic":"T"}.
 */
export const MessageQueueJson = {
  toJson(queue: MessageQueue): { brokerName: string; queueId: number; topic: string } {
    return { brokerName: queue.brokerName, queueId: queue.queueId, topic: queue.topic };
  },

  fromJson(bodyName: string, value: JsonValue, path: string): MessageQueue {
    const fields = BodyReader.of(bodyName, value, path);
    return { topic: fields.string('topic'), brokerName: fields.string('brokerName', ''), queueId: fields.integer('queueId') };
  },
};
