import { readJson } from '../../json/json-reader';
import { writeJsonBuffer } from '../../json/json-writer';
import { BodyReader } from '../body-fields';
import { BrokerMemberGroup } from '../get-broker-member-group-response-body';
import { brokerIdArray, sortedIds } from './sync-state-set';

/**
 * CONTROLLER_ELECT_MASTER (1002) reply body. On SUCCESS the group's members (controller id →
 * address, ids as bare numbers) and the new set; on MASTER_STILL_EXIST only the current set:
 *   {"brokerMemberGroup":{"brokerAddrs":{1:"10.0.0.1:30911"},"brokerName":"broker-a","cluster":"DefaultCluster"},"syncStateSet":[1]}
 */
export interface ElectMasterResponseBody {
  readonly brokerMemberGroup?: BrokerMemberGroup;
  readonly syncStateSet: readonly number[];
}

const NAME = 'ElectMasterResponseBody';

export const ElectMasterResponseBody = {
  encode(body: ElectMasterResponseBody): Buffer {
    return writeJsonBuffer({
      brokerMemberGroup: body.brokerMemberGroup === undefined ? undefined : BrokerMemberGroup.toJson(body.brokerMemberGroup),
      syncStateSet: sortedIds(body.syncStateSet),
    });
  },

  decode(bytes: Buffer | string): ElectMasterResponseBody {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const group = fields.raw('brokerMemberGroup');
    return {
      brokerMemberGroup: group === undefined || group === null ? undefined : BrokerMemberGroup.fromJson(group, '$.brokerMemberGroup'),
      syncStateSet: brokerIdArray(fields, 'syncStateSet'),
    };
  },
};
