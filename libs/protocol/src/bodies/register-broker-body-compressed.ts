import { constants, deflateSync, inflateSync } from 'node:zlib';

import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJson } from '../json/json-writer';
import { BodyError } from './body-error';
import { describeJsonValue } from './body-fields';
import { DataVersion } from './data-version';
import type { RegisterBrokerBody } from './register-broker-body';
import type { TopicConfig } from '@rocketmq-ts/model';

import { TopicConfigWire } from './topic-config';

/**
 * Compressed REGISTER_BROKER body (header compressed=true): one zlib stream of
 *   int32 n, DataVersion JSON[n]
 *   int32 topicCount, topicCount × (int32 n, TopicConfig text[n])      (see topic-config.ts)
 *   int32 n, filterServerList JSON[n]
 *   int32 mappingCount, mappingCount × (int32 n, TopicQueueMappingInfo JSON[n])   V5_0_0 and later
 * Integers big-endian, strings UTF-8. The text form carries no topicSysFlag or order; those
 * read back as 0 and false, as in Java.
 */
const NAME = 'RegisterBrokerBody(compressed)';

/** Largest inflated register body we accept: a zip bomb must not take the namesrv down. */
export const MAX_INFLATED_REGISTER_BODY_BYTES = 64 * 1024 * 1024;

export function encodeCompressedRegisterBody(body: RegisterBrokerBody, withMappingInfos: boolean): Buffer {
  const wrapper = body.topicConfigSerializeWrapper;
  const parts: Buffer[] = [];
  const pushString = (text: string): void => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(int32(bytes.length), bytes);
  };
  pushString(writeJson(DataVersion.toJson(wrapper.dataVersion)));
  parts.push(int32(wrapper.topicConfigTable.size));
  for (const config of wrapper.topicConfigTable.values()) pushString(TopicConfigWire.encodeText(config));
  pushString(writeJson(body.filterServerList));
  if (withMappingInfos) {
    const infos = [...(wrapper.topicQueueMappingInfoMap?.values() ?? [])];
    parts.push(int32(infos.length));
    for (const info of infos) pushString(writeJson(info));
  }
  return deflateSync(Buffer.concat(parts), { level: constants.Z_BEST_COMPRESSION });
}

export function decodeCompressedRegisterBody(bytes: Buffer): RegisterBrokerBody {
  const input = new Cursor(inflateRegisterBody(bytes));
  const dataVersion = DataVersion.fromJson(readJson(input.string('dataVersion')), '$.dataVersion');
  const topicCount = input.count('topic count');
  const topicConfigTable = new Map<string, TopicConfig>();
  for (let index = 0; index < topicCount; index++) {
    const config = TopicConfigWire.decodeText(input.string(`topic config ${index}`));
    topicConfigTable.set(config.topicName, config);
  }
  const filterServerList = readFilterServers(input.string('filterServerList'));
  // Brokers before V5_0_0 end the stream here.
  const topicQueueMappingInfoMap = new Map<string, JsonValue>();
  if (!input.atEnd()) {
    const mappingCount = input.count('mapping count');
    for (let index = 0; index < mappingCount; index++) {
      const info = readJson(input.string(`mapping info ${index}`));
      const topic = typeof info === 'object' && info !== null && !Array.isArray(info) && 'topic' in info ? info['topic'] : undefined;
      if (typeof topic !== 'string') throw new BodyError(NAME, `$.mapping[${index}]`, `no topic in ${describeJsonValue(info)}`);
      topicQueueMappingInfoMap.set(topic, info);
    }
  }
  return {
    topicConfigSerializeWrapper: { dataVersion, topicConfigTable, topicQueueMappingInfoMap },
    filterServerList,
  };
}

function inflateRegisterBody(bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_INFLATED_REGISTER_BODY_BYTES });
  } catch (error) {
    throw new BodyError(NAME, '$', `cannot inflate: ${(error as Error).message}`);
  }
}

/** Java only logs a bad filter server list and goes on with an empty one; so do we. */
function readFilterServers(text: string): string[] {
  try {
    const value = readJson(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function int32(value: number): Buffer {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeInt32BE(value, 0);
  return bytes;
}

class Cursor {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  atEnd(): boolean {
    return this.at >= this.bytes.length;
  }

  count(what: string): number {
    const value = this.int(what);
    if (value < 0) throw new BodyError(NAME, '$', `${what} is negative (${value})`);
    return value;
  }

  string(what: string): string {
    const length = this.count(`${what} length`);
    if (length > this.bytes.length - this.at) throw new BodyError(NAME, '$', `${what} length ${length} runs past the end`);
    const text = this.bytes.toString('utf8', this.at, this.at + length);
    this.at += length;
    return text;
  }

  private int(what: string): number {
    if (this.bytes.length - this.at < 4) throw new BodyError(NAME, '$', `truncated before ${what}`);
    const value = this.bytes.readInt32BE(this.at);
    this.at += 4;
    return value;
  }
}
