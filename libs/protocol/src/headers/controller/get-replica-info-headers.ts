import type { ExtFields } from '../../command/remoting-command';
import { optionalInt, optionalLong, optionalString, requireString, toExtFields } from '../header-fields';

/**
 * CONTROLLER_GET_REPLICA_INFO (1004) request header, a broker's periodic poll:
 *   brokerName  string  required
 */
export interface GetReplicaInfoRequestHeader {
  readonly brokerName: string;
}

const REQUEST = 'GetReplicaInfoRequestHeader';

export const GetReplicaInfoRequestHeader = {
  encode(header: GetReplicaInfoRequestHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): GetReplicaInfoRequestHeader {
    return { brokerName: requireString(ext, 'brokerName', REQUEST) };
  },
};

/**
 * CONTROLLER_GET_REPLICA_INFO (1004) response header (the body is the SyncStateSet); all
 * optional, absent while the set has no master:
 *   masterBrokerId  long
 *   masterAddress   string
 *   masterEpoch     int
 */
export interface GetReplicaInfoResponseHeader {
  readonly masterBrokerId?: number;
  readonly masterAddress?: string;
  readonly masterEpoch?: number;
}

const RESPONSE = 'GetReplicaInfoResponseHeader';

export const GetReplicaInfoResponseHeader = {
  encode(header: GetReplicaInfoResponseHeader): ExtFields {
    return toExtFields({ ...header });
  },

  decode(ext: ExtFields | undefined): GetReplicaInfoResponseHeader {
    return {
      masterBrokerId: optionalLong(ext, 'masterBrokerId', RESPONSE),
      masterAddress: optionalString(ext, 'masterAddress'),
      masterEpoch: optionalInt(ext, 'masterEpoch', RESPONSE),
    };
  },
};
