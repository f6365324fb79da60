import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';
import { ConsumeStats } from './consume-stats';

/**
 * GET_BROKER_CONSUME_STATS (317) reply body: every subscription group of the broker with one
 * ConsumeStats per topic it committed offsets for. fastjson bean form:
 *   {"brokerAddr":"ip:port","consumeStatsList":[{"G1":[ConsumeStats,…]},{"G2":[]},…],
 *    "totalDiff":n,"totalInflightDiff":n}
 */
export interface ConsumeStatsList {
  readonly brokerAddr: string;
  readonly consumeStatsList: ReadonlyArray<readonly [group: string, stats: readonly ConsumeStats[]]>;
  readonly totalDiff: number;
  readonly totalInflightDiff: number;
}

const NAME = 'ConsumeStatsList';

export const ConsumeStatsList = {
  encode(list: ConsumeStatsList): Buffer {
    return writeJsonBuffer({
      brokerAddr: list.brokerAddr,
      consumeStatsList: list.consumeStatsList.map(([group, stats]) => new Map([[group, stats.map((one) => ConsumeStats.toJson(one))]])),
      totalDiff: list.totalDiff,
      totalInflightDiff: list.totalInflightDiff,
    });
  },

  decode(bytes: Buffer | string): ConsumeStatsList {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const groups = fields.array('consumeStatsList').flatMap((value, index) => {
      const path = `$.consumeStatsList[${index}]`;
      // Each element is a one-entry map {group: [ConsumeStats, …]}: read it as the field of a wrapper.
      const wrapper = BodyReader.of(NAME, { element: value }, path);
      return wrapper.stringKeyedEntries('element').map(([group]) => {
        const stats = wrapper
          .child('element')
          .array(group)
          .map((one, at) => ConsumeStats.fromJson(one, `${path}.${group}[${at}]`));
        return [group, stats] as const;
      });
    });
    return {
      brokerAddr: fields.string('brokerAddr', ''),
      consumeStatsList: groups,
      totalDiff: fields.long('totalDiff', 0),
      totalInflightDiff: fields.long('totalInflightDiff', 0),
    };
  },
};
