import type { MessageQueue, TopicConfig } from '@rocketmq-ts/model';

import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { MessageQueueJson } from './message-queue-json';
import { TopicConfigWire } from './topic-config';

/**
 * Small JSON bodies of the admin codes (docs/admin.md#request-codes), fastjson bean form (sorted
 * keys, nulls left out):
 *
 *   GroupList (300 reply):             {"groupList":["G1",...]}
 *   BrokerStatsData (315 reply):       {"statsDay":{"avgpt":d,"sum":n,"tps":d},"statsHour":{…},"statsMinute":{…}}
 *   QueryConsumeTimeSpanBody (303):    {"consumeTimeSpanSet":[{"consumeTimeStamp":ms,"delayTime":ms,
 *                                       "maxTimeStamp":ms,"messageQueue":{…},"minTimeStamp":ms},…]}
 *   CreateTopicListRequestBody (18):   {"topicConfigList":[TopicConfig,…]}
 *   TopicConfigAndQueueMapping (351):  a TopicConfig (the static-topic "mappingDetail" is null, so absent)
 */
export interface GroupList {
  readonly groupList: readonly string[];
}

export const GroupList = {
  encode(list: GroupList): Buffer {
    return writeJsonBuffer({ groupList: list.groupList });
  },
  decode(bytes: Buffer | string): GroupList {
    return { groupList: BodyReader.of('GroupList', readJson(bytes)).stringArray('groupList') };
  },
};

export interface BrokerStatsItem {
  readonly sum: number;
  readonly tps: number;
  readonly avgpt: number;
}

export interface BrokerStatsData {
  readonly statsMinute: BrokerStatsItem;
  readonly statsHour: BrokerStatsItem;
  readonly statsDay: BrokerStatsItem;
}

export const BrokerStatsData = {
  encode(data: BrokerStatsData): Buffer {
    const item = (it: BrokerStatsItem) => ({ avgpt: it.avgpt, sum: it.sum, tps: it.tps });
    return writeJsonBuffer({ statsDay: item(data.statsDay), statsHour: item(data.statsHour), statsMinute: item(data.statsMinute) });
  },
  decode(bytes: Buffer | string): BrokerStatsData {
    const fields = BodyReader.of('BrokerStatsData', readJson(bytes));
    const item = (key: string): BrokerStatsItem => {
      const it = fields.child(key);
      const number = (name: string) => {
        const raw = it.raw(name);
        return typeof raw === 'number' ? raw : 0;
      };
      return { sum: it.long('sum', 0), tps: number('tps'), avgpt: number('avgpt') };
    };
    return { statsMinute: item('statsMinute'), statsHour: item('statsHour'), statsDay: item('statsDay') };
  },
};

export interface QueueTimeSpan {
  readonly messageQueue: MessageQueue;
  readonly minTimeStamp: number;
  readonly maxTimeStamp: number;
  readonly consumeTimeStamp: number;
  readonly delayTime: number;
}

export const QueryConsumeTimeSpanBody = {
  encode(spans: readonly QueueTimeSpan[]): Buffer {
    return writeJsonBuffer({
      consumeTimeSpanSet: spans.map((span) => ({
        consumeTimeStamp: span.consumeTimeStamp,
        delayTime: span.delayTime,
        maxTimeStamp: span.maxTimeStamp,
        messageQueue: MessageQueueJson.toJson(span.messageQueue),
        minTimeStamp: span.minTimeStamp,
      })),
    });
  },
  decode(bytes: Buffer | string): QueueTimeSpan[] {
    const name = 'QueryConsumeTimeSpanBody';
    return BodyReader.of(name, readJson(bytes))
      .array('consumeTimeSpanSet')
      .map((value, index) => {
        const path = `$.consumeTimeSpanSet[${index}]`;
        const span = BodyReader.of(name, value, path);
        return {
          messageQueue: MessageQueueJson.fromJson(name, span.raw('messageQueue') ?? {}, `${path}.messageQueue`),
          minTimeStamp: span.long('minTimeStamp', 0),
          maxTimeStamp: span.long('maxTimeStamp', 0),
          consumeTimeStamp: span.long('consumeTimeStamp', 0),
          delayTime: span.long('delayTime', 0),
        };
      });
  },
};

export const CreateTopicListRequestBody = {
  encode(configs: readonly TopicConfig[]): Buffer {
    return writeJsonBuffer({ topicConfigList: configs.map((config) => TopicConfigWire.toJson(config)) });
  },
  decode(bytes: Buffer | string): TopicConfig[] {
    return BodyReader.of('CreateTopicListRequestBody', readJson(bytes))
      .array('topicConfigList')
      .map((value, index) => TopicConfigWire.fromJson(value, `$.topicConfigList[${index}]`));
  },
};

export const TopicConfigAndQueueMapping = {
  encode(config: TopicConfig): Buffer {
    return writeJsonBuffer(TopicConfigWire.toJson(config));
  },
  decode(bytes: Buffer | string): TopicConfig {
    return TopicConfigWire.fromJson(readJson(bytes));
  },
};
