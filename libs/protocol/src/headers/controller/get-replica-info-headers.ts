import { field, type HeaderOf } from '../field';
import { headerCodec } from '../header-codec';

/**
 * CONTROLLER_GET_REPLICA_INFO (1004) request header, a broker's periodic poll:
 *   brokerName  string  required
 */
const GET_REPLICA_INFO_REQUEST_FIELDS = {
  brokerName: field.string(),
};

export type GetReplicaInfoRequestHeader = HeaderOf<typeof GET_REPLICA_INFO_REQUEST_FIELDS>;

export const GetReplicaInfoRequestHeader = headerCodec('GetReplicaInfoRequestHeader', GET_REPLICA_INFO_REQUEST_FIELDS);

/**
 * CONTROLLER_GET_REPLICA_INFO (1004) response header (the body is the SyncStateSet); all
 * optional, absent while the set has no master:
 *   masterBrokerId  long
 *   masterAddress   string
 *   masterEpoch     int
 */
const GET_REPLICA_INFO_RESPONSE_FIELDS = {
  masterBrokerId: field.long().optional(),
  masterAddress: field.string().optional(),
  masterEpoch: field.int().optional(),
};

export type GetReplicaInfoResponseHeader = HeaderOf<typeof GET_REPLICA_INFO_RESPONSE_FIELDS>;

export const GetReplicaInfoResponseHeader = headerCodec('GetReplicaInfoResponseHeader', GET_REPLICA_INFO_RESPONSE_FIELDS);
