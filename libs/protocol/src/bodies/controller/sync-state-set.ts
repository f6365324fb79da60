import { readJson } from '../../json/json-reader';
import type { JsonValue } from '../../json/json-value';
import { writeJsonBuffer } from '../../json/json-writer';
import { BodyReader, describeJsonValue, toQuantityLong } from '../body-fields';

/**
 * SyncStateSet: the controller ids of the replicas in sync with the master, and the epoch of that
 * set. Body of 1001 (request: proposal + the epoch the master holds; reply: the new epoch), and
 * of the 1003, 1004 and 1008 replies/notifications (docs/controller.md#codes):
 *   {"syncStateSet":[1,2],"syncStateSetEpoch":3}
 * Java holds a HashSet<Long>; small longs iterate in ascending order, so we write them sorted.
 */
export interface SyncStateSet {
  readonly syncStateSet: readonly number[];
  readonly syncStateSetEpoch: number;
}

const NAME = 'SyncStateSet';

export const SyncStateSet = {
  encode(body: SyncStateSet): Buffer {
    return writeJsonBuffer({ syncStateSet: sortedIds(body.syncStateSet), syncStateSetEpoch: body.syncStateSetEpoch });
  },

  decode(bytes: Buffer | string): SyncStateSet {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return { syncStateSet: brokerIdArray(fields, 'syncStateSet'), syncStateSetEpoch: fields.integer('syncStateSetEpoch', 0) };
  },
};

/** Ascending and without repeats: a Java Set<Long> as fastjson writes a small-number HashSet. */
export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((left, right) => left - right);
}

/** A JSON array of controller ids (Set<Long> in Java); repeats collapse as they would in the set. */
export function brokerIdArray(fields: BodyReader, key: string): number[] {
  return sortedIds(
    fields.array(key).map((item: JsonValue, index) => {
      const id = toQuantityLong(item);
      return id ?? fields.fail(`${key}[${index}]`, `expected a broker id, got ${describeJsonValue(item)}`);
    }),
  );
}
