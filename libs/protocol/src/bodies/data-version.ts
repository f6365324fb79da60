import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * DataVersion: how a broker tells the namesrv its topic config changed (QUERY_DATA_VERSION body,
 * part of every register body). JSON, keys sorted as fastjson writes them:
 *   {"counter":<long>,"stateVersion":<long>,"timestamp":<ms since epoch>}
 * Two versions are equal when all three fields are. The namesrv compares versions and echoes
 * them, so all three are token longs, exact (docs/remoting-protocol.md#java-long-fields).
 */
export interface DataVersion {
  readonly counter: bigint;
  readonly stateVersion: bigint;
  /** ms since the epoch, on the broker's clock. */
  readonly timestamp: bigint;
}

const NAME = 'DataVersion';

export const DataVersion = {
  /** What Java's `new DataVersion()` would hold had it no timestamp: every field 0 (fastjson's default for a missing body). */
  ZERO: { counter: 0n, stateVersion: 0n, timestamp: 0n } as DataVersion,

  encode(version: DataVersion): Buffer {
    return writeJsonBuffer(DataVersion.toJson(version));
  },

  decode(bytes: Buffer | string): DataVersion {
    return DataVersion.fromJson(readJson(bytes));
  },

  toJson(version: DataVersion): { readonly [key: string]: bigint } {
    return { counter: version.counter, stateVersion: version.stateVersion, timestamp: version.timestamp };
  },

  /** Java defaults for absent fields: counter 0, stateVersion 0, timestamp 0. */
  fromJson(value: JsonValue, path = '$'): DataVersion {
    const fields = BodyReader.of(NAME, value, path);
    return {
      counter: fields.exactLong('counter', 0n),
      stateVersion: fields.exactLong('stateVersion', 0n),
      timestamp: fields.exactLong('timestamp', 0n),
    };
  },

  equals(left: DataVersion, right: DataVersion): boolean {
    return left.counter === right.counter && left.stateVersion === right.stateVersion && left.timestamp === right.timestamp;
  },
};
