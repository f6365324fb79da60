import { readJson } from '../../json/json-reader';
import type { JsonValue } from '../../json/json-value';
import { writeJsonBuffer } from '../../json/json-writer';
import { BodyReader } from '../body-fields';

/**
 * GET_BROKER_EPOCH_CACHE (1007) reply body, served by a controller-mode broker (mqadmin
 * getBrokerEpoch). Offsets are exact bigints: the last entry's endOffset is Long.MAX_VALUE
 * (9223372036854775807), beyond what a JS number holds (docs/controller.md#codes).
 *   {"brokerId":0,"brokerName":"broker-a","clusterName":"DefaultCluster",
 *    "epochList":[{"endOffset":1570,"epoch":1,"startOffset":0},{"endOffset":9223372036854775807,"epoch":2,"startOffset":1570}],
 *    "maxOffset":3140}
 * `brokerId` is the role id the broker registers with (0 on a master), not its controller id.
 */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: bigint;
  readonly endOffset: bigint;
}

export interface EpochEntryCache {
  readonly clusterName?: string;
  readonly brokerName?: string;
  readonly brokerId: number;
  readonly epochList: readonly EpochEntry[];
  readonly maxOffset: bigint;
}

const NAME = 'EpochEntryCache';

export const EpochEntry = {
  toJson(entry: EpochEntry) {
    return { endOffset: entry.endOffset, epoch: entry.epoch, startOffset: entry.startOffset };
  },

  fromJson(value: JsonValue, path: string): EpochEntry {
    const fields = BodyReader.of(NAME, value, path);
    return {
      epoch: fields.integer('epoch', 0),
      startOffset: fields.exactLong('startOffset', 0n),
      endOffset: fields.exactLong('endOffset', 0n),
    };
  },
};

export const EpochEntryCache = {
  encode(body: EpochEntryCache): Buffer {
    return writeJsonBuffer({
      brokerId: body.brokerId,
      brokerName: body.brokerName,
      clusterName: body.clusterName,
      epochList: body.epochList.map(EpochEntry.toJson),
      maxOffset: body.maxOffset,
    });
  },

  decode(bytes: Buffer | string): EpochEntryCache {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return {
      clusterName: fields.optionalString('clusterName'),
      brokerName: fields.optionalString('brokerName'),
      brokerId: fields.long('brokerId', 0),
      epochList: fields.array('epochList').map((item, index) => EpochEntry.fromJson(item, `$.epochList[${index}]`)),
      maxOffset: fields.exactLong('maxOffset', 0n),
    };
  },
};
