import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { DataVersion } from './data-version';
import type { TopicConfig } from '@rocketmq-ts/model';

import { TopicConfigWire } from './topic-config';

/**
 * TopicConfigSerializeWrapper (and its 5.x subclass TopicConfigAndMappingSerializeWrapper): all
 * topic configs of a broker plus their DataVersion. JSON, sorted keys:
 *   {"dataVersion":{...},"mappingDataVersion":{...},"topicConfigTable":{"<topic>":{TopicConfig},...},
 *    "topicQueueMappingDetailMap":{...},"topicQueueMappingInfoMap":{...}}
 * The mapping fields exist only for static topics; we carry them through as opaque JSON.
 */
export interface TopicConfigSerializeWrapper {
  readonly topicConfigTable: ReadonlyMap<string, TopicConfig>;
  readonly dataVersion: DataVersion;
  readonly mappingDataVersion?: DataVersion;
  readonly topicQueueMappingInfoMap?: ReadonlyMap<string, JsonValue>;
  readonly topicQueueMappingDetailMap?: ReadonlyMap<string, JsonValue>;
}

const NAME = 'TopicConfigSerializeWrapper';

export const TopicConfigSerializeWrapper = {
  encode(wrapper: TopicConfigSerializeWrapper): Buffer {
    return writeJsonBuffer(TopicConfigSerializeWrapper.toJson(wrapper));
  },

  decode(bytes: Buffer | string): TopicConfigSerializeWrapper {
    return TopicConfigSerializeWrapper.fromJson(readJson(bytes));
  },

  toJson(wrapper: TopicConfigSerializeWrapper) {
    const table = new Map([...wrapper.topicConfigTable].map(([topic, config]) => [topic, TopicConfigWire.toJson(config)]));
    return {
      dataVersion: DataVersion.toJson(wrapper.dataVersion),
      mappingDataVersion: wrapper.mappingDataVersion && DataVersion.toJson(wrapper.mappingDataVersion),
      topicConfigTable: table,
      topicQueueMappingDetailMap: wrapper.topicQueueMappingDetailMap,
      topicQueueMappingInfoMap: wrapper.topicQueueMappingInfoMap,
    };
  },

  fromJson(value: JsonValue, path = '$'): TopicConfigSerializeWrapper {
    const fields = BodyReader.of(NAME, value, path);
    const topicConfigTable = new Map<string, TopicConfig>();
    for (const [topic, config] of fields.stringKeyedEntries('topicConfigTable')) {
      topicConfigTable.set(topic, TopicConfigWire.fromJson(config, `${path}.topicConfigTable.${topic}`, topic));
    }
    return {
      topicConfigTable,
      dataVersion: fields.has('dataVersion')
        ? DataVersion.fromJson(fields.raw('dataVersion') ?? null, `${path}.dataVersion`)
        : DataVersion.ZERO,
      mappingDataVersion: fields.has('mappingDataVersion')
        ? DataVersion.fromJson(fields.raw('mappingDataVersion') ?? null, `${path}.mappingDataVersion`)
        : undefined,
      topicQueueMappingInfoMap: opaqueMap(fields, 'topicQueueMappingInfoMap'),
      topicQueueMappingDetailMap: opaqueMap(fields, 'topicQueueMappingDetailMap'),
    };
  },
};

function opaqueMap(fields: BodyReader, key: string): ReadonlyMap<string, JsonValue> | undefined {
  if (!fields.has(key)) return undefined;
  return new Map(fields.stringKeyedEntries(key));
}
