import type { TopicConfig, TopicFilterType } from '@rocketmq-ts/model';

import { HeaderError } from '../headers/header-error';
import { parseInt32 } from '../headers/header-fields';
import { readJson } from '../json/json-reader';
import { isJsonObject, type JsonValue } from '../json/json-value';
import { writeJson } from '../json/json-writer';
import { BodyError } from './body-error';
import { BodyReader } from './body-fields';

/**
 * TopicConfig as it travels in register bodies and GET_ALL_TOPIC_CONFIG replies (docs/remoting-protocol.md#requests-the-broker-serves
 * ), for the TopicConfig of @rocketmq-ts/model.
 *
 * JSON (fastjson bean, sorted keys):
 *   {"attributes":{},"order":false,"perm":6,"readQueueNums":8,"topicFilterType":"SINGLE_TAG",
 *    "topicName":"T","topicSysFlag":0,"writeQueueNums":8}
 *
 * Text (inside the compressed register body), single spaces:
 *   <topicName> <readQueueNums> <writeQueueNums> <perm> <topicFilterType> [<attributes JSON>]
 * 5.x writes the attributes part; 4.x writes and reads only the first five.
 */
const NAME = 'TopicConfig';
const TEXT_SEPARATOR = ' ';

/** Java's field defaults, used for whatever a sender leaves out. */
const DEFAULT_QUEUE_NUMS = 16;
const DEFAULT_PERM = 6;

export const TopicConfigWire = {
  toJson(config: TopicConfig) {
    return {
      attributes: config.attributes,
      order: config.order,
      perm: config.perm,
      readQueueNums: config.readQueueNums,
      topicFilterType: config.topicFilterType,
      topicName: config.topicName,
      topicSysFlag: config.topicSysFlag,
      writeQueueNums: config.writeQueueNums,
    };
  },

  /** `fallbackName` is the table key, for senders that leave topicName out of the value. */
  fromJson(value: JsonValue, path = '$', fallbackName?: string): TopicConfig {
    const fields = BodyReader.of(NAME, value, path);
    return {
      topicName: fields.string('topicName', fallbackName),
      readQueueNums: fields.integer('readQueueNums', DEFAULT_QUEUE_NUMS),
      writeQueueNums: fields.integer('writeQueueNums', DEFAULT_QUEUE_NUMS),
      perm: fields.integer('perm', DEFAULT_PERM),
      topicFilterType: toFilterType(fields.string('topicFilterType', 'SINGLE_TAG'), `${path}.topicFilterType`),
      topicSysFlag: fields.integer('topicSysFlag', 0),
      order: fields.boolean('order', false),
      attributes: stringMap(fields, 'attributes'),
    };
  },

  encodeText(config: TopicConfig): string {
    const head = [config.topicName, config.readQueueNums, config.writeQueueNums, config.perm, config.topicFilterType].join(TEXT_SEPARATOR);
    return `${head}${TEXT_SEPARATOR}${writeJson(config.attributes)}`;
  },

  decodeText(text: string): TopicConfig {
    const parts = text.split(TEXT_SEPARATOR);
    if (parts.length < 5) throw new BodyError(NAME, '$', `text form needs 5 space-separated parts, got ${parts.length}`);
    const [topicName, read, write, perm, filterType] = parts as [string, string, string, string, string];
    // Attribute values may contain spaces; everything after the fifth separator is the JSON.
    const attributesJson = parts.slice(5).join(TEXT_SEPARATOR);
    const attributes = attributesJson === '' ? {} : stringMap(BodyReader.of(NAME, { attributes: readJson(attributesJson) }), 'attributes');
    return {
      topicName,
      readQueueNums: textInt(read, 'readQueueNums'),
      writeQueueNums: textInt(write, 'writeQueueNums'),
      perm: textInt(perm, 'perm'),
      topicFilterType: toFilterType(filterType, '$.topicFilterType'),
      topicSysFlag: 0,
      order: false,
      attributes,
    };
  },
};

function toFilterType(text: string, path: string): TopicFilterType {
  if (text === 'SINGLE_TAG' || text === 'MULTI_TAG') return text;
  throw new BodyError(NAME, path, `unknown topicFilterType ${JSON.stringify(text.slice(0, 40))}`);
}

function textInt(text: string, field: string): number {
  try {
    return parseInt32(text, field, NAME);
  } catch (error) {
    if (error instanceof HeaderError) throw new BodyError(NAME, `$.${field}`, error.problem);
    throw error;
  }
}

function stringMap(fields: BodyReader, key: string): Record<string, string> {
  const map: Record<string, string> = {};
  if (fields.has(key) && !isJsonObject(fields.raw(key) ?? null)) fields.fail(key, 'expected an object');
  for (const [name, value] of fields.stringKeyedEntries(key)) {
    if (typeof value === 'string') map[name] = value;
    else if (value !== null) fields.fail(key, `attribute ${name} is not a string`);
  }
  return map;
}
