import { readJson } from '../json/json-reader';
import type { JsonValue } from '../json/json-value';
import { writeJsonBuffer } from '../json/json-writer';
import { brokerAddrsFromJson, brokerAddrsToJson } from './broker-addrs';
import { BodyReader } from './body-fields';

/**
 * GET_BROKER_MEMBER_GROUP (901) reply body; brokerAddrs ids are bare numbers (fastjson default):
 *   {"brokerMemberGroup":{"brokerAddrs":{0:"ip:port",1:"ip:port"},"brokerName":"b","cluster":"c"}}
 */
export interface BrokerMemberGroup {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerAddrs: ReadonlyMap<number, string>;
}

export interface GetBrokerMemberGroupResponseBody {
  readonly brokerMemberGroup: BrokerMemberGroup;
}

const NAME = 'GetBrokerMemberGroupResponseBody';

export const BrokerMemberGroup = {
  toJson(group: BrokerMemberGroup) {
    return { brokerAddrs: brokerAddrsToJson(group.brokerAddrs), brokerName: group.brokerName, cluster: group.cluster };
  },

  fromJson(value: JsonValue, path = '$'): BrokerMemberGroup {
    const fields = BodyReader.of(NAME, value, path);
    return { cluster: fields.string('cluster', ''), brokerName: fields.string('brokerName', ''), brokerAddrs: brokerAddrsFromJson(fields) };
  },
};

export const GetBrokerMemberGroupResponseBody = {
  encode(body: GetBrokerMemberGroupResponseBody): Buffer {
    return writeJsonBuffer({ brokerMemberGroup: BrokerMemberGroup.toJson(body.brokerMemberGroup) });
  },

  decode(bytes: Buffer | string): GetBrokerMemberGroupResponseBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    return { brokerMemberGroup: BrokerMemberGroup.fromJson(fields.raw('brokerMemberGroup') ?? {}, '$.brokerMemberGroup') };
  },
};
