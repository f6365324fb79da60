import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * GET_CONSUMER_LIST_BY_GROUP (38) reply body: the client IDs of the group's live members.
 *   {"consumerIdList":["cid1","cid2"]}
 */
export interface GetConsumerListByGroupResponseBody {
  readonly consumerIdList: readonly string[];
}

const NAME = 'GetConsumerListByGroupResponseBody';

export const GetConsumerListByGroupResponseBody = {
  encode(body: GetConsumerListByGroupResponseBody): Buffer {
    return writeJsonBuffer({ consumerIdList: body.consumerIdList });
  },

  decode(bytes: Buffer | string): GetConsumerListByGroupResponseBody {
    return { consumerIdList: BodyReader.of(NAME, readJson(bytes)).stringArray('consumerIdList') };
  },
};
