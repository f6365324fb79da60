import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * DataVersion: how a broker tells the namesrv its topic config changed (QUERY_DATA_VERSION body,
 * part of every register body). JSON, keys sorted as fastjson writes them:
 *   {"counter":<long>,"stateVersion":<long>,"timestamp":<ms since epoch>}
 * Two versions are equal when all three fields are.
 */
export interface DataVersion {
  readonly counter: number;
  readonly stateVersion: number;
  /** ms since the epoch, on the broker's clock. */
  readonly timestamp: number;
}

const NAME = 'DataVersion';

export const DataVersion = {
  encode(version: DataVersion): Buffer {
    return writeJsonBuffer(DataVersion.toJson(version));
  },

  decode(bytes: Buffer | string): DataVersion {
    return DataVersion.fromJson(readJson(bytes));
  },

  toJson(version: DataVersion): { readonly [key: string]: number } {
    return { counter: version.counter, stateVersion: version.stateVersion, timestamp: version.timestamp };
  },

  /** Java defaults for absent fields: counter 0, stateVersion 0, timestamp 0. */
  fromJson(value: JsonValue, path = '$'): DataVersion {
    const fields = BodyReader.of(NAME, value, path);
    return { counter: fields.integer('counter', 0), stateVersion: fields.integer('stateVersion', 0), timestamp: fields.integer('timestamp', 0) };
  },

  equals(left: DataVersion, right: DataVersion): boolean {
    return left.counter === right.counter && left.stateVersion === right.stateVersion && left.timestamp === right.timestamp;
  },
};
